use crate::policy::{Category, Ctx, Hit, Rule, RuleDocs, Severity};

pub const RULE: Rule = Rule {
    id: "NET-001",
    slug: "ssh-rdp-open-to-internet",
    category: Category::Network,
    severity: Severity::Critical,
    title: "SSH or RDP reachable from the internet",
    fix: "Allow admin ports only from the admin network (a /32 or a VPN range), or drop them and use SSM Session Manager.",
    check,
};

/// Why it matters, the matching checks elsewhere and the examples (the rule's tests and
/// documentation; kept apart so the page's bundle does not carry them).
pub const DOCS: RuleDocs = RuleDocs {
    explanation: "Port 22 (SSH) or 3389 (RDP) open to 0.0.0.0/0 or ::/0 (or ranges that add up to them) invites brute force and exploits against the most powerful access there is.",
    equivalents: &["CKV_AWS_24", "CKV_AWS_25", "aws-ec2-no-public-ingress-sgr"],
    good: "network:\n  security_groups:\n    web: { ingress: [ { ports: 22, from: 203.0.113.7/32 } ] }\nresources: {}\n",
    bad: "network:\n  security_groups:\n    web: { ingress: [ { ports: \"20-25\", from: 0.0.0.0/1 }, { ports: 22, from: 128.0.0.0/1 } ] }\nresources: {}\n",
};

fn check(ctx: &Ctx) -> Vec<Hit> {
    super::open_port_hits(ctx, &[22, 3389], "Admin")
}
