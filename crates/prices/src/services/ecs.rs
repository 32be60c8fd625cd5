//! AmazonECS: Fargate (Linux, x86) per vCPU-hour and GB-hour.

use super::{in_region, of_region, Ctx, Service, Target};
use crate::offer::Product;

pub const SERVICE: Service = Service {
    code: "AmazonECS",
    global: false,
    map,
    finish: None,
};

const UNITS: &[&str] = &["hours", "Hrs", "vCPU-Hours", "GB-Hours"];

fn map(p: &Product, ctx: &Ctx) -> Vec<Target> {
    if !in_region(p) || !of_region(p, ctx) {
        return Vec::new();
    }
    // Exactly these usage types: ARM, Windows and Spot have their own.
    if p.usage_is("Fargate-vCPU-Hours:perCPU") {
        vec![Target::new("fargate", "vcpu", "hours").list_units(UNITS)]
    } else if p.usage_is("Fargate-GB-Hours") {
        vec![Target::new("fargate", "memory_gb", "hours").list_units(UNITS)]
    } else {
        Vec::new()
    }
}
