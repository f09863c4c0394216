// <openness-scorecard> and <openness-ranking>: the observatory's scores on any web page.
//
//   <script type="module" src="https://…/openness/openness-widget.js"></script>
//   <openness-scorecard src="results-2026.json" entity="phn" lang="ar"></openness-scorecard>
//   <openness-ranking src="results-2026.json" lang="fr"></openness-ranking>
//
// The elements only present: every score, rank, tier and commitment comes from the engine's
// results (a results file as the CLI writes it, or assessments scored here by the
// WebAssembly engine), every label from the spec, and numbers are shown as the engine rounded
// them. Data is put in the page as text, never as HTML; links are made only to http(s)
// addresses; nothing is fetched but the addresses given and this package's own files.

import init, { Spec, closest } from "./index.js";
import { rightToLeft, strings } from "./widget-strings.js";

const SVG = "http://www.w3.org/2000/svg";

// ---- Loading, shared by every element of the page ----

let engine;
/** The WebAssembly engine, loaded once. */
function ready() {
  engine ??= init();
  return engine;
}

const texts = new Map();
/** The text at an address, fetched once per page. */
function fetchText(address) {
  const url = new URL(address, document.baseURI).href;
  if (!texts.has(url)) {
    texts.set(
      url,
      fetch(url, { credentials: "same-origin" }).then((response) => {
        if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
        return response.text();
      }),
    );
  }
  return texts.get(url);
}

const specs = new Map();
/** A spec: read from `address`, or the published charter version `version` (latest if none). */
async function loadSpec(address, version) {
  const key = address ? `url:${new URL(address, document.baseURI).href}` : `charter:${version ?? ""}`;
  if (!specs.has(key)) {
    specs.set(
      key,
      (async () => {
        await ready();
        const spec = address
          ? Spec.fromJson(await fetchText(address), address)
          : Spec.charter(version ?? null);
        return { spec, definition: spec.definition() };
      })(),
    );
  }
  return specs.get(key);
}

const scored = new Map();
/** Results of an assessment scored in the browser, once per assessment and spec. */
function scoreAssessment(address, spec, specKey) {
  const key = `${specKey}|${new URL(address, document.baseURI).href}`;
  if (!scored.has(key)) {
    scored.set(
      key,
      fetchText(address).then((text) => {
        const name = new URL(address, document.baseURI).pathname.split("/").pop() || "input";
        const results = spec.score(text, { name });
        try {
          return results.toDocument();
        } finally {
          results.free();
        }
      }),
    );
  }
  return scored.get(key);
}

/** The results document and the spec definition an element shows. */
async function loadData(element) {
  const src = element.getAttribute("src");
  const assessment = element.getAttribute("assessment-src");
  const specAddress = element.getAttribute("spec-src");
  if (element.results) {
    const { spec, definition } = await specFor(element.results, specAddress);
    return { results: element.results, spec, definition };
  }
  if (src) {
    const results = JSON.parse(await fetchText(src));
    const { spec, definition } = await specFor(results, specAddress);
    return { results, spec, definition };
  }
  if (assessment) {
    const { spec, definition } = await loadSpec(specAddress, null);
    const results = await scoreAssessment(assessment, spec, specAddress ?? "charter");
    return { results, spec, definition };
  }
  throw new WidgetError("noData");
}

/** The spec a results document was computed with: `spec-src`, or a published charter. */
async function specFor(results, specAddress) {
  if (specAddress) return loadSpec(specAddress);
  await ready();
  const { specId, specVersion } = results.provenance ?? {};
  // A re-weighted charter keeps the labels of the version it was made from.
  const version = String(specVersion ?? "").split("+")[0];
  if (specId !== Spec.charter().id || !Spec.charterVersions().includes(version)) {
    throw new WidgetError("unknownSpec", { spec: `${specId} ${specVersion}` });
  }
  return loadSpec(null, version);
}

/**
 * A failure with a message of the widget's own, by key of the strings table, and optionally a
 * second sentence that helps to fix it (`hint`: a key and its values).
 */
