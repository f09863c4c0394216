// Runs every shared test vector in tests/vectors/ through the WebAssembly package, with the
// comparison rules of the Rust runner (core/tests/vectors.rs) and the format described in
// tests/vectors/README.md, so that the JavaScript interface cannot drift from the core.

import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { test } from "node:test";

import openness, { root } from "./load.mjs";

const { Spec, SpecError, ValidationError, ScoringError } = openness;
const directory = `${root}tests/vectors/`;
const files = readdirSync(directory).filter((name) => name.endsWith(".json")).sort();

test("the shared vectors are there", () => {
  assert.ok(files.length >= 10, `expected the shared vectors, found ${files.length}`);
});

for (const file of files) {
  test(`vector ${file}`, () => {
    const failure = runVector(JSON.parse(readFileSync(directory + file, "utf8")));
    assert.equal(failure, null, failure ?? "");
  });
}

/** Runs one vector; returns why it failed, or `null`. */
function runVector(vector) {
  const expect = vector.expect;
  if (!expect) return "no `expect`";
  const outcome = expect.outcome ?? "scored";
  const tolerance = vector.tolerance ?? 1e-9;

  let spec;
  try {
    spec = loadSpec(vector.spec);
  } catch (error) {
    if (outcome === "specError" && error instanceof SpecError) {
      return checkIssues(expect, error.issues);
    }
    return `spec failed to load: ${error.message}`;
  }
  if (outcome === "specError") return "the spec loaded, but an error was expected";

  const [input, options] = loadInput(vector);
  let results;
  try {
    results = spec.score(input, options);
  } catch (error) {
    if (outcome === "invalid" && error instanceof ValidationError) {
      return checkIssues(expect, error.issues);
    }
    if (outcome === "scoringError" && error instanceof ScoringError) {
      return checkIssues(expect, error.issues);
    }
    return `expected ${outcome}, got ${error.name}: ${error.message}`;
  }
  if (outcome !== "scored") return `scored, but expected ${outcome}`;
  return checkIssues(expect, results.warnings()) ?? checkResults(expect, results.toDocument(), tolerance);
}

function loadSpec(spec) {
  if (typeof spec === "string") {
    const version = spec.replace(/^charter:/, "");
    return Spec.charter(version);
  }
  // As an object, the way an application holding a parsed spec passes it.
  return Spec.fromJson(spec, "spec");
}

/** The input and the options of `score`, named as the Rust runner names them. */
function loadInput(vector) {
  // The Rust runner validates without a date unless the vector gives one.
  const options = { today: vector.options?.today ?? null };
  if (vector.options?.aliases) options.aliases = vector.options.aliases;
  if (vector.options?.skipEvidence) options.skipEvidence = true;
  if (typeof vector.inputCsv === "string") {
    Object.assign(options, { name: "input.csv", format: "csv" });
    if (vector.csvDecimal === "comma") options.decimal = "comma";
    return [vector.inputCsv, options];
  }
  options.name = "input.json";
  if (typeof vector.inputText === "string") return [vector.inputText, options];
  // As an object: the Rust runner reads the same value as JSON text.
  return [vector.input, options];
}

function checkIssues(expect, issues) {
  const shown = () => issues.map((issue) => `\n    ${JSON.stringify(issue)}`).join("");
  for (const wanted of expect.issues ?? []) {
    if (!issues.some((issue) => issueMatches(wanted, issue))) {
      return `no issue matches ${JSON.stringify(wanted)}; reported:${shown()}`;
    }
  }
  for (const [key, severity] of [["errorCount", "error"], ["warningCount", "warning"]]) {
    if (typeof expect[key] !== "number") continue;
    const count = issues.filter((issue) => issue.severity === severity).length;
    if (count !== expect[key]) return `expected ${expect[key]} ${severity}(s), got ${count}:${shown()}`;
  }
  return null;
}

function issueMatches(wanted, issue) {
  return Object.entries(wanted).every(([key, value]) => {
    switch (key) {
      case "pointer":
      case "line":
      case "column":
      case "file":
        return key in issue.location && jsonEqual(issue.location[key], value);
      case "messageContains":
        return typeof issue.message === "string" && issue.message.includes(value ?? "");
      case "hintContains":
        return typeof issue.hint === "string" && issue.hint.includes(value ?? "");
      default:
        return key in issue && jsonEqual(issue[key], value);
    }
  });
}

