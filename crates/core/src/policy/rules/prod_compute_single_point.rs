use std::collections::BTreeSet;

use crate::policy::{Category, Ctx, Hit, Rule, RuleDocs, Severity};
use crate::resources::queue::Deployment;
use crate::resources::Resource;

pub const RULE: Rule = Rule {
    id: "HA-002",
    slug: "prod-compute-single-point",
    category: Category::Availability,
    severity: Severity::High,
    title: "Production service can fall to one failure",
    fix: "Run at least two instances, tasks or nodes (`scaling.min: 2`, `tasks.min: 2`, a node group `min: 2`, a broker `deployment: active_standby` or `cluster`) in subnets of two or more named zones.",
    check,
};

/// Why it matters, the matching checks elsewhere and the examples (the rule's tests and
/// documentation; kept apart so the page's bundle does not carry them).
pub const DOCS: RuleDocs = RuleDocs {
    explanation: "Fewer than two instances, Fargate tasks, Kubernetes nodes or message brokers, or all of them in one zone, means one host or zone failure takes the service down. Subnets that name no zone do not show a spread over zones.",
    equivalents: &[],
    good: "environment: prod\nnetwork:\n  vpc: 10.0.0.0/16\n  subnets:\n    a: { cidr: 10.0.1.0/24, zone: a }\n    c: { cidr: 10.0.2.0/24, zone: c }\nresources:\n  web: { kind: compute, instance_type: t3.micro, subnets: [a, c], scaling: { min: 2, max: 4 } }\n",
    bad: "environment: prod\nresources:\n  web: { kind: compute, instance_type: t3.micro, count: 1 }\n",
};

/// One place that must survive a single failure: how few copies it runs (and where that
/// is written), and the subnets they spread over.
struct Copies<'a> {
    min: u32,
    at: crate::path::DesignPath,
    what: &'static str,
    subnets: &'a [String],
}

fn copies<'a>(name: &str, r: &'a Resource) -> Vec<Copies<'a>> {
    let path = Ctx::resource_path(name);
    match r {
        Resource::Compute(c) => vec![match &c.scaling {
            Some(s) => Copies {
                min: s.min,
                at: path.key("scaling").key("min"),
                what: "instance(s)",
                subnets: &c.subnets,
            },
            None => Copies {
                min: c.count.unwrap_or(1),
                at: path.key("count"),
                what: "instance(s)",
                subnets: &c.subnets,
            },
        }],
        Resource::Container(c) => vec![match &c.tasks {
            Some(s) => Copies {
                min: s.min,
                at: path.key("tasks").key("min"),
                what: "task(s)",
                subnets: &c.subnets,
            },
            None => Copies {
                min: c.count.unwrap_or(1),
                at: path.key("count"),
                what: "task(s)",
                subnets: &c.subnets,
            },
        }],
        Resource::Kubernetes(k) => k
            .node_groups
            .iter()
            .enumerate()
            .map(|(i, g)| Copies {
                min: g.min,
                at: path.key("node_groups").index(i).key("min"),
                what: "node(s) in a node group",
                subnets: &k.subnets,
            })
            .collect(),
        Resource::Queue(q) if q.deployment == Deployment::SingleInstance => vec![Copies {
            min: 1,
            at: path.key("deployment"),
            what: "broker (single-instance deployment)",
            subnets: &q.subnets,
        }],
        _ => Vec::new(),
    }
}

fn check(ctx: &Ctx) -> Vec<Hit> {
    if !ctx.is_prod() {
        return Vec::new();
    }
    let net = ctx.design.network.as_ref();
    let mut hits = Vec::new();
    for (name, r) in &ctx.design.resources {
        for c in copies(name, r) {
            if c.min < 2 {
                hits.push(Hit::new(
                    name,
                    c.at,
                    format!("`{name}` runs as few as {} {}", c.min, c.what),
                ));
                continue;
            }
            // Zones as the subnets name them; a subnet that names none is not evidence of
            // a second zone.
            let zones: BTreeSet<&str> = c
                .subnets
                .iter()
                .filter_map(|s| {
                    net.and_then(|n| n.subnets.get(s))
                        .and_then(|x| x.zone.as_deref())
                })
                .collect();
            let unknown = c.subnets.iter().any(|s| {
                net.and_then(|n| n.subnets.get(s))
                    .is_some_and(|x| x.zone.is_none())
            });
            let at = Ctx::resource_path(name).key("subnets");
            if zones.len() == 1 && !unknown {
                hits.push(Hit::new(
                    name,
                    at,
                    format!(
                        "all of `{name}` runs in zone {}",
                        zones.iter().next().copied().unwrap_or("?")
                    ),
                ));
            } else if zones.len() < 2 && unknown {
                hits.push(Hit::new(
                    name,
                    at,
                    format!("the zones of `{name}`'s subnets are unknown (a subnet names no `zone`): nothing shows it survives the loss of a zone"),
                ));
            }
        }
    }
    hits
}
