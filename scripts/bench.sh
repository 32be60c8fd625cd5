#!/usr/bin/env bash
# Benchmarks (not part of the test command): criterion natively, then the browser benchmark
# in headless Chromium. The README's benchmark table comes from these numbers.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/setup.sh
cargo bench -p planwright-core --bench evaluate
trunk build --release
node scripts/bench-browser.mjs
node scripts/bench-keystroke.mjs
