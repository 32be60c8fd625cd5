//! `kind: nat_gateway` — NAT gateways: hours plus GB processed.

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
pub struct NatGateway {
    /// Number of gateways (usually one per zone); default 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subnets: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<NatUsage>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct NatUsage {
    /// GB processed per month, all gateways together.
    #[serde(default)]
    pub processed_gb: Estimate,
}

impl Kind for NatGateway {
    const NAME: &'static str = "nat_gateway";
    const ICON: &'static str = "NAT";
    const SUMMARY: &'static str = "NAT gateways: hours plus GB processed.";
    const CATEGORY: Category = Category::Network;
    const EXAMPLE: &'static str = "{ kind: nat_gateway, count: 1, usage: { processed_gb: 10 } }";
    const TERRAFORM: &'static [&'static str] = &["aws_nat_gateway"];

    #[cfg(feature = "terraform")]
    fn from_terraform(
        r: &crate::terraform::Instance,
        cx: &mut crate::terraform::Cx<'_>,
    ) -> crate::terraform::Mapping {
        terraform::map(r, cx)
    }

    fn form_fields(_node: &Node) -> Vec<FormField> {
        vec![
            field("count", "count", Holds::Number, "gateways"),
            field(
                "processed",
                "usage.processed_gb",
                Holds::Number,
                "GB / month",
            ),
        ]
    }

    fn tags(&self) -> &BTreeMap<String, String> {
        &self.tags
    }

    fn placement(&self) -> (&[String], &[String]) {
        (&self.subnets, &[])
    }

    fn cost(&self, bill: &mut Bill) {
        let n = self.count.unwrap_or(1);
        if let Some(p) = bill.price("nat", "hour", "kind") {
            bill.line(
                format!("NAT gateway ({n})"),
                Qty::flat(Decimal::from(n) * bill.ctx.hours_per_month),
                p,
                None,
            );
        }
        let gb = self
            .usage
            .as_ref()
            .map(|u| u.processed_gb)
            .unwrap_or_default();
        if gb.any() {
            if let Some(p) = bill.price("nat-data", "processed", "usage.processed_gb") {
                bill.line("Data processed".into(), Qty::est(gb), p, None);
            }
        }
    }
}

/// `aws_nat_gateway` (its `aws_eip` folded in) as `kind: nat_gateway`.
#[cfg(feature = "terraform")]
mod terraform {
    use crate::terraform::{span_of, Cx, Instance, Mapping, Obj};

    pub fn map(r: &Instance, cx: &mut Cx<'_>) -> Mapping {
        let mut o = Obj::new();
        o.num("count", 1.0, Some(&r.span));
        let subnets = cx.names_in(r, "subnet_id", "subnets");
        if !subnets.is_empty() {
            o.list("subnets", subnets, Some(&span_of(r, "subnet_id")));
        }
        if let Some(eip) = cx.referenced_of(r, "allocation_id", &["aws_eip"]) {
            cx.fold(&eip.address);
        }
        Some(o)
    }
}
