// Reports the gzipped sizes of the WebAssembly package against its budgets, and writes them
// into their section of BENCHMARKS.md at the repository's root (other sections are kept).
//
//   node bindings-wasm/size-report.mjs           print and update BENCHMARKS.md
//   node bindings-wasm/size-report.mjs --print   print, and warn when over a budget
//   node bindings-wasm/size-report.mjs --check   print, and fail when over a budget
//
// Sizes are of bindings-wasm/pkg as build.sh writes it, gzipped at level 9.

import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const here = fileURLToPath(new URL(".", import.meta.url));
const pkg = `${here}pkg/`;
const benchmarks = fileURLToPath(new URL("../BENCHMARKS.md", import.meta.url));
const KB = 1024;

const groups = [
  { name: "WebAssembly module", files: ["openness_wasm_bg.wasm"], budget: 250 * KB },
  { name: "widget JavaScript", files: ["openness-widget.js", "widget-strings.js"], budget: 20 * KB },
  {
    name: "all JavaScript the widget loads",
    files: ["openness-widget.js", "widget-strings.js", "index.js", "openness_wasm.js", "errors.js", "host.js"],
  },
  // Data, not code: fetched by `init` beside the module (the module is built without them).
  {
    name: "published charter files",
    files: readdirSync(pkg).filter((file) => /^charter-.+\.json$/.test(file)).sort(),
  },
];

const size = (file) => readFileSync(pkg + file).length;
const gzipped = (file) => gzipSync(readFileSync(pkg + file), { level: 9 }).length;
const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`;

const rows = groups.map((group) => {
  const raw = group.files.reduce((total, file) => total + size(file), 0);
  const gz = group.files.reduce((total, file) => total + gzipped(file), 0);
  return { ...group, raw, gz, over: group.budget !== undefined && gz > group.budget };
});

const verdict = (row) => (row.budget === undefined ? "–" : `${kb(row.budget)}${row.over ? " (over)" : ""}`);
const table = [
  "| what | files | size | gzipped | budget (gzipped) |",
  "|---|---|---:|---:|---:|",
  ...rows.map(
    (row) =>
      `| ${row.name} | ${row.files.map((f) => `\`${f}\``).join(", ")} | ${kb(row.raw)} | ${kb(row.gz)} | ${verdict(row)} |`,
  ),
].join("\n");
console.log(table);

const over = rows.filter((row) => row.over);
for (const row of over) {
  console.error(`size-report: ${row.name} is ${kb(row.gz)} gzipped, over its budget of ${kb(row.budget)}`);
}
if (process.argv.includes("--check")) process.exit(over.length ? 1 : 0);
if (process.argv.includes("--print")) process.exit(0);

const start = "<!-- wasm-size:start -->";
const end = "<!-- wasm-size:end -->";
const section = `${start}
## WebAssembly package size

Written by \`node bindings-wasm/size-report.mjs\` after \`bindings-wasm/build.sh\`
(release profile \`wasm-release\`: opt-level "z", LTO, one codegen unit, panic abort, then
\`wasm-opt -Oz --low-memory-unused\`). Gzip level 9. Last written from a build with Debian's
rustc-web 1.96 (std built from source, immediate-abort panics), wasm-bindgen 0.2.130 and
wasm-opt 132, on 4 December 2026. The module is built without the published charter files,
which ship beside it and are fetched by \`init\` (last row). The figure holds for that build
only: the same code without immediate-abort panics measured 260.2 KB, over the budget, and a
build with rustup's prebuilt \`wasm32-unknown-unknown\` standard library was not measured.
What the module holds, what was cut and what is left is in
[bindings-wasm/README.md](bindings-wasm/README.md#size).

${table}
${end}`;

let text = existsSync(benchmarks) ? readFileSync(benchmarks, "utf8") : "# Benchmarks\n";
if (text.includes(start) && text.includes(end)) {
  text = text.slice(0, text.indexOf(start)) + section + text.slice(text.indexOf(end) + end.length);
} else {
  text = `${text.trimEnd()}\n\n${section}\n`;
}
writeFileSync(benchmarks, text);
console.log(`updated ${benchmarks}`);
