//! `kind: secrets` — Secrets Manager secrets and API calls.

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
pub struct Secrets {
    /// Number of secrets stored.
    pub count: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rotation_days: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<SecretsUsage>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SecretsUsage {
    /// API calls per month, thousands.
    #[serde(default)]
    pub api_calls_k: Estimate,
}

impl Kind for Secrets {
    const NAME: &'static str = "secrets";
    const ICON: &'static str = "KEY";
    const SUMMARY: &'static str = "Secrets Manager secrets and API calls.";
    const CATEGORY: Category = Category::Other;
    const EXAMPLE: &'static str = "{ kind: secrets, count: 1 }";
    const TERRAFORM: &'static [&'static str] = &["aws_secretsmanager_secret"];

    #[cfg(feature = "terraform")]
    fn from_terraform(
        r: &crate::terraform::Instance,
        cx: &mut crate::terraform::Cx<'_>,
    ) -> crate::terraform::Mapping {
        terraform::map(r, cx)
    }

    fn form_fields(_node: &Node) -> Vec<FormField> {
        vec![
            field("secrets", "count", Holds::Number, "secrets"),
            field(
                "API calls",
                "usage.api_calls_k",
                Holds::Number,
                "thousand / month",
            ),
        ]
    }

    fn tags(&self) -> &BTreeMap<String, String> {
        &self.tags
    }

    fn cost(&self, bill: &mut Bill) {
        if let Some(p) = bill.price("secrets", "secret", "count") {
            bill.line(
                format!("Secrets ({})", self.count),
                Qty::flat(Decimal::from(self.count)),
                p,
                None,
            );
        }
        let calls = self
            .usage
            .as_ref()
            .map(|u| u.api_calls_k)
            .unwrap_or_default();
        if calls.any() {
            if let Some(p) = bill.price("secrets-api", "api", "usage.api_calls_k") {
                // Priced per 10,000 calls.
                bill.line(
                    "API calls".into(),
                    Qty::est(calls).map(|x| x / Decimal::TEN),
                    p,
                    None,
                );
            }
        }
    }
}

/// `aws_secretsmanager_secret` (its rotation folded in) as `kind: secrets`.
#[cfg(feature = "terraform")]
mod terraform {
    use crate::terraform::{Cx, Instance, Mapping, Obj};

    pub fn map(r: &Instance, cx: &mut Cx<'_>) -> Mapping {
        let mut o = Obj::new();
        o.num("count", 1.0, Some(&r.span));
        if let Some(rot) = cx
            .referring(
                "aws_secretsmanager_secret_rotation",
                "secret_id",
                &r.address,
            )
            .into_iter()
            .next()
        {
            cx.fold(&rot.address);
            o.copy_num(
                "rotation_days",
                rot,
                "rotation_rules[0].automatically_after_days",
            );
        }
        Some(o)
    }
}
