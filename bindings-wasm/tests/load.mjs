// Loads the built package (bindings-wasm/pkg, written by build.sh) for the Node tests: the
// module and the published charter files shipped beside it, given as bytes (Node's fetch
// cannot read files).

import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const pkg = new URL("../pkg/", import.meta.url);
const openness = await import(new URL("index.js", pkg));

/** The package's charter files, by version: `charter-1.0.0.json` is version 1.0.0. */
export const charterFiles = Object.fromEntries(
  readdirSync(pkg)
    .map((file) => /^charter-(.+)\.json$/.exec(file))
    .filter(Boolean)
    .map(([file, version]) => [version, readFileSync(new URL(file, pkg))]),
);

await openness.default({
  module_or_path: readFileSync(new URL("openness_wasm_bg.wasm", pkg)),
  charters: charterFiles,
});

export default openness;

/** The repository's root directory, as a file path ending in `/`. */
export const root = fileURLToPath(new URL("../../", import.meta.url));
