use crate::policy::{Category, Ctx, Hit, Rule, RuleDocs, Severity};
use crate::resources::Resource;

pub const RULE: Rule = Rule {
    id: "BAK-004",
    slug: "bucket-versioning-off",
    category: Category::Backup,
    severity: Severity::Medium,
    title: "Bucket versioning off",
    fix: "Set `versioning: true`, with `noncurrent_expire_days` to expire old versions.",
    check,
};

/// Why it matters, the matching checks elsewhere and the examples (the rule's tests and
/// documentation; kept apart so the page's bundle does not carry them).
pub const DOCS: RuleDocs = RuleDocs {
    explanation:
        "Without versioning, an overwrite or delete (by a bug, a person or ransomware) is final.",
    equivalents: &["CKV_AWS_21", "aws-s3-enable-versioning"],
    good: "resources:\n  uploads: { kind: object_storage, versioning: true, noncurrent_expire_days: 30 }\n",
    bad: "resources:\n  uploads: { kind: object_storage }\n",
};

fn check(ctx: &Ctx) -> Vec<Hit> {
    super::each(ctx, |r| match r {
        Resource::ObjectStorage(s) if s.versioning != Some(true) => Some(s),
        _ => None,
    })
    .map(|(name, path, _)| {
        Hit::new(
            name,
            path.key("versioning"),
            format!("bucket `{name}` keeps no earlier versions"),
        )
    })
    .collect()
}
