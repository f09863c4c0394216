// The widget in headless Chromium: the example page in Arabic, French and English, a partner's
// page with only the one script tag and the package copied elsewhere (and opened from file://,
// where only its fallback text shows), the rank header and the unknown-id message in each
// language, hostile data rendered inert, no console errors, no Content-Security-Policy
// violations, no request but the page's own files. Screenshots go to tests/artifacts/.
//
// Chromium is Debian's (/usr/bin/chromium, or $CHROMIUM), driven by playwright-core; the
// pages are served by a small static server with a strict CSP that only adds
// 'wasm-unsafe-eval' for the WebAssembly engine.

import assert from "node:assert/strict";
import {
  cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync,
} from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize, sep } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";

import { chromium } from "playwright-core";

const root = fileURLToPath(new URL("../../", import.meta.url));
const artifacts = join(root, "tests", "artifacts");
const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";

const policy = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".wasm": "application/wasm",
};

const demo = JSON.parse(readFileSync(join(root, "examples/widget/demo-results-2026.json"), "utf8"));
const charter = JSON.parse(readFileSync(join(root, "spec/charter/1.0.0/charter.json"), "utf8"));

/** The demonstration results with markup and script addresses where text belongs. */
function hostileResults() {
  const results = structuredClone(demo);
  const entity = results.entities[0];
  entity.name = {
    ar: '<script>window.__pwned = "script"</script>حزب',
    fr: '<img src=x onerror="window.__pwned = \'img\'">Parti',
    en: '<img src=x onerror="window.__pwned = \'img\'"><script>window.__pwned = "script"</script>Party',
  };
  entity.abbreviation = "<b>X</b>";
  const items = entity.items.filter((item) => item.evidence);
  items[0].evidence.urls = ["javascript:window.__pwned='link'", "https://example.org/ok"];
  items[0].evidence.archivedUrl = "JAVASCRIPT:window.__pwned='archive'";
  items[0].evidence.note = '<img src=x onerror="window.__pwned = \'note\'">note';
  items[1].evidence.urls = ["data:text/html,<script>window.__pwned='data'</script>"];
  results.entities[1].id = '<img src=x onerror="window.__pwned = \'id\'">';
  return results;
}

const hostilePage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>hostile data</title><link rel="icon" href="/examples/widget/favicon.svg">
<script type="module" src="/bindings-wasm/pkg/openness-widget.js"></script></head>
<body>
<openness-scorecard id="card" src="/__test__/hostile-results.json" entity="${demo.entities[0].id}" lang="en"></openness-scorecard>
<openness-scorecard id="card-fr" src="/__test__/hostile-results.json" entity="${demo.entities[0].id}" lang="fr" show="evidence"></openness-scorecard>
<openness-ranking id="ranking" src="/__test__/hostile-results.json" lang="ar"></openness-ranking>
<openness-scorecard id="unknown" src="/__test__/hostile-results.json" entity="<b>zzz</b>" lang="ar"></openness-scorecard>
</body></html>`;

/** Rankings sorted by a dimension, and scorecards asked for ids not in the results. */
const messagesPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>ranks and ids</title><link rel="icon" href="/examples/widget/favicon.svg">
<script type="module" src="/bindings-wasm/pkg/openness-widget.js"></script></head>
<body>
<openness-ranking id="rank-ar" src="/examples/widget/demo-results-2026.json" lang="ar" sort="T"></openness-ranking>
<openness-ranking id="rank-fr" src="/examples/widget/demo-results-2026.json" lang="fr" sort="A"></openness-ranking>
<openness-ranking id="rank-en" src="/examples/widget/demo-results-2026.json" lang="en" show="dimensions"></openness-ranking>
<openness-ranking id="rank-index" src="/examples/widget/demo-results-2026.json" lang="fr"></openness-ranking>
<openness-scorecard id="typo-ar" src="/examples/widget/demo-results-2026.json" entity="phnn" lang="ar"></openness-scorecard>
<openness-scorecard id="typo-fr" src="/examples/widget/demo-results-2026.json" entity="phnn" lang="fr"></openness-scorecard>
<openness-scorecard id="case-en" src="/examples/widget/demo-results-2026.json" entity="PHN" lang="en"></openness-scorecard>
<openness-scorecard id="far-ar" src="/examples/widget/demo-results-2026.json" entity="xyz" lang="ar"></openness-scorecard>
<openness-scorecard id="far-en" src="/examples/widget/demo-results-2026.json" entity="xyz" lang="en"></openness-scorecard>
<openness-scorecard id="digits-arab" src="/examples/widget/demo-results-2026.json" entity="phn" lang="ar-u-nu-arab" show="index"></openness-scorecard>
<openness-scorecard id="digits-latn" src="/examples/widget/demo-results-2026.json" entity="phn" lang="ar-EG-u-nu-latn" show="index"></openness-scorecard>
</body></html>`;

