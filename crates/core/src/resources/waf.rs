//! `kind: waf` — an AWS WAF web ACL: the ACL, its rules and the requests it inspects.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::cost::{Bill, Qty};
use crate::model::Estimate;
use crate::resources::kind::{field, Category, FormField, Holds, Kind};
use crate::source::node::Node;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Waf {
    /// Rules (or rule groups) in the web ACL.
    #[serde(default)]
    pub rules: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<WafUsage>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_limit_per_5min: Option<u32>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct WafUsage {
    /// Requests inspected per month, millions.
    #[serde(default)]
    pub requests_m: Estimate,
}

impl Kind for Waf {
    const NAME: &'static str = "waf";
    const ICON: &'static str = "WAF";
    const SUMMARY: &'static str =
        "an AWS WAF web ACL: the ACL, its rules and the requests it inspects.";
    const CATEGORY: Category = Category::Network;
    const EXAMPLE: &'static str = "{ kind: waf, rules: 1, usage: { requests_m: 1 } }";
    const TERRAFORM: &'static [&'static str] = &["aws_wafv2_web_acl"];

    #[cfg(feature = "terraform")]
    fn from_terraform(
        r: &crate::terraform::Instance,
        cx: &mut crate::terraform::Cx<'_>,
    ) -> crate::terraform::Mapping {
        terraform::map(r, cx)
    }

    fn form_fields(_node: &Node) -> Vec<FormField> {
        vec![
            field("rules", "rules", Holds::Number, "rules"),
            field(
                "requests",
                "usage.requests_m",
                Holds::Number,
                "million / month",
            ),
        ]
    }

    fn tags(&self) -> &BTreeMap<String, String> {
        &self.tags
    }

    fn cost(&self, bill: &mut Bill) {
        if let Some(p) = bill.price("waf", "web-acl", "kind") {
            bill.line("Web ACL".into(), Qty::flat(Decimal::ONE), p, None);
        }
        if self.rules > 0 {
            if let Some(p) = bill.price("waf", "rule", "rules") {
                bill.line(
                    format!("Rules ({})", self.rules),
                    Qty::flat(Decimal::from(self.rules)),
                    p,
                    None,
                );
            }
        }
        let req = self
            .usage
            .as_ref()
            .map(|u| u.requests_m)
            .unwrap_or_default();
        if req.any() {
            if let Some(p) = bill.price("waf-requests", "requests", "usage.requests_m") {
                bill.line("Requests inspected".into(), Qty::est(req), p, None);
            }
        }
    }
}

/// `aws_wafv2_web_acl` as `kind: waf` (a rule per `rule` block).
#[cfg(feature = "terraform")]
mod terraform {
    use crate::terraform::{blocks, span_of, Cx, Instance, Mapping, Obj};

    pub fn map(r: &Instance, _cx: &mut Cx<'_>) -> Mapping {
        let mut o = Obj::new();
        let rules = blocks(r, "rule");
        o.num("rules", rules.len() as f64, Some(&span_of(r, "rule")));
        // The tightest rate-based rule's limit (requests per 5 minutes per client address).
        let limit = rules
            .iter()
            .filter_map(|b| {
                b.value
                    .get("statement[0].rate_based_statement[0].limit")
                    .and_then(crate::terraform::Value::as_f64)
                    .map(|l| (l, b))
            })
            .min_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((l, b)) = limit {
            o.num("rate_limit_per_5min", l, Some(&b.span));
        }
        Some(o)
    }
}
