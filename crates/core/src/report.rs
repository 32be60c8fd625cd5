//! The report: the second contract (DESIGN.md "The report and the CLI"). The JSON the CLI
//! prints and the JS API returns is this struct serialised.

use std::borrow::Cow;

use serde::Serialize;

use crate::cost::{Band, LineItem};
use crate::diag::Diagnostic;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub version: u32,
    pub design: String,
    pub environment: String,
    pub cost: CostReport,
    pub findings: Vec<Finding>,
    pub readiness: Readiness,
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CostReport {
    /// Always `USD`: the display currency is a view concern.
    pub currency: &'static str,
    /// False when any price was missing from the catalog (see `diagnostics`).
    pub complete: bool,
    /// How many prices were missing: lines the total leaves out.
    #[serde(skip_serializing_if = "is_zero")]
    pub unpriced: u32,
    /// Regions the catalog has no prices for at all (the page offers to load them).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub regions_unpriced: Vec<String>,
    pub monthly: Band,
    pub resources: Vec<ResourceCost>,
    /// How the design asks money to be shown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display: Option<DisplayCurrency>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DisplayCurrency {
    pub currency: &'static str,
    #[serde(with = "rust_decimal::serde::float")]
    pub per_usd: rust_decimal::Decimal,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResourceCost {
    pub name: String,
    pub kind: &'static str,
    pub complete: bool,
    pub monthly: Band,
    pub lines: Vec<LineItem>,
}

/// A policy finding. Texts fixed by a built-in rule are borrowed, not copied.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub rule: Cow<'static, str>,
    pub severity: Cow<'static, str>,
    pub title: Cow<'static, str>,
    pub resource: String,
    pub path: String,
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub message: String,
    pub fix: Cow<'static, str>,
    pub waived: bool,
    /// The waiver's reason, when waived.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waiver: Option<String>,
}

/// Readiness: the design's targets and, per scenario, what it achieves.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Readiness {
    pub targets: Option<Targets>,
    pub scenarios: Vec<ScenarioReport>,
}

/// One disruption scenario. Minutes are `null` when unbounded (nothing the design keeps can
/// bring the data or the service back).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScenarioReport {
    pub scenario: &'static str,
    pub rto_minutes: Option<f64>,
    pub rpo_minutes: Option<f64>,
    /// Both targets met (true when the design sets none).
    pub meets: bool,
    /// The components that set the RTO (or, when unbounded, the ones that cannot recover).
    pub critical_path: Vec<String>,
    pub suggestions: Vec<crate::readiness::suggest::Suggestion>,
    pub components: Vec<crate::readiness::ComponentOutcome>,
    /// The design's target for this scenario (`dr.targets`, if it applies to it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<Targets>,
    /// Targets of single resources for this scenario (`dr.resource_targets`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub resource_targets: Vec<ResourceTarget>,
}

/// One resource's target in one scenario, against what the resource achieves.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResourceTarget {
    pub resource: String,
    pub target: Targets,
    pub rto_minutes: Option<f64>,
    pub rpo_minutes: Option<f64>,
    pub meets: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Targets {
    pub rto_minutes: Option<f64>,
    pub rpo_minutes: Option<f64>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}
