// Progressive enhancement of the observatory's pages. Every page is complete without this
// script; with it, tables sort, dimensions can be hidden, and where the site carries the
// WebAssembly widget and is served over http(s), the widget takes the place of the static
// tables it duplicates. The script makes no request outside the site.
(function () {
  "use strict";

  var lang = document.documentElement.lang || "en";

  /** Sorts the rows of `table` by column `index`. */
  function sortTable(table, index, type, descending) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var collator = new Intl.Collator(lang);
    function key(row) {
      var cell = row.cells[index];
      var value = cell ? cell.getAttribute("data-sort") || cell.textContent : "";
      return type === "number" ? parseFloat(value) : value.trim();
    }
    rows.sort(function (a, b) {
      var x = key(a);
      var y = key(b);
      var order = type === "number" ? x - y : collator.compare(x, y);
      return descending ? -order : order;
    });
    rows.forEach(function (row) {
      body.appendChild(row);
    });
  }

  /** Turns the headers of sortable tables into buttons. */
  function enableSorting() {
    document.querySelectorAll("table[data-sortable]").forEach(function (table) {
      var headers = table.tHead ? table.tHead.rows[0].cells : [];
      Array.prototype.forEach.call(headers, function (header, index) {
        var type = header.getAttribute("data-sort-type");
        if (!type) return;
        var button = document.createElement("button");
        button.type = "button";
        while (header.firstChild) button.appendChild(header.firstChild);
        header.appendChild(button);
        button.addEventListener("click", function () {
          var descending = header.getAttribute("aria-sort") === "ascending";
          Array.prototype.forEach.call(headers, function (other) {
            other.removeAttribute("aria-sort");
          });
          header.setAttribute("aria-sort", descending ? "descending" : "ascending");
          sortTable(table, index, type, descending);
        });
      });
    });
  }

  /** Shows the dimension filters and hides the columns of unchecked dimensions. */
  function enableFilters() {
    document.querySelectorAll(".filters[data-filter-for]").forEach(function (filters) {
      filters.hidden = false;
      var boxes = filters.querySelectorAll("input[name=dimension]");
      function apply() {
        var shown = {};
        boxes.forEach(function (box) {
          shown[box.value] = box.checked;
        });
        document.querySelectorAll("[data-dimension]").forEach(function (element) {
          var id = element.getAttribute("data-dimension");
          element.classList.toggle("is-hidden", shown[id] === false);
        });
      }
      boxes.forEach(function (box) {
        box.addEventListener("change", apply);
      });
      apply();
    });
  }

  /** Puts the widget in its slots when the site carries it and is served over http(s). */
  function enableWidget() {
    var meta = document.querySelector('meta[name="openness-widget"]');
    if (!meta || !/^https?:$/.test(location.protocol)) return;
    var slots = document.querySelectorAll(".widget-slot[data-widget]");
    if (!slots.length) return;
    import(new URL(meta.content, document.baseURI).href).then(function () {
      slots.forEach(function (slot) {
        var widget = document.createElement(slot.getAttribute("data-widget"));
        widget.setAttribute("src", slot.getAttribute("data-src"));
        widget.setAttribute("lang", slot.getAttribute("data-lang") || lang);
        if (slot.hasAttribute("data-entity")) widget.setAttribute("entity", slot.getAttribute("data-entity"));
        widget.addEventListener("openness-ready", function () {
          slot.classList.add("widget-ready");
        });
        widget.addEventListener("openness-error", function () {
          widget.remove();
        });
        slot.insertBefore(widget, slot.firstChild);
      });
    }, function () {
      // The static tables stay: they hold the same figures.
    });
  }

  function start() {
    enableSorting();
    enableFilters();
    enableWidget();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
