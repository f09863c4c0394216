#!/usr/bin/env bash
# Builds the CLI, writes the site from the fictional demo data (2026, with 2025 as the previous
# cycle) and checks it in headless Chromium: errors, links, right to left, accessibility (axe-core),
# printing to PDF. Screenshots and PDFs go to tests/artifacts/report/ (gitignored).
#
# Idempotent, and works from a fresh clone: installs Chromium, pdftotext and an Arabic-capable
# font from Debian when missing (as root), and the npm packages from package-lock.json.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
site="$root/target/report-site"
artifacts="$root/tests/artifacts/report"
chromium_bin="${CHROMIUM:-/usr/bin/chromium}"

missing=()
[[ -x "$chromium_bin" ]] || missing+=(chromium)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
fc-list :lang=ar 2>/dev/null | grep -q . || missing+=(fonts-dejavu-core)
if ((${#missing[@]})); then
  if [[ "$(id -u)" == 0 ]]; then
    echo "installing ${missing[*]} …" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "missing: ${missing[*]}; install them with apt-get" >&2
    exit 1
  fi
fi

start=$SECONDS
cd "$root"
cargo build --release --locked -p openness-cli --quiet

widget=()
if [[ -f bindings-wasm/pkg/openness-widget.js ]]; then
  widget=(--widget bindings-wasm/pkg)
fi
./target/release/openness report examples/data/demo-2026.json \
  --previous examples/data/demo-2025.json --out "$site" --quiet "${widget[@]}"
echo "site written to $site in $((SECONDS - start)) s" >&2

cd "$here"
# npm ci only when the lock file changed since the last install.
stamp="node_modules/.package-lock.sha256"
wanted="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$wanted" ]]; then
  npm ci --no-audit --no-fund --loglevel=error
  echo "$wanted" >"$stamp"
fi

mkdir -p "$artifacts"
SITE_DIR="$site" ARTIFACTS_DIR="$artifacts" CHROMIUM="$chromium_bin" \
  node --test --test-concurrency=1 --test-reporter=spec site.test.mjs
echo "report tests done in $((SECONDS - start)) s; artefacts in $artifacts" >&2
