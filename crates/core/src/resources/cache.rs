//! `kind: cache` — ElastiCache nodes (Redis OSS, Memcached, Valkey).

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::cost::{Bill, Qty};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Cache {
    #[serde(default)]
    pub engine: CacheEngine,
    /// e.g. `cache.t3.micro`.
    pub node_type: String,
    /// Nodes in all (primary and replicas); default 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nodes: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encrypted: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tls: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multi_az: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snapshot_retention_days: Option<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subnets: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security_groups: Vec<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum CacheEngine {
    #[default]
    Redis,
    Memcached,
    Valkey,
}

impl Cache {
    pub fn cost(&self, bill: &mut Bill) {
        // The price list has a rate per engine; a hand-typed catalog may list Redis OSS and
        // Memcached together (AWS's pricing page does) in `elasticache`.
        let group = match self.engine {
            CacheEngine::Redis => "elasticache",
            CacheEngine::Memcached => {
                let ty = self.node_type.as_str();
                bill.first_priced(&[("elasticache-memcached", ty), ("elasticache", ty)])
                    .0
            }
            CacheEngine::Valkey => "elasticache-valkey",
        };
        let n = self.nodes.unwrap_or(1);
        if let Some(p) = bill.price(group, &self.node_type, "node_type") {
            bill.line(
                format!("Cache nodes ({n} × {})", self.node_type),
                Qty::flat(Decimal::from(n) * bill.ctx.hours_per_month),
                p,
                None,
            );
        }
    }
}
