//! `kind: compute` — EC2 instances, a fixed `count` or an Auto Scaling group (`scaling`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::cost::schedule::group_hours;
use crate::cost::{dec, Bill};
use crate::model::{Purchase, Scaling, VolumeSpec};
use crate::resources::kind::{catalog, field, Category, FormField, Holds, Kind};
use crate::resources::volume::price_volume;
use crate::source::node::Node;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Compute {
    /// EC2 instance type, e.g. `t3.medium`.
    pub instance_type: String,
    /// Fixed number of instances (ignored when `scaling` is set); default 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scaling: Option<Scaling>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subnets: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security_groups: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purchase: Option<Purchase>,
    /// EBS volumes attached to each instance.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub volumes: Vec<VolumeSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_ip: Option<bool>,
    /// Region, when not the design's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
}

impl Kind for Compute {
    const NAME: &'static str = "compute";
    const SUMMARY: &'static str =
        "EC2 instances, a fixed `count` or an Auto Scaling group (`scaling`).";
    const CATEGORY: Category = Category::Compute;
    const EXAMPLE: &'static str = "{ kind: compute, instance_type: t3.micro, count: 1 }";

    fn form_fields(node: &Node) -> Vec<FormField> {
        let mut fields = vec![field("instance type", "instance_type", catalog("ec2"), "")];
        if node.get("scaling").is_some() {
            fields.push(field(
                "scaling min",
                "scaling.min",
                Holds::Number,
                "instances",
            ));
            fields.push(field(
                "scaling max",
                "scaling.max",
                Holds::Number,
                "instances",
            ));
        } else {
            fields.push(field("count", "count", Holds::Number, "instances"));
        }
        fields
    }

    fn tags(&self) -> &BTreeMap<String, String> {
        &self.tags
    }

    fn placement(&self) -> (&[String], &[String]) {
        (&self.subnets, &self.security_groups)
    }

    fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    fn cost(&self, bill: &mut Bill) {
        let hours = group_hours(bill.ctx, self.count, self.scaling.as_ref());
        price_instance_hours(
            bill,
            &self.instance_type,
            self.purchase.as_ref(),
            hours,
            "instance_type",
        );
        let instances = hours.scale(rust_decimal::Decimal::ONE / bill.ctx.hours_per_month);
        for (i, v) in self.volumes.iter().enumerate() {
            price_volume(bill, v, instances, &format!("volumes[{i}]"));
        }
    }
}

/// Prices EC2 instance-hours with a purchase option. Shared by compute and Kubernetes
/// node groups.
pub fn price_instance_hours(
    bill: &mut Bill,
    instance_type: &str,
    purchase: Option<&Purchase>,
    hours: crate::cost::Qty,
    field: &str,
) {
    let purchase = purchase.cloned().unwrap_or_default();
    let reserved_group = match purchase {
        Purchase::Reserved(lease) => Some((format!("ec2-{}", lease.group_suffix), lease.label)),
        _ => None,
    };
    if let Some((group, label)) = reserved_group {
        if let Ok(p) = bill.ctx.catalog.price(bill.region, &group, instance_type) {
            bill.line(
                format!("Instance usage (Linux, {label}, {instance_type})"),
                hours,
                p,
                None,
            );
            return;
        }
        bill.diagnostics.push(
            crate::diag::Diagnostic::warning(
                "no-reserved-rate",
                format!(
                    "the catalog has no {label} rate for {instance_type} in {}; priced on demand",
                    bill.region
                ),
            )
            .with_path(&bill.path.key("purchase"))
            .with_hint(format!(
                "sync the region's catalog (`planwright prices sync`) or add the rate with a user catalog (group `{group}`)"
            )),
        );
    }
    let Some(p) = bill.price("ec2", instance_type, field) else {
        return;
    };
    let (label, discount) = match purchase {
        Purchase::Discount(pct) => (format!("{pct}% discount"), Some(dec(pct))),
        Purchase::Spot => ("spot, priced at the on-demand ceiling".to_string(), None),
        _ => ("on-demand".to_string(), None),
    };
    bill.line(
        format!("Instance usage (Linux, {label}, {instance_type})"),
        hours,
        p,
        discount,
    );
}
