#!/usr/bin/env bash
# Builds the release site with only the home pages and the given bundles, serves it under /sdp-e2e/ and
# runs the given e2e test files. For working on one lab; scripts/test.sh builds every bundle.
#   scripts/lab-e2e.sh lab-geohash crates/labs/geohash/tests/e2e.test.mjs
#   scripts/lab-e2e.sh "designs lab-hash-ring" crates/designs/tests/e2e.test.mjs
set -euo pipefail
cd "$(dirname "$0")/.."
bundles="${1:?usage: scripts/lab-e2e.sh \"<bundle> …\" <test files…>}"; shift
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
name=$(echo "$bundles" | tr ' ' '_')
html="index.only-$name.html"
{
  while IFS= read -r line; do
    bin=$(printf '%s' "$line" | sed -n 's/.*data-bin="\([^"]*\)".*/\1/p')
    if [ -z "$bin" ] || [ "$bin" = trunk-main ] || [[ " $bundles " == *" $bin "* ]]; then printf '%s\n' "$line"; fi
  done < index.html
} > "$html"
site="/tmp/sdp-e2e-$name"
rm -rf "$site" && mkdir -p "$site/sdp-e2e"
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
flock /tmp/sdp-build.lock bash -c "$(declare -f fresh_here); fresh_here; \"\$@\"" _ env TRUNK_SKIP_VERSION_CHECK=true trunk build --release --offline --locked=true \
  --public-url /sdp-e2e/ --dist "$site/dist" "$html" >/dev/null
rm -f "$html"
cp -r "$site/dist/." "$site/sdp-e2e/"
E2E_PORT=${E2E_PORT:-$((8800 + RANDOM % 100))} SITE_ROOT="$site" SUBPATH=/sdp-e2e/ \
  node --test --test-concurrency=1 "$@"
