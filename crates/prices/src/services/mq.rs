//! AmazonMQ: broker instance-hours (`mq`: single-instance brokers, per broker; the
//! pricing code multiplies by the brokers of a deployment) and broker storage per engine.

use super::{in_region, of_region, Ctx, Service, Target};
use crate::offer::Product;

pub const SERVICE: Service = Service {
    code: "AmazonMQ",
    global: false,
    map,
    finish: None,
};

fn map(p: &Product, ctx: &Ctx) -> Vec<Target> {
    if !in_region(p) || !of_region(p, ctx) {
        return Vec::new();
    }
    let engine = p.attr("brokerEngine").to_ascii_lowercase();
    if !matches!(engine.as_str(), "activemq" | "rabbitmq") {
        return Vec::new();
    }
    match p.family.as_str() {
        "Broker Instances" => {
            let ty = instance_type(p);
            // A single-instance broker's hour; Multi-AZ deployments are priced per broker
            // by the design's deployment (brokers × hours).
            if ty.is_empty() || !matches!(p.attr("deploymentOption"), "Single-AZ" | "") {
                return Vec::new();
            }
            vec![Target::new(format!("mq-{engine}"), ty, "hours").list_units(&["Hrs"])]
        }
        "Broker Storage" => {
            let u = p.attr("usagetype");
            let ok = match engine.as_str() {
                "rabbitmq" => u.ends_with("TimedStorage-RabbitMQ-ByteHrs"),
                // ActiveMQ on EBS (the default storage type for mq.m5 brokers).
                _ => u.ends_with("TimedStorage-EBS-ByteHrs"),
            };
            if !ok {
                return Vec::new();
            }
            vec![Target::new("mq-storage", engine, "GB-months").list_units(&["GB-Mo"])]
        }
        _ => Vec::new(),
    }
}

/// The broker's instance type: the `instanceType` attribute, or the `mq.<family>.<size>`
/// in the usage type.
fn instance_type(p: &Product) -> String {
    let ty = p.attr("instanceType");
    if ty.starts_with("mq.") {
        return ty.to_string();
    }
    p.attr("usagetype")
        .split([':', '-'])
        .find(|part| part.starts_with("mq.") && part.matches('.').count() == 2)
        .unwrap_or("")
        .to_string()
}
