// One way of loading the package, in a process of its own (a module loads once per process),
// for init.test.mjs: `node init-scenario.mjs NAME` prints what came of it as JSON.

import { readFileSync } from "node:fs";

const pkg = new URL("../pkg/", import.meta.url);
const openness = await import(new URL("index.js", pkg));
const { Spec } = openness;
const module = readFileSync(new URL("openness_wasm_bg.wasm", pkg));
const file = readFileSync(new URL("charter-1.0.0.json", pkg));

/** What an error is, in plain data. */
const describe = (error) => ({
  class: error?.constructor?.name,
  code: error?.code,
  value: error?.value,
  hint: error?.hint,
  message: error?.message,
});

/** What `Spec.charter()` gives after loading. */
function charter() {
  try {
    const spec = Spec.charter();
    return { version: spec.version, sha256: spec.sha256 };
  } catch (error) {
    return { error: describe(error) };
  }
}

const scenarios = {
  // Without `charters`, init fetches the files beside index.js; Node's fetch cannot read files.
  default: () => openness.default({ module_or_path: module }),
  none: () => openness.default({ module_or_path: module, charters: {} }),
  edited: () => openness.default({ module_or_path: module, charters: { "1.0.0": Buffer.concat([file, Buffer.from(" ")]) } }),
  unknown: () => openness.default({ module_or_path: module, charters: { "0.9.0": file } }),
  response: () => openness.default({ module_or_path: module, charters: { "1.0.0": new Response(file) } }),
  missing: () => openness.default({ module_or_path: module, charters: { "1.0.0": new Response("", { status: 404 }) } }),
  sync: () => openness.initSync({ module, charters: { "1.0.0": file } }),
  syncWithout: () => openness.initSync({ module }),
};

let init;
try {
  await scenarios[process.argv[2]]();
  init = { ok: true };
} catch (error) {
  init = { ok: false, error: describe(error) };
}
const loaded = init.ok ? charter() : null;
console.log(JSON.stringify({ init, charter: loaded, versions: init.ok ? Spec.charterVersions() : null }));
