//! awswaf: web ACLs and rules per month, requests per million.

use super::{in_region, of_region, Ctx, Service, Target};
use crate::offer::Product;

pub const SERVICE: Service = Service {
    code: "awswaf",
    global: false,
    map,
    finish: None,
};

fn map(p: &Product, ctx: &Ctx) -> Vec<Target> {
    if !in_region(p) || !of_region(p, ctx) {
        return Vec::new();
    }
    // WAF (v2); the classic WAF's usage types drop the `V2`. Web ACLs protected by
    // Shield Advanced and CloudFront-scope (`Global-`) usage types are other SKUs.
    if p.usage_is("WebACLV2") {
        vec![Target::new("waf", "web-acl", "months")
            .list_units(&["WebACL", "WebACLs", "Month", "Months", "Mo"])]
    } else if p.usage_is("RuleV2") {
        vec![Target::new("waf", "rule", "months")
            .list_units(&["Rule", "Rules", "Month", "Months", "Mo"])]
    } else if p.usage_is("RequestV2-Tier1") {
        vec![Target::new("waf-requests", "requests", "1M requests")
            .list_units(&["Request", "Requests"])
            .scale(1_000_000)]
    } else {
        Vec::new()
    }
}
