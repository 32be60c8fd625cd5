//! AmazonCloudWatch: Logs ingestion (standard class) per GB and archive storage per
//! GB-month.

use super::{in_region, of_region, Ctx, Service, Target};
use crate::offer::Product;

pub const SERVICE: Service = Service {
    code: "AmazonCloudWatch",
    global: false,
    map,
    finish: None,
};

fn map(p: &Product, ctx: &Ctx) -> Vec<Target> {
    if !in_region(p) || !of_region(p, ctx) {
        return Vec::new();
    }
    match p.family.as_str() {
        "Data Payload" if p.usage_is("DataProcessing-Bytes") => {
            vec![Target::new("logs", "ingest", "GB").list_units(&["GB"])]
        }
        "Storage Snapshot" if p.usage_is("TimedStorage-ByteHrs") => {
            vec![Target::new("logs-storage", "archive", "GB-months").list_units(&["GB-Mo"])]
        }
        _ => Vec::new(),
    }
}
