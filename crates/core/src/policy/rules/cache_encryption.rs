use crate::policy::{Category, Ctx, Hit, Rule, Severity};
use crate::resources::Resource;

pub const RULE: Rule = Rule {
    id: "ENC-002",
    slug: "cache-encryption-at-rest",
    category: Category::Data,
    severity: Severity::Medium,
    title: "Cache not encrypted at rest",
    explanation: "Cache snapshots and swap hold the same session and user data as the database.",
    fix: "Set `encrypted: true` on the cache.",
    equivalents: &["CKV_AWS_29", "aws-elasticache-enable-at-rest-encryption"],
    check,
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
