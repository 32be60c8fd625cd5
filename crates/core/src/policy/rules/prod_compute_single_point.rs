use std::collections::BTreeSet;

use crate::policy::{Category, Ctx, Hit, Rule, RuleDocs, Severity};
use crate::resources::Resource;

pub const RULE: Rule = Rule {
    id: "HA-002",
    slug: "prod-compute-single-point",
    category: Category::Availability,
    severity: Severity::High,
    title: "Production compute can fall to one failure",
    fix: "Run at least two instances (`scaling.min: 2`) in subnets of two or more zones.",
    check,
};

/// Why it matters, the matching checks elsewhere and the examples (the rule's tests and
/// documentation; kept apart so the page's bundle does not carry them).
pub const DOCS: RuleDocs = RuleDocs {
    explanation: "Fewer than two instances, or all of them in one zone, means one host or zone failure takes the service down.",
    equivalents: &[],
    good: "environment: prod\nnetwork:\n  vpc: 10.0.0.0/16\n  subnets:\n    a: { cidr: 10.0.1.0/24, zone: a }\n    c: { cidr: 10.0.2.0/24, zone: c }\nresources:\n  web: { kind: compute, instance_type: t3.micro, subnets: [a, c], scaling: { min: 2, max: 4 } }\n",
    bad: "environment: prod\nresources:\n  web: { kind: compute, instance_type: t3.micro, count: 1 }\n",
};

fn check(ctx: &Ctx) -> Vec<Hit> {
    if !ctx.is_prod() {
        return Vec::new();
    }
    let zones_of = |subnets: &[String]| -> BTreeSet<String> {
        let Some(net) = &ctx.design.network else {
            return BTreeSet::new();
        };
        subnets
            .iter()
            .filter_map(|s| net.subnets.get(s).and_then(|x| x.zone.clone()))
            .collect()
    };
    let mut hits = Vec::new();
    for (name, path, c) in super::each(ctx, |r| match r {
        Resource::Compute(c) => Some(c),
        _ => None,
    }) {
        let (min, field) = match &c.scaling {
            Some(s) => (s.min, path.key("scaling").key("min")),
            None => (c.count.unwrap_or(1), path.key("count")),
        };
        if min < 2 {
            hits.push(Hit::new(
                name,
                field,
                format!("`{name}` runs as few as {min} instance(s)"),
            ));
            continue;
        }
        let zones = zones_of(&c.subnets);
        if zones.len() == 1 {
            hits.push(Hit::new(
                name,
                path.key("subnets"),
                format!(
                    "all instances of `{name}` run in zone {}",
                    zones.iter().next().map(String::as_str).unwrap_or("?")
                ),
            ));
        }
    }
    hits
}
