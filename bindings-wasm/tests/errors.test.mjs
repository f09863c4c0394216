// Errors at the JavaScript boundary: real Error objects of one subclass per kind, carrying the
// stable code, location and hint of the first error and every issue; never strings or aborts.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import openness, { root } from "./load.mjs";

const {
  Spec,
  OpennessError,
  SpecError,
  ValidationError,
  ScoringError,
  UnknownSpecError,
  UnknownEntityError,
  ArgumentError,
} = openness;

const vector = (name) => JSON.parse(readFileSync(`${root}tests/vectors/${name}.json`, "utf8"));
/** A small spec with one identity measure `m`. */
const measureSpec = Spec.fromJson(vector("rounding-half-away-from-zero").spec);
const charter = Spec.charter("1.0.0");
const noDate = { today: null };

/** The error `action` throws; fails when it returns. */
function thrown(action) {
  try {
    action();
  } catch (error) {
    return error;
  }
  assert.fail("expected an error");
}

function file(entities) {
  return { spec: { id: "test-index", version: "1.0.0" }, cycle: 2026, entities };
}

function measured(value, id = "p1") {
  return file([{ id, name: { en: "P1" }, responses: [{ item: "m", value }] }]);
}

test("an answer off the scale is a ValidationError at its JSON pointer", () => {
  const input = {
    spec: { id: charter.id, version: "1.0.0" },
    cycle: 2026,
    entities: [{ id: "p1", name: { en: "P1" }, responses: [{ item: "T1.01", answer: "yess" }] }],
  };
  const error = thrown(() => charter.score(input, { ...noDate, name: "demo.json" }));
  assert.ok(error instanceof ValidationError);
  assert.ok(error instanceof OpennessError);
  assert.ok(error instanceof Error);
  assert.equal(error.name, "ValidationError");
  assert.equal(error.code, "answer-not-on-scale");
  assert.deepEqual(error.location, {
    file: "demo.json",
    line: null,
    column: null,
    pointer: "/entities/0/responses/0/answer",
  });
  assert.equal(error.value, "yess");
  assert.match(error.hint, /did you mean `yes`/);
  assert.match(error.message, /^invalid assessment: \d+ error\(s\)/);
  assert.ok(error.issues.some((issue) => issue.code === "answer-not-on-scale" && issue.severity === "error"));
  assert.equal(typeof error.stack, "string");
});

test("CSV errors are located by line and column", () => {
  const csv = "entity,entity_name_en,item,value\np1,P1,m,12\np2,P2,m,12abc\n";
  const error = thrown(() => measureSpec.score(csv, noDate));
  assert.ok(error instanceof ValidationError);
  assert.equal(error.code, "not-a-number");
  assert.deepEqual(error.location, { file: "input.csv", line: 3, column: "value", pointer: null });
  assert.equal(error.value, "12abc");
});

test("malformed JSON text is a ValidationError with a line and column", () => {
  const error = thrown(() => charter.score('{"entities": [}', noDate));
  assert.ok(error instanceof ValidationError);
  assert.equal(error.code, "syntax");
  assert.equal(error.location.line, 1);
  assert.equal(typeof error.location.column, "string");
});

test("NaN and infinities in objects are refused where they are", () => {
  for (const value of [NaN, Infinity, -Infinity]) {
    const error = thrown(() => measureSpec.score(measured(value), noDate));
    assert.ok(error instanceof ValidationError, String(value));
    assert.equal(error.code, "not-finite");
    assert.equal(error.location.pointer, "/entities/0/responses/0/value");
    assert.equal(error.value, String(value));
  }
});

test("NaN in JSON text and in CSV is refused too", () => {
  const text = '{"cycle": 2026, "entities": [{"id": "p1", "responses": [{"item": "m", "value": NaN}]}]}';
  const error = thrown(() => measureSpec.score(text, noDate));
  assert.ok(error instanceof ValidationError);
  assert.equal(error.code, "not-finite");

  const csv = "entity,item,value\np1,m,NaN\n";
  const csvError = thrown(() => measureSpec.score(csv, noDate));
  assert.equal(csvError.code, "not-finite");
  assert.deepEqual([csvError.location.line, csvError.location.column], [2, "value"]);
});

test("validate reports NaN with every other problem instead of throwing", () => {
  const input = measured(NaN);
  input.entities[0].responses.push({ item: "nope", value: 1 });
  const issues = measureSpec.validate(input, noDate);
  const codes = issues.filter((issue) => issue.severity === "error").map((issue) => issue.code);
  assert.deepEqual(codes.sort(), ["not-finite", "unknown-item"]);
});

