use crate::policy::{Category, Ctx, Hit, Rule, Severity};
use crate::resources::Resource;

pub const RULE: Rule = Rule {
    id: "ENC-003",
    slug: "cache-tls-in-transit",
    category: Category::Data,
    severity: Severity::Medium,
    title: "Cache traffic not encrypted in transit",
    explanation: "Without TLS, anything on the path between the application and the cache can read session tokens and cached personal data.",
    fix: "Set `tls: true` (Redis in-transit encryption) and connect with TLS.",
    equivalents: &["CKV_AWS_30", "aws-elasticache-enable-in-transit-encryption"],
    check,
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
