#!/usr/bin/env bash
# The pipeline against its floors (crates/core/benches/pipeline.rs), in one run: runs the
# criterion benchmark, then prints each median and the ratios the README's bars are about:
#   read <= 1.25x the YAML floor, read_json <= 2x the JSON floor,
#   evaluate_all <= 1x the JSON floor, growth from 1,000 to 5,000 resources <= 5.5x.
# SKIP_RUN=1 only prints the figures of the last run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
TARGET="${CARGO_TARGET_DIR:-target}"
if [ -z "${SKIP_RUN:-}" ]; then
  cargo bench -q -p planwright-core --bench pipeline >/dev/null
fi
python3 - "$TARGET/criterion" <<'PY'
import json, sys, os
root = sys.argv[1]
def median(group, bench, n):
    with open(os.path.join(root, group, bench, str(n), "new", "estimates.json")) as f:
        return json.load(f)["median"]["point_estimate"] / 1e6  # ms
rows = []
for n in (200, 1000, 5000):
    m = {k: median(*k.split("/"), n) for k in
         ("floor/yaml_events", "floor/json_value", "pipeline/read", "pipeline/read_json", "pipeline/evaluate_all")}
    rows.append((n, m))
    print(f"{n} resources: " + ", ".join(f"{k} {v:.2f} ms" for k, v in m.items()))
    checks = [
        ("read / yaml floor", m["pipeline/read"] / m["floor/yaml_events"], 1.25),
        ("read_json / json floor", m["pipeline/read_json"] / m["floor/json_value"], 2.0),
        ("evaluate_all / json floor", m["pipeline/evaluate_all"] / m["floor/json_value"], 1.0),
    ]
    for name, r, bar in checks:
        print(f"  {name}: {r:.2f}x (bar {bar}x) {'ok' if r <= bar else 'MISSED'}")
big = dict(rows)
for k in ("pipeline/read", "pipeline/read_json", "pipeline/evaluate_all"):
    g = big[5000][k] / big[1000][k]
    print(f"growth 1,000 -> 5,000, {k}: {g:.2f}x (bar 5.5x) {'ok' if g <= 5.5 else 'MISSED'}")
PY
