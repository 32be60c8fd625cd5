use crate::policy::{Category, Ctx, Hit, Rule, RuleDocs, Severity};
use crate::resources::Resource;

pub const RULE: Rule = Rule {
    id: "HA-001",
    slug: "prod-database-single-az",
    category: Category::Availability,
    severity: Severity::High,
    title: "Production database in one availability zone",
    fix: "Set `multi_az: true` (for Aurora: two or more `instances`).",
    check,
};

/// Why it matters, the matching checks elsewhere and the examples (the rule's tests and
/// documentation; kept apart so the page's bundle does not carry them).
pub const DOCS: RuleDocs = RuleDocs {
    explanation: "A single-AZ database goes down with its zone or host; recovery is a restore, not a one-to-two-minute failover.",
    equivalents: &["CKV_AWS_157"],
    good: "environment: prod\nresources:\n  db: { kind: database, engine: mysql, instance_class: db.t3.micro, multi_az: true }\n",
    bad: "environment: prod\nresources:\n  db: { kind: database, engine: mysql, instance_class: db.t3.micro }\n",
};

fn check(ctx: &Ctx) -> Vec<Hit> {
    if !ctx.is_prod() {
        return Vec::new();
    }
    super::each(ctx, |r| match r {
        Resource::Database(d) => Some(d),
        _ => None,
    })
    .filter(|(_, _, d)| {
        let instances = d.instances.unwrap_or(if d.multi_az { 2 } else { 1 });
        if d.engine.is_aurora() {
            instances < 2
        } else {
            !d.multi_az
        }
    })
    .map(|(name, path, _)| {
        Hit::new(
            name,
            path.key("multi_az"),
            format!("production database `{name}` runs in a single availability zone"),
        )
    })
    .collect()
}
