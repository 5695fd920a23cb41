#!/usr/bin/env bash
# Serves the site on http://127.0.0.1:8080/ with live rebuilds. Installs what is missing first.
#   scripts/serve.sh            debug build (fast to rebuild)
#   scripts/serve.sh --release  optimised build, as deployed
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
cargo fetch --locked >/dev/null
echo "Serving on http://127.0.0.1:8080/ (Ctrl-C to stop)"
TRUNK_SKIP_VERSION_CHECK=true exec trunk serve --offline --locked --address 127.0.0.1 --port 8080 "$@"