/**
 * A partner's page: the one script tag of the package, copied to the partner's own directory
 * (`/partner/openness/`, served from bindings-wasm/pkg/), and the elements. `/broken/` is the
 * same package without its charter files.
 */
const partnerPage = (site) => `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Nos partis</title><link rel="icon" href="/examples/widget/favicon.svg">
<script type="module" src="/${site}/openness/openness-widget.js"></script></head>
<body>
<openness-scorecard id="ar" src="/${site}/data/results-2026.json" entity="phn" lang="ar"></openness-scorecard>
<openness-ranking id="fr" src="/${site}/data/results-2026.json">
  <p>Le classement de la Charte d'ouverture s'affiche ici. <a href="/${site}/news/classement.html">Le voir en tableau</a>.</p>
</openness-ranking>
<openness-ranking id="en" assessment-src="/${site}/data/demo-2026.json" lang="en" show="index tier"></openness-ranking>
</body></html>`;

/** The file a partner's address stands for, or `null` for none (a 404). */
function partnerFile(path) {
  const match = /^\/(partner|broken)\/(openness|data|news)\/([^/]+)$/.exec(path);
  if (!match) return undefined;
  const [, site, directory, file] = match;
  if (directory === "data") {
    const data = { "results-2026.json": "examples/widget/demo-results-2026.json", "demo-2026.json": "examples/data/demo-2026.json" };
    return data[file] ? join(root, data[file]) : null;
  }
  if (directory === "openness" && !(site === "broken" && file.startsWith("charter-"))) {
    return join(root, "bindings-wasm", "pkg", file);
  }
  return null;
}

let server;
let origin;
let profile;
let context;
const requests = [];
const missing = [];

