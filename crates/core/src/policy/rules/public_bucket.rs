use crate::policy::{Category, Ctx, Hit, Rule, RuleDocs, Severity};
use crate::resources::Resource;

pub const RULE: Rule = Rule {
    id: "NET-011",
    slug: "public-bucket",
    category: Category::Network,
    severity: Severity::High,
    title: "Bucket is public",
    fix: "Set `public: false` (keep S3 Block Public Access on) and put a `cdn` in front with the bucket as `origin`.",
    check,
};

/// Why it matters, the matching checks elsewhere and the examples (the rule's tests and
/// documentation; kept apart so the page's bundle does not carry them).
pub const DOCS: RuleDocs = RuleDocs {
    explanation: "Public buckets are the most common source of cloud data leaks. Serve public files through a CDN with origin access control instead.",
    equivalents: &["CKV_AWS_20", "aws-s3-block-public-acls"],
    good: "resources:\n  assets: { kind: object_storage, public: false }\n  cdn: { kind: cdn, origin: assets }\n",
    bad: "resources:\n  assets: { kind: object_storage, public: true }\n",
};

fn check(ctx: &Ctx) -> Vec<Hit> {
    super::each(ctx, |r| match r {
        Resource::ObjectStorage(s) if s.public == Some(true) => Some(s),
        _ => None,
    })
    .map(|(name, path, _)| {
        Hit::new(
            name,
            path.key("public"),
            format!("bucket `{name}` is readable by anyone"),
        )
    })
    .collect()
}
