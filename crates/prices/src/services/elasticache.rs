//! AmazonElastiCache: node-hours per engine (on-demand and reserved). Groups:
//! `elasticache` (Redis OSS), `elasticache-memcached`, `elasticache-valkey`.

use super::{in_region, of_region, Ctx, Service, Target};
use crate::offer::Product;

pub const SERVICE: Service = Service {
    code: "AmazonElastiCache",
    global: false,
    map,
    finish: None,
};

fn map(p: &Product, ctx: &Ctx) -> Vec<Target> {
    if p.family != "Cache Instance" || !in_region(p) || !of_region(p, ctx) {
        return Vec::new();
    }
    let ty = p.attr("instanceType");
    // The node itself, not an add-on billed per node-hour beside it (data tiering sync
    // durability, extended support).
    let node = p.usage_is(&format!("NodeUsage:{ty}"));
    let group = match p.attr("cacheEngine") {
        "Redis" => "elasticache",
        "Memcached" => "elasticache-memcached",
        "Valkey" => "elasticache-valkey",
        _ => return Vec::new(),
    };
    if !node || ty.is_empty() {
        return Vec::new();
    }
    vec![Target::new(group, ty, "hours")
        .list_units(&["Hrs"])
        .reserved()]
}