class WidgetError extends Error {
  constructor(key, values = {}, hint = null) {
    super(key);
    this.key = key;
    this.values = values;
    this.hint = hint;
  }
}

// ---- Words and numbers ----

/** The language of an element: its `lang`, its ancestors', else English. */
function languageOf(element) {
  const lang = element.closest("[lang]")?.getAttribute("lang") || "en";
  return lang.trim() || "en";
}

/** Words, labels and number formats in one language. */
class Words {
  constructor(lang, decimals) {
    this.lang = lang;
    this.base = lang.toLowerCase().split("-")[0];
    this.dir = rightToLeft.has(this.base) ? "rtl" : "ltr";
    this.table = strings[this.base] ?? strings.en;
    let locale = lang;
    try {
      new Intl.NumberFormat(locale);
    } catch {
      locale = "en";
    }
    this.locale = locale;
    this.numbers = new Intl.NumberFormat(locale, {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    });
    this.integers = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    this.dates = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
  }

  /** A string of the widget's own table, with `{name}` values put in. */
  t(key, values = {}) {
    const template = this.table[key] ?? strings.en[key] ?? key;
    return template.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));
  }

  /** A text of the spec in this language, else English, else any (as the core's Text::get). */
  text(value) {
    if (value === null || typeof value !== "object") return typeof value === "string" ? value : "";
    return value[this.lang] ?? value[this.base] ?? value.en ?? Object.values(value)[0] ?? "";
  }

  /** A score as the engine rounded it, written for the language; "n/a" when missing. */
  score(rounded) {
    return typeof rounded === "number" && Number.isFinite(rounded)
      ? this.numbers.format(rounded)
      : this.t("na");
  }

  integer(value) {
    return this.integers.format(value);
  }

  /** A `YYYY-MM-DD` date written for the language, or the text as given. */
  date(text) {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(text));
    if (!match) return String(text);
    const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
    return Number.isNaN(date.getTime()) ? String(text) : this.dates.format(date);
  }
}

// ---- Building the DOM: text only ----

/** An element with attributes and children (strings become text nodes). */
function h(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined && value !== false) node.setAttribute(name, String(value));
  }
  node.append(...children.flat().filter((child) => child !== null && child !== undefined && child !== false));
  return node;
}

function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  node.append(...children);
  return node;
}

/** A link to an http(s) address, or the address as plain text when it is anything else. */
function link(address, label) {
  let url = null;
  try {
    url = new URL(String(address));
  } catch {
    // Not an absolute address: shown as text.
  }
  if (url && (url.protocol === "https:" || url.protocol === "http:")) {
    // An address reads left to right, even in an Arabic page.
    const dir = label === undefined ? "ltr" : null;
    return h("a", { href: url.href, rel: "noopener noreferrer nofollow", target: "_blank", dir }, label ?? url.href);
  }
  return h("span", { class: "address", dir: "ltr" }, String(label ?? address));
}

/** The length of a bar for a rounded score, as a share of the scale (0 to 1). */
function share(rounded, max) {
  if (typeof rounded !== "number" || !Number.isFinite(rounded) || max <= 0) return 0;
  return Math.min(1, Math.max(0, rounded / max));
}

/** A horizontal bar, decorative: the number next to it is the text. */
function bar(rounded, max, words) {
  const width = share(rounded, max) * 100;
  const x = words.dir === "rtl" ? 100 - width : 0;
  return svg(
    "svg",
    { class: "bar", viewBox: "0 0 100 8", preserveAspectRatio: "none", "aria-hidden": "true", focusable: "false" },
    svg("rect", { class: "track", x: 0, y: 0, width: 100, height: 8, rx: 2 }),
    svg("rect", { class: "fill", x, y: 0, width, height: 8, rx: 2 }),
  );
}

