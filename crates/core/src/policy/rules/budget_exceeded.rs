use rust_decimal::Decimal;

use crate::cost::dec;
use crate::path::DesignPath;
use crate::policy::{Category, Ctx, Hit, Rule, RuleDocs, Severity};
use crate::units::format_usd;

pub const RULE: Rule = Rule {
    id: "COST-001",
    slug: "monthly-budget-exceeded",
    category: Category::Cost,
    severity: Severity::High,
    title: "Expected monthly cost above the budget",
    fix: "Right-size or remove the biggest contributors named in the finding, buy reserved capacity, or raise the budget.",
    check,
};

/// Why it matters, the matching checks elsewhere and the examples (the rule's tests and
/// documentation; kept apart so the page's bundle does not carry them).
pub const DOCS: RuleDocs = RuleDocs {
    explanation: "The design's expected monthly cost (from the cost engine) is above `policy.budget.monthly_usd`.",
    equivalents: &[],
    good: "policy: { budget: { monthly_usd: 100 } }\nresources:\n  web: { kind: compute, instance_type: t3.micro }\n",
    bad: "policy: { budget: { monthly_usd: 10 } }\nresources:\n  web: { kind: compute, instance_type: m5.large, count: 2 }\n",
};

fn check(ctx: &Ctx) -> Vec<Hit> {
    let (Some(budget), Some(cost)) = (
        ctx.design.policy.as_ref().and_then(|p| p.budget.as_ref()),
        ctx.cost,
    ) else {
        return Vec::new();
    };
    let limit = dec(budget.monthly_usd);
    let total = cost.monthly.expected;
    if total <= limit {
        return Vec::new();
    }
    let mut biggest: Vec<(&str, Decimal)> = cost
        .resources
        .iter()
        .map(|r| (r.name.as_str(), r.monthly.expected))
        .collect();
    crate::order::sort_by_key(&mut biggest, |b| std::cmp::Reverse(b.1));
    let top: Vec<String> = biggest
        .iter()
        .take(3)
        .map(|(n, m)| format!("{n} {}", format_usd(*m)))
        .collect();
    vec![Hit::new(
        "design",
        DesignPath::parse("policy.budget.monthly_usd"),
        format!(
            "expected {} a month is {} over the {} budget; biggest: {}",
            format_usd(total),
            format_usd(total - limit),
            format_usd(limit),
            top.join(", ")
        ),
    )]
}
