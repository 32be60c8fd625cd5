//! AWSELB: Application and Network Load Balancer hours and capacity units (group `elb`:
//! `alb`, `alb-lcu`, `nlb`, `nlb-lcu`, all per hour).

use super::{in_region, of_region, Ctx, Service, Target};
use crate::offer::Product;

pub const SERVICE: Service = Service {
    code: "AWSELB",
    global: false,
    map,
    finish: None,
};

fn map(p: &Product, ctx: &Ctx) -> Vec<Target> {
    if !in_region(p) || !of_region(p, ctx) {
        return Vec::new();
    }
    let kind = match p.family.as_str() {
        "Load Balancer-Application" => "alb",
        "Load Balancer-Network" => "nlb",
        _ => return Vec::new(),
    };
    if p.usage_is("LoadBalancerUsage") {
        vec![Target::new("elb", kind, "hours").list_units(&["Hrs"])]
    } else if p.usage_is("LCUUsage") {
        vec![Target::new("elb", format!("{kind}-lcu"), "hours")
            .list_units(&["LCU-Hrs", "NLCU-Hrs", "Hrs"])]
    } else {
        Vec::new()
    }
}
