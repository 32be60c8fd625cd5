use crate::policy::{Category, Ctx, Hit, Rule, RuleDocs, Severity};
use crate::resources::Resource;

pub const RULE: Rule = Rule {
    id: "BAK-001",
    slug: "prod-database-deletion-protection",
    category: Category::Backup,
    severity: Severity::Medium,
    title: "Production database without deletion protection",
    fix: "Set `deletion_protection: true` on production databases.",
    check,
};

/// Why it matters, the matching checks elsewhere and the examples (the rule's tests and
/// documentation; kept apart so the page's bundle does not carry them).
pub const DOCS: RuleDocs = RuleDocs {
    explanation: "One mistaken `terraform destroy` or console click deletes a production database and, by default, its automated backups.",
    equivalents: &["CKV_AWS_293"],
    good: "environment: prod\nresources:\n  db: { kind: database, engine: mysql, instance_class: db.t3.micro, deletion_protection: true }\n",
    bad: "environment: prod\nresources:\n  db: { kind: database, engine: mysql, instance_class: db.t3.micro }\n",
};

fn check(ctx: &Ctx) -> Vec<Hit> {
    if !ctx.is_prod() {
        return Vec::new();
    }
    super::each(ctx, |r| match r {
        Resource::Database(d) if d.deletion_protection != Some(true) => Some(d),
        _ => None,
    })
    .map(|(name, path, _)| {
        Hit::new(
            name,
            path.key("deletion_protection"),
            format!("production database `{name}` can be deleted without a second step"),
        )
    })
    .collect()
}
