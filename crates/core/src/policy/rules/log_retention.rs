use crate::path::DesignPath;
use crate::policy::{Category, Ctx, Hit, Rule, RuleDocs, Severity};
use crate::resources::Resource;

pub const RULE: Rule = Rule {
    id: "GOV-003",
    slug: "log-retention-too-short",
    category: Category::Governance,
    severity: Severity::Low,
    title: "Logs kept shorter than the organisation's minimum",
    fix: "Raise `retention_days` (of a `logs` resource, or `logs.retention_days` of any other) to the minimum or more.",
    check,
};

/// Why it matters, the matching checks elsewhere and the examples (the rule's tests and
/// documentation; kept apart so the page's bundle does not carry them).
pub const DOCS: RuleDocs = RuleDocs {
    explanation: "Incidents are investigated weeks later; logs that expire first leave no trail. The minimum is the `log_retention_days_min` threshold (default 30 days).",
    equivalents: &["CKV_AWS_338"],
    good: "resources:\n  logs: { kind: logs, retention_days: 90 }\n",
    bad: "resources:\n  logs: { kind: logs, retention_days: 3 }\n",
};

fn check(ctx: &Ctx) -> Vec<Hit> {
    let min = ctx.threshold("log_retention_days_min");
    // A log group of its own, or the logs any other resource sends (`logs:`).
    let mut hits = Vec::new();
    for (name, r) in &ctx.design.resources {
        let (days, field) = match r {
            Resource::Logs(l) => (l.retention_days, "retention_days"),
            other => match other.logs() {
                Some(l) => (l.retention_days, "logs.retention_days"),
                None => continue,
            },
        };
        if let Some(d) = days.filter(|d| f64::from(*d) < min) {
            hits.push(Hit::new(
                name,
                Ctx::resource_path(name).join(&DesignPath::parse(field)),
                format!("`{name}` keeps logs {d} days; the minimum is {min}"),
            ));
        }
    }
    hits
}
