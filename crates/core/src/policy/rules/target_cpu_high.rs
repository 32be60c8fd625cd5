use crate::policy::{Category, Ctx, Hit, Rule, RuleDocs, Severity};
use crate::resources::Resource;

pub const RULE: Rule = Rule {
    id: "COST-002",
    slug: "autoscaling-target-cpu-high",
    category: Category::Cost,
    severity: Severity::Low,
    title: "Autoscaling CPU target too high",
    fix: "Target 50-70 % CPU.",
    check,
};

/// Why it matters, the matching checks elsewhere and the examples (the rule's tests and
/// documentation; kept apart so the page's bundle does not carry them).
pub const DOCS: RuleDocs = RuleDocs {
    explanation: "Scaling out only above 80 % CPU leaves no headroom for the minutes new instances take to boot; the saving is paid for in latency. The maximum is the `target_cpu_max` threshold.",
    equivalents: &[],
    good: "resources:\n  web: { kind: compute, instance_type: t3.micro, scaling: { min: 2, max: 4, target_cpu: 60 } }\n",
    bad: "resources:\n  web: { kind: compute, instance_type: t3.micro, scaling: { min: 2, max: 4, target_cpu: 90 } }\n",
};

fn check(ctx: &Ctx) -> Vec<Hit> {
    let max = ctx.threshold("target_cpu_max");
    let mut hits = Vec::new();
    for (name, r) in &ctx.design.resources {
        let (scaling, field) = match r {
            Resource::Compute(c) => (c.scaling.as_ref(), "scaling"),
            Resource::Container(c) => (c.tasks.as_ref(), "tasks"),
            _ => continue,
        };
        if let Some(t) = scaling.and_then(|s| s.target_cpu).filter(|t| *t > max) {
            hits.push(Hit::new(
                name.as_str(),
                Ctx::resource_path(name).key(field).key("target_cpu"),
                format!("`{name}` scales out at {t} % CPU; the maximum target is {max} %"),
            ));
        }
    }
    hits
}
