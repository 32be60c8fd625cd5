use crate::model::{PortRange, Provider};
use crate::path::DesignPath;
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
        if ctx.design.provider != Provider::Aws {
            hits.extend(layered_hit(ctx, name, r, subnets, groups));
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

/// Azure and GCP: the ports the internet reaches on `name` through every layer that filters
/// it. Azure applies the network interface's group and the subnet's group, and traffic
/// must pass both; GCP applies the rules of the instance's tags and those for every
/// instance together (a deny among them already closed the port in `Reach`). Located at
/// the resource's first group, or at the subnet that carries the group.
fn layered_hit(
    ctx: &Ctx,
    name: &str,
    r: &Resource,
    subnets: &[String],
    groups: &[String],
) -> Option<Hit> {
    let reach = &ctx.reach;
    let mut layers: Vec<(Vec<PortRange>, &str, DesignPath)> = Vec::new();
    let open_of = |g: &str| -> Vec<PortRange> {
        reach
            .open
            .get(g)
            .map(|v| v.iter().map(|o| o.ports).collect())
            .unwrap_or_default()
    };
    let own: Vec<(usize, &str)> = groups.iter().map(String::as_str).enumerate().collect();
    let mut first = own.first().map(|(i, g)| {
        (
            *g,
            Ctx::resource_path(name).key("security_groups").index(*i),
        )
    });
    let mut own_layer: Vec<PortRange> = own.iter().flat_map(|(_, g)| open_of(g)).collect();
    if reach.provider == Provider::Gcp && !(groups.is_empty() && subnets.is_empty()) {
        for g in &reach.all_instances {
            let open = open_of(g);
            if !open.is_empty() && first.is_none() {
                first = Some((*g, Ctx::sg_path(g)));
            }
            own_layer.extend(open);
        }
    }
    if let Some((g, at)) = first.clone() {
        layers.push((union(own_layer), g, at));
    }
    if reach.provider == Provider::Azure {
        let subnet_groups: Vec<(usize, &str)> = subnets
            .iter()
            .enumerate()
            .filter_map(|(i, s)| reach.subnet_groups.get(s.as_str()).map(|g| (i, *g)))
            .collect();
        if let Some((i, g)) = subnet_groups.first() {
            let open = union(subnet_groups.iter().flat_map(|(_, g)| open_of(g)).collect());
            layers.push((open, g, Ctx::resource_path(name).key("subnets").index(*i)));
        }
    }
    let (mut ports, group, at) = layers.first().cloned()?;
    for (open, _, _) in layers.iter().skip(1) {
        ports = intersect(&ports, open);
    }
    if ports.is_empty() {
        return None;
    }
    let rule = reach
        .open
        .get(group)
        .and_then(|v| v.first())
        .and_then(|o| o.rules.first())
        .copied()
        .unwrap_or(0);
    let list: Vec<String> = ports.iter().map(|p| p.to_string()).collect();
    let through: Vec<&str> = layers.iter().map(|(_, g, _)| *g).collect();
    let also = if through.len() > 1 {
        format!(
            " (and {} `{}`, which admits them too)",
            reach.group_word(),
            through.get(1..).unwrap_or_default().join("`, `")
        )
    } else {
        String::new()
    };
    Some(Hit::new(
        name,
        at,
        format!(
            "`{name}` ({}) takes internet traffic on port(s) {} through {}{also}",
            r.kind(),
            list.join(", "),
            reach.path_text(group, "open", rule, Some(name))
        ),
    ))
}

/// Sorted, merged port ranges.
fn union(mut ranges: Vec<PortRange>) -> Vec<PortRange> {
    crate::order::sort_by_key(&mut ranges, |r| r.from);
    let mut out: Vec<PortRange> = Vec::new();
    for r in ranges {
        match out.last_mut() {
            Some(last) if u32::from(r.from) <= u32::from(last.to) + 1 => {
                last.to = last.to.max(r.to)
            }
            _ => out.push(r),
        }
    }
    out
}

/// The ports in both sorted, merged lists.
fn intersect(a: &[PortRange], b: &[PortRange]) -> Vec<PortRange> {
    let mut out = Vec::new();
    for x in a {
        for y in b {
            let (from, to) = (x.from.max(y.from), x.to.min(y.to));
            if from <= to {
                out.push(PortRange { from, to });
            }
        }
    }
    union(out)
}
