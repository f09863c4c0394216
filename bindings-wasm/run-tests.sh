#!/usr/bin/env bash
# Builds the WebAssembly package and runs its tests: the shared vectors and the API in Node,
# the widget in headless Chromium. Idempotent; works from a fresh clone.
#
#   bindings-wasm/run-tests.sh
#
# Needs Node 20+, npm, Debian's chromium (or $CHROMIUM) and the Rust toolchain of build.sh.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

say() { printf 'run-tests.sh: %s\n' "$*" >&2; }

# Pinned npm dev dependencies (wasm-opt, the type generator, playwright-core, typescript),
# installed from the lockfile when missing or when the lockfile changed.
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  say "installing npm dev dependencies"
  npm ci --no-audit --no-fund --loglevel=error
fi

chromium="${CHROMIUM:-/usr/bin/chromium}"
if [[ ! -x "$chromium" ]]; then
  say "no Chromium at $chromium: apt-get install chromium, or set CHROMIUM"
  exit 1
fi

./build.sh

say "checking generated files"
node scripts/gen-types.mjs --check
node scripts/gen-demo-results.mjs --check

say "running the tests"
node --test --test-reporter=spec tests/*.test.mjs

# The sizes against their budgets; reported, not enforced (see README.md, "Size").
node size-report.mjs --print
