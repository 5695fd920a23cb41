#!/usr/bin/env bash
# Builds the release site into dist/ for any static host and prints its gzipped size.
#   scripts/build.sh                       site at the host root
#   scripts/build.sh --public-url /path/   site under a sub-path
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
PUBLIC_URL=/
if [ "${1:-}" = "--public-url" ] && [ -n "${2:-}" ]; then PUBLIC_URL="$2"; fi
cargo fetch --locked >/dev/null
TRUNK_SKIP_VERSION_CHECK=true trunk build --release --offline --locked --public-url "$PUBLIC_URL" >/dev/null
if grep -q "from 'env'" dist/*.js; then
  echo "build: unresolved wasm imports ('env') in the generated JS" >&2
  exit 1
fi
total=0
for f in dist/*.wasm dist/*.js dist/*.css; do
  gz=$(gzip -9c "$f" | wc -c)
  total=$((total + gz))
  printf '%-48s %8d bytes, %7d gzipped\n' "$(basename "$f")" "$(stat -c %s "$f")" "$gz"
done
awk -v t="$total" 'BEGIN { printf "first load (wasm + js + css), gzipped: %d bytes (%.1f KB)\n", t, t / 1000 }'