before(async () => {
  server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, "http://localhost").pathname);
    requests.push(path);
    const headers = { "Content-Security-Policy": policy, "X-Content-Type-Options": "nosniff" };
    if (path === "/__test__/hostile.html") {
      response.writeHead(200, { ...headers, "Content-Type": types[".html"] });
      return response.end(hostilePage);
    }
    if (path === "/__test__/messages.html") {
      response.writeHead(200, { ...headers, "Content-Type": types[".html"] });
      return response.end(messagesPage);
    }
    if (path === "/__test__/hostile-results.json") {
      response.writeHead(200, { ...headers, "Content-Type": types[".json"] });
      return response.end(JSON.stringify(hostileResults()));
    }
    if (/^\/(partner|broken)\/news\/scores\.html$/.test(path)) {
      response.writeHead(200, { ...headers, "Content-Type": types[".html"] });
      return response.end(partnerPage(path.split("/")[1]));
    }
    const file = partnerFile(path) === undefined ? normalize(join(root, path)) : partnerFile(path) ?? "";
    if (file && (!file.startsWith(root) || file.split(sep).includes(".."))) {
      response.writeHead(403, headers);
      return response.end();
    }
    try {
      if (!statSync(file).isFile()) throw new Error("not a file");
      response.writeHead(200, { ...headers, "Content-Type": types[extname(file)] ?? "application/octet-stream" });
      response.end(readFileSync(file));
    } catch {
      missing.push(path);
      response.writeHead(404, headers);
      response.end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${server.address().port}`;

  mkdirSync(artifacts, { recursive: true });
  profile = mkdtempSync(join(tmpdir(), "openness-chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    viewport: { width: 1100, height: 900 },
  });
});

after(async () => {
  await context?.close();
  await new Promise((resolve) => server?.close(resolve));
  if (profile) rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
});

/** Opens a page, recording console errors, page errors, CSP violations, dialogs, requests. */
async function open(path) {
  const page = await context.newPage();
  const problems = [];
  const seen = [];
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("dialog", async (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    await dialog.dismiss();
  });
  page.on("request", (request) => seen.push(request.url()));
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  await page.goto(origin + path);
  await page.waitForFunction(() => {
    const elements = [...document.querySelectorAll("openness-scorecard, openness-ranking")];
    return elements.length > 0 && elements.every((element) => element.shadowRoot?.querySelector(".root"));
  });
  return { page, problems, seen };
}

/** Text of an element's shadow root, and facts about what it holds. */
function inspect(page, selector) {
  return page.$eval(selector, (element) => {
    const root = element.shadowRoot.querySelector(".root");
    return {
      text: root.textContent,
      dir: root.getAttribute("dir"),
      lang: root.getAttribute("lang"),
      alert: root.querySelector("[role=alert]")?.textContent ?? null,
      headers: [...root.querySelectorAll("thead th")].map((th) => ({
        text: th.textContent,
        scope: th.getAttribute("scope"),
        sort: th.getAttribute("aria-sort"),
      })),
      ranks: [...root.querySelectorAll("tbody tr")].map((row) => row.querySelector("td")?.textContent),
      rows: [...root.querySelectorAll("tbody tr")].map((row) => row.querySelector("th")?.textContent ?? ""),
      links: [...root.querySelectorAll("a")].map((a) => a.getAttribute("href")),
      markup: root.querySelectorAll("script, img, iframe, object, embed, b").length,
      svgs: [...root.querySelectorAll("svg")].map((svg) => ({
        hidden: svg.getAttribute("aria-hidden"),
        role: svg.getAttribute("role"),
        title: svg.querySelector("title")?.textContent ?? null,
      })),
      tables: root.querySelectorAll("table").length,
    };
  });
}

function name(entity, lang) {
  return entity.name[lang] ?? entity.name.en;
}

function entity(id) {
  return demo.entities.find((e) => e.id === id);
}

async function checkClean(page, problems, seen) {
  assert.deepEqual(await page.evaluate(() => window.__violations), [], "CSP violations");
  assert.deepEqual(problems, [], `console errors, page errors or dialogs (not found: ${missing.join(", ")})`);
  for (const url of seen) assert.ok(url.startsWith(`${origin}/`), `request to another origin: ${url}`);
}

test("the example page renders the three languages", async () => {
  const { page, problems, seen } = await open("/examples/widget/index.html");
  const expected = (lang, n) => page.evaluate(([l, v]) => new Intl.NumberFormat(l, { maximumFractionDigits: 0 }).format(v), [lang, n]);

  // Arabic: right to left, Arabic labels from the spec, numbers written for Arabic.
  const phn = entity("phn");
  const ar = await inspect(page, "#ar openness-scorecard");
  assert.equal(ar.dir, "rtl");
  assert.equal(ar.lang, "ar");
  assert.equal(ar.alert, null);
  assert.ok(ar.text.includes(name(phn, "ar")), "the party's Arabic name");
  assert.ok(ar.text.includes(charter.root.children[0].name.ar), "a dimension's Arabic name");
  assert.ok(ar.text.includes(charter.root.children[0].children[0].name.ar), "an indicator's Arabic name");
  const tier = charter.tiers.bands.find((band) => band.id === phn.tier);
  assert.ok(ar.text.includes(tier.label.ar), "the tier's Arabic label");
  const arIndex = await expected("ar", phn.rounded);
  assert.ok(ar.text.includes(arIndex), "the index written for Arabic");
  assert.ok(ar.links.length > 0 && ar.links.every((href) => /^https?:/.test(href)), "evidence links");
  assert.ok(ar.svgs.some((s) => s.role === "img" && s.title?.includes(arIndex)), "the gauge's text alternative");
  assert.ok(ar.svgs.filter((s) => s.role !== "img").every((s) => s.hidden === "true"), "decorative bars hidden");
  const arRanking = await inspect(page, "#ar openness-ranking");
  assert.equal(arRanking.dir, "rtl");
  assert.equal(arRanking.tables, 1);
  assert.equal(arRanking.rows.length, demo.entities.length);
  assert.ok(arRanking.rows[0].includes(name(demo.entities[0], "ar")));

  // French: a party with insufficient data shows "n.d.", never 0, and is not ranked.
  const src = entity("src");
  assert.equal(src.rounded, null, "the demo's new party has no index");
  const fr = await inspect(page, "#fr openness-scorecard");
  assert.equal(fr.dir, "ltr");
  assert.ok(fr.text.includes(name(src, "fr")));
  assert.ok(fr.text.includes("n.d."), "n/a in French");
  assert.ok(fr.text.includes("Données insuffisantes"));
  assert.ok(fr.text.includes("Non classé"));
  assert.ok(fr.text.includes(charter.root.children[0].name.fr));
  // Sorted by the Transparency dimension, as the `sort` attribute asks: the engine's ranks.
  const frRanking = await inspect(page, "#fr openness-ranking");
  const byT = demo.entities
    .filter((e) => typeof e.nodes.find((n) => n.id === "T").rank === "number")
    .sort((a, b) => a.nodes.find((n) => n.id === "T").rank - b.nodes.find((n) => n.id === "T").rank);
  assert.ok(frRanking.rows[0].includes(name(byT[0], "fr")));

  // English: a signatory meeting no commitment.
  const phr = entity("phr");
  const en = await inspect(page, "#en openness-scorecard");
  assert.ok(en.text.includes(name(phr, "en")));
  assert.ok(en.text.includes(`0 of ${phr.commitments.length} commitments met`));
  assert.ok(!en.text.includes("Evidence"), "the evidence part is not asked for");
  const enRanking = await inspect(page, "#en openness-ranking");
  assert.deepEqual(
    enRanking.rows.map((row) => row.replace(/ \(.*\)$/, "")),
    demo.entities.map((e) => name(e, "en")),
    "ranking order as the engine ranked them",
  );
  assert.ok(enRanking.text.includes("n/a"));

  // Scored in the browser: the same ranking as the results file.
  const browser = await inspect(page, "#browser openness-ranking");
  assert.equal(browser.alert, null, browser.text);
  assert.deepEqual(browser.rows, enRanking.rows);

  for (const id of ["ar", "fr", "en", "browser"]) {
    await page.locator(`#${id}`).screenshot({ path: join(artifacts, `widget-${id}.png`) });
  }
  await checkClean(page, problems, seen);
  const paths = new Set(seen.map((url) => new URL(url).pathname));
  for (const path of paths) {
    assert.ok(
      path.startsWith("/bindings-wasm/pkg/") || path.startsWith("/examples/widget/") || path === "/examples/data/demo-2026.json",
      `unexpected request: ${path}`,
    );
  }
  await page.close();
});

