#!/usr/bin/env bash
# Benchmarks that print figures (no pass/fail): first-load size, native core throughput,
# and in Chromium: core speed in WebAssembly, trace build, seek and frame times.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
echo "=== release build"
bash scripts/build.sh
echo "=== native"
cargo bench --workspace --locked 2>/dev/null | grep -vE '^(running|test result|$)' || true
echo "=== browser"
for b in tests/bench/*.mjs; do [ "$(basename "$b")" = harness.mjs ] || node "$b"; done
