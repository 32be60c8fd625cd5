#!/usr/bin/env bash
# Installs what building and testing Planwright needs, skipping what is already there:
# the wasm32 target, trunk, the wasm-bindgen CLI matching Cargo.lock, Debian's chromium
# and chromedriver, and the npm tools (binaryen's wasm-opt, playwright-core).
# Source it (`. scripts/setup.sh`) to also get PATH set for the current shell.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"

TRUNK_VERSION=0.21.14   # 0.22 needs a newer rustc than this machine's 1.95
say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen's CLI must be exactly the version Cargo.lock pins.
WBG_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WBG_VERSION" ]; then
  say "installing wasm-bindgen-cli $WBG_VERSION (about 2-3 minutes)"
  # --locked fails for some releases (their lockfile wants a crate the index lacks): retry without.
  cargo install --locked wasm-bindgen-cli --version "$WBG_VERSION" \
    || cargo install wasm-bindgen-cli --version "$WBG_VERSION"
fi

if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (about 5-8 minutes on 2 cores)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  say "installing Debian's chromium and chromium-driver"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# Korean text in the browser tests' screenshots (the page's Korean UI) needs a CJK font.
if ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
  say "installing fonts-noto-cjk (Korean in the browser tests' screenshots)"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq || true
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk fontconfig >/dev/null || say "fonts-noto-cjk could not be installed: Korean screenshots will show boxes"
fi

if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] \
   || [ ! -d node_modules/terser ] || [ ! -d node_modules/csso ] \
   || [ ! -x node_modules/.bin/esbuild ] || [ ! -d node_modules/@codemirror/view ] \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm tools (binaryen for wasm-opt, playwright-core, terser, csso; esbuild and CodeMirror for the code editor)"
  npm ci --no-audit --no-fund --loglevel=error
fi
