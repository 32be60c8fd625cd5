//! `kind: cdn` — a CloudFront distribution: GB out to viewers and HTTPS requests.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::cost::{Bill, Qty};
use crate::model::Estimate;
use crate::resources::kind::{field, Category, FormField, Holds, Kind};
use crate::source::node::Node;

/// CloudFront's always-free allowance per month (CloudFront pricing page): 1 TB out and
/// 10 million requests. Applied only with `pricing: { free_tier: true }`.
const FREE_EGRESS_GB: u32 = 1024;
const FREE_REQUESTS_M: u32 = 10;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Cdn {
    /// Name of the resource serving as origin (a bucket or load balancer).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<CdnUsage>,
    /// Name of a `waf` resource protecting the distribution.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waf: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CdnUsage {
    /// GB served to viewers per month.
    #[serde(default)]
    pub egress_gb: Estimate,
    /// HTTPS requests per month, millions.
    #[serde(default)]
    pub requests_m: Estimate,
}

impl Kind for Cdn {
    const NAME: &'static str = "cdn";
    const ICON: &'static str = "CDN";
    const SUMMARY: &'static str =
        "a CloudFront distribution: GB out to viewers and HTTPS requests.";
    const CATEGORY: Category = Category::Network;
    const EXAMPLE: &'static str = "{ kind: cdn, usage: { egress_gb: 10, requests_m: 1 } }";
    const TERRAFORM: &'static [&'static str] = &["aws_cloudfront_distribution"];

    #[cfg(feature = "terraform")]
    fn from_terraform(
        r: &crate::terraform::Instance,
        cx: &mut crate::terraform::Cx<'_>,
    ) -> crate::terraform::Mapping {
        terraform::map(r, cx)
    }

    fn form_fields(_node: &Node) -> Vec<FormField> {
        vec![
            field(
                "out to viewers",
                "usage.egress_gb",
                Holds::Number,
                "GB / month",
            ),
            field(
                "HTTPS requests",
                "usage.requests_m",
                Holds::Number,
                "million / month",
            ),
        ]
    }

    fn tags(&self) -> &BTreeMap<String, String> {
        &self.tags
    }

    fn cost(&self, bill: &mut Bill) {
        let usage = self.usage.clone().unwrap_or_default();
        let free = bill.ctx.free_tier;
        let mut egress = Qty::est(usage.egress_gb);
        let mut requests = Qty::est(usage.requests_m);
        if free {
            egress = egress.above(Decimal::from(FREE_EGRESS_GB));
            requests = requests.above(Decimal::from(FREE_REQUESTS_M));
        }
        let suffix = if free { ", after the free tier" } else { "" };
        // The price list prices each viewer geography (`egress:Japan`); a hand-typed
        // catalog has the one of its region (`egress`).
        let geo = cloudfront_geography(bill.region);
        let (egress_sku, https_sku) = (format!("egress:{geo}"), format!("https:{geo}"));
        let egress_sku = bill
            .first_priced(&[("cloudfront", &egress_sku), ("cloudfront", "egress")])
            .1;
        let https_sku = bill
            .first_priced(&[
                ("cloudfront-requests", &https_sku),
                ("cloudfront-requests", "https"),
            ])
            .1;
        if egress.any() {
            if let Some(p) = bill.price("cloudfront", egress_sku, "usage.egress_gb") {
                bill.line(
                    format!("Data out to viewers (first 10 TB tier{suffix})"),
                    egress,
                    p,
                    None,
                );
            }
        }
        if requests.any() {
            if let Some(p) = bill.price("cloudfront-requests", https_sku, "usage.requests_m") {
                // Priced per 10,000 requests: 100 units per million.
                bill.line(
                    format!("HTTPS requests{suffix}"),
                    requests.scale(Decimal::ONE_HUNDRED),
                    p,
                    None,
                );
            }
        }
    }
}

/// CloudFront's pricing geography (the price list's `fromLocation`) for viewers near a
/// region: the design's region stands for where its users are
/// (https://aws.amazon.com/cloudfront/pricing/, read 2026-12-04: United States, Mexico and
/// Canada; Europe and Israel; South Africa, Kenya and the Middle East; South America;
/// Japan; Australia and New Zealand; India; the rest of Asia Pacific).
pub fn cloudfront_geography(region: &str) -> &'static str {
    match region {
        "ap-northeast-1" | "ap-northeast-3" => "Japan",
        "ap-southeast-2" | "ap-southeast-4" => "Australia",
        "ap-south-1" | "ap-south-2" => "India",
        r if r.starts_with("us-") || r.starts_with("ca-") || r.starts_with("mx-") => {
            "United States"
        }
        r if r.starts_with("eu-") || r.starts_with("il-") => "Europe",
        r if r.starts_with("sa-") => "South America",
        r if r.starts_with("af-") || r.starts_with("me-") => "South Africa",
        _ => "Asia Pacific",
    }
}

/// `aws_cloudfront_distribution` as `kind: cdn` (its origin and web ACL named when declared here).
#[cfg(feature = "terraform")]
mod terraform {
    use crate::terraform::{blocks, span_of, Cx, Instance, Mapping, Obj};

    pub fn map(r: &Instance, cx: &mut Cx<'_>) -> Mapping {
        let mut o = Obj::new();
        let origin = blocks(r, "origin").into_iter().find_map(|b| {
            let d = b.value.get_spanned("domain_name")?;
            crate::terraform::refs_in(&d.value).iter().find_map(|x| {
                cx.name_of(&x.address)
                    .map(|n| (n.to_string(), d.span.clone()))
            })
        });
        if let Some((name, span)) = origin {
            o.str("origin", name, Some(&span));
        }
        if let Some(acl) = cx.referenced_of(r, "web_acl_id", &["aws_wafv2_web_acl"]) {
            o.str("waf", acl.address.clone(), Some(&span_of(r, "web_acl_id")));
        }
        Some(o)
    }
}
