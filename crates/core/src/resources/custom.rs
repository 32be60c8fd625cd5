//! `kind: custom` — a fixed monthly amount for something outside the catalog (a SaaS plan).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::cost::{dec, Bill};
use crate::resources::kind::{field, Category, FormField, Holds, Kind};
use crate::source::node::Node;

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

impl Kind for Custom {
    const NAME: &'static str = "custom";
    const ICON: &'static str = "$";
    const SUMMARY: &'static str =
        "a fixed monthly amount for something outside the catalog (a SaaS plan).";
    const CATEGORY: Category = Category::Other;
    const EXAMPLE: &'static str = "{ kind: custom, monthly_usd: 10 }";

    fn form_fields(_node: &Node) -> Vec<FormField> {
        vec![
            field("monthly", "monthly_usd", Holds::Number, "USD"),
            field("source", "note", Holds::Text, ""),
        ]
    }

    fn tags(&self) -> &BTreeMap<String, String> {
        &self.tags
    }

    fn cost(&self, bill: &mut Bill) {
        let source = match &self.note {
            Some(n) => format!("stated in the design: {n}"),
            None => "stated in the design".to_string(),
        };
        bill.fixed("Fixed monthly amount".into(), dec(self.monthly_usd), source);
    }
}
