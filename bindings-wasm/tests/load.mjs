// Loads the built package (bindings-wasm/pkg, written by build.sh) for the Node tests.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const pkg = new URL("../pkg/", import.meta.url);
const openness = await import(new URL("index.js", pkg));
await openness.default({ module_or_path: readFileSync(new URL("openness_wasm_bg.wasm", pkg)) });

export default openness;

/** The repository's root directory, as a file path ending in `/`. */
export const root = fileURLToPath(new URL("../../", import.meta.url));
