use crate::policy::{Category, Ctx, Hit, Rule, RuleDocs, Severity};
use crate::resources::Resource;

pub const RULE: Rule = Rule {
    id: "ENC-003",
    slug: "cache-tls-in-transit",
    category: Category::Data,
    severity: Severity::Medium,
    title: "Cache traffic not encrypted in transit",
    fix: "Set `tls: true` (Redis in-transit encryption) and connect with TLS.",
    check,
};

/// Why it matters, the matching checks elsewhere and the examples (the rule's tests and
/// documentation; kept apart so the page's bundle does not carry them).
pub const DOCS: RuleDocs = RuleDocs {
    explanation: "Without TLS, anything on the path between the application and the cache can read session tokens and cached personal data.",
    equivalents: &["CKV_AWS_30", "aws-elasticache-enable-in-transit-encryption"],
    good: "resources:\n  cache: { kind: cache, node_type: cache.t3.micro, encrypted: true, tls: true }\n",
    bad: "resources:\n  cache: { kind: cache, node_type: cache.t3.micro, encrypted: true }\n",
};

fn check(ctx: &Ctx) -> Vec<Hit> {
    super::each(ctx, |r| match r {
        Resource::Cache(c)
            if c.tls != Some(true)
                && c.engine != crate::resources::cache::CacheEngine::Memcached =>
        {
            Some(c)
        }
        _ => None,
    })
    .map(|(name, path, _)| {
        Hit::new(
            name,
            path.key("tls"),
            format!("cache `{name}` does not say `tls: true`"),
        )
    })
    .collect()
}
