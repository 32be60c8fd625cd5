use crate::policy::{Category, Ctx, Hit, Rule, Severity};
use crate::resources::Resource;

pub const RULE: Rule = Rule {
    id: "BAK-003",
    slug: "prod-database-without-pitr",
    category: Category::Backup,
    severity: Severity::High,
    title: "Production database without point-in-time recovery",
    explanation: "Without continuous log backup, a bad write or deletion loses everything since the last snapshot: up to a day of orders.",
    fix: "Set `backup: { continuous_log: true }` (RDS and Aurora point-in-time recovery).",
    equivalents: &[],
    check,
    good: "environment: prod\nresources:\n  db: { kind: database, engine: mysql, instance_class: db.t3.micro, backup: { retention_days: 7, continuous_log: true } }\n",
    bad: "environment: prod\nresources:\n  db: { kind: database, engine: mysql, instance_class: db.t3.micro, backup: { retention_days: 7, full: daily } }\n",
};

fn check(ctx: &Ctx) -> Vec<Hit> {
    if !ctx.is_prod() {
        return Vec::new();
    }
    super::each(ctx, |r| match r {
        Resource::Database(d) if d.backup.as_ref().and_then(|b| b.continuous_log) != Some(true) => {
            Some(d)
        }
        _ => None,
    })
    .map(|(name, path, _)| {
        Hit::new(
            name,
            path.key("backup"),
            format!("production database `{name}` has no continuous log backup"),
        )
    })
    .collect()
}
