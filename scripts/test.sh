#!/usr/bin/env bash
# Runs every test: formatting, lints, native tests (golden vectors, differential and property
# tests), the web crate in headless Chromium, and Playwright end-to-end tests against the release
# build served from a sub-path. Installs what is missing first (scripts/setup.sh --test).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR=never

step() { printf '\n=== %s\n' "$*"; }

step "format"
cargo fmt --all -- --check

step "clippy (native, all targets; web crate for wasm32)"
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo clippy -p sdp-web --target wasm32-unknown-unknown --locked -- -D warnings

step "native tests"
cargo test --workspace --locked

step "web crate in headless Chromium (wasm-bindgen-test)"
CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=120 \
  cargo test -p sdp-web --target wasm32-unknown-unknown --locked --tests

step "release build under a sub-path"
SUBPATH=/sdp-e2e/
bash scripts/build.sh --public-url "$SUBPATH" >/dev/null
rm -rf site && mkdir -p "site${SUBPATH%/}" && cp -r dist/. "site${SUBPATH%/}/"

step "end-to-end tests (Playwright, system Chromium)"
SITE_ROOT=site SUBPATH="$SUBPATH" node --test --test-concurrency=1 tests/e2e/
