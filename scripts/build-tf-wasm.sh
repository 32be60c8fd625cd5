#!/usr/bin/env bash
# Trunk post-build hook: builds the page's Terraform reader (crates/tf-wasm) as a WebAssembly
# module of its own into <dist>/tf/, which the page loads only when a user opens Terraform
# (it holds the HCL parser: too big for the first paint).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/build-wasm-module.sh planwright-tf-wasm planwright_tf tf
OUT="${TRUNK_STAGING_DIR:-dist}/tf"
echo "build-tf-wasm: $(gzip -9n -c "$OUT/planwright_tf_bg.wasm" | wc -c) bytes gzip in $OUT (loaded on demand)"
