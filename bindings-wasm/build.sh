#!/usr/bin/env bash
# Builds the WebAssembly package into bindings-wasm/pkg/: the wasm module, its JavaScript
# glue and TypeScript types (wasm-bindgen, target `web`), the error classes, the widget and
# the published charter files.
#
#   bindings-wasm/build.sh
#
# Toolchain: a rustup toolchain with the wasm32-unknown-unknown target when there is one;
# otherwise Debian's rustc-web (linked as the rustup toolchain `debian-web`), which builds the
# standard library for wasm32 from source (-Zbuild-std). The wasm-bindgen CLI must be the
# version of the wasm-bindgen crate in Cargo.lock; it is installed when it differs.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
target=wasm32-unknown-unknown
profile=wasm-release
pkg="$here/pkg"
cd "$root"

say() { printf 'build.sh: %s\n' "$*" >&2; }

# Tools from npm (wasm-opt, the type generator): installed from the lockfile when missing.
if [[ ! -x "$here/node_modules/.bin/wasm-opt" ]]; then
  say "installing npm dev dependencies"
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi

# 1. The wasm module.
cargo_build=(build --locked -p openness-wasm --lib --target "$target" --profile "$profile")
if command -v rustup >/dev/null && rustup target list --installed 2>/dev/null | grep -qx "$target"; then
  say "compiling with $(rustc --version) and its $target target"
  cargo "${cargo_build[@]}"
else
  if ! rustup toolchain list 2>/dev/null | grep -q '^debian-web'; then
    if [[ ! -d /usr/lib/rustlib/src/rust/library ]]; then
      say "no $target target: install it (rustup target add $target) or, on Debian,"
      say "apt-get install rustc-web cargo-web rust-web-src lld-22"
      exit 1
    fi
    rustup toolchain link debian-web /usr
  fi
  # Building std from source also allows the smallest panic strategy: no panic messages,
  # locations or unwinding tables in the module (a panic is a bug and traps either way).
  say "compiling with $(rustc +debian-web --version) and std built from source"
  RUSTC_BOOTSTRAP=1 CARGO_PROFILE_WASM_RELEASE_PANIC=immediate-abort \
    cargo +debian-web "${cargo_build[@]}" -Zbuild-std=std,panic_abort -Zpanic-immediate-abort
fi
wasm="$root/target/$target/$profile/openness_wasm.wasm"

# 2. The JavaScript glue, with the wasm-bindgen CLI of the crate's exact version.
version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print }' Cargo.lock)"
bindgen="${CARGO_HOME:-$HOME/.cargo}/bin/wasm-bindgen"
if [[ "$("$bindgen" --version 2>/dev/null || true)" != "wasm-bindgen $version" ]]; then
  say "installing wasm-bindgen-cli $version (a few minutes)"
  # Not --locked: the lockfile published with the CLI can name dependency versions that a
  # registry mirror does not carry yet; the CLI's own version is still pinned exactly.
  cargo install wasm-bindgen-cli --version "=$version"
fi
rm -rf "$pkg"
"$bindgen" --target web --out-dir "$pkg" --out-name openness_wasm "$wasm"

# 3. Size: wasm-opt from the npm package binaryen (Debian's is too old for current wasm).
#    --low-memory-unused lets it fold constant offsets into loads and stores (about 2 KB
#    gzipped), assuming that the first kilobyte of memory holds nothing. Rust puts its 1 MB
#    stack first, growing down towards address 0, and static data above it: that kilobyte is
#    only reached by a stack about to overflow, which then traps a kilobyte earlier. The
#    assumption is checked: no data segment may start below 1024.
binaryen="$here/node_modules/.bin"
lowest="$("$binaryen/wasm-dis" "$pkg/openness_wasm_bg.wasm" \
  | sed -n 's/^ (data [^(]*(i32.const \([0-9]*\)).*/\1/p' | sort -n | head -1)"
if [[ -z "$lowest" || "$lowest" -lt 1024 ]]; then
  say "a data segment starts at ${lowest:-an unknown address}, below 1024: --low-memory-unused is unsafe"
  exit 1
fi
say "optimising with $("$binaryen/wasm-opt" --version)"
"$binaryen/wasm-opt" -Oz --low-memory-unused --strip-debug --strip-producers \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$pkg/openness_wasm_bg.wasm" -o "$pkg/openness_wasm_bg.wasm"

# 4. The package: entry point, error classes, clock, widget, package.json.
cp "$here"/js/*.js "$here"/js/*.d.ts "$pkg/"
cp "$here"/widget/*.js "$pkg/"
crate_version="$(awk -F'"' '/^version = / { print $2; exit }' "$root/Cargo.toml")"
sed "s/@VERSION@/$crate_version/" "$here/js/package.json.in" > "$pkg/package.json"

# 5. The published charter files, byte for byte, beside the module (the core is built without
#    them: see js/index.js); the entry point loads the versions listed here.
versions=()
for file in "$root"/spec/charter/*/charter.json; do
  version="$(basename "$(dirname "$file")")"
  cp "$file" "$pkg/charter-$version.json"
  versions+=("\"$version\"")
done
list="$(IFS=,; echo "${versions[*]}")"
sed -i "s|/\* @CHARTER_VERSIONS@ \*/ \[\]|[${list//,/, }]|" "$pkg/index.js"
grep -q "const CHARTER_VERSIONS = \[\"" "$pkg/index.js" || { say "no charter versions in index.js"; exit 1; }

rm -f "$pkg/.gitignore"
say "wrote $pkg"
