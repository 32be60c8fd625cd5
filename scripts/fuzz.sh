#!/usr/bin/env bash
# Fuzzing (not part of the test command): every target for SECONDS each (default 60) with
# libFuzzer through cargo-fuzz, on the stable toolchain (RUSTC_BOOTSTRAP=1 lets it use the
# unstable flags libFuzzer's instrumentation needs; no sanitizer: the code is safe Rust, a
# panic, an overflow check or a timeout is what is looked for).
#   bash scripts/fuzz.sh [SECONDS] [TARGET...]
# Each run starts from the committed corpus (fuzz/corpus/<target>/) and grows a scratch
# copy (FUZZ_WORK, default /tmp/planwright-fuzz), so the committed corpus stays small;
# `cargo fuzz cmin` it into fuzz/corpus when coverage grew. Crashes land in
# fuzz/artifacts/<target>/: commit them, `crates/core/tests/fuzz_regressions.rs` replays
# them and the corpus on stable in every test run. The last lines per target are its
# executions, speed, coverage and memory.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SECONDS_PER_TARGET="${1:-60}"
shift || true
TARGETS=("$@")
if [ ${#TARGETS[@]} -eq 0 ]; then
  TARGETS=(parse_design evaluate_generated policy_pack share_link terraform_import terraform_archive)
fi
WORK="${FUZZ_WORK:-/tmp/planwright-fuzz}"
export PATH="$HOME/.cargo/bin:$PATH"
command -v cargo-fuzz >/dev/null || cargo install --locked cargo-fuzz
export RUSTC_BOOTSTRAP=1
cd fuzz
for target in "${TARGETS[@]}"; do
  mkdir -p "corpus/$target" "$WORK/$target"
  cp -n "corpus/$target/"* "$WORK/$target/" 2>/dev/null || true
  echo "== $target (${SECONDS_PER_TARGET}s)"
  cargo fuzz run -O --sanitizer none "$target" "$WORK/$target" -- \
    -max_total_time="$SECONDS_PER_TARGET" -max_len=8192 -rss_limit_mb=4096 -timeout=10 -print_final_stats=1 2>&1 \
    | grep -E "^(#[0-9]+\s+DONE|stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb|.*cov: [0-9]+ ft:|==[0-9]+== ERROR|.*panicked|SUMMARY|artifact_prefix|Test unit written)" | tail -6
done
