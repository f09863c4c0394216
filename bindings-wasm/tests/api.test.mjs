// The JavaScript API: loading specs, scoring the three kinds of input, re-scoring with other
// weights, explaining, and the plain objects that come out.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

import openness, { root } from "./load.mjs";

const { Spec, Results, closest } = openness;
const vector = (name) => JSON.parse(readFileSync(`${root}tests/vectors/${name}.json`, "utf8"));
const noDate = { today: null };

/** Every number in a value, with the path to it. */
function* numbers(value, path = "") {
  if (typeof value === "number") yield [path, value];
  if (value !== null && typeof value === "object") {
    for (const [key, field] of Object.entries(value)) yield* numbers(field, `${path}/${key}`);
  }
}

test("the built-in charter", () => {
  const charter = Spec.charter();
  assert.equal(charter.id, "political-openness-charter");
  assert.deepEqual(Spec.charterVersions().at(-1), charter.version);
  assert.equal(Spec.charter(charter.version).sha256, charter.sha256);
  assert.match(charter.sha256, /^[0-9a-f]{64}$/);
  const definition = charter.definition();
  assert.equal(definition.id, charter.id);
  assert.equal(typeof definition.root.name, "object");
  assert.deepEqual(charter.languages, definition.languages ?? ["en"]);
  assert.ok(Array.isArray(charter.warnings()));
  assert.deepEqual(JSON.parse(charter.toJson()).id, charter.id);
  assert.ok(charter.timezone === null || typeof charter.timezone === "string");
});

test("JSON text, CSV text and an object give the same scores", () => {
  const charter = Spec.charter("1.0.0");
  const text = readFileSync(`${root}examples/data/demo-2026.json`, "utf8");
  const csv = readFileSync(`${root}examples/data/demo-2026.csv`, "utf8");
  const scores = (input) =>
    charter.score(input, noDate).toDocument().entities.map((e) => [e.id, e.score, e.rank, e.tier]);
  const fromText = scores(text);
  assert.equal(fromText.length, 8);
  assert.deepEqual(scores(JSON.parse(text)), fromText);
  assert.deepEqual(scores(csv), fromText);
});

test("results are plain objects equal to the CLI's JSON, with null and never NaN", () => {
  const missing = vector("missing-scores-are-unranked");
  const spec = Spec.fromJson(missing.spec);
  const results = spec.score(missing.input, noDate);
  assert.ok(results instanceof Results);
  const document = results.toDocument();
  assert.deepEqual(document, JSON.parse(results.toJson()));
  assert.equal(Object.getPrototypeOf(document), Object.prototype);
  assert.equal(results.length, document.entities.length);
  for (const [path, value] of numbers(document)) assert.ok(Number.isFinite(value), path);
  const unranked = document.entities.filter((entity) => entity.rank === null);
  assert.ok(unranked.length > 0, "the vector has unranked entities");
  for (const entity of unranked) {
    assert.equal(entity.score, null);
    assert.equal(entity.rounded, null);
  }
  for (const entity of document.entities) assert.equal(typeof entity.id, "string");
  assert.equal(results.spec.id, spec.id);
});

test("re-scoring with other weights", () => {
  const relative = vector("relative-weights");
  const spec = Spec.fromJson(relative.spec);
  const before = spec.score(relative.input, noDate).toDocument();
  const first = spec.definition().root;
  const inputs = [...(first.children ?? []), ...(first.elements ?? []), ...(first.measures ?? [])];
  const heavier = spec.withWeights({ [inputs[0].id]: 100 });
  assert.equal(heavier.version, `${spec.version}+reweighted`);
  assert.notEqual(heavier.sha256, spec.sha256);
  const after = heavier.score(relative.input, noDate).toDocument();
  assert.equal(after.provenance.specVersion, heavier.version);
  assert.notDeepEqual(
    after.entities.map((e) => e.score),
    before.entities.map((e) => e.score),
  );
  // The original spec is unchanged.
  assert.deepEqual(spec.score(relative.input, noDate).toDocument().entities, before.entities);
});

test("explain says what each input contributes", () => {
  const relative = vector("relative-weights");
  const results = Spec.fromJson(relative.spec).score(relative.input, noDate);
  const id = results.toDocument().entities[0].id;
  const explanation = results.explain(id);
  assert.equal(explanation.entity, id);
  assert.ok(explanation.contributions.length > 0);
  assert.ok(Array.isArray(explanation.improvements));
  for (const [path, value] of numbers(explanation)) assert.ok(Number.isFinite(value), path);
});

test("closest suggests as the CLI does", () => {
  // The suggestions of core/src/suggest.rs's doc test: case is ignored, far ids give none.
  const codes = ["yes", "partial", "no", "no_evidence", "not_applicable"];
  assert.equal(closest("yess", codes), "yes");
  assert.equal(closest("Partial", codes), "partial");
  assert.equal(closest("zzz", codes), undefined);
  assert.equal(closest("phnn", []), undefined);
});

test("validate returns every issue without throwing", () => {
  const charter = Spec.charter();
  const csv = "entity,entity_name_en,item,answer\np1,P1,T1.01,yess\n";
  const issues = charter.validate(csv, noDate);
  assert.ok(issues.some((issue) => issue.code === "answer-not-on-scale"));
  assert.deepEqual(charter.validate([csv, csv], { ...noDate, name: ["a.csv", "b.csv"] })
    .filter((issue) => issue.code === "answer-not-on-scale")
    .map((issue) => issue.location.file), ["a.csv", "b.csv"]);
});

test("today defaults to the JavaScript clock, and null skips the date check", () => {
  const charter = Spec.charter();
  const input = (checked) => ({
    spec: { id: charter.id, version: charter.version },
    cycle: 2026,
    entities: [{
      id: "p1",
      name: { en: "P1" },
      responses: [{ item: "T1.01", answer: "yes", evidence: { urls: ["https://example.org/"], checked } }],
    }],
  });
  const future = charter.validate(input("2999-01-01"));
  assert.ok(future.some((issue) => issue.code === "future-date"));
  assert.ok(!charter.validate(input("2999-01-01"), noDate).some((i) => i.code === "future-date"));
  assert.ok(
    charter.validate(input("2026-06-01"), { today: "2026-05-31" }).some((i) => i.code === "future-date"),
  );
});

test("the TypeScript types describe every export", () => {
  const here = fileURLToPath(new URL(".", import.meta.url));
  const tsc = fileURLToPath(new URL("../node_modules/typescript/bin/tsc", import.meta.url));
  execFileSync(process.execPath, [tsc, "-p", `${here}tsconfig.json`], { stdio: "pipe" });
});
