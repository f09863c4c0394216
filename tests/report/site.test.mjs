// Browser checks of the site written by `openness report` from the demo data: every page loads
// in every language without console errors or requests outside the site, no internal link is
// broken, Arabic pages run right to left, axe-core finds no serious or critical violation, the
// report prints to a PDF with its sections on their own pages, and the pages work without
// JavaScript and from file://. Screenshots and PDFs are saved as artefacts.
//
// Run by run-tests.sh, which builds the CLI and writes the site first. Environment:
//   SITE_DIR       the site to check (required)
//   ARTIFACTS_DIR  where screenshots and PDFs go (default: tests/artifacts/report)
//   CHROMIUM       the browser (default: /usr/bin/chromium)

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const SITE = path.resolve(process.env.SITE_DIR ?? "");
const ARTIFACTS = path.resolve(process.env.ARTIFACTS_DIR ?? path.join(root, "tests/artifacts/report"));
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const LANGS = ["ar", "fr", "en"];
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const translations = JSON.parse(
  await fs.readFile(path.join(root, "cli/translations/report.json"), "utf8"),
);
const words = (lang) => translations[lang].strings;
const results = JSON.parse(await fs.readFile(path.join(SITE, "data/results-2026.json"), "utf8"));
const spec = JSON.parse(
  await fs.readFile(path.join(SITE, "data/spec/political-openness-charter-1.0.0.json"), "utf8"),
);

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".wasm": "application/wasm",
};

/** A static server of the site on a free local port. */
function serve(dir) {
  const server = http.createServer(async (request, response) => {
    const url = new URL(request.url, "http://localhost");
    const file = path.normalize(path.join(dir, decodeURIComponent(url.pathname)));
    if (!file.startsWith(dir + path.sep)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const stat = await fs.stat(file);
      if (!stat.isFile()) throw new Error("not a file");
      response.writeHead(200, {
        "content-type": TYPES[path.extname(file)] ?? "application/octet-stream",
        "content-length": stat.size,
      });
      if (request.method === "HEAD") response.end();
      else createReadStream(file).pipe(response);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => resolve(server));
  });
}

let server;
let origin;
let browser;

