//! `kind: logs` — CloudWatch Logs: ingestion and storage.
//!
//! Stored volume is the steady state of the monthly ingestion kept `retention_days`
//! (uncompressed, an upper bound: CloudWatch bills the compressed size).

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::cost::{Bill, Qty};
use crate::model::Estimate;
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
    pub ingested_gb: Estimate,
}

impl Kind for Logs {
    const NAME: &'static str = "logs";
    const ICON: &'static str = "LOG";
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
        let ingested = self
            .usage
            .as_ref()
            .map(|u| u.ingested_gb)
            .unwrap_or_default();
        price_logs(bill, ingested, self.retention_days, "", "Log");
    }
}

/// The logs a resource of another kind sends to CloudWatch Logs (an instance's agent, a
/// task's `awslogs` driver, a cluster's control plane, a database's log exports), priced
/// like `kind: logs`: `logs: { ingested_gb, retention_days }`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LogSpec {
    /// GB ingested per month.
    #[serde(default)]
    pub ingested_gb: Estimate,
    /// Days logs are kept; absent means never expire.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention_days: Option<u32>,
}

impl LogSpec {
    /// Its lines on `bill`, the fields under `logs.`.
    pub fn cost(&self, bill: &mut Bill) {
        price_logs(
            bill,
            self.ingested_gb,
            self.retention_days,
            "logs.",
            "CloudWatch Logs",
        );
    }
}

/// Ingestion and the steady-state storage of `ingested` GB a month kept `retention_days`.
/// `under` prefixes the field paths of warnings (`logs.`); `label` starts the lines.
fn price_logs(
    bill: &mut Bill,
    ingested: Estimate,
    retention_days: Option<u32>,
    under: &str,
    label: &str,
) {
    let gb = Qty::est(ingested);
    if !gb.any() {
        return;
    }
    let (usage_field, retention_field) = if under.is_empty() {
        (
            "usage.ingested_gb".to_string(),
            "retention_days".to_string(),
        )
    } else {
        (
            format!("{under}ingested_gb"),
            format!("{under}retention_days"),
        )
    };
    if let Some(p) = bill.price("logs", "ingest", &usage_field) {
        bill.line(format!("{label} ingestion"), gb, p, None);
    }
    let (days, note) = match retention_days {
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
    if let Some(p) = bill.price("logs-storage", "archive", &retention_field) {
        bill.line(
            format!("{label} storage ({note})"),
            gb.scale(months),
            p,
            None,
        );
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
