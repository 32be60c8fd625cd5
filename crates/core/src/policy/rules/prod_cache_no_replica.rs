use crate::policy::{Category, Ctx, Hit, Rule, RuleDocs, Severity};
use crate::resources::cache::CacheEngine;
use crate::resources::Resource;

pub const RULE: Rule = Rule {
    id: "HA-004",
    slug: "prod-cache-without-replica",
    category: Category::Availability,
    severity: Severity::Medium,
    title: "Production cache without a replica",
    fix: "Run two or more nodes (a primary and a replica in another zone).",
    check,
};

/// Why it matters, the matching checks elsewhere and the examples (the rule's tests and
/// documentation; kept apart so the page's bundle does not carry them).
pub const DOCS: RuleDocs = RuleDocs {
    explanation: "A single cache node takes its data with it when it fails; the database then takes the full load at the worst moment.",
    equivalents: &[],
    good: "environment: prod\nresources:\n  cache: { kind: cache, node_type: cache.t3.micro, nodes: 2 }\n",
    bad: "environment: prod\nresources:\n  cache: { kind: cache, node_type: cache.t3.micro }\n",
};

fn check(ctx: &Ctx) -> Vec<Hit> {
    if !ctx.is_prod() {
        return Vec::new();
    }
    super::each(ctx, |r| match r {
        Resource::Cache(c) if c.nodes.unwrap_or(1) < 2 && c.engine != CacheEngine::Memcached => {
            Some(c)
        }
        _ => None,
    })
    .map(|(name, path, _)| {
        Hit::new(
            name,
            path.key("nodes"),
            format!("production cache `{name}` has a single node"),
        )
    })
    .collect()
}
