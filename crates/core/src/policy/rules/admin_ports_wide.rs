use ipnet::IpNet;

use crate::policy::reach::{covers_internet, source_cidr};
use crate::policy::{Category, Ctx, Hit, Rule, RuleDocs, Severity};

pub const RULE: Rule = Rule {
    id: "NET-005",
    slug: "admin-ports-open-wide",
    category: Category::Network,
    severity: Severity::High,
    title: "SSH or RDP open to a wide network",
    fix: "Narrow the source to the admin hosts or the VPN's range, or use SSM Session Manager.",
    check,
};

/// Why it matters, the matching checks elsewhere and the examples (the rule's tests and
/// documentation; kept apart so the page's bundle does not carry them).
pub const DOCS: RuleDocs = RuleDocs {
    explanation: "Admin access from a whole /16 (or wider) trusts every machine in it, including the ones that get compromised first. The narrowest prefix allowed is the `admin_cidr_min_prefix` threshold (default /24).",
    equivalents: &[],
    good: "network:\n  security_groups:\n    web: { ingress: [ { ports: 22, from: 10.20.30.0/28 } ] }\nresources: {}\n",
    bad: "network:\n  security_groups:\n    web: { ingress: [ { ports: 22, from: 10.0.0.0/8 } ] }\nresources: {}\n",
};

fn check(ctx: &Ctx) -> Vec<Hit> {
    let min = ctx.threshold("admin_cidr_min_prefix").clamp(0.0, 32.0) as u8;
    let mut hits = Vec::new();
    let Some(net) = &ctx.design.network else {
        return hits;
    };
    for (group, sg) in &net.security_groups {
        for (i, rule) in sg.ingress.iter().enumerate() {
            let admin = rule
                .ports
                .0
                .iter()
                .any(|r| (r.from <= 22 && 22 <= r.to) || (r.from <= 3389 && 3389 <= r.to));
            // A deny narrows, it does not open.
            if rule.action == crate::model::Action::Deny {
                continue;
            }
            let Some(cidr) = source_cidr(rule) else {
                continue;
            };
            // The whole internet is NET-001's.
            if !admin || covers_internet(&[cidr]) {
                continue;
            }
            let limit = match cidr {
                IpNet::V4(_) => min,
                IpNet::V6(_) => min.saturating_add(32),
            };
            if cidr.prefix_len() < limit {
                hits.push(Hit::new(
                    group.as_str(),
                    Ctx::sg_path(group).key("ingress").index(i).key("from"),
                    format!("admin ports are open to {cidr}, wider than /{limit}"),
                ));
            }
        }
    }
    hits
}