test("numeric ids beyond Number.MAX_SAFE_INTEGER are refused, in text and in objects", () => {
  const inputs = [
    // JSON text keeps the digits as written.
    JSON.stringify(measured(1)).replace('"id":"p1"', '"id":9007199254740993'),
    measured(1, 2 ** 53),
    measured(1, Number.MAX_VALUE),
    measured(1, 9007199254740993n),
  ];
  for (const input of inputs) {
    const error = thrown(() => measureSpec.score(input, noDate));
    assert.ok(error instanceof ValidationError);
    assert.equal(error.code, "invalid-id");
    assert.equal(error.location.pointer, "/entities/0/id");
    assert.match(error.hint, /write the id as text/);
  }
});

test("ids written as safe numbers are read as strings, with a warning", () => {
  const results = measureSpec.score(measured(1, 42), noDate);
  const document = results.toDocument();
  assert.equal(document.entities[0].id, "42");
  assert.ok(results.warnings().some((issue) => issue.code === "id-as-number"));
  assert.equal(results.explain("42").entity, "42");
});

test("a spec that breaks the format is a SpecError at its pointer", () => {
  const error = thrown(() => Spec.fromJson({ id: "x", version: "1.0.0", title: "X" }, "x.json"));
  assert.ok(error instanceof SpecError);
  assert.equal(error.code, "spec-format");
  assert.equal(error.location.pointer, "/title");
  assert.equal(error.location.file, "x.json");

  const syntax = thrown(() => Spec.fromJson("{", "x.json"));
  assert.ok(syntax instanceof SpecError);
  assert.equal(syntax.code, "spec-format");
});

test("reweighting checks ids and weights", () => {
  const unknown = thrown(() => charter.withWeights({ T9: 1 }));
  assert.ok(unknown instanceof SpecError);
  assert.equal(unknown.code, "spec-unknown-reference");
  assert.equal(unknown.value, "T9");
  assert.equal(typeof unknown.hint, "string");

  const notFinite = thrown(() => charter.withWeights({ T1: NaN }));
  assert.ok(notFinite instanceof SpecError);
  assert.equal(notFinite.code, "spec-weights");

  const text = thrown(() => charter.withWeights({ T1: "3" }));
  assert.ok(text instanceof ArgumentError);
  assert.equal(text.code, "invalid-argument");
});

test("an unknown charter version is an UnknownSpecError", () => {
  const error = thrown(() => Spec.charter("9.9.9"));
  assert.ok(error instanceof UnknownSpecError);
  assert.equal(error.code, "unknown-spec");
  assert.equal(error.value, "9.9.9");
  assert.equal(error.location, null);
  assert.deepEqual(error.issues, []);
});

test("explaining an entity not in the results is an UnknownEntityError", () => {
  const results = measureSpec.score(measured(1, "p1"), noDate);
  const error = thrown(() => results.explain("p2"));
  assert.ok(error instanceof UnknownEntityError);
  assert.equal(error.code, "unknown-entity");
  assert.equal(error.value, "p2");
});

test("rules that cannot score are a ScoringError", () => {
  const refused = vector("geometric-mean-refuses-zero");
  const spec = Spec.fromJson(refused.spec);
  const error = thrown(() => spec.score(refused.input, noDate));
  assert.ok(error instanceof ScoringError);
  assert.equal(error.code, refused.expect.issues[0].code);
});

test("arguments of the wrong type are ArgumentErrors", () => {
  const cases = [
    () => charter.score(42),
    () => charter.score(null),
    () => charter.score("entity\n", { todya: "2026-01-01" }),
    () => charter.score("entity\n", { format: "xml" }),
    () => charter.score("entity\n", { delimiter: ";;" }),
    () => charter.score("entity\n", { aliases: { old: 1 } }),
    () => charter.score("entity\n", { skipEvidence: "yes" }),
    () => charter.score("entity\n", "options"),
    () => Spec.fromJson(42),
  ];
  for (const action of cases) {
    const error = thrown(action);
    assert.ok(error instanceof ArgumentError, String(action));
    assert.equal(error.code, "invalid-argument");
  }
  const cyclic = { entities: [] };
  cyclic.self = cyclic;
  assert.ok(thrown(() => charter.score(cyclic)) instanceof ArgumentError);
});

test("a date that is not YYYY-MM-DD is an ArgumentError coded invalid-date", () => {
  for (const today of ["2026-13-01", 20260101, "tomorrow"]) {
    const error = thrown(() => charter.score("entity\n", { today }));
    assert.ok(error instanceof ArgumentError);
    assert.equal(error.code, "invalid-date");
  }
});