/** A ring showing the index, with its text alternative. */
function gauge(rounded, max, label, words) {
  const radius = 40;
  const circumference = 2 * Math.PI * radius;
  const filled = share(rounded, max) * circumference;
  const id = `gauge-${Math.random().toString(36).slice(2)}`;
  return svg(
    "svg",
    { class: "gauge", viewBox: "0 0 100 100", role: "img", "aria-labelledby": id },
    svg("title", { id }, label),
    svg("circle", { class: "track", cx: 50, cy: 50, r: radius, fill: "none", "stroke-width": 12 }),
    svg("circle", {
      class: "fill",
      cx: 50,
      cy: 50,
      r: radius,
      fill: "none",
      "stroke-width": 12,
      "stroke-dasharray": `${filled} ${circumference}`,
      // Clockwise from the top, or anticlockwise when the page reads right to left.
      transform: words.dir === "rtl" ? "translate(100 0) scale(-1 1) rotate(-90 50 50)" : "rotate(-90 50 50)",
    }),
    svg("text", { x: 50, y: 50, "text-anchor": "middle", "dominant-baseline": "central", class: "gauge-value" }, words.score(rounded)),
  );
}

// ---- What the spec and the results say ----

/** Lookups into a spec definition: nodes, items and answer labels by id. */
class Labels {
  constructor(definition) {
    this.definition = definition;
    this.nodes = new Map();
    this.items = new Map();
    const visit = (node, parent) => {
      this.nodes.set(node.id, { node, parent });
      for (const element of node.elements ?? []) this.items.set(element.id, { item: element, node, kind: "element" });
      for (const measure of node.measures ?? []) this.items.set(measure.id, { item: measure, node, kind: "measure" });
      for (const child of node.children ?? []) visit(child, node);
    };
    visit(definition.root, null);
    this.scales = new Map((definition.scales ?? []).map((scale) => [scale.id, scale]));
    this.tiers = new Map((definition.tiers?.bands ?? []).map((band, position) => [band.id, { band, position }]));
    // The top of the scale bars are drawn against: the most points an answer can score.
    const points = (definition.scales ?? []).flatMap((scale) => scale.options.map((o) => o.points ?? 0));
    this.max = Math.max(100, ...points.filter(Number.isFinite));
  }

  /** The label of an answer code, from the item's scale. */
  answer(itemId, code) {
    const entry = this.items.get(itemId);
    if (!entry || code === null || code === undefined) return null;
    const scaleId = entry.kind === "element" ? entry.item.scale ?? this.definition.defaultScale : entry.item.codes;
    const option = this.scales.get(scaleId)?.options.find((o) => o.code === code);
    return option?.label ?? null;
  }

  /** The item's name: a measure's name, an element's question. */
  itemName(itemId) {
    const entry = this.items.get(itemId);
    return entry ? entry.item.name ?? entry.item.question ?? null : null;
  }
}

function statusText(status, words) {
  if (status === "insufficientData") return words.t("insufficientData");
  if (status === "notScored") return words.t("notScored");
  return null;
}

function entityName(entity, words) {
  return words.text(entity.name) || entity.abbreviation || entity.id;
}

// ---- An id not in the results: the one meant, or the ones there are ----

/** How many ids a message lists at most, as the engine's own lists (core/src/suggest.rs). */
const LISTED = 12;

/**
 * After "no such entity": the id most like the one asked (the engine's rule, as in the CLI's
 * "did you mean"), else every id when they are few. The engine is loaded by then: every
 * element reads its spec through it before rendering.
 */
function entityHint(wanted, entities, words) {
  const ids = entities.map((entity) => String(entity.id));
  const near = closest(wanted, ids);
  if (near != null) return ["didYouMean", { id: isolate(near) }];
  if (ids.length === 0 || ids.length > LISTED) return null;
  return ["idsAre", { ids: ids.map(isolate).join(words.t("listSeparator")) }];
}

/**
 * An id inside a sentence, between first-strong isolate marks: a Latin id keeps its letters
 * in order in an Arabic sentence (and the reverse), and a list of ids reads in the sentence's
 * direction. Plain characters, so messages stay text.
 */
function isolate(id) {
  return `\u2068${id}\u2069`;
}

// ---- Styles: one sheet per element class, adopted (allowed under a strict CSP) ----

