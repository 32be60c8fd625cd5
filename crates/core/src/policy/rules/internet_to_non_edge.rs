use crate::policy::{Category, Ctx, Hit, Rule, RuleDocs, Severity};
use crate::resources::Resource;

pub const RULE: Rule = Rule {
    id: "NET-004",
    slug: "internet-ingress-off-the-edge",
    category: Category::Network,
    severity: Severity::Medium,
    title: "Internet traffic reaches a resource that is not a load balancer or CDN",
    fix: "Put the service behind a load balancer and allow its port only from the load balancer's security group.",
    check,
};

/// Why it matters, the matching checks elsewhere and the examples (the rule's tests and
/// documentation; kept apart so the page's bundle does not carry them).
pub const DOCS: RuleDocs = RuleDocs {
    explanation: "Only the edge (load balancers, CDNs) should take traffic from the internet; instances behind it then need no public exposure and can be patched and replaced without an outage window. A resource placed only in private subnets, without a public address, is not reachable and is not reported here.",
    equivalents: &["aws-ec2-no-public-ingress-sgr"],
    good: "network:\n  security_groups:\n    alb: { ingress: [ { ports: 443, from: 0.0.0.0/0 } ] }\n    web: { ingress: [ { ports: 8080, from: alb } ] }\nresources:\n  lb: { kind: load_balancer, security_groups: [alb] }\n  web: { kind: compute, instance_type: t3.micro, security_groups: [web] }\n",
    bad: "network:\n  security_groups:\n    web: { ingress: [ { ports: 8080, from: 0.0.0.0/0 } ] }\nresources:\n  web: { kind: compute, instance_type: t3.micro, security_groups: [web] }\n",
};

fn check(ctx: &Ctx) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (name, r) in &ctx.design.resources {
        if matches!(r, Resource::LoadBalancer(_) | Resource::Cdn(_)) {
            continue;
        }
        let (subnets, groups) = r.placement();
        // Placed only in private subnets with no public address: the internet cannot route
        // to it, whatever its group allows (the open group itself is NET-001/002/003's).
        if !subnets.is_empty() && !ctx.reach.public.contains_key(name.as_str()) {
            continue;
        }
        for (gi, g) in groups.iter().enumerate() {
            let Some(ranges) = ctx.reach.open.get(g.as_str()) else {
                continue;
            };
            let ports: Vec<String> = ranges.iter().map(|r| r.ports.to_string()).collect();
            let rule = ranges
                .first()
                .and_then(|r| r.rules.first())
                .copied()
                .unwrap_or(0);
            hits.push(Hit::new(
                name.as_str(),
                Ctx::resource_path(name).key("security_groups").index(gi),
                format!(
                    "`{name}` ({}) takes internet traffic on port(s) {} through {}",
                    r.kind(),
                    ports.join(", "),
                    ctx.reach.path_text(g, "open", rule, Some(name))
                ),
            ));
        }
    }
    hits
}
