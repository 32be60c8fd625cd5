use crate::policy::{Category, Ctx, Hit, Rule, RuleDocs, Severity};

pub const RULE: Rule = Rule {
    id: "NET-003",
    slug: "all-ports-open-to-internet",
    category: Category::Network,
    severity: Severity::High,
    title: "All ports open to the internet",
    fix: "List the ports the service needs (usually 443) and open only those.",
    check,
};

/// Why it matters, the matching checks elsewhere and the examples (the rule's tests and
/// documentation; kept apart so the page's bundle does not carry them).
pub const DOCS: RuleDocs = RuleDocs {
    explanation: "A group that admits the whole internet on every port exposes whatever happens to listen, today and after the next deploy.",
    equivalents: &["CKV_AWS_277", "aws-ec2-no-public-ingress-sgr"],
    good: "network:\n  security_groups:\n    web: { ingress: [ { ports: 443, from: 0.0.0.0/0 } ] }\nresources: {}\n",
    bad: "network:\n  security_groups:\n    web: { ingress: [ { ports: \"0-32767\", from: 0.0.0.0/0 }, { ports: \"32768-65535\", from: 0.0.0.0/0 } ] }\nresources: {}\n",
};

fn check(ctx: &Ctx) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (group, ranges) in &ctx.reach.open {
        if let Some(r) = ranges
            .iter()
            .find(|r| r.ports.from == 0 && r.ports.to == 65535)
        {
            let rule = r.rules.first().copied().unwrap_or(0);
            hits.push(Hit::new(
                *group,
                Ctx::sg_path(group).key("ingress").index(rule),
                format!("security group `{group}` admits the whole internet on every port"),
            ));
        }
    }
    hits
}