before(async () => {
  await fs.mkdir(ARTIFACTS, { recursive: true });
  server = await serve(SITE);
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

/** A page that records console errors, page errors, failed requests and outside requests. */
async function watchedPage(context) {
  const page = await context.newPage();
  const problems = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("requestfailed", (request) => {
    // A request cut short by moving to the next page is not a problem of the site.
    if (request.failure()?.errorText !== "net::ERR_ABORTED") problems.push(`failed: ${request.url()}`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith("file:") || url.startsWith("data:")) {
      return route.continue();
    }
    problems.push(`outside request: ${url}`);
    return route.abort();
  });
  return { page, problems };
}

/** Every page reachable from the root, with its links and ids. */
async function crawl() {
  const context = await browser.newContext();
  const { page, problems } = await watchedPage(context);
  const pages = new Map();
  const queue = [`${origin}/index.html`];
  const otherFiles = new Set();
  while (queue.length) {
    const url = queue.shift();
    if (pages.has(url)) continue;
    const before = problems.length;
    const response = await page.goto(url, { waitUntil: "load" });
    const found = await page.evaluate(() => ({
      links: [...document.querySelectorAll("a[href], link[href], script[src]")].map((element) =>
        element.href || element.src,
      ),
      ids: [...document.querySelectorAll("[id]")].map((element) => element.id),
      lang: document.documentElement.lang,
      dir: document.documentElement.dir,
      direction: getComputedStyle(document.body).direction,
      banner: [...document.querySelectorAll(".fictional-banner")].map((b) => b.innerText).join(" "),
    }));
    pages.set(url, { ...found, status: response?.status(), problems: problems.slice(before) });
    for (const link of found.links) {
      if (!link.startsWith(origin)) continue;
      const target = link.split("#")[0];
      if (target.endsWith(".html")) queue.push(target);
      else otherFiles.add(target);
    }
  }
  await context.close();
  return { pages, otherFiles };
}

let site;
async function theSite() {
  site ??= await crawl();
  return site;
}

test("every page loads in every language without errors or outside requests", async () => {
  const { pages } = await theSite();
  const parties = results.entities.length;
  assert.equal(pages.size, 1 + LANGS.length * (3 + parties), [...pages.keys()].join("\n"));
  for (const [url, found] of pages) {
    assert.equal(found.status, 200, url);
    assert.deepEqual(found.problems, [], url);
  }
});

test("no internal link is broken, fragments included", async () => {
  const { pages, otherFiles } = await theSite();
  for (const [url, found] of pages) {
    for (const link of found.links) {
      if (!link.startsWith(origin)) {
        // The empty icon (`data:,`) keeps browsers from asking for /favicon.ico.
        if (link !== "data:,") assert.match(link, /^https?:\/\//, `${url} links to ${link}`);
        continue;
      }
      const [target, fragment] = link.split("#");
      if (target.endsWith(".html")) {
        assert.ok(pages.has(target), `${url} links to missing ${target}`);
        if (fragment) {
          const ids = pages.get(target).ids;
          assert.ok(ids.includes(decodeURIComponent(fragment)), `${url} links to missing #${fragment}`);
        }
      }
    }
  }
  for (const file of otherFiles) {
    const response = await fetch(file, { method: "HEAD" });
    assert.equal(response.status, 200, file);
  }
  assert.ok([...otherFiles].some((file) => file.endsWith("/data/results-2026.json")));
});

test("Arabic pages run right to left, French and English left to right", async () => {
  const { pages } = await theSite();
  for (const [url, found] of pages) {
    const lang = url.slice(origin.length + 1).split("/")[0];
    if (!LANGS.includes(lang)) continue;
    assert.equal(found.lang, lang, url);
    const expected = lang === "ar" ? "rtl" : "ltr";
    assert.equal(found.dir, expected, url);
    assert.equal(found.direction, expected, url);
  }
});

test("fictional data is labelled on every page", async () => {
  const { pages } = await theSite();
  for (const [url, found] of pages) {
    const lang = url.slice(origin.length + 1).split("/")[0];
    // The language chooser says it in every language; the others in their own.
    for (const each of LANGS.includes(lang) ? [lang] : LANGS) {
      assert.ok(found.banner.includes(words(each).fictional_text), `${url}: ${found.banner}`);
    }
  }
});

const hasWidget = await fs
  .access(path.join(SITE, "widget/openness-widget.js"))
  .then(() => true, () => false);

test("the widget takes the place of the static tables when the site carries it", { skip: !hasWidget && "no widget in the site" }, async () => {
  const context = await browser.newContext();
  const { page, problems } = await watchedPage(context);
  for (const lang of LANGS) {
    for (const file of ["index.html", "party/phn.html"]) {
      await page.goto(`${origin}/${lang}/${file}`);
      await page.locator(".widget-slot.widget-ready").first().waitFor({ timeout: 10000 });
    }
    await page.screenshot({ path: path.join(ARTIFACTS, `${lang}-party-phn-widget.png`) });
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test("the dashboard shows the ranking, the heatmap and the key figures", async () => {
  const context = await browser.newContext();
  // The static tables are checked here: the widget, when the site has one, is kept out.
  await context.route("**/widget/**", (route) => route.abort());
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (error) => problems.push(error.message));
  await page.goto(`${origin}/en/index.html`);
  const figures = await page.locator(".key-figures .figure-value").allInnerTexts();
  assert.deepEqual(figures, ["8", "7", "53", "54", "4"]);
  const rows = page.locator("#ranking-table tbody tr");
  assert.equal(await rows.count(), 8);
  assert.match(await rows.first().innerText(), /Digital Horizon Party[\s\S]*95[\s\S]*Exemplary[\s\S]*\+9/);
  assert.equal(await page.locator("#heatmap-table tbody td.heat").count(), 8 * 12);

  // Sorting by the index, lowest first: the unranked party (no score) comes first.
  await page.locator("#ranking-table thead th", { hasText: "Political Openness Index" }).locator("button").click();
  assert.match(await rows.first().innerText(), /Clear Spring Party/);
  await page.locator("#ranking-table thead th", { hasText: "Political Openness Index" }).locator("button").click();
  assert.match(await rows.first().innerText(), /Digital Horizon Party/);

  // Hiding a dimension hides its columns in the ranking and the heatmap.
  await page.getByLabel("Transparency", { exact: true }).uncheck();
  assert.equal(await page.locator('#heatmap-table td[data-dimension="T"]:visible').count(), 0);
  assert.equal(await page.locator('#ranking-table td[data-dimension="T"]:visible').count(), 0);
  assert.equal(await page.locator('#heatmap-table td[data-dimension="P"]:visible').count(), 8 * 3);
  await page.screenshot({ path: path.join(ARTIFACTS, "en-dashboard-filtered.png"), fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test("a party page links its evidence and lists its commitments", async () => {
  const context = await browser.newContext();
  await context.route("**/widget/**", (route) => route.abort());
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (error) => problems.push(error.message));
  await page.goto(`${origin}/fr/party/phn.html`);
  const evidence = page.locator("a.evidence-link");
  assert.ok((await evidence.count()) > 40);
  for (const href of await evidence.evaluateAll((links) => links.map((a) => a.href))) {
    assert.match(href, /^https:\/\//);
  }
  assert.equal(await page.locator("table.commitments tbody tr").count(), spec.commitments.length);
  assert.match(await page.locator("body").innerText(), /12 engagements tenus sur 12/);
  await page.goto(`${origin}/en/party/src.html`);
  const text = await page.locator("body").innerText();
  assert.match(text, /Not ranked: Insufficient data/);
  assert.match(text, /was not assessed in 2025/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("pages work without JavaScript", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${origin}/ar/index.html`);
  assert.equal(await page.locator("#ranking-table tbody tr").count(), 8);
  assert.equal(await page.locator(".filters").isVisible(), false);
  await page.goto(`${origin}/en/report.html`);
  assert.ok((await page.locator("svg.bars").count()) >= 10);
  await context.close();
});

test("pages work from file:// (a USB stick)", async () => {
  const context = await browser.newContext();
  const { page, problems } = await watchedPage(context);
  for (const lang of LANGS) {
    for (const file of ["index.html", "report.html", "party/phn.html"]) {
      await page.goto(pathToFileURL(path.join(SITE, lang, file)).href);
      assert.ok((await page.locator("main").innerText()).length > 100);
    }
  }
  await page.goto(pathToFileURL(path.join(SITE, "en/index.html")).href);
  assert.equal(await page.locator("#ranking-table thead button").count() > 0, true);
  assert.deepEqual(problems, []);
  await context.close();
});

test("axe-core finds no serious or critical accessibility violation", async () => {
  const axe = path.join(here, "node_modules/axe-core/axe.min.js");
  const context = await browser.newContext();
  const page = await context.newPage();
  const urls = [`${origin}/index.html`];
  for (const lang of LANGS) {
    for (const file of ["index.html", "report.html", "data.html", "party/phn.html", "party/src.html"]) {
      urls.push(`${origin}/${lang}/${file}`);
    }
  }
  const found = [];
  for (const url of urls) {
    await page.goto(url);
    await page.addScriptTag({ path: axe });
    const violations = await page.evaluate(async () => {
      const result = await window.axe.run(document, { resultTypes: ["violations"] });
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
      }));
    });
    for (const violation of violations) {
      if (violation.impact === "serious" || violation.impact === "critical") {
        found.push(`${url}: ${violation.id} (${violation.impact}) ${violation.nodes.join(", ")}`);
      }
    }
  }
  assert.deepEqual(found, []);
  await context.close();
});

/** Text without bidirectional marks, spaces, alefs and tatweel: pdftotext writes Arabic
 * ligatures (lam-alef) in other forms, so that the comparison ignores them. */
function normalise(text) {
  return text
    .normalize("NFKC")
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069\u0640\u064b-\u065f\u0670]/g, "")
    .replace(/[\u0622\u0623\u0625\u0627\u0644]/g, "")
    .replace(/\s+/g, "")
    .toLowerCase();
}

test("the report prints to PDF with every section on its own page", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  for (const lang of LANGS) {
    await page.goto(`${origin}/${lang}/report.html`);
    await page.emulateMedia({ media: "print" });
    const file = path.join(ARTIFACTS, `report-${lang}.pdf`);
    await page.pdf({ path: file, format: "A4", printBackground: true });
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
    const pages = text.split("\f").filter((p) => p.trim());
    assert.ok(pages.length >= 10, `${lang}: ${pages.length} pages`);

    const t = words(lang);
    const fictional = normalise(t.fictional_title);
    pages.forEach((content, index) => {
      assert.ok(normalise(content).includes(fictional), `${lang} page ${index + 1} has no label`);
    });
    const sections = [
      t.summary_heading,
      ...spec.root.children.map((dimension) => dimension.name[lang]),
      t.ranking_annex,
      t.methodology,
    ];
    for (const heading of sections) {
      // The page's first lines: the running label, then the section's heading.
      const starts = pages.some((content) => {
        const lines = content.split("\n").filter((line) => line.trim());
        return lines.slice(0, 4).some((line) => normalise(line) === normalise(heading));
      });
      assert.ok(starts, `${lang}: no page starts with "${heading}"`);
    }
    const whole = normalise(text);
    for (const expected of [t.strong_weak_heading, t.signatories_heading, t.decisions_heading, t.provenance_heading]) {
      assert.ok(whole.includes(normalise(expected)), `${lang}: "${expected}" missing`);
    }
    for (const decision of spec.decisions.slice(0, 3)) {
      assert.ok(whole.includes(normalise(decision.id)), `${lang}: decision ${decision.id} missing`);
    }
    assert.ok(text.includes(results.provenance.specSha256), `${lang}: spec hash missing`);
  }
  await context.close();
});

test("screenshots of every language", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${origin}/index.html`);
  await page.screenshot({ path: path.join(ARTIFACTS, "languages.png"), fullPage: true });
  for (const lang of LANGS) {
    for (const [file, name] of [["index.html", "dashboard"], ["report.html", "report"], ["party/phn.html", "party-phn"], ["data.html", "data"]]) {
      await page.goto(`${origin}/${lang}/${file}`);
      await page.screenshot({ path: path.join(ARTIFACTS, `${lang}-${name}.png`), fullPage: name !== "report" });
    }
  }
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  const small = await phone.newPage();
  await small.goto(`${origin}/ar/index.html`);
  await small.screenshot({ path: path.join(ARTIFACTS, "ar-dashboard-phone.png") });
  await phone.close();
  await context.close();
  const saved = await fs.readdir(ARTIFACTS);
  assert.ok(saved.filter((name) => name.endsWith(".png")).length >= 13);
});
