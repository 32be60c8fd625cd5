//! `kind: cdn` — a CloudFront distribution: GB out to viewers and HTTPS requests.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::cost::{dec, Bill, Qty};

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
    pub egress_gb: f64,
    /// HTTPS requests per month, millions.
    #[serde(default)]
    pub requests_m: f64,
}

impl Cdn {
    pub fn cost(&self, bill: &mut Bill) {
        let usage = self.usage.clone().unwrap_or_default();
        let free = bill.ctx.free_tier;
        let mut egress = dec(usage.egress_gb);
        let mut requests = dec(usage.requests_m);
        if free {
            egress = (egress - Decimal::from(FREE_EGRESS_GB)).max(Decimal::ZERO);
            requests = (requests - Decimal::from(FREE_REQUESTS_M)).max(Decimal::ZERO);
        }
        let suffix = if free { ", after the free tier" } else { "" };
        if egress > Decimal::ZERO {
            if let Some(p) = bill.price("cloudfront", "egress", "usage.egress_gb") {
                bill.line(
                    format!("Data out to viewers (first 10 TB tier{suffix})"),
                    Qty::flat(egress),
                    p,
                    None,
                );
            }
        }
        if requests > Decimal::ZERO {
            if let Some(p) = bill.price("cloudfront-requests", "https", "usage.requests_m") {
                // Priced per 10,000 requests: 100 units per million.
                bill.line(
                    format!("HTTPS requests{suffix}"),
                    Qty::flat(requests * Decimal::ONE_HUNDRED),
                    p,
                    None,
                );
            }
        }
    }
}
