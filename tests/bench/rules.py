#!/usr/bin/env python3
"""Writes designs with one security group of N ingress rules, in the shapes that decide how
the internet-reachability sweep grows (docs/growth.md):

  allowlist  N distinct /32 sources on port 443 (a large partner allow-list)
  open       N rules from 0.0.0.0/0, each on its own port range (every range is open)
  halves     N rules alternating 0.0.0.0/1 and 128.0.0.0/1 on overlapping ranges (the
             internet only as a union: the sweep must aggregate)
  adversary  N small, overlapping networks on overlapping ranges whose sizes add up to more
             than the internet without covering it (the aggregation's worst case)
  nsg        an Azure network security group of N rules by priority, allow and deny mixed,
             on overlapping ranges from halves of the internet, the internet and private
             ranges (first-match evaluation's worst case: every range decided anew)

One rule per line in a flow list (the most compact YAML: 100,000 rules come to 3.9-4.9 MB,
against the 4 MiB design limit).

Usage: rules.py SHAPE N > design.yaml
"""
import sys

shape, n = sys.argv[1], int(sys.argv[2])
out = sys.stdout.write
cloud = "provider: azure\nregion: koreacentral\n" if shape == "nsg" else "region: us-east-1\n"
out("version: 1\nname: rules-%s-%d\n%senvironment: prod\n" % (shape, n, cloud))
out("tags: { Project: bench, Owner: platform, Environment: prod }\n")
out("network:\n  vpc: 10.0.0.0/16\n  subnets:\n    app-a: { cidr: 10.0.0.0/24, zone: a }\n")
out("  security_groups:\n    big:\n      ingress: [\n")
for i in range(n):
    if shape == "allowlist":
        out("       {ports: 443, from: %d.%d.%d.%d/32},\n" % (11 + i // 65536 % 200, i // 256 % 256, i % 256, 7))
    elif shape == "open":
        p = 1 + i % 65000
        out("       {ports: %d, from: 0.0.0.0/0},\n" % p)
    elif shape == "halves":
        p = 1 + (i // 2) % 64000
        net = "0.0.0.0/1" if i % 2 == 0 else "128.0.0.0/1"
        out("       {ports: \"%d-%d\", from: %s},\n" % (p, p + 500, net))
    elif shape == "adversary":
        p = 1 + i % 64000
        # /4 networks all inside 0.0.0.0/1: 16 of them outweigh the internet's size in sum
        # (duplicates counted) yet never reach 128.0.0.0/1.
        out("       {ports: \"%d-%d\", from: %d.0.0.0/4},\n" % (p, p + 1000, (i % 8) * 16))
    elif shape == "nsg":
        p = 1 + (i * 37) % 64000
        net = ["Internet", "0.0.0.0/1", "128.0.0.0/1", "203.0.113.0/24", "10.0.0.0/8"][i % 5]
        action = "deny" if i % 3 == 0 else "allow"
        out("       {priority: %d, ports: \"%d-%d\", from: \"%s\", action: %s},\n" % (100 + i, p, p + 2000, net, action))
    else:
        sys.exit("unknown shape " + shape)
out("       ]\nresources:\n  app:\n    kind: compute\n    instance_type: t3.micro\n    subnets: [app-a]\n    security_groups: [big]\n")
