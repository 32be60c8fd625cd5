use crate::policy::{Category, Ctx, Hit, Rule, RuleDocs, Severity};
use crate::resources::Resource;

pub const RULE: Rule = Rule {
    id: "COST-004",
    slug: "noncurrent-versions-kept-forever",
    category: Category::Cost,
    severity: Severity::Low,
    title: "Versioned bucket keeps old versions forever",
    fix:
        "Set `noncurrent_expire_days` (a lifecycle rule's noncurrent-version expiration), e.g. 30.",
    check,
};

/// Why it matters, the matching checks elsewhere and the examples (the rule's tests and
/// documentation; kept apart so the page's bundle does not carry them).
pub const DOCS: RuleDocs = RuleDocs {
    explanation: "With versioning, every overwrite and delete keeps the old bytes, billed at the bucket's storage price. Without an expiry they accumulate for as long as the bucket lives, and no cost line shows them until `usage.noncurrent_gb` is written.",
    equivalents: &[],
    good: "resources:\n  uploads: { kind: object_storage, versioning: true, noncurrent_expire_days: 30 }\n",
    bad: "resources:\n  uploads: { kind: object_storage, versioning: true }\n",
};

fn check(ctx: &Ctx) -> Vec<Hit> {
    super::each(ctx, |r| match r {
        Resource::ObjectStorage(s)
            if s.versioning == Some(true) && s.noncurrent_expire_days.is_none() =>
        {
            Some(s)
        }
        _ => None,
    })
    .map(|(name, path, _)| {
        Hit::new(
            name,
            path.key("versioning"),
            format!("bucket `{name}` keeps every noncurrent version with no expiry"),
        )
    })
    .collect()
}
