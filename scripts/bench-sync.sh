#!/usr/bin/env bash
# Throughput and peak memory of `planwright prices sync` on generated EC2-shaped offer files
# of 110 MB and 440 MB (scripts/gen-offer.py), against python's json.load of the same file
# in the same run (a reader that holds the file in memory). Needs farm-bench (this
# workplace's timer) or falls back to /usr/bin/time.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cargo build -q --release -p planwright-cli
BIN=target/release/planwright
for size in 110 440; do
  dir=/tmp/planwright-offer-$size
  [ -d "$dir" ] || python3 scripts/gen-offer.py "$dir" "$size" >/dev/null
  file=$(ls "$dir"/offers/v1.0/aws/AmazonEC2/*/us-east-1/index.json)
  printf '\n== %s: %s bytes\n' "$size MB" "$(stat -c %s "$file")"
  cmd=("$BIN" prices sync --from "$dir" --region us-east-1 --service AmazonEC2 --out "/tmp/planwright-sync-$size" --quiet)
  if command -v farm-bench >/dev/null; then
    farm-bench -n 3 --timeout 600 --vs "python3 -c import\ json,sys;json.load(open(sys.argv[1])) $file" -- "${cmd[@]}"
  else
    /usr/bin/time -f '%e s wall, %M KB peak' "${cmd[@]}"
  fi
done
