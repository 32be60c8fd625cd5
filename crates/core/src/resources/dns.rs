//! `kind: dns` — Route 53 hosted zones, queries and health checks.

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
pub struct Dns {
    /// Hosted zones; default 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zones: Option<u32>,
    /// Health checks on AWS endpoints.
    #[serde(default)]
    pub health_checks: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<DnsUsage>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DnsUsage {
    /// Standard queries per month, millions.
    #[serde(default)]
    pub queries_m: Estimate,
}

impl Kind for Dns {
    const NAME: &'static str = "dns";
    const ICON: &'static str = "DNS";
    const SUMMARY: &'static str = "Route 53 hosted zones, queries and health checks.";
    const CATEGORY: Category = Category::Network;
    const EXAMPLE: &'static str = "{ kind: dns, zones: 1, usage: { queries_m: 1 } }";
    const TERRAFORM: &'static [&'static str] = &["aws_route53_zone", "aws_route53_health_check"];

    #[cfg(feature = "terraform")]
    fn from_terraform(
        r: &crate::terraform::Instance,
        cx: &mut crate::terraform::Cx<'_>,
    ) -> crate::terraform::Mapping {
        terraform::map(r, cx)
    }

    fn form_fields(_node: &Node) -> Vec<FormField> {
        vec![
            field("hosted zones", "zones", Holds::Number, "zones"),
            field("health checks", "health_checks", Holds::Number, "checks"),
            field(
                "queries",
                "usage.queries_m",
                Holds::Number,
                "million / month",
            ),
        ]
    }

    fn tags(&self) -> &BTreeMap<String, String> {
        &self.tags
    }

    fn cost(&self, bill: &mut Bill) {
        let zones = self.zones.unwrap_or(1);
        if zones > 0 {
            if let Some(p) = bill.price("route53", "zone", "zones") {
                bill.line(
                    format!("Hosted zones ({zones})"),
                    Qty::flat(Decimal::from(zones)),
                    p,
                    None,
                );
            }
        }
        if self.health_checks > 0 {
            if let Some(p) = bill.price("route53", "health-check", "health_checks") {
                bill.line(
                    format!("Health checks ({})", self.health_checks),
                    Qty::flat(Decimal::from(self.health_checks)),
                    p,
                    None,
                );
            }
        }
        let q = self.usage.as_ref().map(|u| u.queries_m).unwrap_or_default();
        if q.any() {
            if let Some(p) = bill.price("route53-queries", "standard", "usage.queries_m") {
                bill.line("Standard queries".into(), Qty::est(q), p, None);
            }
        }
    }
}

/// `aws_route53_zone` and `aws_route53_health_check` as `kind: dns`.
#[cfg(feature = "terraform")]
mod terraform {
    use crate::terraform::{Cx, Instance, Mapping, Obj};

    pub fn map(r: &Instance, _cx: &mut Cx<'_>) -> Mapping {
        let mut o = Obj::new();
        if r.resource_type == "aws_route53_health_check" {
            o.num("zones", 0.0, Some(&r.span));
            o.num("health_checks", 1.0, Some(&r.span));
        } else {
            o.num("zones", 1.0, Some(&r.span));
        }
        Some(o)
    }
}
