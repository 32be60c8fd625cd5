use crate::policy::{Category, Ctx, Hit, Rule, RuleDocs, Severity};
use crate::resources::Resource;

pub const RULE: Rule = Rule {
    id: "ENC-006",
    slug: "queue-encryption",
    category: Category::Data,
    severity: Severity::Medium,
    title: "Message broker encryption turned off",
    fix: "Remove `encrypted: false` (Amazon MQ encrypts at rest; use a customer-managed KMS key where required).",
    check,
};

/// Why it matters, the matching checks elsewhere and the examples (the rule's tests and
/// documentation; kept apart so the page's bundle does not carry them).
pub const DOCS: RuleDocs = RuleDocs {
    explanation: "Messages often carry the same personal data as the database, and sit on the broker's disk until consumed.",
    equivalents: &[],
    good: "resources:\n  mq: { kind: queue, engine: rabbitmq, instance_type: mq.m5.large, encrypted: true }\n",
    bad: "resources:\n  mq: { kind: queue, engine: rabbitmq, instance_type: mq.m5.large, encrypted: false }\n",
};

fn check(ctx: &Ctx) -> Vec<Hit> {
    super::each(ctx, |r| match r {
        Resource::Queue(q) if q.encrypted == Some(false) => Some(q),
        _ => None,
    })
    .map(|(name, path, _)| {
        Hit::new(
            name,
            path.key("encrypted"),
            format!("broker `{name}` turns encryption off"),
        )
    })
    .collect()
}
