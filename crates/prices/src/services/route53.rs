//! AmazonRoute53 (global): hosted zones (first 25), standard queries (first billion, per
//! million), basic health checks on AWS endpoints.

use super::{Ctx, Service, Target};
use crate::offer::Product;

pub const SERVICE: Service = Service {
    code: "AmazonRoute53",
    global: true,
    map,
    finish: None,
};

fn map(p: &Product, _ctx: &Ctx) -> Vec<Target> {
    match p.family.as_str() {
        "DNS Zone" if p.usage_is("HostedZone") => {
            vec![Target::new("route53", "zone", "months").list_units(&[
                "HostedZone",
                "Mo",
                "Month",
            ])]
        }
        "DNS Query" if p.usage_is("DNS-Queries") => {
            vec![Target::new("route53-queries", "standard", "1M queries")
                .list_units(&["Queries", "Query"])
                .scale(1_000_000)]
        }
        "DNS Health Check" if p.usage_is("Health-Check-AWS") => {
            // The first 50 health checks on AWS endpoints are free: the price is the tier
            // from 50 on.
            vec![Target::new("route53", "health-check", "months")
                .list_units(&[
                    "Health-Check",
                    "Health-Checks",
                    "Health Check",
                    "Mo",
                    "Month",
                ])
                .starting_at("50")]
        }
        _ => Vec::new(),
    }
}
