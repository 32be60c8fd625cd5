use crate::policy::{Category, Ctx, Hit, Rule, RuleDocs, Severity};
use crate::resources::Resource;

pub const RULE: Rule = Rule {
    id: "BAK-003",
    slug: "prod-database-without-pitr",
    category: Category::Backup,
    severity: Severity::High,
    title: "Production database without point-in-time recovery",
    fix: "Keep automated backups on (`backup: { retention_days: 7 }`) and drop `continuous_log: false`.",
    check,
};

/// Why it matters, the matching checks elsewhere and the examples (the rule's tests and
/// documentation; kept apart so the page's bundle does not carry them).
pub const DOCS: RuleDocs = RuleDocs {
    explanation: "Without point-in-time recovery, a bad write or deletion loses everything since the last snapshot: up to a day of orders. RDS and Aurora keep the transaction logs whenever automated backups are on (a retention of a day or more), so this fires only when backups are off or the design says they are snapshots only.",
    equivalents: &[],
    good: "environment: prod\nresources:\n  db: { kind: database, engine: mysql, instance_class: db.t3.micro, backup: { retention_days: 7 } }\n",
    bad: "environment: prod\nresources:\n  db: { kind: database, engine: mysql, instance_class: db.t3.micro, backup: { retention_days: 7, full: daily, continuous_log: false } }\n",
};

fn check(ctx: &Ctx) -> Vec<Hit> {
    if !ctx.is_prod() {
        return Vec::new();
    }
    super::each(ctx, |r| match r {
        Resource::Database(d) if !d.point_in_time_recovery() => Some(d),
        _ => None,
    })
    .map(|(name, path, _)| {
        Hit::new(
            name,
            path.key("backup"),
            format!("production database `{name}` has no point-in-time recovery (backups off or snapshot-only)"),
        )
    })
    .collect()
}
