#!/usr/bin/env bash
# Installs the Debian packages the tests need, when they are missing:
# - chromium: headless browser tests of the widget and the report;
# - rustc-web, cargo-web, rust-web-src, lld-22: a Rust that builds wasm32 from source, for
#   machines whose rustup has no wasm32 target (see bindings-wasm/build.sh);
# - poppler-utils: pdftotext, to check the report printed to PDF.
set -euo pipefail

needed=()
for package in chromium rustc-web cargo-web rust-web-src lld-22 poppler-utils; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        needed+=("$package")
    fi
done
if [ ${#needed[@]} -eq 0 ]; then
    echo "system packages already installed"
    exit 0
fi
if ! command -v apt-get >/dev/null; then
    echo "missing packages ${needed[*]}, and no apt-get to install them" >&2
    exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
fi
echo "installing ${needed[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${needed[@]}" >/dev/null
