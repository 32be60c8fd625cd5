//! AWSSecretsManager: secrets per month, API calls per 10,000.

use super::{in_region, of_region, Ctx, Service, Target};
use crate::offer::Product;

pub const SERVICE: Service = Service {
    code: "AWSSecretsManager",
    global: false,
    map,
    finish: None,
};

fn map(p: &Product, ctx: &Ctx) -> Vec<Target> {
    if !in_region(p) || !of_region(p, ctx) {
        return Vec::new();
    }
    if p.usage_is("AWSSecretsManager-Secrets") {
        vec![Target::new("secrets", "secret", "months").list_units(&["Secrets", "Mo", "Month"])]
    } else if p.usage_is("AWSSecretsManagerAPIRequest")
        || p.usage_is("AWSSecretsManager-APIRequest")
        || p.usage_is("AWSSecretsManager-APIRequests")
    {
        vec![Target::new("secrets-api", "api", "10k requests")
            .list_units(&["API Requests", "Requests", "API Calls"])
            .scale(10_000)]
    } else {
        Vec::new()
    }
}
