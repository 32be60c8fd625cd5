use crate::path::DesignPath;
use crate::policy::{Category, Ctx, Hit, Rule, RuleDocs, Severity};
use crate::resources::Resource;

pub const RULE: Rule = Rule {
    id: "GOV-001",
    slug: "region-not-allowed",
    category: Category::Governance,
    severity: Severity::High,
    title: "Data or compute outside the allowed regions",
    fix: "Use a region listed in `policy.allowed_regions`, or get the list changed.",
    check,
};

/// Why it matters, the matching checks elsewhere and the examples (the rule's tests and
/// documentation; kept apart so the page's bundle does not carry them).
pub const DOCS: RuleDocs = RuleDocs {
    explanation: "Data-residency rules (PIPA in Korea, GDPR, contracts) limit where data may live, copies and replicas included.",
    equivalents: &[],
    good: "region: ap-northeast-2\npolicy: { allowed_regions: [ap-northeast-2, ap-northeast-1] }\nresources:\n  db: { kind: database, engine: mysql, instance_class: db.t3.micro, replicas: [ { region: ap-northeast-1 } ] }\n",
    bad: "region: ap-northeast-2\npolicy: { allowed_regions: [ap-northeast-2] }\nresources:\n  db: { kind: database, engine: mysql, instance_class: db.t3.micro, backup: { copy_to_region: us-east-1 } }\n",
};

fn check(ctx: &Ctx) -> Vec<Hit> {
    let Some(allowed) = ctx
        .design
        .policy
        .as_ref()
        .map(|p| &p.allowed_regions)
        .filter(|a| !a.is_empty())
    else {
        return Vec::new();
    };
    let mut places: Vec<(String, DesignPath, String)> = vec![(
        "design".into(),
        DesignPath::root().key("region"),
        ctx.design.region.clone(),
    )];
    if let Some(r) = ctx
        .design
        .dr
        .as_ref()
        .and_then(|d| d.secondary_region.clone())
    {
        places.push(("dr".into(), DesignPath::parse("dr.secondary_region"), r));
    }
    for (name, r) in &ctx.design.resources {
        let path = Ctx::resource_path(name);
        if let Some(region) = r.region() {
            places.push((name.clone(), path.key("region"), region.to_string()));
        }
        if let Resource::Database(d) = r {
            for (i, rep) in d.replicas.iter().enumerate() {
                if let Some(region) = &rep.region {
                    places.push((
                        name.clone(),
                        path.key("replicas").index(i).key("region"),
                        region.clone(),
                    ));
                }
            }
            if let Some(region) = d.backup.as_ref().and_then(|b| b.copy_to_region.clone()) {
                places.push((
                    name.clone(),
                    path.key("backup").key("copy_to_region"),
                    region,
                ));
            }
        }
        if let Resource::ObjectStorage(s) = r {
            if let Some(rep) = &s.replication {
                places.push((
                    name.clone(),
                    path.key("replication").key("region"),
                    rep.region.clone(),
                ));
            }
        }
    }
    places
        .into_iter()
        .filter(|(_, _, region)| !allowed.contains(region))
        .map(|(name, path, region)| {
            Hit::new(
                name,
                path,
                format!(
                    "{region} is not an allowed region (allowed: {})",
                    allowed.join(", ")
                ),
            )
        })
        .collect()
}
