use crate::policy::{Category, Ctx, Hit, Rule, RuleDocs, Severity};
use crate::resources::Resource;

pub const RULE: Rule = Rule {
    id: "ENC-001",
    slug: "database-encryption-at-rest",
    category: Category::Data,
    severity: Severity::High,
    title: "Database not encrypted at rest",
    fix: "Set `encrypted: true` (before the first deploy: an existing database must be restored from an encrypted snapshot).",
    check,
};

/// Why it matters, the matching checks elsewhere and the examples (the rule's tests and
/// documentation; kept apart so the page's bundle does not carry them).
pub const DOCS: RuleDocs = RuleDocs {
    explanation: "Encryption at rest protects snapshots, replicas and retired disks; it can only be turned on when the database is created.",
    equivalents: &["CKV_AWS_16", "aws-rds-encrypt-instance-storage-data"],
    good: "resources:\n  db: { kind: database, engine: mysql, instance_class: db.t3.micro, encrypted: true }\n",
    bad: "resources:\n  db: { kind: database, engine: mysql, instance_class: db.t3.micro }\n",
};

fn check(ctx: &Ctx) -> Vec<Hit> {
    super::each(ctx, |r| match r {
        Resource::Database(d) if d.encrypted != Some(true) => Some(d),
        _ => None,
    })
    .map(|(name, path, _)| {
        Hit::new(
            name,
            path.key("encrypted"),
            format!("database `{name}` does not say `encrypted: true`"),
        )
    })
    .collect()
}
