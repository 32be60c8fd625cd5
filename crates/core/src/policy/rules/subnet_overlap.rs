use ipnet::IpNet;

use crate::path::DesignPath;
use crate::policy::{Category, Ctx, Hit, Rule, RuleDocs, Severity};

pub const RULE: Rule = Rule {
    id: "NET-007",
    slug: "subnets-overlap",
    category: Category::Network,
    severity: Severity::High,
    title: "Subnets overlap",
    fix: "Give each subnet its own block inside the VPC.",
    check,
};

/// Why it matters, the matching checks elsewhere and the examples (the rule's tests and
/// documentation; kept apart so the page's bundle does not carry them).
pub const DOCS: RuleDocs = RuleDocs {
    explanation: "Two subnets with overlapping CIDR blocks cannot both be created in one VPC; the design cannot be deployed as written.",
    equivalents: &[],
    good: "network:\n  vpc: 10.0.0.0/16\n  subnets:\n    a: { cidr: 10.0.1.0/24 }\n    b: { cidr: 10.0.2.0/24 }\nresources: {}\n",
    bad: "network:\n  vpc: 10.0.0.0/16\n  subnets:\n    a: { cidr: 10.0.0.0/23 }\n    b: { cidr: 10.0.1.0/24 }\nresources: {}\n",
};

fn check(ctx: &Ctx) -> Vec<Hit> {
    let mut hits = Vec::new();
    let Some(net) = &ctx.design.network else {
        return hits;
    };
    let parsed: Vec<(&String, IpNet)> = net
        .subnets
        .iter()
        .filter_map(|(n, s)| s.cidr.parse().ok().map(|c| (n, c)))
        .collect();
    for (i, (a, ca)) in parsed.iter().enumerate() {
        for (b, cb) in parsed.iter().skip(i + 1) {
            if ca.contains(cb) || cb.contains(ca) {
                hits.push(Hit::new(
                    b.as_str(),
                    DesignPath::root()
                        .key("network")
                        .key("subnets")
                        .key(b.as_str())
                        .key("cidr"),
                    format!("subnet `{b}` ({cb}) overlaps subnet `{a}` ({ca})"),
                ));
            }
        }
    }
    hits
}
