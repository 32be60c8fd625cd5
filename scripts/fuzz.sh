#!/usr/bin/env bash
# Fuzzing (not part of the test command): each target for SECONDS (default 60) with
# libFuzzer through cargo-fuzz on the nightly toolchain. New corpus entries land in
# fuzz/corpus/<target>/ and crashes in fuzz/artifacts/<target>/; commit both: the test
# `crates/core/tests/fuzz_regressions.rs` replays them on stable in every test run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SECONDS_PER_TARGET="${1:-60}"
export PATH="$HOME/.cargo/bin:$PATH"
rustup toolchain list | grep -q nightly || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install --locked cargo-fuzz
cd fuzz
for target in parse_design evaluate_generated policy_pack share_link terraform_import; do
  mkdir -p "corpus/$target"
  echo "== $target (${SECONDS_PER_TARGET}s)"
  cargo +nightly fuzz run -O "$target" "corpus/$target" -- \
    -max_total_time="$SECONDS_PER_TARGET" -max_len=8192 -rss_limit_mb=4096 -print_final_stats=1 2>&1 \
    | grep -E "^(#[0-9]+\s+DONE|stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb|.*cov: [0-9]+ ft:)" | tail -4
done
