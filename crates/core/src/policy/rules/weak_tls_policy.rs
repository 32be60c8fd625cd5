use crate::policy::{Category, Ctx, Hit, Rule, Severity};
use crate::resources::load_balancer::ListenerProtocol;
use crate::resources::Resource;

pub const RULE: Rule = Rule {
    id: "NET-009",
    slug: "tls-below-1-2",
    category: Category::Network,
    severity: Severity::High,
    title: "TLS policy allows versions below 1.2",
    explanation: "TLS 1.0 and 1.1 are deprecated (RFC 8996) and fail PCI DSS; a listener policy that still offers them lets clients be downgraded.",
    fix: "Use a TLS 1.2+ policy, e.g. `ELBSecurityPolicy-TLS13-1-2-2021-06` (or `TLS-1-2` as shorthand).",
    equivalents: &["CKV_AWS_103", "aws-elb-use-secure-tls-policy"],
    check,
    good: "resources:\n  lb: { kind: load_balancer, listeners: [ { port: 443, protocol: https, tls_policy: ELBSecurityPolicy-TLS13-1-2-2021-06 } ] }\n",
    bad: "resources:\n  lb: { kind: load_balancer, listeners: [ { port: 443, protocol: https, tls_policy: ELBSecurityPolicy-2016-08 } ] }\n",
};

/// True when a named policy offers TLS below 1.2. Names that say 1-2 / 1-3 / TLS13 are
/// modern; AWS's older predefined policies (2015-05, 2016-08, TLS-1-0, TLS-1-1, FS-2018-06)
/// still offer 1.0 or 1.1.
pub fn allows_old_tls(policy: &str) -> bool {
    let p = policy.to_ascii_uppercase();
    let old = [
        "TLS-1-0",
        "TLS-1-1",
        "TLS10",
        "TLS11",
        "2015-05",
        "2016-08",
        "FS-2018-06",
        "FS-1-1",
    ];
    if old.iter().any(|o| p.contains(o)) {
        return true;
    }
    !(p.contains("1-2") || p.contains("1-3") || p.contains("TLS13") || p.contains("TLS12"))
}

fn check(ctx: &Ctx) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (name, path, lb) in super::each(ctx, |r| match r {
        Resource::LoadBalancer(lb) => Some(lb),
        _ => None,
    }) {
        for (i, l) in lb.listeners.iter().enumerate() {
            if !matches!(l.protocol, ListenerProtocol::Https | ListenerProtocol::Tls) {
                continue;
            }
            if let Some(policy) = &l.tls_policy {
                if allows_old_tls(policy) {
                    hits.push(Hit::new(
                        name,
                        path.key("listeners").index(i).key("tls_policy"),
                        format!(
                            "listener on port {} uses `{policy}`, which allows TLS below 1.2",
                            l.port
                        ),
                    ));
                }
            }
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    #[test]
    fn policies() {
        assert!(super::allows_old_tls("ELBSecurityPolicy-2016-08"));
        assert!(super::allows_old_tls("ELBSecurityPolicy-TLS-1-1-2017-01"));
        assert!(!super::allows_old_tls(
            "ELBSecurityPolicy-TLS13-1-2-2021-06"
        ));
        assert!(!super::allows_old_tls("TLS-1-2"));
    }
}
