use crate::policy::{Category, Ctx, Hit, Rule, RuleDocs, Severity};
use crate::resources::load_balancer::ListenerProtocol;
use crate::resources::Resource;

pub const RULE: Rule = Rule {
    id: "NET-009",
    slug: "tls-below-1-2",
    category: Category::Network,
    severity: Severity::High,
    title: "TLS policy allows versions below 1.2",
    fix: "Set a TLS 1.2+ policy, e.g. `tls_policy: ELBSecurityPolicy-TLS13-1-2-2021-06` (or `TLS13-1-2` as shorthand).",
    check,
};

/// Why it matters, the matching checks elsewhere and the examples (the rule's tests and
/// documentation; kept apart so the page's bundle does not carry them).
pub const DOCS: RuleDocs = RuleDocs {
    explanation: "TLS 1.0 and 1.1 are deprecated (RFC 8996) and fail PCI DSS; a listener policy that still offers them lets clients be downgraded. An HTTPS or TLS listener without a policy gets `ELBSecurityPolicy-2016-08` when created through the API, CloudFormation, the CDK or Terraform, and that policy allows TLS 1.0.",
    equivalents: &["CKV_AWS_103", "aws-elb-use-secure-tls-policy"],
    good: "resources:\n  lb: { kind: load_balancer, listeners: [ { port: 443, protocol: https, tls_policy: ELBSecurityPolicy-TLS13-1-2-2021-06 } ] }\n",
    bad: "resources:\n  lb: { kind: load_balancer, listeners: [ { port: 443, protocol: https, tls_policy: ELBSecurityPolicy-TLS13-1-1-2021-06 } ] }\n",
};

/// The policy AWS applies to an HTTPS or TLS listener created without one through the API,
/// CloudFormation, the CDK or Terraform (the console picks a TLS 1.2+ one instead).
pub const DEFAULT_POLICY: &str = "ELBSecurityPolicy-2016-08";

/// The minimum TLS minor version (1.x) of AWS's named Elastic Load Balancing security
/// policies for Application and Network Load Balancers, as `aws elbv2
/// describe-ssl-policies` lists their `SslProtocols`
/// (docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html).
/// The older names do not say their minimum, so they are listed; newer ones are also read
/// by [`min_tls_minor`] from the `TLS13-1-x`, `TLS-1-x` or `FS-1-x` in their name.
const NAMED: &[(&str, u8)] = &[
    ("ELBSecurityPolicy-2015-05", 0),
    ("ELBSecurityPolicy-2016-08", 0),
    ("ELBSecurityPolicy-TLS-1-0-2015-04", 0),
    ("ELBSecurityPolicy-FS-2018-06", 0),
    ("ELBSecurityPolicy-TLS13-1-0-2021-06", 0),
    ("ELBSecurityPolicy-TLS-1-1-2017-01", 1),
    ("ELBSecurityPolicy-FS-1-1-2019-08", 1),
    ("ELBSecurityPolicy-TLS13-1-1-2021-06", 1),
    ("ELBSecurityPolicy-TLS-1-2-2017-01", 2),
    ("ELBSecurityPolicy-TLS-1-2-Ext-2018-06", 2),
    ("ELBSecurityPolicy-FS-1-2-2019-08", 2),
    ("ELBSecurityPolicy-FS-1-2-Res-2019-08", 2),
    ("ELBSecurityPolicy-FS-1-2-Res-2020-10", 2),
    ("ELBSecurityPolicy-TLS13-1-2-2021-06", 2),
    ("ELBSecurityPolicy-TLS13-1-2-Res-2021-06", 2),
    ("ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06", 2),
    ("ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06", 2),
    ("ELBSecurityPolicy-TLS13-1-3-2021-06", 3),
];

/// The minimum TLS 1.x minor version a policy allows, or `None` for a name that is neither
/// one of AWS's policies nor follows their naming (it cannot be judged, and is reported).
/// Shorthands without the `ELBSecurityPolicy-` prefix (`TLS13-1-2`, `TLS-1-2`) are read
/// the same way.
pub fn min_tls_minor(policy: &str) -> Option<u8> {
    if let Some((_, v)) = NAMED.iter().find(|(n, _)| n.eq_ignore_ascii_case(policy)) {
        return Some(*v);
    }
    let upper = policy.to_ascii_uppercase();
    let name = upper.strip_prefix("ELBSECURITYPOLICY-").unwrap_or(&upper);
    // The FIPS and post-quantum families (`TLS13-1-0-FIPS-2023-04`, `TLS13-1-2-Res-PQ-…`)
    // and any later ones state the minimum right after the family.
    ["TLS13-1-", "TLS-1-", "FS-1-"].iter().find_map(|family| {
        let rest = name.strip_prefix(family)?;
        let digit = rest.chars().next()?.to_digit(10)?;
        let ends = rest
            .get(1..)
            .is_some_and(|r| r.is_empty() || r.starts_with('-'));
        (digit <= 3 && ends).then_some(digit as u8)
    })
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
            let at = path.key("listeners").index(i);
            let message = match l.tls_policy.as_deref() {
                None => format!(
                    "listener on port {} names no `tls_policy`: AWS applies `{DEFAULT_POLICY}`, which allows TLS 1.0",
                    l.port
                ),
                Some(policy) => match min_tls_minor(policy) {
                    Some(v) if v >= 2 => continue,
                    Some(v) => format!(
                        "listener on port {} uses `{policy}`, which allows TLS 1.{v}",
                        l.port
                    ),
                    None => format!(
                        "listener on port {} uses `{policy}`, which is not one of AWS's named security policies: its minimum TLS version is unknown",
                        l.port
                    ),
                },
            };
            let at = if l.tls_policy.is_some() {
                at.key("tls_policy")
            } else {
                at
            };
            hits.push(Hit::new(name, at, message));
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::min_tls_minor;

    #[test]
    fn every_named_policy_and_the_naming_scheme() {
        // The ones the naming alone would get wrong are listed.
        assert_eq!(min_tls_minor("ELBSecurityPolicy-2016-08"), Some(0));
        assert_eq!(min_tls_minor("ELBSecurityPolicy-FS-2018-06"), Some(0));
        assert_eq!(
            min_tls_minor("ELBSecurityPolicy-TLS13-1-0-2021-06"),
            Some(0)
        );
        assert_eq!(
            min_tls_minor("ELBSecurityPolicy-TLS13-1-1-2021-06"),
            Some(1)
        );
        assert_eq!(min_tls_minor("ELBSecurityPolicy-TLS-1-1-2017-01"), Some(1));
        assert_eq!(
            min_tls_minor("ELBSecurityPolicy-TLS13-1-2-2021-06"),
            Some(2)
        );
        assert_eq!(
            min_tls_minor("elbsecuritypolicy-tls13-1-2-res-2021-06"),
            Some(2)
        );
        assert_eq!(
            min_tls_minor("ELBSecurityPolicy-TLS13-1-3-2021-06"),
            Some(3)
        );
        assert_eq!(
            min_tls_minor("ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04"),
            Some(0)
        );
        assert_eq!(
            min_tls_minor("ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09"),
            Some(2)
        );
        assert_eq!(min_tls_minor("TLS-1-2"), Some(2));
        assert_eq!(min_tls_minor("TLS13-1-3"), Some(3));
        assert_eq!(min_tls_minor("my-custom-policy"), None);
        assert_eq!(min_tls_minor("ELBSecurityPolicy-TLS13-1-22"), None);
    }
}
