//! `kind: custom` — a fixed monthly amount for something outside the catalog (a SaaS plan).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::cost::{dec, Bill};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Custom {
    pub monthly_usd: f64,
    /// Where the amount comes from; shown as the line's source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
}

impl Custom {
    pub fn cost(&self, bill: &mut Bill) {
        let source = match &self.note {
            Some(n) => format!("stated in the design: {n}"),
            None => "stated in the design".to_string(),
        };
        bill.fixed("Fixed monthly amount".into(), dec(self.monthly_usd), source);
    }
}
