use crate::policy::{Category, Ctx, Hit, Rule, RuleDocs, Severity};
use crate::resources::cache::CacheEngine;
use crate::resources::Resource;

pub const RULE: Rule = Rule {
    id: "ENC-007",
    slug: "cache-auth-token",
    category: Category::Data,
    severity: Severity::Medium,
    title: "Cache accepts clients without a password",
    fix: "Set `auth_token: true` (a Redis AUTH token or an RBAC user group, over `tls: true`).",
    check,
};

/// Why it matters, the matching checks elsewhere and the examples (the rule's tests and
/// documentation; kept apart so the page's bundle does not carry them).
pub const DOCS: RuleDocs = RuleDocs {
    explanation: "Without authentication, anything that can reach the cache port can read every cached session and write what the application will trust next. A security group is one rule change away from letting the wrong client in.",
    equivalents: &["CKV_AWS_31"],
    good: "resources:\n  cache: { kind: cache, node_type: cache.t3.micro, tls: true, auth_token: true }\n",
    bad: "resources:\n  cache: { kind: cache, node_type: cache.t3.micro, tls: true }\n",
};

fn check(ctx: &Ctx) -> Vec<Hit> {
    // Memcached on ElastiCache has no AUTH (SASL only on newer versions): not judged here.
    super::each(ctx, |r| match r {
        Resource::Cache(c) if c.auth_token != Some(true) && c.engine != CacheEngine::Memcached => {
            Some(c)
        }
        _ => None,
    })
    .map(|(name, path, _)| {
        Hit::new(
            name,
            path.key("auth_token"),
            format!("cache `{name}` does not say `auth_token: true`"),
        )
    })
    .collect()
}
