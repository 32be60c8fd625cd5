use crate::policy::{Category, Ctx, Hit, Rule, RuleDocs, Severity};
use crate::resources::Resource;

pub const RULE: Rule = Rule {
    id: "BAK-002",
    slug: "backup-retention-too-short",
    category: Category::Backup,
    severity: Severity::Medium,
    title: "Backups kept too briefly",
    fix: "Raise `backup.retention_days` to the minimum in the finding (the `backup_retention_days_min` threshold) or more.",
    check,
};

/// Why it matters, the matching checks elsewhere and the examples (the rule's tests and
/// documentation; kept apart so the page's bundle does not carry them).
pub const DOCS: RuleDocs = RuleDocs {
    explanation: "Corruption is often found days later; backups that expire first cannot restore it. The minimum is the `backup_retention_days_min` threshold (default 7 days). Without a `backup:` section RDS keeps 1 day when created through the API.",
    equivalents: &["CKV_AWS_133", "aws-rds-specify-backup-retention"],
    good: "resources:\n  db: { kind: database, engine: mysql, instance_class: db.t3.micro, backup: { retention_days: 14 } }\n",
    bad: "resources:\n  db: { kind: database, engine: mysql, instance_class: db.t3.micro, backup: { retention_days: 1 } }\n",
};

fn check(ctx: &Ctx) -> Vec<Hit> {
    let min = ctx.threshold("backup_retention_days_min");
    super::each(ctx, |r| match r {
        Resource::Database(d) => Some(d),
        _ => None,
    })
    .filter_map(|(name, path, d)| {
        let days = d.backup.as_ref().and_then(|b| b.retention_days);
        match days {
            Some(days) if f64::from(days) >= min => None,
            Some(days) => Some(Hit::new(
                name,
                path.key("backup").key("retention_days"),
                format!("`{name}` keeps backups {days} day(s); the minimum is {min}"),
            )),
            None => Some(Hit::new(
                name,
                path.key("backup"),
                format!("`{name}` states no backup retention; the minimum is {min} days"),
            )),
        }
    })
    .collect()
}
