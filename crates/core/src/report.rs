//! The report: the second contract (docs/design.md, "The report and the CLI"). The JSON the
//! CLI prints and the JS API returns is this struct serialised. Each section is defined by
//! the layer that computes it (cost by `pricing`, findings by `policy`, readiness by
//! `readiness`); this module only puts them together.

use serde::Serialize;

use crate::diag::Diagnostic;
pub use crate::policy::Finding;
pub use crate::pricing::{CostReport, DisplayCurrency, ResourceCost};
pub use crate::readiness::{Readiness, ResourceTarget, ScenarioReport, Targets};

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