test("a partner's page with the one script tag renders scores, finding the package's files", async () => {
  const { page, problems, seen } = await open("/partner/news/scores.html");

  // The charter's labels come from the file beside the module, which init found by itself.
  const phn = entity("phn");
  const ar = await inspect(page, "#ar");
  assert.equal(ar.alert, null, ar.text);
  assert.equal(ar.dir, "rtl");
  assert.ok(ar.text.includes(name(phn, "ar")), "the party's Arabic name");
  assert.ok(ar.text.includes(charter.root.children[0].name.ar), "a dimension's Arabic name");
  const arIndex = await page.evaluate((v) => new Intl.NumberFormat("ar", { maximumFractionDigits: 0 }).format(v), phn.rounded);
  assert.ok(ar.text.includes(arIndex), "the index written for Arabic");

  // French from the page's language; English scored in the browser, in the engine's order.
  const fr = await inspect(page, "#fr");
  assert.equal(fr.lang, "fr");
  assert.equal(fr.rows.length, demo.entities.length);
  assert.ok(fr.text.includes(charter.root.name.fr));
  const en = await inspect(page, "#en");
  assert.equal(en.alert, null, en.text);
  assert.deepEqual(
    en.rows.map((row) => row.replace(/ \(.*\)$/, "")),
    demo.entities.map((e) => name(e, "en")),
  );

  await page.screenshot({ path: join(artifacts, "widget-partner.png"), fullPage: true });
  await checkClean(page, problems, seen);
  const paths = new Set(seen.map((url) => new URL(url).pathname));
  for (const file of ["openness_wasm_bg.wasm", "charter-1.0.0.json"]) {
    assert.ok(paths.has(`/partner/openness/${file}`), `${file} fetched beside the module`);
  }
  for (const path of paths) {
    assert.ok(/^\/(partner\/|examples\/widget\/favicon)/.test(path), `unexpected request: ${path}`);
  }
  await page.close();
});

