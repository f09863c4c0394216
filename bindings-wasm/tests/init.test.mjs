// Loading the package: the module and the published charter files beside it, which the engine
// is built without and checks byte for byte (their SHA-256) when they are given.

import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

import openness, { charterFiles, root } from "./load.mjs";

const { Spec } = openness;
const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex");

/** The SHA-256 of each published charter version, as core/tests/charter.rs records it. */
const recorded = Object.fromEntries(
  [...readFileSync(`${root}core/tests/charter.rs`, "utf8").matchAll(/\("(\d+\.\d+\.\d+)",\s*"([0-9a-f]{64})"\)/g)]
    .map(([, version, hash]) => [version, hash]),
);

/** What came of one way of loading the package (see init-scenario.mjs). */
function scenario(name) {
  const script = fileURLToPath(new URL("init-scenario.mjs", import.meta.url));
  return JSON.parse(execFileSync(process.execPath, [script, name], { encoding: "utf8" }));
}

test("the package ships every published charter file, byte for byte", () => {
  assert.deepEqual(Object.keys(charterFiles), Object.keys(recorded));
  assert.deepEqual(Spec.charterVersions(), Object.keys(recorded));
  for (const [version, bytes] of Object.entries(charterFiles)) {
    assert.deepEqual(bytes, readFileSync(`${root}spec/charter/${version}/charter.json`), version);
    assert.equal(sha256(bytes), recorded[version], version);
  }
});

test("Spec.charter gives each published version, with the published file's SHA-256", () => {
  for (const version of Spec.charterVersions()) {
    const spec = Spec.charter(version);
    assert.equal(spec.id, "political-openness-charter");
    assert.equal(spec.version, version);
    assert.equal(spec.sha256, recorded[version]);
  }
  assert.equal(Spec.charter().version, Spec.charterVersions().at(-1));
});

test("init loads the charter files given as bytes or as a Response, and initSync as bytes", () => {
  const expected = { version: "1.0.0", sha256: recorded["1.0.0"] };
  for (const name of ["response", "sync"]) {
    const outcome = scenario(name);
    assert.deepEqual(outcome.init, { ok: true }, name);
    assert.deepEqual(outcome.charter, expected, name);
  }
});

test("a charter file that cannot be loaded makes init fail with the reason", () => {
  // Node's fetch cannot read the files beside the module, so they must be given.
  const reasons = {
    default: /^the file of charter version `1\.0\.0` could not be fetched from file:\/\/.*\/pkg\/charter-1\.0\.0\.json: /,
    missing: /^the file of charter version `1\.0\.0` was answered HTTP 404$/,
  };
  for (const [name, reason] of Object.entries(reasons)) {
    const { init } = scenario(name);
    assert.equal(init.ok, false, name);
    assert.equal(init.error.class, "UnknownSpecError", name);
    assert.equal(init.error.code, "charter-not-loaded", name);
    assert.equal(init.error.value, "1.0.0", name);
    assert.match(init.error.message, reason, name);
    assert.match(init.error.hint, /charters/, name);
  }
});

test("a charter file that is not the published one, or of no published version, is refused", () => {
  const edited = scenario("edited").init;
  assert.equal(edited.ok, false);
  assert.equal(edited.error.class, "UnknownSpecError");
  assert.equal(edited.error.code, "charter-not-loaded");
  assert.match(edited.error.message, /SHA-256/);
  const unknown = scenario("unknown").init;
  assert.equal(unknown.error.class, "UnknownSpecError");
  assert.equal(unknown.error.code, "unknown-spec");
  assert.equal(unknown.error.value, "0.9.0");
});

test("without its file, Spec.charter throws UnknownSpecError coded charter-not-loaded", () => {
  for (const name of ["none", "syncWithout"]) {
    const outcome = scenario(name);
    assert.deepEqual(outcome.init, { ok: true }, name);
    assert.deepEqual(outcome.versions, ["1.0.0"], name);
    assert.equal(outcome.charter.error.class, "UnknownSpecError", name);
    assert.equal(outcome.charter.error.code, "charter-not-loaded", name);
    assert.equal(outcome.charter.error.value, "1.0.0", name);
    assert.match(outcome.charter.error.hint, /init/, name);
  }
});
