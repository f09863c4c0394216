#!/usr/bin/env bash
# Runs every test of the project, the way CI does, and installs what the tests need on a fresh
# Debian 12 machine (system packages, the wasm-bindgen CLI, a Python virtualenv, npm packages).
# Safe to run again: each step skips what is already in place.
#
#   tests/run-all.sh            everything
#   tests/run-all.sh rust       only formatting, lints and the Rust tests
set -euo pipefail
cd "$(dirname "$0")/.."

only="${1:-all}"
started=$(date +%s)

step() {
    local name="$1"
    shift
    local begin
    begin=$(date +%s)
    echo
    echo "=== $name"
    "$@"
    echo "=== $name: ok ($(($(date +%s) - begin)) s)"
}

step "system packages" tests/install-system-packages.sh

step "formatting" cargo fmt --all -- --check
step "lints" cargo clippy --workspace --all-targets --locked -- -D warnings
step "Rust tests" cargo test --workspace --locked
# The doc examples show the default build; they ran with it above.
step "Rust tests of the core without default features (as the WebAssembly build)" \
    cargo test -p openness --no-default-features --locked --lib --tests
step "Rust documentation" env RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --locked --quiet

if [ "$only" = "rust" ]; then
    echo
    echo "all Rust checks passed in $(($(date +%s) - started)) s"
    exit 0
fi

step "Python binding" bindings-python/run-tests.sh
step "WebAssembly binding and widget" bindings-wasm/run-tests.sh
step "annual report and dashboard" tests/report/run-tests.sh

echo
echo "all tests passed in $(($(date +%s) - started)) s"
