#!/usr/bin/env python3
"""Compares Checkov's and Planwright's findings on the shared rules, subject by subject.

Usage: compare.py CHECKOV_JSON PLANWRIGHT_JSON
A subject is the Terraform resource name without its type (`aws_db_instance.db_7` -> `db_7`,
listeners map to their load balancer), and for Planwright the security group of a network
finding or else the resource. Exit status 1 when Checkov finds a shared-rule problem that
Planwright misses.
"""
import json
import sys
from collections import defaultdict

# Checkov check -> the Planwright rules that cover it.
SHARED = {
    "CKV_AWS_24": ["NET-001"], "CKV_AWS_25": ["NET-001"], "CKV_AWS_277": ["NET-003"],
    "CKV_AWS_260": ["NET-004"], "CKV_AWS_17": ["NET-010"], "CKV_AWS_16": ["ENC-001"],
    "CKV_AWS_293": ["BAK-001"], "CKV_AWS_157": ["HA-001"], "CKV_AWS_29": ["ENC-002"],
    "CKV_AWS_30": ["ENC-003"], "CKV_AWS_3": ["ENC-004"], "CKV_AWS_8": ["ENC-004"],
    "CKV_AWS_21": ["BAK-004"], "CKV_AWS_2": ["NET-008"], "CKV_AWS_103": ["NET-009", "NET-008"],
    "CKV_AWS_338": ["GOV-003"], "CKV_AWS_20": ["NET-011"], "CKV_AWS_304": ["GOV-002"],
}


def tf_subject(resource):
    name = resource.split(".", 1)[-1]
    for prefix in ("http_", "https_"):
        if name.startswith(prefix):
            return "lb_" + name[len(prefix):]
    return name


def pw_subject(f):
    # Read from Terraform, groups and resources are named by their address
    # (`network.security_groups.aws_security_group.web_3.ingress[1]`, `aws_db_instance.db_7`).
    path = f["path"].split(".")
    if path[:2] == ["network", "security_groups"] and len(path) > 2:
        return path[3] if path[2].startswith("aws_") and len(path) > 3 else path[2]
    return tf_subject(f["resource"]) if f["resource"].startswith("aws_") else f["resource"]


checkov = json.load(open(sys.argv[1]))
checkov = checkov[0] if isinstance(checkov, list) else checkov
failed = checkov["results"]["failed_checks"]
ours = json.load(open(sys.argv[2]))["findings"]

ours_by_rule = defaultdict(set)
for f in ours:
    ours_by_rule[f["rule"]].add(pw_subject(f))

print(f"Checkov: {len(failed)} failed checks ({len({c['check_id'] for c in failed})} distinct checks)")
print(f"Planwright: {len(ours)} findings ({len({f['rule'] for f in ours})} distinct rules)\n")
print(f"{'Checkov check':<14} {'Planwright':<18} {'Checkov':>8} {'Planwright':>11} {'missed':>7}")
missed_total = 0
theirs_by_check = defaultdict(set)
for c in failed:
    theirs_by_check[c["check_id"]].add(tf_subject(c["resource"]))
for check, rules in SHARED.items():
    theirs = theirs_by_check.get(check, set())
    mine = set().union(*(ours_by_rule.get(r, set()) for r in rules))
    missed = theirs - mine
    missed_total += len(missed)
    if theirs or mine:
        print(f"{check:<14} {'+'.join(rules):<18} {len(theirs):>8} {len(mine & theirs) if theirs else len(mine):>11} {len(missed):>7}"
              + (f"   missed: {sorted(missed)[:5]}" if missed else ""))
only_ours = sorted(r for r in ours_by_rule if not any(r in rs for rs in SHARED.values()))
print(f"\nPlanwright rules with no Checkov counterpart here: "
      + ", ".join(f"{r} ({len(ours_by_rule[r])})" for r in only_ours))
print(f"Shared-rule problems Checkov found that Planwright missed: {missed_total}")
sys.exit(1 if missed_total else 0)
