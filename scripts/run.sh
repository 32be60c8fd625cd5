#!/usr/bin/env bash
# README command 1: set up, show the CLI on an example, then build the web app and serve it
# on 127.0.0.1 (PORT, default 8080) with an example design loaded. Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/setup.sh

PORT="${PORT:-8080}"
echo "== planwright evaluate www/examples/shop-web-app.yaml"
cargo run -q --release -p planwright-cli -- evaluate www/examples/shop-web-app.yaml

echo "== building the web app (trunk build --release)"
trunk build --release
echo
echo "Planwright is running at http://127.0.0.1:${PORT}/  (Ctrl-C to stop)"
exec python3 -m http.server "$PORT" --bind 127.0.0.1 --directory dist
