//! AmazonEKS: the cluster hour on standard Kubernetes version support.

use super::{in_region, of_region, Ctx, Service, Target};
use crate::offer::Product;

pub const SERVICE: Service = Service {
    code: "AmazonEKS",
    global: false,
    map,
    finish: None,
};

fn map(p: &Product, ctx: &Ctx) -> Vec<Target> {
    if !in_region(p) || !of_region(p, ctx) || !p.usage_is("AmazonEKS-Hours:perCluster") {
        return Vec::new();
    }
    vec![Target::new("eks", "cluster", "hours").list_units(&["Hrs", "hours"])]
}
