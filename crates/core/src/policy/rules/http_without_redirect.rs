use crate::policy::{Category, Ctx, Hit, Rule, RuleDocs, Severity};
use crate::resources::load_balancer::ListenerProtocol;
use crate::resources::Resource;

pub const RULE: Rule = Rule {
    id: "NET-008",
    slug: "http-listener-without-redirect",
    category: Category::Network,
    severity: Severity::Medium,
    title: "Load balancer serves plain HTTP",
    fix: "Set `redirect_https: true` on the port-80 listener, or remove it.",
    check,
};

/// Why it matters, the matching checks elsewhere and the examples (the rule's tests and
/// documentation; kept apart so the page's bundle does not carry them).
pub const DOCS: RuleDocs = RuleDocs {
    explanation: "An HTTP listener that does not redirect to HTTPS lets sessions and credentials cross the internet in clear text.",
    equivalents: &["CKV_AWS_2", "aws-elb-http-not-used"],
    good: "resources:\n  lb: { kind: load_balancer, listeners: [ { port: 80, protocol: http, redirect_https: true }, { port: 443, protocol: https, tls_policy: TLS-1-2 } ] }\n",
    bad: "resources:\n  lb: { kind: load_balancer, listeners: [ { port: 80, protocol: http } ] }\n",
};

fn check(ctx: &Ctx) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (name, path, lb) in super::each(ctx, |r| match r {
        Resource::LoadBalancer(lb) if !lb.internal => Some(lb),
        _ => None,
    }) {
        for (i, l) in lb.listeners.iter().enumerate() {
            if l.protocol == ListenerProtocol::Http && l.redirect_https != Some(true) {
                hits.push(Hit::new(
                    name,
                    path.key("listeners").index(i),
                    format!(
                        "listener on port {} serves HTTP without redirecting to HTTPS",
                        l.port
                    ),
                ));
            }
        }
    }
    hits
}
