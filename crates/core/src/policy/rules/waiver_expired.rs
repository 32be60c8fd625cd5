use crate::policy::{Category, Ctx, Hit, Rule, RuleDocs, Severity};

pub const RULE: Rule = Rule {
    id: "POL-001",
    slug: "waiver-expired",
    category: Category::Governance,
    severity: Severity::Medium,
    title: "Waiver expired",
    fix: "Fix what the waiver covered, or renew the waiver with a new date and reason.",
    check,
};

/// Why it matters, the matching checks elsewhere and the examples (the rule's tests and
/// documentation; kept apart so the page's bundle does not carry them).
pub const DOCS: RuleDocs = RuleDocs {
    explanation: "A waiver past its `expires` date no longer hides its findings, and says so, so that exceptions get reviewed rather than forgotten.",
    equivalents: &[],
    good: "policy: { waivers: [ { rule: NET-004, resource: web, reason: legacy, expires: 2999-01-01 } ] }\nnetwork:\n  security_groups:\n    web: { ingress: [ { ports: 8080, from: 0.0.0.0/0 } ] }\nresources:\n  web: { kind: compute, instance_type: t3.micro, security_groups: [web] }\n",
    bad: "policy: { waivers: [ { rule: NET-004, resource: web, reason: legacy, expires: 2000-01-01 } ] }\nnetwork:\n  security_groups:\n    web: { ingress: [ { ports: 8080, from: 0.0.0.0/0 } ] }\nresources:\n  web: { kind: compute, instance_type: t3.micro, security_groups: [web] }\n",
};

/// Findings of this rule come from waiver handling in `policy::check`, not from a pass over
/// the design.
fn check(_: &Ctx) -> Vec<Hit> {
    Vec::new()
}