const baseStyle = `
:host { display: block; font-family: var(--openness-font-family, inherit); color: var(--openness-color, inherit);
  background: var(--openness-background, transparent); line-height: 1.45; }
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
.root { border: 1px solid var(--openness-border, #d0d7de); border-radius: var(--openness-radius, 8px); padding: 1rem; }
h2, h3 { margin: 0 0 .5rem; line-height: 1.25; }
h2 { font-size: var(--openness-title-size, 1.25rem); }
h3 { font-size: 1rem; margin-top: 1rem; }
.muted, caption { color: var(--openness-muted, #57606a); }
.badge { display: inline-block; font-size: .8rem; border: 1px solid currentColor; border-radius: 999px; padding: 0 .5rem; margin-inline-start: .5rem; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: start; font-size: .9rem; padding-bottom: .25rem; }
th, td { text-align: start; padding: .3rem .5rem; border-bottom: 1px solid var(--openness-border, #d0d7de); vertical-align: middle; }
thead th { font-size: .85rem; }
td.number, th.number { text-align: end; font-variant-numeric: tabular-nums; white-space: nowrap; }
.bar { display: block; width: 100%; min-width: 3rem; height: var(--openness-bar-height, .6rem); }
.bar .track, .gauge .track { fill: var(--openness-track, #e6e8eb); stroke: var(--openness-track, #e6e8eb); }
.bar .fill { fill: var(--openness-accent, #0b6bcb); }
.gauge .track { fill: none; }
.gauge .fill { stroke: var(--openness-accent, #0b6bcb); }
.gauge-value { fill: currentColor; font-size: 22px; font-weight: 700; }
a { color: var(--openness-link, #0b57d0); }
a:focus-visible, button:focus-visible, summary:focus-visible, [tabindex]:focus-visible {
  outline: 3px solid var(--openness-focus, #0b57d0); outline-offset: 2px; }
.alert { margin: 0; }
.score-cell { display: grid; grid-template-columns: 2.5rem minmax(3rem, 1fr); gap: .4rem; align-items: center; }
.score-cell .value { text-align: end; font-variant-numeric: tabular-nums; }
.scroll { overflow-x: auto; }
`;

const scorecardStyle = `
.head { display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; }
.gauge { width: var(--openness-gauge-size, 6.5rem); height: var(--openness-gauge-size, 6.5rem); flex: none; }
.summary p { margin: .15rem 0; }
.tier-label { font-weight: 700; }
tr.dimension th { font-weight: 700; }
tr.indicator th { font-weight: 400; padding-inline-start: 1.5rem; }
td.chart { width: 40%; }
details { border-bottom: 1px solid var(--openness-border, #d0d7de); padding: .35rem 0; }
summary { cursor: pointer; }
ul { margin: .35rem 0; padding-inline-start: 1.25rem; }
li { margin: .35rem 0; }
.answer { font-weight: 700; }
.links a, .links .address { margin-inline-end: .75rem; overflow-wrap: anywhere; }
.met { color: var(--openness-met, #1a7f37); font-weight: 700; }
.not-met { color: var(--openness-not-met, #b42318); font-weight: 700; }
`;

const rankingStyle = `
th button { font: inherit; font-weight: 700; background: none; border: 0; padding: .15rem 0; color: inherit; cursor: pointer; text-align: start; }
th button .arrow { display: inline-block; min-width: 1em; }
td.cell-bar { min-width: 7rem; }
th.rank { white-space: normal; min-width: 4rem; }
`;

const sheets = new Map();
function adopt(root, ...css) {
  const key = css.join("\n");
  if ("adoptedStyleSheets" in root && typeof CSSStyleSheet === "function") {
    if (!sheets.has(key)) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(key);
      sheets.set(key, sheet);
    }
    root.adoptedStyleSheets = [sheets.get(key)];
  } else {
    // Older browsers only: an inline <style>, which a strict CSP would refuse.
    root.append(h("style", {}, key));
  }
}

// ---- The elements ----

/** What the two elements share: attributes, loading, errors. */
class OpennessElement extends HTMLElement {
  static observedAttributes = ["src", "assessment-src", "spec-src", "entity", "lang", "show", "sort"];

