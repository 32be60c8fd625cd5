//! `kind: logs` — CloudWatch Logs: ingestion and storage.
//!
//! Stored volume is the steady state of the monthly ingestion kept `retention_days`
//! (uncompressed, an upper bound: CloudWatch bills the compressed size).

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::cost::{dec, Bill, Qty};
use crate::resources::kind::{field, Category, FormField, Holds, Kind};
use crate::source::node::Node;

/// Retention assumed for storage when logs never expire (the design says nothing).
pub const ASSUMED_RETENTION_DAYS: u32 = 365;
/// Average days in a month (365 / 12), to turn retention days into months of ingestion.
const DAYS_PER_MONTH: &str = "30.416666666666666666666666667";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Logs {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<LogsUsage>,
    /// Days logs are kept; absent means never expire.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention_days: Option<u32>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LogsUsage {
    /// GB ingested per month.
    #[serde(default)]
    pub ingested_gb: f64,
}

impl Kind for Logs {
    const NAME: &'static str = "logs";
    const SUMMARY: &'static str = "CloudWatch Logs: ingestion and storage.";
    const CATEGORY: Category = Category::Other;
    const EXAMPLE: &'static str = "{ kind: logs, usage: { ingested_gb: 1 }, retention_days: 30 }";
    const TERRAFORM: &'static [&'static str] = &["aws_cloudwatch_log_group"];

    #[cfg(feature = "terraform")]
    fn from_terraform(
        r: &crate::terraform::Instance,
        cx: &mut crate::terraform::Cx<'_>,
    ) -> crate::terraform::Mapping {
        terraform::map(r, cx)
    }

    fn form_fields(_node: &Node) -> Vec<FormField> {
        vec![
            field("ingested", "usage.ingested_gb", Holds::Number, "GB / month"),
            field("retention", "retention_days", Holds::Number, "days"),
        ]
    }

    fn tags(&self) -> &BTreeMap<String, String> {
        &self.tags
    }

    fn cost(&self, bill: &mut Bill) {
        let gb = dec(self.usage.as_ref().map(|u| u.ingested_gb).unwrap_or(0.0));
        if gb <= Decimal::ZERO {
            return;
        }
        if let Some(p) = bill.price("logs", "ingest", "usage.ingested_gb") {
            bill.line("Log ingestion".into(), Qty::flat(gb), p, None);
        }
        let (days, note) = match self.retention_days {
            Some(d) => (d, format!("{d}-day retention")),
            None => (
                ASSUMED_RETENTION_DAYS,
                "never expires; 12 months assumed".to_string(),
            ),
        };
        let months = Decimal::from(days)
            / DAYS_PER_MONTH
                .parse::<Decimal>()
                .unwrap_or(Decimal::from(30));
        if let Some(p) = bill.price("logs-storage", "archive", "retention_days") {
            bill.line(
                format!("Log storage ({note})"),
                Qty::flat(gb * months),
                p,
                None,
            );
        }
    }
}

/// `aws_cloudwatch_log_group` as `kind: logs`.
#[cfg(feature = "terraform")]
mod terraform {
    use crate::terraform::{Cx, Instance, Mapping, Obj};

    pub fn map(r: &Instance, _cx: &mut Cx<'_>) -> Mapping {
        let mut o = Obj::new();
        o.copy_num("retention_days", r, "retention_in_days");
        Some(o)
    }
}
