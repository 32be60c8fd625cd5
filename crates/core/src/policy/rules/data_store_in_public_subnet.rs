use crate::policy::{Category, Ctx, Hit, Rule, RuleDocs, Severity};
use crate::resources::Resource;

pub const RULE: Rule = Rule {
    id: "NET-012",
    slug: "data-store-in-public-subnet",
    category: Category::Network,
    severity: Severity::High,
    title: "Database or cache in a public subnet",
    fix: "Place the database or cache in private subnets (no route to the internet gateway), one per zone; reach it from the application tier or through a bastion / SSM port forwarding.",
    check,
};

/// Why it matters, the matching checks elsewhere and the examples (the rule's tests and
/// documentation; kept apart so the page's bundle does not carry them).
pub const DOCS: RuleDocs = RuleDocs {
    explanation: "A subnet whose route table sends traffic to an internet gateway is one setting away from exposing what runs in it: `publicly_accessible: true`, a restored snapshot or a new replica gets a public address there, and only the security group stands in the way. Databases and caches belong in private subnets, reached from inside the VPC.",
    equivalents: &[],
    good: "network:\n  vpc: 10.0.0.0/16\n  subnets:\n    web-a: { cidr: 10.0.1.0/24, zone: a, public: true }\n    data-a: { cidr: 10.0.11.0/24, zone: a }\n    data-c: { cidr: 10.0.12.0/24, zone: c }\nresources:\n  db: { kind: database, engine: postgres, instance_class: db.t3.micro, publicly_accessible: false, subnets: [data-a, data-c] }\n",
    bad: "network:\n  vpc: 10.0.0.0/16\n  subnets:\n    web-a: { cidr: 10.0.1.0/24, zone: a, public: true }\n    data-a: { cidr: 10.0.11.0/24, zone: a }\nresources:\n  db: { kind: database, engine: postgres, instance_class: db.t3.micro, publicly_accessible: false, subnets: [web-a, data-a] }\n",
};

fn check(ctx: &Ctx) -> Vec<Hit> {
    let Some(net) = &ctx.design.network else {
        return Vec::new();
    };
    let mut hits = Vec::new();
    for (name, r) in &ctx.design.resources {
        let what = match r {
            Resource::Database(_) => "database",
            Resource::Cache(_) => "cache",
            _ => continue,
        };
        let (subnets, _) = r.placement();
        for (i, s) in subnets.iter().enumerate() {
            if net.subnets.get(s).is_some_and(|x| x.public) {
                hits.push(Hit::new(
                    name,
                    Ctx::resource_path(name).key("subnets").index(i),
                    format!("{what} `{name}` is placed in public subnet `{s}`, which routes to the internet"),
                ));
            }
        }
    }
    hits
}