  #results = null;
  #generation = 0;
  #connected = false;

  constructor() {
    super();
    this.attachShadow({ mode: "open" });
  }

  /** A results document set from script, instead of `src`. */
  get results() {
    return this.#results;
  }

  set results(document) {
    this.#results = document;
    this.refresh();
  }

  connectedCallback() {
    this.#connected = true;
    this.refresh();
  }

  disconnectedCallback() {
    this.#connected = false;
  }

  attributeChangedCallback(_name, before, after) {
    if (before !== after && this.#connected) this.refresh();
  }

  /** Which parts to show: the `show` attribute's words, or every part. */
  parts(all) {
    const asked = (this.getAttribute("show") ?? "").split(/\s+/).filter(Boolean);
    return new Set(asked.length ? asked.filter((part) => all.includes(part)) : all);
  }

  async refresh() {
    const generation = ++this.#generation;
    const loadingWords = new Words(languageOf(this), 0);
    if (!this.shadowRoot.firstChild) {
      this.shadowRoot.append(h("p", { class: "muted", role: "status" }, loadingWords.t("loading")));
    }
    try {
      const data = await loadData(this);
      if (generation !== this.#generation) return;
      const words = new Words(languageOf(this), Number(data.results.decimals) || 0);
      const root = h("div", { class: "root", lang: words.lang, dir: words.dir, part: "root" });
      this.render(root, data, words);
      this.shadowRoot.replaceChildren(root);
      this.adoptStyles();
      this.dispatchEvent(new CustomEvent("openness-ready", { bubbles: true, composed: true }));
    } catch (error) {
      if (generation !== this.#generation) return;
      const words = loadingWords;
      const ours = error instanceof WidgetError;
      let message = ours ? words.t(error.key, error.values) : words.t("failed");
      if (ours && error.hint) message += ` ${words.t(...error.hint)}`;
      const root = h("div", { class: "root", lang: words.lang, dir: words.dir, part: "root" },
        h("p", { class: "alert", role: "alert" }, message));
      if (!ours) root.append(h("p", { class: "muted" }, String(error?.message ?? error)));
      this.shadowRoot.replaceChildren(root);
      this.adoptStyles();
      this.dispatchEvent(new CustomEvent("openness-error", { bubbles: true, composed: true, detail: { error } }));
    }
  }
}

/** One entity's scores: index, tier, dimensions and indicators, evidence, commitments. */
class OpennessScorecard extends OpennessElement {
  static parts = ["index", "tier", "dimensions", "indicators", "evidence", "commitments"];

  adoptStyles() {
    adopt(this.shadowRoot, baseStyle, scorecardStyle);
  }

  render(root, { results, definition }, words) {
    const labels = new Labels(definition);
    const wanted = this.getAttribute("entity");
    const entities = results.entities ?? [];
    const entity = wanted === null ? entities[0] : entities.find((e) => e.id === wanted);
    const entityWord = words.text(definition.entityLabel) || words.t("entity");
    if (!entity) {
      const asked = wanted ?? "";
      const hint = entityHint(asked, entities, words);
      throw new WidgetError("noEntity", { entity: entityWord, id: isolate(asked) }, hint);
    }
    const show = this.parts(OpennessScorecard.parts);
    const nodes = new Map((entity.nodes ?? []).map((node) => [node.id, node]));
    const name = entityName(entity, words);

    // Names are isolated, so that a Latin name in an Arabic page (or the reverse) keeps its order.
    const title = h("h2", {}, h("bdi", {}, name));
    if (entity.abbreviation && entity.abbreviation !== name) title.append(` (${entity.abbreviation})`);
    if (entity.fictional) title.append(h("span", { class: "badge" }, words.t("fictional")));
    root.append(title);

    const head = h("div", { class: "head" });
    const summary = h("div", { class: "summary" });
    const tierBand = labels.tiers.get(entity.tier)?.band;
    if (show.has("index")) {
      const scoreText = words.t("outOf", { score: words.score(entity.rounded), max: words.integer(labels.max) });
      const tierText = tierBand ? ` · ${words.text(tierBand.label)}` : "";
      head.append(gauge(entity.rounded, labels.max, `${words.text(definition.root.name)}: ${scoreText}${tierText}`, words));
      summary.append(h("p", {}, `${words.text(definition.root.name)}: `, h("strong", {}, words.score(entity.rounded))));
      const status = statusText(entity.status, words);
      if (status) summary.append(h("p", { class: "muted" }, status));
      const ranked = entities.filter((e) => typeof e.rank === "number").length;
      summary.append(h("p", {}, typeof entity.rank === "number"
        ? words.t("rankOf", { rank: words.integer(entity.rank), count: words.integer(ranked) })
        : words.t("unranked")));
    }
    if (show.has("tier") && tierBand) {
      summary.append(h("p", {}, `${words.t("tier")}: `, h("span", { class: "tier-label" }, words.text(tierBand.label))));
      const description = words.text(tierBand.description);
      if (description) summary.append(h("p", { class: "muted" }, description));
    }
    if (head.childNodes.length || summary.childNodes.length) {
      head.append(summary);
      root.append(head);
    }

    if (show.has("dimensions") || show.has("indicators")) root.append(this.tree(labels, nodes, show, words));
    if (show.has("evidence")) root.append(...this.evidence(labels, entity, nodes, words));
    if (show.has("commitments") && (entity.commitments ?? []).length) {
      root.append(...this.commitments(definition, labels, entity, words));
    }
  }

  /** The dimensions and their indicators: a table whose score cells hold bars. */
  tree(labels, nodes, show, words) {
    const definition = labels.definition;
    const levelName = (id) => words.text((definition.levels ?? []).find((level) => level.id === id)?.name);
    const dimensions = definition.root.children ?? [];
    const first = dimensions[0];
    const caption = [first?.level, first?.children?.[0]?.level].filter(Boolean).map(levelName).filter(Boolean);
    const body = h("tbody");
    for (const dimension of dimensions) {
      if (show.has("dimensions")) body.append(this.row(dimension, nodes.get(dimension.id), "dimension", labels, words));
      if (show.has("indicators")) {
        for (const indicator of dimension.children ?? []) {
          body.append(this.row(indicator, nodes.get(indicator.id), "indicator", labels, words));
        }
      }
    }
    return h("table", { class: "tree" },
      h("caption", {}, caption.join(" · ")),
      h("thead", {}, h("tr", {},
        h("th", { scope: "col" }, words.text(definition.root.name)),
        h("th", { scope: "col" }, words.t("score")),
        h("th", { scope: "col" }, words.t("tier")))),
      body);
  }

  row(node, scores, kind, labels, words) {
    const rounded = scores?.rounded ?? null;
    const tier = labels.tiers.get(scores?.tier)?.band;
    const status = statusText(scores?.status, words);
    return h("tr", { class: kind },
      h("th", { scope: "row" }, `${node.id} · ${words.text(node.name)}`),
      h("td", { class: "chart" }, h("div", { class: "score-cell" },
        h("span", { class: "value" }, words.score(rounded)), bar(rounded, labels.max, words))),
      h("td", {}, tier ? words.text(tier.label) : status ?? ""));
  }

  /** For each indicator, its items: answer, points and the evidence links. */
  evidence(labels, entity, nodes, words) {
    const byNode = new Map();
    for (const item of entity.items ?? []) {
      const node = labels.items.get(item.id)?.node.id;
      if (!node) continue;
      if (!byNode.has(node)) byNode.set(node, []);
      byNode.get(node).push(item);
    }
    const sections = [h("h3", {}, words.t("evidence"))];
    for (const [nodeId, items] of byNode) {
      const node = labels.nodes.get(nodeId)?.node;
      const list = h("ul", {});
      for (const item of items) list.append(this.itemEntry(item, labels, words));
      sections.push(h("details", {},
        h("summary", {}, `${nodeId} · ${words.text(node?.name)} — ${words.score(nodes.get(nodeId)?.rounded ?? null)}`),
        list));
    }
    return sections;
  }

  itemEntry(item, labels, words) {
    const answer = labels.answer(item.id, item.answer);
    const given = answer ? words.text(answer)
      : typeof item.value === "number" ? words.integer(item.value) : words.t("noAnswer");
    const entry = h("li", {},
      h("span", { class: "item" }, `${item.id}${item.unit ? ` (${item.unit})` : ""} · ${words.text(labels.itemName(item.id))}`),
      h("br"),
      `${words.t("answer")}: `, h("span", { class: "answer" }, given),
      ` · ${words.t("score")}: ${words.score(item.points)}`);
    const evidence = item.evidence;
    if (evidence) {
      const links = h("div", { class: "links" });
      for (const address of evidence.urls ?? []) links.append(link(address));
      if (evidence.archivedUrl) links.append(link(evidence.archivedUrl, words.t("archived")));
      if (evidence.checked) links.append(h("span", { class: "muted" }, words.t("checked", { date: words.date(evidence.checked) })));
      if (links.childNodes.length) entry.append(links);
      if (evidence.note) entry.append(h("p", { class: "muted note" }, evidence.note));
    }
    return entry;
  }

  commitments(definition, labels, entity, words) {
    const list = h("ul", { class: "commitments" });
    const texts = new Map((definition.commitments ?? []).map((c) => [c.id, c.text]));
    let met = 0;
    for (const commitment of entity.commitments) {
      if (commitment.met === true) met += 1;
      const state = commitment.met === true ? ["met", "✓", words.t("met")]
        : commitment.met === false ? ["not-met", "✗", words.t("notMet")]
        : ["muted", "–", words.t("na")];
      list.append(h("li", {},
        h("span", { class: state[0] }, h("span", { "aria-hidden": "true" }, `${state[1]} `), state[2]),
        ` · ${words.text(texts.get(commitment.id)) || commitment.id}`));
    }
    return [
      h("h3", {}, words.t("commitments")),
      h("p", {}, words.t("commitmentsMet", { met: words.integer(met), total: words.integer(entity.commitments.length) })),
      list,
    ];
  }
}

/** Every entity: rank, index, tier and dimensions, sortable by any score column. */
class OpennessRanking extends OpennessElement {
  static parts = ["index", "tier", "dimensions"];

  #sort = null;
  #sortAttribute = null;

  adoptStyles() {
    adopt(this.shadowRoot, baseStyle, rankingStyle);
  }

  render(root, { results, definition }, words) {
    // A new `sort` attribute replaces the order chosen by clicking.
    if (this.getAttribute("sort") !== this.#sortAttribute) {
      this.#sortAttribute = this.getAttribute("sort");
      this.#sort = null;
    }
    const labels = new Labels(definition);
    const show = this.parts(OpennessRanking.parts);
    const dimensions = show.has("dimensions") ? definition.root.children ?? [] : [];
    const columns = [];
    if (show.has("index")) columns.push({ key: "index", label: words.text(definition.root.name) });
    for (const dimension of dimensions) columns.push({ key: dimension.id, label: words.text(dimension.name) });
    const keys = new Set(columns.map((c) => c.key));
    const asked = this.#sort ?? { key: this.getAttribute("sort") ?? "index", descending: true };
    const sort = keys.has(asked.key) || asked.key === "name" ? asked : { key: columns[0]?.key ?? "name", descending: true };
    this.#sort = sort;

    const entities = sorted(results.entities ?? [], sort, words);
    const entityWord = words.text(definition.entityLabel) || words.t("entity");
    const title = words.text(definition.title);
    const caption = results.cycle ? words.t("cycle", { title, cycle: results.cycle }) : title;

    // Sorted by a dimension, the rank column shows the ranks on that dimension (as the engine
    // ranked them), and its header says so: a bare "Rank" would read as the index's.
    const byDimension = sort.key !== "index" && sort.key !== "name";
    const rankLabel = byDimension
      ? words.t("rankIn", { column: columns.find((c) => c.key === sort.key).label })
      : words.t("rank");
    const header = h("tr", {}, h("th", { scope: "col", class: "number rank" }, rankLabel));
    header.append(this.sortHeader({ key: "name", label: capitalise(entityWord, words) }, sort, root, words));
    for (const column of columns) {
      header.append(this.sortHeader(column, sort, root, words));
      if (column.key === "index" && show.has("tier")) header.append(h("th", { scope: "col" }, words.t("tier")));
    }

    const body = h("tbody");
    for (const entity of entities) {
      const nodes = new Map((entity.nodes ?? []).map((node) => [node.id, node]));
      // The rank shown is that of the column sorted on (the index's when sorted by name).
      const rank = byDimension ? nodes.get(sort.key)?.rank : entity.rank;
      const row = h("tr", {},
        h("td", { class: "number" }, typeof rank === "number" ? words.integer(rank) : "–"));
      const name = h("th", { scope: "row" }, h("bdi", {}, entityName(entity, words)));
      if (entity.abbreviation) name.append(h("span", { class: "muted" }, ` (${entity.abbreviation})`));
      row.append(name);
      for (const column of columns) {
        const rounded = column.key === "index" ? entity.rounded : nodes.get(column.key)?.rounded ?? null;
        row.append(h("td", { class: "cell-bar" }, h("div", { class: "score-cell" },
          h("span", { class: "value" }, words.score(rounded)), bar(rounded, labels.max, words))));
        if (column.key === "index" && show.has("tier")) {
          const tier = labels.tiers.get(entity.tier)?.band;
          row.append(h("td", {}, tier ? words.text(tier.label) : statusText(entity.status, words) ?? ""));
        }
      }
      body.append(row);
    }
    const table = h("table", {}, h("caption", {}, caption), h("thead", {}, header), body);
    root.append(h("div", { class: "scroll", role: "region", tabindex: "0", "aria-label": words.t("scrollTable") }, table));
  }

  sortHeader(column, sort, root, words) {
    const active = sort.key === column.key;
    const cell = h("th", { scope: "col", "aria-sort": active ? (sort.descending ? "descending" : "ascending") : null });
    const arrow = active ? (sort.descending ? "▼" : "▲") : "";
    const button = h("button", { type: "button", title: words.t("sortBy", { column: column.label }) },
      column.label, " ", h("span", { class: "arrow", "aria-hidden": "true" }, arrow));
    button.addEventListener("click", () => {
      const descending = active ? !sort.descending : column.key !== "name";
      this.#sort = { key: column.key, descending };
      this.refresh().then(() => {
        // Keep the keyboard where it was: on the same column's button.
        const again = [...this.shadowRoot.querySelectorAll("th button")].find((b) => b.firstChild?.textContent === column.label);
        again?.focus();
      });
    });
    cell.append(button);
    return cell;
  }
}

/** Entities in the order asked: by the engine's rank of a score, or by name. Unranked last. */
function sorted(entities, sort, words) {
  const byName = (a, b) => entityName(a, words).localeCompare(entityName(b, words), words.locale);
  if (sort.key === "name") {
    const list = [...entities].sort(byName);
    return sort.descending ? list.reverse() : list;
  }
  const rankOf = (entity) => (sort.key === "index" ? entity.rank : entity.nodes?.find((n) => n.id === sort.key)?.rank);
  const ranked = entities.filter((e) => typeof rankOf(e) === "number");
  const unranked = entities.filter((e) => typeof rankOf(e) !== "number").sort(byName);
  ranked.sort((a, b) => (rankOf(a) - rankOf(b)) * (sort.descending ? 1 : -1) || byName(a, b));
  return [...ranked, ...unranked];
}

function capitalise(text, words) {
  return text ? text.charAt(0).toLocaleUpperCase(words.locale) + text.slice(1) : text;
}

if (!customElements.get("openness-scorecard")) customElements.define("openness-scorecard", OpennessScorecard);
if (!customElements.get("openness-ranking")) customElements.define("openness-ranking", OpennessRanking);

export { OpennessScorecard, OpennessRanking };
