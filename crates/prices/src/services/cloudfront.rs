//! AmazonCloudFront (global): data transfer out to viewers (first 10 TB tier) per GB and
//! HTTPS requests per 10,000, per pricing geography: `cloudfront` SKU
//! `egress:<fromLocation>` and `cloudfront-requests` SKU `https:<location>` (`egress:United
//! States`, `https:Japan`). The core picks the geography of the design's region.

use super::{Ctx, Service, Target};
use crate::offer::Product;

pub const SERVICE: Service = Service {
    code: "AmazonCloudFront",
    global: true,
    map,
    finish: None,
};

fn map(p: &Product, _ctx: &Ctx) -> Vec<Target> {
    match p.family.as_str() {
        // Not the free tier's SKU (`fromLocation: Any`) nor transfer to origin.
        "Data Transfer"
            if p.attr("transferType") == "CloudFront Outbound"
                && !matches!(p.attr("fromLocation"), "" | "Any") =>
        {
            vec![Target::new(
                "cloudfront",
                format!("egress:{}", p.attr("fromLocation")),
                "GB",
            )
            .list_units(&["GB"])
            .starting_at("0")]
        }
        "Request"
            if p.attr("requestType") == "CloudFront-Request-HTTPS-Proxy"
                && !matches!(p.attr("location"), "" | "Any") =>
        {
            vec![Target::new(
                "cloudfront-requests",
                format!("https:{}", p.attr("location")),
                "10k requests",
            )
            .list_units(&["Requests", "Request"])
            .scale(10_000)]
        }
        _ => Vec::new(),
    }
}