test("a charter file that cannot be fetched is named in the widget's error", async () => {
  const { page } = await open("/broken/news/scores.html");
  const address = `${origin}/broken/openness/charter-1.0.0.json`;
  for (const selector of ["#ar", "#fr", "#en"]) {
    const shown = await inspect(page, selector);
    assert.ok(shown.alert, `${selector}: an alert`);
    assert.ok(
      shown.text.includes(`the file of charter version \`1.0.0\` could not be fetched from ${address}: HTTP 404`),
      `${selector}: ${shown.text}`,
    );
  }
  assert.equal((await inspect(page, "#ar")).dir, "rtl", "the Arabic alert is laid out right to left");
  await page.close();
});

test("the ranking sorts from the keyboard", async () => {
  const { page, problems, seen } = await open("/examples/widget/index.html#en");
  const ranking = page.locator("#en openness-ranking");
  const button = ranking.locator("th button", { hasText: charter.root.children[1].name.en });
  await button.focus();
  await page.keyboard.press("Enter");
  await page.waitForFunction(
    (label) => [...document.querySelector("#en openness-ranking").shadowRoot.querySelectorAll("th[aria-sort]")]
      .some((th) => th.textContent.includes(label) && th.getAttribute("aria-sort") === "descending"),
    charter.root.children[1].name.en,
  );
  const dimension = charter.root.children[1].id;
  const rankOf = (e) => e.nodes.find((n) => n.id === dimension).rank;
  const expected = demo.entities
    .filter((e) => typeof rankOf(e) === "number")
    .sort((a, b) => rankOf(a) - rankOf(b) || name(a, "en").localeCompare(name(b, "en")))
    .map((e) => name(e, "en"));
  const rows = (await inspect(page, "#en openness-ranking")).rows.map((row) => row.replace(/ \(.*\)$/, ""));
  assert.deepEqual(rows.slice(0, expected.length), expected);
  // The focus stays on the column's button, so a second Enter reverses the order.
  assert.equal(await page.evaluate(() => document.querySelector("#en openness-ranking").shadowRoot.activeElement?.tagName), "BUTTON");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => [...document.querySelector("#en openness-ranking").shadowRoot.querySelectorAll("th[aria-sort]")]
    .some((th) => th.getAttribute("aria-sort") === "ascending"));
  await ranking.screenshot({ path: join(artifacts, "widget-sorted.png") });
  await checkClean(page, problems, seen);
  await page.close();
});

