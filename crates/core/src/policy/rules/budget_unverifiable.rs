use crate::cost::dec;
use crate::path::DesignPath;
use crate::policy::{Category, Ctx, Hit, Rule, RuleDocs, Severity};
use crate::units::format_usd;

/// A budget judged on an incomplete total fails closed: a total that leaves lines out can
/// look under any budget.
pub const RULE: Rule = Rule {
    id: "COST-003",
    slug: "budget-unverifiable",
    category: Category::Cost,
    severity: Severity::High,
    title: "Budget can't be verified: prices are missing",
    fix: "Price the missing lines: fix the SKU named in the warnings, sync or import the region's catalog (`planwright prices sync --region R`), or add the prices with `--catalog`.",
    check,
};

/// Why it matters, the matching checks elsewhere and the examples (the rule's tests and
/// documentation; kept apart so the page's bundle does not carry them).
pub const DOCS: RuleDocs = RuleDocs {
    explanation: "The design has a `policy.budget`, but some of its prices are not in the catalog, so the total leaves lines out and may be under the budget only because of them.",
    equivalents: &[],
    good: "policy: { budget: { monthly_usd: 100 } }\nresources:\n  web: { kind: compute, instance_type: t3.micro }\n",
    bad: "policy: { budget: { monthly_usd: 100 } }\nresources:\n  web: { kind: compute, instance_type: t3.nonexistent }\n",
};

fn check(ctx: &Ctx) -> Vec<Hit> {
    let (Some(budget), Some(cost)) = (
        ctx.design.policy.as_ref().and_then(|p| p.budget.as_ref()),
        ctx.cost,
    ) else {
        return Vec::new();
    };
    if cost.complete {
        return Vec::new();
    }
    let lines = match cost.unpriced {
        1 => "1 line unpriced".to_string(),
        n => format!("{n} lines unpriced"),
    };
    let regions = match cost.regions_unpriced.as_slice() {
        [] => String::new(),
        rs => format!(" (no prices for {})", rs.join(", ")),
    };
    vec![Hit::new(
        "design",
        DesignPath::parse("policy.budget.monthly_usd"),
        format!(
            "budget of {} can't be verified: {lines}{regions}; the priced part is {}",
            format_usd(dec(budget.monthly_usd)),
            format_usd(cost.monthly.expected)
        ),
    )]
}
