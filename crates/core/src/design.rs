//! The typed design: what a design file means once read and checked. It holds the
//! resources, so it sits above the kinds (`resources/`) and the sections they share
//! (`model/`).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{
    Display, Dr, Environment, Network, NoRecovery, Policy, Pricing, Provider, Transfer,
};
use crate::resources::Resource;

/// A whole design (one environment variant of it, once environments are merged).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
pub struct Design {
    /// Format version; only `1` exists.
    pub version: u32,
    pub name: String,
    #[serde(default)]
    pub provider: Provider,
    /// Primary region, e.g. `ap-northeast-2`.
    pub region: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub environment: Option<Environment>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network: Option<Network>,
    /// Resources by name, in the order of the design file.
    #[serde(serialize_with = "serialize_resources")]
    #[cfg_attr(feature = "schema", schemars(with = "BTreeMap<String, Resource>"))]
    pub resources: Vec<(String, Resource)>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transfer: Option<Transfer>,
    /// Variants of this design (`dev`, `staging`…): overrides deep-merged onto the base.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "BTreeMap<String, serde_json::Map<String, serde_json::Value>>")
    )]
    pub environments: BTreeMap<String, serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dr: Option<Dr>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<Policy>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display: Option<Display>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pricing: Option<Pricing>,
    /// Resources written `recovery: none`, by name (read beside each kind's fields).
    #[serde(skip)]
    pub no_recovery: BTreeMap<String, NoRecovery>,
}

fn serialize_resources<S: serde::Serializer>(
    resources: &[(String, Resource)],
    s: S,
) -> Result<S::Ok, S::Error> {
    s.collect_map(resources.iter().map(|(k, v)| (k, v)))
}

impl Design {
    pub fn resource(&self, name: &str) -> Option<&Resource> {
        self.resources
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, r)| r)
    }
}
