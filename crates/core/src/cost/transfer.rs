//! Top-level `transfer:` — data transfer not attributed to a resource.

use rust_decimal::Decimal;

use super::{Bill, Qty};
use crate::model::Transfer;

/// Internet egress tiers per month (EC2 data transfer pricing): first 10 TB, next 40 TB,
/// next 100 TB, then the rest. Tier widths in GB.
const TIERS: [(&str, Option<u32>, &str); 4] = [
    ("internet-10tb", Some(10 * 1024), "first 10 TB"),
    ("internet-50tb", Some(40 * 1024), "next 40 TB"),
    ("internet-150tb", Some(100 * 1024), "next 100 TB"),
    ("internet-over", None, "over 150 TB"),
];
/// The always-free internet egress allowance (100 GB a month, aggregated across services),
/// applied only with `pricing: { free_tier: true }`.
const FREE_EGRESS_GB: u32 = 100;

pub fn price_transfer(t: &Transfer, bill: &mut Bill) {
    let mut egress = Qty::est(t.internet_egress_gb);
    if bill.ctx.free_tier {
        egress = egress.above(Decimal::from(FREE_EGRESS_GB));
    }
    // Each end of the band fills the tiers on its own.
    for (sku, width, label) in TIERS.iter() {
        if !egress.any() {
            break;
        }
        let here = match width {
            Some(w) => egress.map(|x| x.min(Decimal::from(*w))),
            None => egress,
        };
        egress = egress - here;
        if let Some(p) = bill.price("transfer", sku, "internet_egress_gb") {
            bill.line(format!("Internet egress ({label})"), here, p, None);
        }
    }
    if t.inter_az_gb.any() {
        if let Some(p) = bill.price("transfer", "inter-az", "inter_az_gb") {
            // Charged on both sides of the zone boundary.
            bill.line(
                "Between availability zones (billed in each direction)".into(),
                Qty::est(t.inter_az_gb).scale(Decimal::TWO),
                p,
                None,
            );
        }
    }
    if t.inter_region_gb.any() {
        if let Some(p) = bill.price("transfer", "inter-region", "inter_region_gb") {
            bill.line(
                "To other regions".into(),
                Qty::est(t.inter_region_gb),
                p,
                None,
            );
        }
    }
}
