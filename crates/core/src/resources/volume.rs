//! `kind: volume` — standalone EBS volumes; also prices the `volumes:` of instances.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::cost::{dec, Bill, Qty};
use crate::model::{VolumeSpec, VolumeType};
use crate::resources::kind::{field, Category, FormField, Holds, Kind};
use crate::source::node::Node;

/// IOPS and throughput included with every gp3 volume (EBS pricing page).
const GP3_FREE_IOPS: u32 = 3000;
const GP3_FREE_MBPS: u32 = 125;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Volume {
    #[serde(rename = "type", default)]
    pub volume_type: VolumeType,
    pub size_gb: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iops: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub throughput_mbps: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encrypted: Option<bool>,
    /// Number of identical volumes; default 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
}

impl Kind for Volume {
    const NAME: &'static str = "volume";
    const ICON: &'static str = "EBS";
    const SUMMARY: &'static str =
        "standalone EBS volumes; also prices the `volumes:` of instances.";
    const CATEGORY: Category = Category::Storage;
    const EXAMPLE: &'static str = "{ kind: volume, size_gb: 20 }";
    const TERRAFORM: &'static [&'static str] = &["aws_ebs_volume"];

    #[cfg(feature = "terraform")]
    fn from_terraform(
        r: &crate::terraform::Instance,
        cx: &mut crate::terraform::Cx<'_>,
    ) -> crate::terraform::Mapping {
        terraform::map(r, cx)
    }

    fn form_fields(_node: &Node) -> Vec<FormField> {
        vec![
            field("type", "type", Holds::Choice(&["gp3", "gp2", "io1"]), ""),
            field("size", "size_gb", Holds::Number, "GB"),
            field("count", "count", Holds::Number, "volumes"),
        ]
    }

    fn tags(&self) -> &BTreeMap<String, String> {
        &self.tags
    }

    fn cost(&self, bill: &mut Bill) {
        let spec = VolumeSpec {
            volume_type: self.volume_type,
            size_gb: Some(self.size_gb),
            iops: self.iops,
            throughput_mbps: self.throughput_mbps,
            encrypted: self.encrypted,
        };
        let n = Decimal::from(self.count.unwrap_or(1));
        price_volume(bill, &spec, Qty::flat(n), "");
    }
}

/// Prices `count` copies (per band) of one volume for a month.
pub fn price_volume(bill: &mut Bill, v: &VolumeSpec, count: Qty, field: &str) {
    let sku = v.volume_type.sku();
    let at = |f: &str| {
        if field.is_empty() {
            f.to_string()
        } else {
            format!("{field}.{f}")
        }
    };
    match v.size_gb {
        Some(size) => {
            if let Some(p) = bill.price("ebs", sku, &at("type")) {
                bill.line(
                    format!("Storage ({sku}, {size} GB)"),
                    count.scale(dec(size)),
                    p,
                    None,
                );
            }
        }
        None => bill.unknown_quantity(
            &at("size_gb"),
            "the volume's size is not known: its storage is not priced",
            "write `size_gb` (an AMI's root volume is usually its snapshot's size)",
        ),
    }
    let iops = v.iops.map(dec).unwrap_or_default();
    let billable_iops = match v.volume_type {
        VolumeType::Gp3 => (iops - Decimal::from(GP3_FREE_IOPS)).max(Decimal::ZERO),
        VolumeType::Io1 => iops,
        VolumeType::Gp2 => Decimal::ZERO,
    };
    if billable_iops > Decimal::ZERO {
        if let Some(p) = bill.price("ebs-iops", sku, &at("iops")) {
            bill.line(
                format!("Provisioned IOPS ({sku}, {billable_iops} billable)"),
                count.scale(billable_iops),
                p,
                None,
            );
        }
    }
    if v.volume_type == VolumeType::Gp3 {
        let mbps = v.throughput_mbps.map(dec).unwrap_or_default();
        let billable = (mbps - Decimal::from(GP3_FREE_MBPS)).max(Decimal::ZERO);
        if billable > Decimal::ZERO {
            if let Some(p) = bill.price("ebs-throughput", sku, &at("throughput_mbps")) {
                bill.line(
                    format!("Provisioned throughput (gp3, {billable} MB/s billable)"),
                    count.scale(billable),
                    p,
                    None,
                );
            }
        }
    }
}

/// `aws_ebs_volume` as `kind: volume`.
#[cfg(feature = "terraform")]
mod terraform {
    use crate::terraform::{span_of, Cx, Instance, Mapping, Obj, VOLUME_TYPES};

    pub fn map(r: &Instance, cx: &mut Cx<'_>) -> Mapping {
        let mut o = Obj::new();
        // gp2 is the provider's default `type`
        // (registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ebs_volume).
        let ty = r.str("type").unwrap_or("gp2");
        if !VOLUME_TYPES.contains(&ty) {
            cx.note(
                format!(
                    "{}: volume type `{ty}` is not priced (gp3, gp2, io1)",
                    r.address
                ),
                &span_of(r, "type"),
            );
            return None;
        }
        o.str("type", ty, Some(&span_of(r, "type")));
        if o.copy_num("size_gb", r, "size").is_none() {
            cx.note(
                format!(
                    "{}: `size` is not known (a snapshot's size); not priced",
                    r.address
                ),
                &r.span,
            );
            return None;
        }
        o.copy_num("iops", r, "iops");
        o.copy_num("throughput_mbps", r, "throughput");
        o.copy_bool("encrypted", r, "encrypted");
        Some(o)
    }
}
