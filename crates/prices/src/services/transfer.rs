//! AWSDataTransfer: internet egress from the region (tiers per month), between zones of
//! the region (per GB each way), and to other regions: per destination in
//! `transfer-inter-region` (`to-<region>`), and in `transfer` the rate most destinations
//! pay (the higher on a tie), which a design's `inter_region_gb` is priced at.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::{Ctx, Service, Target};
use crate::collect::{Collected, GroupPrices};
use crate::offer::Product;

pub const SERVICE: Service = Service {
    code: "AWSDataTransfer",
    global: false,
    map,
    finish: Some(finish),
};

/// Internet egress tiers by their `endRange` in GB: first 10 TB, next 40 TB, next 100 TB,
/// over 150 TB (the SKUs the pricing code reads).
const EGRESS_TIERS: &[(&str, &str)] = &[
    ("10240", "internet-10tb"),
    ("51200", "internet-50tb"),
    ("153600", "internet-150tb"),
    ("Inf", "internet-over"),
];

fn map(p: &Product, ctx: &Ctx) -> Vec<Target> {
    if p.family != "Data Transfer" || p.attr("fromRegionCode") != ctx.region {
        return Vec::new();
    }
    match p.attr("transferType") {
        "AWS Outbound" if p.attr("toLocation") == "External" => {
            vec![Target::new("transfer", "internet", "GB")
                .list_units(&["GB"])
                .tiers(EGRESS_TIERS)]
        }
        "IntraRegion" => vec![Target::new("transfer", "inter-az", "GB").list_units(&["GB"])],
        "InterRegion Outbound" => {
            let to = p.attr("toRegionCode");
            if to.is_empty() || to == ctx.region {
                return Vec::new();
            }
            vec![Target::new("transfer-inter-region", format!("to-{to}"), "GB").list_units(&["GB"])]
        }
        _ => Vec::new(),
    }
}

/// `transfer.inter-region`: the rate most destinations pay.
fn finish(c: &mut Collected) {
    let Some(per_dest) = c.groups.get("transfer-inter-region") else {
        return;
    };
    let mut counts: BTreeMap<Decimal, usize> = BTreeMap::new();
    for p in per_dest.prices.values() {
        *counts.entry(*p).or_default() += 1;
    }
    // BTreeMap iterates prices upwards, so `max_by_key` keeps the higher price on a tie.
    let Some((rate, _)) = counts.into_iter().max_by_key(|(_, n)| *n) else {
        return;
    };
    c.groups
        .entry("transfer".into())
        .or_insert_with(|| GroupPrices {
            unit: "GB",
            prices: BTreeMap::new(),
        })
        .prices
        .insert("inter-region".into(), rate);
}
