#!/usr/bin/env bash
# Benchmarks that print figures (no pass/fail): every page's first-load download, native core
# throughput, and in Chromium: core speed in WebAssembly, trace build, seek and frame times.
# The browser figures need the benchmark exports, so this builds the site with the `bench`
# feature into dist-bench/ (the shipped build, scripts/build.sh, carries none).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
echo "=== release build (shipped: no benchmark exports)"
bash scripts/build.sh
echo "=== download per page"
node tests/bench/size.mjs
echo "=== native"
cargo bench --workspace --exclude sdp-web --locked 2>/dev/null | grep -vE '^(running|test result|$)' || true
echo "=== browser"
sed 's/data-cargo-features="view[a-z-]*"/data-cargo-features="bench"/' index.html > index.only-bench.html
TRUNK_SKIP_VERSION_CHECK=true trunk build --release --offline --locked=true --dist dist-bench index.only-bench.html >/dev/null
rm -f index.only-bench.html
# A port per benchmark: a server that is still letting go of the last one's port would answer.
port=8900
for b in crates/labs/*/benches/browser.mjs crates/designs/benches/browser.mjs; do
  port=$((port + 1))
  BENCH_DIST=dist-bench BENCH_PORT=$port node "$b"
done
