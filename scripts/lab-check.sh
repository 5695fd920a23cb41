#!/usr/bin/env bash
# Checks one folder (a lab, the designs, or the kit) the way scripts/test.sh checks everything:
# format, lints (strict for code, relaxed for tests), native tests, the view for wasm32 and its
# browser tests in headless Chromium. For working on one lab; scripts/test.sh is the real gate.
#   scripts/lab-check.sh crates/labs/geohash          everything for that folder
#   scripts/lab-check.sh crates/labs/geohash native   skip the browser part
# Heavy steps take a lock (/tmp/sdp-build.lock), so several people or helpers working at once
# on a 2-core machine build one at a time.
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${1:?usage: scripts/lab-check.sh <folder> [native]}"
pkg=$(sed -n 's/^name = "\(.*\)"/\1/p' "$dir/Cargo.toml" | head -1)
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR=never
# Checkouts that share a target dir (git worktrees with one CARGO_TARGET_DIR) collide: cargo names
# a path package's build by its path relative to the workspace, so another checkout's newer build
# of the kit looks fresh here. Touching this checkout's sources (inside the build lock) makes
# cargo rebuild them from this checkout.
fresh_here() {
  case "${CARGO_TARGET_DIR:-}" in
    ""|"$PWD"/*) ;;
    *) find crates web -name '*.rs' -o -name '*.toml' -o -name '*.css' | xargs touch ;;
  esac
}
lock() { flock /tmp/sdp-build.lock bash -c "$(declare -f fresh_here); fresh_here; \"\$@\"" _ "$@"; }
features=""
browser=testing
if grep -q '^view = ' "$dir/Cargo.toml"; then features="--features bench"; browser=testing; fi
echo "=== $pkg: format"
cargo fmt -p "$pkg" -- --check
echo "=== $pkg: clippy (code strict, tests relaxed)"
lock cargo clippy -p "$pkg" --lib --bins --locked -- -D warnings
lock cargo clippy -p "$pkg" --tests --benches --locked -- -D warnings \
  -A clippy::pedantic -A clippy::unwrap_used -A clippy::panic
echo "=== $pkg: native tests"
lock cargo test -p "$pkg" --locked
[ "${2:-}" = native ] && exit 0
if [ -n "$features" ]; then
  echo "=== $pkg: clippy for wasm32 (view and bench)"
  lock cargo clippy -p "$pkg" --target wasm32-unknown-unknown $features --lib --bins --locked -- -D warnings
fi
if [ -f "$dir/tests/browser.rs" ]; then
  echo "=== $pkg: browser tests (headless Chromium)"
  CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=180 \
    lock cargo test -p "$pkg" --target wasm32-unknown-unknown --features "$browser" --test browser --locked
fi
