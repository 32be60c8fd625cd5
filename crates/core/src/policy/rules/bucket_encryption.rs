use crate::policy::{Category, Ctx, Hit, Rule, RuleDocs, Severity};
use crate::resources::Resource;

pub const RULE: Rule = Rule {
    id: "ENC-005",
    slug: "bucket-encryption",
    category: Category::Data,
    severity: Severity::Low,
    title: "Bucket encryption turned off",
    fix: "Remove `encrypted: false`, or use SSE-KMS for data that needs key-level access control.",
    check,
};

/// Why it matters, the matching checks elsewhere and the examples (the rule's tests and
/// documentation; kept apart so the page's bundle does not carry them).
pub const DOCS: RuleDocs = RuleDocs {
    explanation: "S3 encrypts new objects by default (SSE-S3); a design that says `encrypted: false` asks for less than the default.",
    equivalents: &["CKV_AWS_19", "aws-s3-enable-bucket-encryption"],
    good: "resources:\n  bucket: { kind: object_storage, encrypted: true }\n",
    bad: "resources:\n  bucket: { kind: object_storage, encrypted: false }\n",
};

fn check(ctx: &Ctx) -> Vec<Hit> {
    super::each(ctx, |r| match r {
        Resource::ObjectStorage(s) if s.encrypted == Some(false) => Some(s),
        _ => None,
    })
    .map(|(name, path, _)| {
        Hit::new(
            name,
            path.key("encrypted"),
            format!("bucket `{name}` turns encryption off"),
        )
    })
    .collect()
}