test("hostile data is shown as text and never run", async () => {
  const { page, problems, seen } = await open("/__test__/hostile.html");
  for (const selector of ["#card", "#card-fr", "#ranking"]) {
    const shown = await inspect(page, selector);
    assert.equal(shown.alert, null, shown.text);
    assert.equal(shown.markup, 0, `${selector}: markup became elements`);
    for (const href of shown.links) assert.match(href, /^https?:\/\//, `${selector}: link ${href}`);
  }
  const card = await inspect(page, "#card");
  assert.ok(card.text.includes("<script>window.__pwned"), "script markup shown literally");
  assert.ok(card.text.includes("<img src=x onerror="), "img markup shown literally");
  const evidence = await inspect(page, "#card-fr");
  assert.ok(evidence.text.includes("javascript:window.__pwned='link'"), "a javascript: address shown as text");
  assert.ok(evidence.links.includes("https://example.org/ok"));
  const ranking = await inspect(page, "#ranking");
  assert.ok(ranking.text.includes("<script>"));
  // An id asked for and the ids listed in the message are text too.
  const unknown = await inspect(page, "#unknown");
  assert.equal(unknown.markup, 0, "#unknown: markup became elements");
  assert.ok(unknown.alert?.includes("<b>zzz</b>"), unknown.text);
  assert.ok(unknown.alert.includes(`<img src=x onerror="window.__pwned = 'id'">`), unknown.text);
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__pwned), undefined, "injected code ran");
  await page.screenshot({ path: join(artifacts, "widget-hostile.png"), fullPage: true });
  await checkClean(page, problems, seen);
  await page.close();
});

/** Text without the first-strong isolate marks the widget puts around ids. */
function plain(text) {
  return text.replace(/[\u2066-\u2069]/g, "");
}

test("the rank column's header says which score the ranks are of", async () => {
  const { page, problems, seen } = await open("/__test__/messages.html");
  // Ranks as the page writes them for a language; "–" for none.
  const format = (lang, values) => page.evaluate(([l, v]) => {
    const integers = new Intl.NumberFormat(l, { maximumFractionDigits: 0 });
    return v.map((n) => (n === null ? "–" : integers.format(n)));
  }, [lang, values]);
  const ranksOn = (dimension) => (e) => e.nodes.find((n) => n.id === dimension).rank;

  // Sorted by a dimension (the README's `sort="T"`): that dimension's ranks, under a header
  // naming it.
  for (const [selector, lang, dimension, header] of [
    ["#rank-ar", "ar", "T", "الرتبة في الشفافية"],
    ["#rank-fr", "fr", "A", "Rang (Redevabilité)"],
    // Without the index column, the first dimension is sorted on.
    ["#rank-en", "en", "T", "Rank in Transparency"],
  ]) {
    const shown = await inspect(page, selector);
    assert.equal(shown.alert, null, shown.text);
    assert.deepEqual(shown.headers[0], { text: header, scope: "col", sort: null }, selector);
    const rankOf = ranksOn(dimension);
    const ranks = demo.entities.map(rankOf).filter((rank) => typeof rank === "number");
    ranks.sort((a, b) => a - b);
    assert.deepEqual(shown.ranks.slice(0, ranks.length), await format(lang, ranks), selector);
    const sorted = shown.headers.find((th) => th.sort === "descending");
    const label = charter.root.children.find((d) => d.id === dimension).name[lang];
    assert.ok(sorted?.text.includes(label), selector);
  }

  // Sorted by the index, or by name after a click: the index's ranks, under a bare "Rang".
  const index = await inspect(page, "#rank-index");
  assert.equal(index.headers[0].text, "Rang");
  assert.deepEqual(index.ranks, await format("fr", demo.entities.map((e) => e.rank)));
  const ranking = page.locator("#rank-ar");
  await ranking.locator("th button", { hasText: charter.entityLabel.ar }).click();
  await page.waitForFunction(
    () => document.querySelector("#rank-ar").shadowRoot.querySelector("thead th").textContent === "الرتبة",
  );
  await ranking.screenshot({ path: join(artifacts, "widget-rank-header-ar.png") });
  await page.locator("#rank-fr").screenshot({ path: join(artifacts, "widget-rank-header-fr.png") });
  await checkClean(page, problems, seen);
  await page.close();
});

