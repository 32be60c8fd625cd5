#!/usr/bin/env bash
# Side by side with Checkov (a benchmark, not part of the test command): generate one
# architecture as Terraform, install Checkov from PyPI into a virtualenv, run both on the very
# same .tf files, time both command lines, and compare their findings on the shared rules.
# (The generator also writes the same architecture as a hand-written design: Planwright's
# time on it is printed too, as the floor without the Terraform reader.)
# Usage: bash tests/bench/checkov.sh [STACKS]   (default 60 stacks: 660 Terraform resources)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
STACKS="${1:-60}"
WORK=target/bench-checkov
VENV=target/checkov-venv
RUNS=5

if [ ! -x "$VENV/bin/checkov" ]; then
  echo "== installing Checkov from PyPI into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q checkov
fi
cargo build -q --release -p planwright-cli
python3 tests/bench/generate.py "$WORK" "$STACKS"

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
time_it() { # command... -> seconds (wall)
  local t0 t1
  t0=$(date +%s.%N); "$@" > /dev/null 2>&1 || true; t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc -l
}

echo "== Checkov $("$VENV/bin/checkov" --version) on $WORK/terraform ($RUNS runs)"
"$VENV/bin/checkov" -d "$WORK/terraform" --framework terraform -o json --quiet --compact > "$WORK/checkov.json" 2>/dev/null || true
checkov_s=$(for _ in $(seq $RUNS); do time_it "$VENV/bin/checkov" -d "$WORK/terraform" --framework terraform -o json --quiet --compact; done | median)

echo "== Planwright on the same $WORK/terraform ($RUNS runs)"
./target/release/planwright evaluate "$WORK/terraform" --policy "$WORK/policy.yaml" --format json --today 2026-11-24 > "$WORK/planwright.json" 2>/dev/null || true
pw_s=$(for _ in $(seq $RUNS); do time_it ./target/release/planwright evaluate "$WORK/terraform" --policy "$WORK/policy.yaml" --format json; done | median)
design_s=$(for _ in $(seq $RUNS); do time_it ./target/release/planwright evaluate "$WORK/design.yaml" --format json; done | median)

printf '\nmedian wall time on the same .tf files: Checkov %.3f s, Planwright %.4f s: Planwright is %.0fx faster (both include process start)\n' \
  "$checkov_s" "$pw_s" "$(echo "$checkov_s / $pw_s" | bc -l)"
printf 'Planwright on the equivalent hand-written design: %.4f s (the Terraform reader and mapping cost %.4f s)\n\n' \
  "$design_s" "$(echo "$pw_s - $design_s" | bc -l)"
python3 tests/bench/compare.py "$WORK/checkov.json" "$WORK/planwright.json"
