use crate::policy::{Category, Ctx, Hit, Rule, RuleDocs, Severity};
use crate::resources::Resource;

pub const RULE: Rule = Rule {
    id: "ENC-002",
    slug: "cache-encryption-at-rest",
    category: Category::Data,
    severity: Severity::Medium,
    title: "Cache not encrypted at rest",
    fix: "Set `encrypted: true` on the cache.",
    check,
};

/// Why it matters, the matching checks elsewhere and the examples (the rule's tests and
/// documentation; kept apart so the page's bundle does not carry them).
pub const DOCS: RuleDocs = RuleDocs {
    explanation: "Cache snapshots and swap hold the same session and user data as the database.",
    equivalents: &["CKV_AWS_29", "aws-elasticache-enable-at-rest-encryption"],
    good: "resources:\n  cache: { kind: cache, node_type: cache.t3.micro, encrypted: true, tls: true }\n",
    bad: "resources:\n  cache: { kind: cache, node_type: cache.t3.micro, tls: true }\n",
};

fn check(ctx: &Ctx) -> Vec<Hit> {
    super::each(ctx, |r| match r {
        Resource::Cache(c) if c.encrypted != Some(true) => Some(c),
        _ => None,
    })
    .map(|(name, path, _)| {
        Hit::new(
            name,
            path.key("encrypted"),
            format!("cache `{name}` does not say `encrypted: true`"),
        )
    })
    .collect()
}
