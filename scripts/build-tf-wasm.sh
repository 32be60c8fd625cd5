#!/usr/bin/env bash
# Trunk post-build hook: builds the page's Terraform reader (crates/tf-wasm) as a WebAssembly
# module of its own into <dist>/tf/, which the page loads only when a user opens Terraform
# (it holds the HCL parser: too big for the first paint). Release builds are size-optimised
# like the app (wasm-opt -Oz); debug builds skip wasm-opt.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
OUT="${TRUNK_STAGING_DIR:-dist}/tf"
PROFILE="${TRUNK_PROFILE:-release}"
if [ "$PROFILE" = "release" ]; then
  cargo build -q --release --target wasm32-unknown-unknown -p planwright-tf-wasm
  WASM=target/wasm32-unknown-unknown/release/planwright_tf.wasm
else
  cargo build -q --target wasm32-unknown-unknown -p planwright-tf-wasm
  WASM=target/wasm32-unknown-unknown/debug/planwright_tf.wasm
fi
mkdir -p "$OUT"
wasm-bindgen --target web --no-typescript --out-dir "$OUT" "$WASM"
if [ "$PROFILE" = "release" ]; then
  # --low-memory-unused: as for the app (index.html says why it holds for Rust).
  wasm-opt -Oz --low-memory-unused --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
    "$OUT/planwright_tf_bg.wasm" -o "$OUT/planwright_tf_bg.wasm"
fi
echo "build-tf-wasm: $(gzip -9n -c "$OUT/planwright_tf_bg.wasm" | wc -c) bytes gzip in $OUT (loaded on demand)"