test("an id not in the results names the closest id, or the ids there are", async () => {
  const { page, problems, seen } = await open("/__test__/messages.html");
  const ids = demo.entities.map((e) => e.id);
  const expected = {
    "#typo-ar": "لا يوجد حزب بالمعرّف «phnn» في هذه النتائج. هل تقصد «phn»؟",
    "#typo-fr": "Aucun parti « phnn » dans ces résultats. Vouliez-vous dire « phn » ?",
    "#case-en": "There is no party “PHN” in these results. Did you mean “phn”?",
    "#far-ar": "لا يوجد حزب بالمعرّف «xyz» في هذه النتائج. "
      + `المعرّفات الموجودة في هذه النتائج: ${ids.join("، ")}.`,
    "#far-en": `There is no party “xyz” in these results. The ids in these results: ${ids.join(", ")}.`,
  };
  for (const [selector, message] of Object.entries(expected)) {
    const shown = await inspect(page, selector);
    assert.equal(plain(shown.alert ?? ""), message, selector);
    assert.equal(shown.dir, selector.endsWith("-ar") ? "rtl" : "ltr", selector);
  }
  // Each id is isolated, so that in Arabic the Latin ids keep their order and the list its own.
  const list = (await inspect(page, "#far-ar")).alert;
  assert.ok(list.includes(ids.map((id) => `\u2068${id}\u2069`).join("، ")), list);
  await page.locator("#far-ar").screenshot({ path: join(artifacts, "widget-unknown-id-ar.png") });
  await checkClean(page, problems, seen);
  await page.close();
});

test("digits follow the language tag, and its -u-nu- extension", async () => {
  const { page, problems, seen } = await open("/__test__/messages.html");
  const index = String(entity("phn").rounded);
  const arab = await inspect(page, "#digits-arab");
  assert.ok(arab.text.includes("٩٥"), "Arabic-Indic digits with -u-nu-arab");
  const latn = await inspect(page, "#digits-latn");
  assert.equal(latn.dir, "rtl");
  assert.ok(latn.text.includes(index), "Western digits with -u-nu-latn");
  assert.ok(!/[٠-٩]/.test(latn.text), "no Arabic-Indic digit with -u-nu-latn");
  await checkClean(page, problems, seen);
  await page.close();
});

test("opened from file://, a partner's page shows the text written inside the elements", async () => {
  // Module scripts and fetch are refused to file:// pages, so the elements are never defined:
  // what the partner wrote inside them is all that shows. Served over http, it is hidden.
  const site = mkdtempSync(join(tmpdir(), "openness-file-"));
  try {
    cpSync(join(root, "bindings-wasm", "pkg"), join(site, "openness"), { recursive: true });
    cpSync(join(root, "examples/widget/demo-results-2026.json"), join(site, "results-2026.json"));
    writeFileSync(join(site, "scores.html"), `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Nos partis</title>
<script type="module" src="openness/openness-widget.js"></script></head>
<body><openness-ranking src="results-2026.json" sort="T">
  <p id="fallback">Le classement s'affiche ici.</p>
</openness-ranking></body></html>`);
    const page = await context.newPage();
    await page.goto(pathToFileURL(join(site, "scores.html")).href);
    await page.waitForTimeout(500);
    assert.equal(await page.evaluate(() => customElements.get("openness-ranking")), undefined);
    assert.ok(await page.locator("#fallback").isVisible(), "the fallback text shows");
    await page.screenshot({ path: join(artifacts, "widget-file-url.png") });
    await page.close();
  } finally {
    rmSync(site, { recursive: true, force: true });
  }

  const { page, problems, seen } = await open("/partner/news/scores.html");
  const fallback = await page.evaluate(() => {
    const text = document.querySelector("#fr > p");
    return { text: text.textContent, boxes: text.getClientRects().length };
  });
  assert.ok(fallback.text.startsWith("Le classement"));
  assert.equal(fallback.boxes, 0, "the fallback text is hidden once the element is defined");
  await checkClean(page, problems, seen);
  await page.close();
});
