use crate::policy::{Category, Ctx, Hit, Rule, RuleDocs, Severity};

pub const RULE: Rule = Rule {
    id: "POL-002",
    slug: "waiver-matches-nothing",
    category: Category::Governance,
    severity: Severity::Low,
    title: "Waiver matches no finding",
    fix: "Remove the waiver, or correct its `rule` / `resource`.",
    check,
};

/// Why it matters, the matching checks elsewhere and the examples (the rule's tests and
/// documentation; kept apart so the page's bundle does not carry them).
pub const DOCS: RuleDocs = RuleDocs {
    explanation: "A waiver for a finding that no longer occurs (or a mistyped rule ID or resource) is dead weight that hides the next real finding.",
    equivalents: &[],
    good: "policy: { waivers: [ { rule: NET-004, resource: web, reason: legacy } ] }\nnetwork:\n  security_groups:\n    web: { ingress: [ { ports: 8080, from: 0.0.0.0/0 } ] }\nresources:\n  web: { kind: compute, instance_type: t3.micro, security_groups: [web] }\n",
    bad: "policy: { waivers: [ { rule: NET-004, resource: api, reason: legacy } ] }\nresources:\n  web: { kind: compute, instance_type: t3.micro }\n",
};

/// Findings of this rule come from waiver handling in `policy::check`.
fn check(_: &Ctx) -> Vec<Hit> {
    Vec::new()
}
