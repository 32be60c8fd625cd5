use crate::policy::{Category, Ctx, Hit, Rule, RuleDocs, Severity};

pub const RULE: Rule = Rule {
    id: "TAG-001",
    slug: "required-tags-missing",
    category: Category::Governance,
    severity: Severity::Low,
    title: "Required tags missing",
    fix: "Add the missing tags to the design's `tags:` (for all resources) or to the resource.",
    check,
};

/// Why it matters, the matching checks elsewhere and the examples (the rule's tests and
/// documentation; kept apart so the page's bundle does not carry them).
pub const DOCS: RuleDocs = RuleDocs {
    explanation: "Cost allocation, ownership and automation all key off tags; an untagged resource is a bill nobody owns. The design's own `tags:` count for every resource.",
    equivalents: &[],
    good: "tags: { Owner: platform }\npolicy: { required_tags: [Owner] }\nresources:\n  web: { kind: compute, instance_type: t3.micro }\n",
    bad: "policy: { required_tags: [Owner, CostCenter] }\nresources:\n  web: { kind: compute, instance_type: t3.micro, tags: { Owner: platform } }\n",
};

fn check(ctx: &Ctx) -> Vec<Hit> {
    let Some(required) = ctx.design.policy.as_ref().map(|p| &p.required_tags) else {
        return Vec::new();
    };
    let mut hits = Vec::new();
    for (name, r) in &ctx.design.resources {
        let missing: Vec<&str> = required
            .iter()
            .filter(|t| !r.tags().contains_key(*t) && !ctx.design.tags.contains_key(*t))
            .map(String::as_str)
            .collect();
        if !missing.is_empty() {
            hits.push(Hit::new(
                name.as_str(),
                Ctx::resource_path(name),
                format!("`{name}` lacks required tag(s): {}", missing.join(", ")),
            ));
        }
    }
    hits
}