function checkResults(expect, document, tolerance) {
  const entities = document.entities;
  if (Array.isArray(expect.ranking)) {
    const actual = entities.map((entity) => entity.id);
    if (!jsonEqual(actual, expect.ranking)) {
      return `ranking is ${JSON.stringify(actual)}, expected ${JSON.stringify(expect.ranking)}`;
    }
  }
  for (const [id, wanted] of Object.entries(expect.entities ?? {})) {
    const entity = entities.find((e) => e.id === id);
    if (!entity) return `no entity \`${id}\` in the results`;
    for (const [key, value] of Object.entries(wanted)) {
      const context = `${id}.${key}`;
      let failure;
      if (key === "nodes" || key === "groups") {
        failure = compareKeyed(value, entity[key], context, tolerance);
      } else if (key === "items") {
        failure = compareItems(value, entity.items, context, tolerance);
      } else if (key === "units") {
        failure = compareUnits(value, entity.nodes, context, tolerance);
      } else if (key === "commitments") {
        for (const [commitment, met] of Object.entries(value)) {
          const found = (entity.commitments ?? []).find((c) => c.id === commitment);
          if (!found || !jsonEqual(field(found, "met"), met)) {
            failure = `${context}.${commitment} is ${JSON.stringify(found?.met)}, expected ${met}`;
            break;
          }
        }
      } else {
        failure = compare(value, field(entity, key), context, tolerance);
      }
      if (failure) return failure;
    }
  }
  return null;
}

function compareKeyed(wanted, actual, context, tolerance) {
  for (const [id, fields] of Object.entries(wanted)) {
    const found = (actual ?? []).find((entry) => entry.id === id);
    if (!found) return `${context}: no \`${id}\``;
    const failure = compareFields(fields, found, `${context}.${id}`, tolerance);
    if (failure) return failure;
  }
  return null;
}

function compareItems(wanted, actual, context, tolerance) {
  for (const [name, fields] of Object.entries(wanted)) {
    const [id, unit] = name.includes("@") ? name.split(/@(.*)/s) : [name, undefined];
    const found = (actual ?? []).find(
      (item) => item.id === id && (typeof item.unit === "string" ? item.unit : undefined) === unit,
    );
    if (!found) return `${context}: no item \`${name}\``;
    const failure = compareFields(fields, found, `${context}.${name}`, tolerance);
    if (failure) return failure;
  }
  return null;
}

function compareUnits(wanted, nodes, context, tolerance) {
  for (const [node, units] of Object.entries(wanted)) {
    const found = (nodes ?? []).find((n) => n.id === node);
    if (!found) return `${context}: no node \`${node}\``;
    for (const [unit, value] of Object.entries(units)) {
      const entry = (found.units ?? []).find((u) => u.unit === unit);
      if (!entry) return `${context}.${node}: no unit \`${unit}\``;
      const failure = compare(value, field(entry, "value"), `${context}.${node}.${unit}`, tolerance);
      if (failure) return failure;
    }
  }
  return null;
}

function compareFields(wanted, actual, context, tolerance) {
  if (wanted === null || typeof wanted !== "object") return `${context}: expected an object`;
  for (const [key, value] of Object.entries(wanted)) {
    const failure = compare(value, field(actual, key), `${context}.${key}`, tolerance);
    if (failure) return failure;
  }
  return null;
}

/** Numbers within the tolerance, everything else exactly. */
function compare(wanted, actual, context, tolerance) {
  const equal =
    typeof wanted === "number" && typeof actual === "number"
      ? Math.abs(actual - wanted) <= tolerance * Math.max(1, Math.abs(wanted))
      : jsonEqual(wanted, actual);
  return equal ? null : `${context} is ${JSON.stringify(actual)}, expected ${JSON.stringify(wanted)}`;
}

/** A field of a JSON object; a missing field is `null`, as `value[key]` is in serde_json. */
function field(object, key) {
  return object !== null && typeof object === "object" && key in object ? object[key] : null;
}

/** Equality of JSON values: objects regardless of key order. */
function jsonEqual(a, b) {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => key in b && jsonEqual(a[key], b[key]));
}
