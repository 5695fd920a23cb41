#!/usr/bin/env bash
# Builds the release site into dist/ for any static host and prints each bundle's size.
#   scripts/build.sh                       site at the host root
#   scripts/build.sh --public-url /path/   site under a sub-path
#   scripts/build.sh --site-url https://example.edu/sdp/   absolute URLs in oembed.json
# Every page downloads index.html, the shared stylesheet and one bundle (its .js and .wasm):
# scripts/bench.sh measures each page's download in a browser.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
PUBLIC_URL=/
while [ $# -ge 2 ]; do
  case "$1" in
    --public-url) PUBLIC_URL="$2" ;;
    --site-url) export SDP_SITE_URL="$2" ;;
    *) echo "build: unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done
cargo fetch --locked >/dev/null
t0=$SECONDS
TRUNK_SKIP_VERSION_CHECK=true trunk build --release --offline --locked=true --public-url "$PUBLIC_URL" >/dev/null
echo "release build of the whole site: $((SECONDS - t0)) s"
if grep -q "from 'env'" dist/*.js; then
  echo "build: unresolved wasm imports ('env') in the generated JS" >&2
  exit 1
fi
gz() { gzip -9c "$1" | wc -c; }
shared=$(gz dist/index.html)
for css in dist/*.css; do shared=$((shared + $(gz "$css"))); done
printf '%-44s %9s %9s\n' "bundle" "raw" "gzipped"
for wasm in dist/*_bg.wasm; do
  js="${wasm%_bg.wasm}.js"
  raw=$(( $(stat -c %s "$wasm") + $(stat -c %s "$js") ))
  packed=$(( $(gz "$wasm") + $(gz "$js") ))
  name=$(basename "${wasm%_bg.wasm}" | sed 's/-[0-9a-f]\{16\}$//')
  printf '%-44s %9d %9d   page total with html + css: %d bytes gzipped\n' "$name" "$raw" "$packed" $((packed + shared))
done
