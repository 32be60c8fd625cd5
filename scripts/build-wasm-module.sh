#!/usr/bin/env bash
# Builds one of the page's lazily loaded WebAssembly modules (called by the Trunk hooks
# build-tf-wasm.sh and build-code-editor.sh):
#   build-wasm-module.sh <cargo package> <lib name> <dir under the staging dir>
# Release builds are size-optimised like the app (wasm-opt -Oz); debug builds skip wasm-opt.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
PACKAGE="$1"
LIB="$2"
OUT="${TRUNK_STAGING_DIR:-dist}/$3"
PROFILE="${TRUNK_PROFILE:-release}"
if [ "$PROFILE" = "release" ]; then
  cargo build -q --release --target wasm32-unknown-unknown -p "$PACKAGE"
  WASM="target/wasm32-unknown-unknown/release/$LIB.wasm"
else
  cargo build -q --target wasm32-unknown-unknown -p "$PACKAGE"
  WASM="target/wasm32-unknown-unknown/debug/$LIB.wasm"
fi
mkdir -p "$OUT"
wasm-bindgen --target web --no-typescript --out-dir "$OUT" "$WASM"
if [ "$PROFILE" = "release" ]; then
  # --low-memory-unused: as for the app (index.html says why it holds for Rust).
  wasm-opt -Oz --low-memory-unused --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
    "$OUT/${LIB}_bg.wasm" -o "$OUT/${LIB}_bg.wasm"
fi
