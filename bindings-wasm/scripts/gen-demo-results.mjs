// Writes examples/widget/demo-results-2026.json, the results file the example page shows:
// the fictional 2026 demonstration assessment scored against the published charter, exactly
// as `openness score examples/data/demo-2026.json --format json` writes it from the
// repository's root.
//
//   node bindings-wasm/scripts/gen-demo-results.mjs           rewrite the file
//   node bindings-wasm/scripts/gen-demo-results.mjs --check   fail when it is out of date
//
// Needs the built package (bindings-wasm/build.sh).

import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const input = "examples/data/demo-2026.json";
const target = `${root}examples/widget/demo-results-2026.json`;

const pkg = new URL("../pkg/", import.meta.url);
const { default: init, Spec } = await import(new URL("index.js", pkg));
// Node's fetch cannot read files: the module and the charter file are given as bytes.
await init({
  module_or_path: readFileSync(new URL("openness_wasm_bg.wasm", pkg)),
  charters: { "1.0.0": readFileSync(new URL("charter-1.0.0.json", pkg)) },
});

const text = readFileSync(root + input, "utf8");
const results = Spec.charter("1.0.0").score(text, { name: input });
const json = results.toJson();

if (process.argv.includes("--check")) {
  if (readFileSync(target, "utf8") !== json) {
    console.error(`${target} is out of date; regenerate it with: node bindings-wasm/scripts/gen-demo-results.mjs`);
    process.exit(1);
  }
} else {
  writeFileSync(target, json);
}
