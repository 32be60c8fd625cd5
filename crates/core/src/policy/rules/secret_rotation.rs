use crate::policy::{Category, Ctx, Hit, Rule, RuleDocs, Severity};
use crate::resources::Resource;

pub const RULE: Rule = Rule {
    id: "GOV-002",
    slug: "secret-rotation-too-long",
    category: Category::Governance,
    severity: Severity::Medium,
    title: "Secrets rotated too rarely (or never)",
    fix: "Set `rotation_days: 90` or less and enable rotation.",
    check,
};

/// Why it matters, the matching checks elsewhere and the examples (the rule's tests and
/// documentation; kept apart so the page's bundle does not carry them).
pub const DOCS: RuleDocs = RuleDocs {
    explanation: "A leaked credential stays useful until it is rotated. The longest period allowed is the `secret_rotation_days_max` threshold (default 90 days).",
    equivalents: &["CKV_AWS_304"],
    good: "resources:\n  secrets: { kind: secrets, count: 3, rotation_days: 30 }\n",
    bad: "resources:\n  secrets: { kind: secrets, count: 3 }\n",
};

fn check(ctx: &Ctx) -> Vec<Hit> {
    let max = ctx.threshold("secret_rotation_days_max");
    super::each(ctx, |r| match r {
        Resource::Secrets(s) => Some(s),
        _ => None,
    })
    .filter_map(|(name, path, s)| match s.rotation_days {
        Some(d) if f64::from(d) <= max => None,
        Some(d) => Some(Hit::new(
            name,
            path.key("rotation_days"),
            format!("`{name}` rotates every {d} days; the maximum is {max}"),
        )),
        None => Some(Hit::new(
            name,
            path,
            format!("`{name}` sets no rotation; the maximum is {max} days"),
        )),
    })
    .collect()
}
