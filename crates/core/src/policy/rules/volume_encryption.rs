use crate::policy::{Category, Ctx, Hit, Rule, RuleDocs, Severity};
use crate::resources::Resource;

pub const RULE: Rule = Rule {
    id: "ENC-004",
    slug: "volume-encryption",
    category: Category::Data,
    severity: Severity::Medium,
    title: "EBS volume not encrypted",
    fix:
        "Set `encrypted: true` on the volume (or enable EBS encryption by default in the account).",
    check,
};

/// Why it matters, the matching checks elsewhere and the examples (the rule's tests and
/// documentation; kept apart so the page's bundle does not carry them).
pub const DOCS: RuleDocs = RuleDocs {
    explanation: "Unencrypted volumes leave data readable in snapshots shared by mistake; turning on EBS encryption by default costs nothing.",
    equivalents: &["CKV_AWS_3", "aws-ebs-enable-volume-encryption"],
    good: "resources:\n  web: { kind: compute, instance_type: t3.micro, volumes: [ { size_gb: 20, encrypted: true } ] }\n",
    bad: "resources:\n  data: { kind: volume, size_gb: 100, encrypted: false }\n",
};

fn check(ctx: &Ctx) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (name, r) in &ctx.design.resources {
        let path = Ctx::resource_path(name);
        match r {
            Resource::Volume(v) if v.encrypted != Some(true) => hits.push(Hit::new(
                name.as_str(),
                path.key("encrypted"),
                format!("volume `{name}` does not say `encrypted: true`"),
            )),
            Resource::Compute(c) => {
                for (i, v) in c.volumes.iter().enumerate() {
                    if v.encrypted != Some(true) {
                        hits.push(Hit::new(
                            name.as_str(),
                            path.key("volumes").index(i),
                            format!(
                                "volume {} of `{name}` does not say `encrypted: true`",
                                i + 1
                            ),
                        ));
                    }
                }
            }
            _ => {}
        }
    }
    hits
}
