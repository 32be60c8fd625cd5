use crate::policy::reach::covers_internet;
use crate::policy::{Category, Ctx, Hit, Rule, RuleDocs, Severity};
use crate::resources::Resource;

pub const RULE: Rule = Rule {
    id: "NET-006",
    slug: "data-tier-open-egress",
    category: Category::Network,
    severity: Severity::Medium,
    title: "Data tier can send anything to the internet",
    fix: "Limit the data tier's egress to the VPC (or remove the egress rules to the internet).",
    check,
};

/// Why it matters, the matching checks elsewhere and the examples (the rule's tests and
/// documentation; kept apart so the page's bundle does not carry them).
pub const DOCS: RuleDocs = RuleDocs {
    explanation: "Databases, caches and brokers rarely need to reach the internet; open egress is how stolen data leaves.",
    equivalents: &["CKV_AWS_382", "aws-ec2-no-public-egress-sgr"],
    good: "network:\n  security_groups:\n    db: { egress: [ { ports: all, to: 10.0.0.0/16 } ] }\nresources:\n  db: { kind: database, engine: mysql, instance_class: db.t3.micro, security_groups: [db] }\n",
    bad: "network:\n  security_groups:\n    db: { egress: [ { ports: all, to: 0.0.0.0/0 } ] }\nresources:\n  db: { kind: database, engine: mysql, instance_class: db.t3.micro, security_groups: [db] }\n",
};

fn check(ctx: &Ctx) -> Vec<Hit> {
    let mut hits = Vec::new();
    let Some(net) = &ctx.design.network else {
        return hits;
    };
    for (name, r) in &ctx.design.resources {
        if !matches!(
            r,
            Resource::Database(_) | Resource::Cache(_) | Resource::Queue(_)
        ) {
            continue;
        }
        for g in r.placement().1 {
            let Some(sg) = net.security_groups.get(g) else {
                continue;
            };
            for (i, rule) in sg.egress.iter().enumerate() {
                let open = rule.action.is_allow()
                    && match rule.to.as_ref() {
                        Some(crate::model::Peer::Cidr(n)) => covers_internet(&[*n]),
                        Some(crate::model::Peer::Name(tag)) => {
                            crate::policy::first_match::is_everywhere(tag, ctx.design.provider)
                        }
                        None => false,
                    };
                let wide = rule.ports.0.iter().any(|p| p.from == 0 && p.to == 65535);
                if open && wide {
                    hits.push(Hit::new(
                        name.as_str(),
                        Ctx::sg_path(g).key("egress").index(i),
                        format!(
                            "`{name}` ({}) may send any traffic to the internet through {} `{g}`",
                            r.kind(),
                            ctx.reach.group_word()
                        ),
                    ));
                }
            }
        }
    }
    hits
}
