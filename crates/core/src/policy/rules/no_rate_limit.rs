use crate::policy::{Category, Ctx, Hit, Rule, RuleDocs, Severity};
use crate::resources::Resource;

pub const RULE: Rule = Rule {
    id: "NET-013",
    slug: "public-entry-without-rate-limit",
    category: Category::Network,
    severity: Severity::Medium,
    title: "Public entry point without rate limiting",
    fix: "Name a `waf` on the load balancer or CDN (`waf: NAME`) whose web ACL has a rate-based rule (`rate_limit_per_5min`).",
    check,
};

/// Why it matters, the matching checks elsewhere and the examples (the rule's tests and
/// documentation; kept apart so the page's bundle does not carry them).
pub const DOCS: RuleDocs = RuleDocs {
    explanation: "With `policy: { require_rate_limit: true }`, every internet-facing load balancer and every CDN must be protected by an AWS WAF web ACL with a rate-based rule, so one client cannot exhaust the API (credential stuffing, scraping, runaway retries). A WAF that no load balancer or CDN names protects nothing.",
    equivalents: &["CKV2_AWS_28", "CKV2_AWS_31"],
    good: "policy: { require_rate_limit: true }\nresources:\n  edge-acl: { kind: waf, rules: 1, rate_limit_per_5min: 2000 }\n  lb: { kind: load_balancer, waf: edge-acl }\n",
    bad: "policy: { require_rate_limit: true }\nresources:\n  edge-acl: { kind: waf, rules: 1 }\n  lb: { kind: load_balancer, waf: edge-acl }\n",
};

fn check(ctx: &Ctx) -> Vec<Hit> {
    if !ctx
        .design
        .policy
        .as_ref()
        .is_some_and(|p| p.require_rate_limit)
    {
        return Vec::new();
    }
    let limits = |waf: &str| matches!(ctx.design.resource(waf), Some(Resource::Waf(w)) if w.rate_limit_per_5min.is_some());
    let mut hits = Vec::new();
    for (name, r) in &ctx.design.resources {
        let (what, waf) = match r {
            Resource::LoadBalancer(lb) if !lb.internal => {
                ("internet-facing load balancer", &lb.waf)
            }
            Resource::Cdn(c) => ("CDN", &c.waf),
            _ => continue,
        };
        let path = Ctx::resource_path(name);
        match waf {
            None => hits.push(Hit::new(
                name,
                path,
                format!("{what} `{name}` names no `waf`: nothing limits the rate of requests"),
            )),
            Some(w) if !limits(w) => hits.push(Hit::new(
                name,
                path.key("waf"),
                format!("{what} `{name}` is behind WAF `{w}`, which has no rate-based rule (`rate_limit_per_5min`)"),
            )),
            Some(_) => {}
        }
    }
    hits
}
