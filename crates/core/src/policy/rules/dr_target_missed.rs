use crate::policy::{Category, Ctx, Hit, Rule, Severity};
use crate::readiness::{assess, meets};
use crate::source::node::DesignPath;
use crate::units::parse_duration_minutes;

pub const RULE: Rule = Rule {
    id: "DR-001",
    slug: "recovery-target-missed",
    category: Category::Availability,
    severity: Severity::High,
    title: "A disruption would miss the recovery targets",
    explanation: "For this scenario the design cannot recover within `dr.targets` (RTO: time to recover; RPO: data that may be lost). The figures come from the readiness model; see the readiness section for how each is reached and the cheapest changes that close the gap.",
    fix: "Apply one of the readiness suggestions (they are priced), or change the targets with the business.",
    equivalents: &[],
    check,
    good: "dr: { targets: { rto: 4h, rpo: 1h } }\nresources:\n  db: { kind: database, engine: mysql, instance_class: db.t3.micro, multi_az: true, storage: { size_gb: 20 }, backup: { retention_days: 7, continuous_log: true }, replicas: [ { region: us-west-2 } ] }\n",
    bad: "dr: { targets: { rto: 4h, rpo: 1h } }\nresources:\n  db: { kind: database, engine: mysql, instance_class: db.t3.micro, storage: { size_gb: 20 }, backup: { retention_days: 7, full: daily } }\n",
};

fn check(ctx: &Ctx) -> Vec<Hit> {
    let Some(t) = ctx.design.dr.as_ref().and_then(|d| d.targets.as_ref()) else {
        return Vec::new();
    };
    let rto = t
        .rto
        .as_deref()
        .and_then(|v| parse_duration_minutes(v).ok());
    let rpo = t
        .rpo
        .as_deref()
        .and_then(|v| parse_duration_minutes(v).ok());
    let show = |v: Option<f64>| {
        v.map(|m| format!("{m} min"))
            .unwrap_or_else(|| "unbounded".into())
    };
    assess(ctx.design)
        .into_iter()
        .filter(|a| !(meets(a.rto_minutes, rto) && meets(a.rpo_minutes, rpo)))
        .map(|a| {
            Hit::new(
                a.critical_path
                    .first()
                    .cloned()
                    .unwrap_or_else(|| "design".into()),
                DesignPath::parse("dr.targets"),
                format!(
                    "{} loss: RTO {} (target {}), RPO {} (target {}); critical path: {}",
                    a.scenario,
                    show(a.rto_minutes),
                    show(rto),
                    show(a.rpo_minutes),
                    show(rpo),
                    if a.critical_path.is_empty() {
                        "none".to_string()
                    } else {
                        a.critical_path.join(", ")
                    }
                ),
            )
        })
        .collect()
}
