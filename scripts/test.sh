#!/usr/bin/env bash
# Runs every test: formatting, lints, native tests (golden vectors, differential and property
# tests, the contract test for every lab), every view in headless Chromium, and Playwright
# end-to-end tests against the release build served from a sub-path. Installs what is missing
# first (scripts/setup.sh --test).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR=never
start=$SECONDS
step() { printf '\n=== %s (%d s)\n' "$*" $((SECONDS - start)); }

step "format"
cargo fmt --all -- --check

step "clippy: code, native (pedantic, no unwrap or panic)"
cargo clippy --workspace --lib --bins --locked -- -D warnings
step "clippy: tests and benchmarks, native"
cargo clippy --workspace --tests --benches --locked -- -D warnings \
  -A clippy::pedantic -A clippy::unwrap_used -A clippy::panic
step "clippy: views, bundles and benchmark exports, wasm32"
cargo clippy --workspace --target wasm32-unknown-unknown --all-features --lib --bins --locked -- -D warnings

step "native tests"
cargo test --workspace --locked

step "views in headless Chromium (wasm-bindgen-test)"
CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=180 \
  cargo test --workspace --exclude sdp-web --target wasm32-unknown-unknown --all-features \
  --test browser --locked

step "release build under a sub-path"
SUBPATH=/sdp-e2e/
bash scripts/build.sh --public-url "$SUBPATH"
rm -rf site && mkdir -p "site${SUBPATH%/}" && cp -r dist/. "site${SUBPATH%/}/"

step "end-to-end tests (Playwright, system Chromium)"
SITE_ROOT=site SUBPATH="$SUBPATH" node --test --test-concurrency=1 \
  tests/e2e/*.test.mjs crates/labs/*/tests/e2e.test.mjs crates/designs/tests/e2e.test.mjs
step "done"
