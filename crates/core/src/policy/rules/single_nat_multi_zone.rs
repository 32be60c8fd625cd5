use std::collections::BTreeSet;

use crate::policy::{Category, Ctx, Hit, Rule, RuleDocs, Severity};
use crate::resources::Resource;

pub const RULE: Rule = Rule {
    id: "HA-003",
    slug: "single-nat-for-many-zones",
    category: Category::Availability,
    severity: Severity::Medium,
    title: "One NAT gateway serves several zones",
    fix: "Use one NAT gateway per zone (`count:` equal to the number of zones).",
    check,
};

/// Why it matters, the matching checks elsewhere and the examples (the rule's tests and
/// documentation; kept apart so the page's bundle does not carry them).
pub const DOCS: RuleDocs = RuleDocs {
    explanation: "A NAT gateway lives in one zone: if it goes, private subnets in every zone lose outbound access (and cross-zone NAT traffic is billed).",
    equivalents: &[],
    good: "environment: prod\nnetwork:\n  vpc: 10.0.0.0/16\n  subnets:\n    a: { cidr: 10.0.1.0/24, zone: a }\n    c: { cidr: 10.0.2.0/24, zone: c }\nresources:\n  nat: { kind: nat_gateway, count: 2 }\n",
    bad: "environment: prod\nnetwork:\n  vpc: 10.0.0.0/16\n  subnets:\n    a: { cidr: 10.0.1.0/24, zone: a }\n    c: { cidr: 10.0.2.0/24, zone: c }\nresources:\n  nat: { kind: nat_gateway, count: 1 }\n",
};

fn check(ctx: &Ctx) -> Vec<Hit> {
    if !ctx.is_prod() {
        return Vec::new();
    }
    let zones: BTreeSet<&str> = ctx
        .design
        .network
        .iter()
        .flat_map(|n| n.subnets.values())
        .filter_map(|s| s.zone.as_deref())
        .collect();
    let nats: Vec<(&str, crate::source::node::DesignPath, u32)> = super::each(ctx, |r| match r {
        Resource::NatGateway(n) => Some(n),
        _ => None,
    })
    .map(|(name, path, n)| (name, path, n.count.unwrap_or(1)))
    .collect();
    let total: u32 = nats.iter().map(|(_, _, c)| c).sum();
    match nats.first() {
        Some((name, path, _)) if zones.len() >= 2 && total == 1 => vec![Hit::new(
            *name,
            path.key("count"),
            format!("one NAT gateway serves subnets in {} zones", zones.len()),
        )],
        _ => Vec::new(),
    }
}
