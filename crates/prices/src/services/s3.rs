//! AmazonS3: storage per class (first tier), PUT/COPY/POST/LIST (tier 1) and GET (tier 2)
//! requests per 1,000, and Replication Time Control per GB.

use super::{in_region, of_region, Ctx, Service, Target};
use crate::offer::Product;

pub const SERVICE: Service = Service {
    code: "AmazonS3",
    global: false,
    map,
    finish: None,
};

/// Usage type of each storage class's GB-months, and Planwright's SKU for it.
const CLASSES: &[(&str, &str)] = &[
    ("TimedStorage-ByteHrs", "standard"),
    ("TimedStorage-SIA-ByteHrs", "standard_ia"),
    ("TimedStorage-ZIA-ByteHrs", "onezone_ia"),
    ("TimedStorage-GIR-ByteHrs", "glacier_ir"),
    ("TimedStorage-GlacierByteHrs", "glacier"),
    ("TimedStorage-GDA-ByteHrs", "deep_archive"),
    ("TimedStorage-INT-FA-ByteHrs", "intelligent_tiering"),
];

fn map(p: &Product, ctx: &Ctx) -> Vec<Target> {
    if !in_region(p) || !of_region(p, ctx) {
        return Vec::new();
    }
    match p.family.as_str() {
        "Storage" => CLASSES
            .iter()
            .find(|(u, _)| p.usage_is(u))
            .map(|(_, sku)| vec![Target::new("s3", *sku, "GB-months").list_units(&["GB-Mo"])])
            .unwrap_or_default(),
        "API Request" if p.usage_is("Requests-Tier1") => {
            vec![Target::new("s3-requests", "put", "1k requests")
                .list_units(&["Requests"])
                .scale(1000)]
        }
        "API Request" if p.usage_is("Requests-Tier2") => {
            vec![Target::new("s3-requests", "get", "1k requests")
                .list_units(&["Requests"])
                .scale(1000)]
        }
        _ if p.attr("usagetype").ends_with("S3RTC-In-Bytes") => {
            vec![Target::new("s3-rtc", "rtc", "GB").list_units(&["GB"])]
        }
        _ => Vec::new(),
    }
}
