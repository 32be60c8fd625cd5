//! `kind: cache` — ElastiCache nodes (Redis OSS, Memcached, Valkey).

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::cost::{Bill, Qty};
use crate::resources::kind::{catalog, field, Category, FormField, Holds, Kind};
use crate::source::de::from_node;
use crate::source::node::{DesignPath, Node};

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

impl CacheEngine {
    /// The price group of the engine's node-hours. The price list has a rate per engine; a
    /// hand-typed catalog may list Redis OSS and Memcached together in `elasticache` (AWS's
    /// pricing page does).
    fn groups(self) -> Holds {
        match self {
            CacheEngine::Redis => catalog("elasticache"),
            CacheEngine::Memcached => Holds::Catalog {
                group: "elasticache-memcached",
                fallback: Some("elasticache"),
            },
            CacheEngine::Valkey => catalog("elasticache-valkey"),
        }
    }
}

impl Kind for Cache {
    const NAME: &'static str = "cache";
    const SUMMARY: &'static str = "ElastiCache nodes (Redis OSS, Memcached, Valkey).";
    const CATEGORY: Category = Category::CachesAndQueues;
    const EXAMPLE: &'static str = "{ kind: cache, node_type: cache.t3.micro, nodes: 1 }";

    fn form_fields(node: &Node) -> Vec<FormField> {
        let engine = node
            .get("engine")
            .and_then(|e| from_node::<CacheEngine>(e, &DesignPath::root()).ok())
            .unwrap_or_default();
        vec![
            field(
                "engine",
                "engine",
                Holds::Choice(&["redis", "memcached", "valkey"]),
                "",
            ),
            field("node type", "node_type", engine.groups(), ""),
            field("nodes", "nodes", Holds::Number, "nodes"),
        ]
    }

    fn tags(&self) -> &BTreeMap<String, String> {
        &self.tags
    }

    fn placement(&self) -> (&[String], &[String]) {
        (&self.subnets, &self.security_groups)
    }

    fn cost(&self, bill: &mut Bill) {
        let ty = self.node_type.as_str();
        let group = match self.engine.groups() {
            Holds::Catalog {
                group,
                fallback: Some(fallback),
            } => bill.first_priced(&[(group, ty), (fallback, ty)]).0,
            Holds::Catalog { group, .. } => group,
            _ => "elasticache",
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
