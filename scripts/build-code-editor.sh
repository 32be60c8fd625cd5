#!/usr/bin/env bash
# Trunk post-build hook: the page's code editor and architecture diagram, loaded after its
# first paint (the page shows its plain text box until then), so they never weigh on the
# first load:
# - <dist>/code/editor.js: crates/web/code-editor/editor.js (CodeMirror 6 from npm),
#   bundled and minified by esbuild; <dist>/code/diagram.js: the diagram's frame (zoom,
#   pan, export, click to line);
# - <dist>/code/planwright_assist*: crates/assist-wasm, the core's completion, hover,
#   definition, quick fixes and diagram as a WebAssembly module of its own (size-optimised like the
#   app in release builds).
# README "Bundle" lists their sizes.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
OUT="${TRUNK_STAGING_DIR:-dist}/code"
mkdir -p "$OUT"
for chunk in editor diagram; do
  esbuild "crates/web/code-editor/$chunk.js" --bundle --format=esm --minify \
    --legal-comments=none --target=es2020 --log-level=warning --outfile="$OUT/$chunk.js"
done
bash scripts/build-wasm-module.sh planwright-assist-wasm planwright_assist code
for f in editor.js diagram.js planwright_assist.js planwright_assist_bg.wasm; do
  echo "build-code-editor: $f $(gzip -9n -c "$OUT/$f" | wc -c) bytes gzip (loaded after first paint)"
done
