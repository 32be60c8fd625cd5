use crate::path::DesignPath;
use crate::policy::{Category, Ctx, Hit, Rule, RuleDocs, Severity};
use crate::readiness::{assess, meets, targets_in};

pub const RULE: Rule = Rule {
    id: "DR-001",
    slug: "recovery-target-missed",
    category: Category::Availability,
    severity: Severity::High,
    title: "A disruption would miss the recovery targets",
    fix: "Apply one of the readiness suggestions (they are priced), or change the targets with the business.",
    check,
};

/// Why it matters, the matching checks elsewhere and the examples (the rule's tests and
/// documentation; kept apart so the page's bundle does not carry them).
pub const DOCS: RuleDocs = RuleDocs {
    explanation: "For this scenario the design cannot recover within `dr.targets` (RTO: time to recover; RPO: data that may be lost). The figures come from the readiness model; see the readiness section for how each is reached and the cheapest changes that close the gap.",
    equivalents: &[],
    good: "dr: { targets: { rto: 4h, rpo: 1h } }\nresources:\n  db: { kind: database, engine: mysql, instance_class: db.t3.micro, multi_az: true, storage: { size_gb: 20 }, backup: { retention_days: 7, continuous_log: true }, replicas: [ { region: us-west-2 } ] }\n",
    bad: "dr: { targets: { rto: 4h, rpo: 1h } }\nresources:\n  db: { kind: database, engine: mysql, instance_class: db.t3.micro, storage: { size_gb: 20 }, backup: { retention_days: 7, full: daily } }\n",
};

fn check(ctx: &Ctx) -> Vec<Hit> {
    let Some(dr) = ctx.design.dr.as_ref() else {
        return Vec::new();
    };
    if dr.targets.is_none() && dr.resource_targets.is_empty() {
        return Vec::new();
    }
    let show = |v: Option<f64>| {
        v.map(|m| format!("{m} min"))
            .unwrap_or_else(|| "unbounded".into())
    };
    let target = |v: Option<f64>| {
        v.map(|m| format!("{m} min"))
            .unwrap_or_else(|| "none".into())
    };
    let mut hits = Vec::new();
    for a in assess(ctx.design) {
        let (design_target, resources) = targets_in(ctx.design, &a);
        if let Some(t) = design_target {
            if !(meets(a.rto_minutes, t.rto_minutes) && meets(a.rpo_minutes, t.rpo_minutes)) {
                hits.push(Hit::new(
                    a.critical_path
                        .first()
                        .cloned()
                        .unwrap_or_else(|| "design".into()),
                    DesignPath::parse("dr.targets"),
                    format!(
                        "{} loss: RTO {} (target {}), RPO {} (target {}); critical path: {}",
                        a.scenario,
                        show(a.rto_minutes),
                        target(t.rto_minutes),
                        show(a.rpo_minutes),
                        target(t.rpo_minutes),
                        if a.critical_path.is_empty() {
                            "none".to_string()
                        } else {
                            a.critical_path.join(", ")
                        }
                    ),
                ));
            }
        }
        for r in resources.iter().filter(|r| !r.meets) {
            hits.push(Hit::new(
                r.resource.clone(),
                DesignPath::root()
                    .key("dr")
                    .key("resource_targets")
                    .key(r.resource.as_str()),
                format!(
                    "{} loss: `{}` recovers in {} (its target {}) losing up to {} (its target {})",
                    a.scenario,
                    r.resource,
                    show(r.rto_minutes),
                    target(r.target.rto_minutes),
                    show(r.rpo_minutes),
                    target(r.target.rpo_minutes),
                ),
            ));
        }
    }
    hits
}
