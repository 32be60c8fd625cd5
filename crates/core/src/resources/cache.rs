//! `kind: cache` — ElastiCache nodes (Redis OSS, Memcached, Valkey).

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::cost::{Bill, Qty};
use crate::diag::Code;
use crate::model::Purchase;
use crate::resources::database::{bought, not_sold_for};
use crate::resources::kind::{catalog, field, Category, FormField, Holds, Kind, Problem};
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
    /// Clients must authenticate: a Redis AUTH token or an RBAC user group (ElastiCache
    /// takes either only with in-transit encryption).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_token: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multi_az: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snapshot_retention_days: Option<u32>,
    /// How node-hours are bought: `on_demand`, a reserved node lease (`reserved_1y`…), or
    /// `{ discount_pct }`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purchase: Option<Purchase>,
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
    const ICON: &'static str = "EC";
    const SUMMARY: &'static str = "ElastiCache nodes (Redis OSS, Memcached, Valkey).";
    const CATEGORY: Category = Category::CachesAndQueues;
    const EXAMPLE: &'static str = "{ kind: cache, node_type: cache.t3.micro, nodes: 1 }";
    const TERRAFORM: &'static [&'static str] = &[
        "aws_elasticache_cluster",
        "aws_elasticache_replication_group",
    ];

    #[cfg(feature = "terraform")]
    fn from_terraform(
        r: &crate::terraform::Instance,
        cx: &mut crate::terraform::Cx<'_>,
    ) -> crate::terraform::Mapping {
        terraform::map(r, cx)
    }

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

    fn problems(&self, _home: &str) -> Vec<Problem> {
        let mut out = not_sold_for(self.purchase.as_ref(), "ElastiCache");
        if self.auth_token == Some(true) && self.tls == Some(false) {
            out.push(Problem {
                field: "auth_token".into(),
                code: Code::InvalidValue,
                message: "an auth token needs in-transit encryption, and `tls` is false".into(),
                hint: Some("set `tls: true`: ElastiCache accepts AUTH tokens and RBAC user groups only over TLS".into()),
            });
        }
        out
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
        let purchase = self.purchase.clone().unwrap_or_default();
        if let Some((p, label, discount)) = bill.purchased_rate(group, ty, &purchase, "node_type") {
            bill.line(
                format!("Cache nodes ({n} × {ty}{})", bought(&label)),
                Qty::flat(Decimal::from(n) * bill.ctx.hours_per_month),
                p,
                discount,
            );
        }
    }
}

/// `aws_elasticache_replication_group` and stand-alone `aws_elasticache_cluster`s as `kind: cache`.
#[cfg(feature = "terraform")]
mod terraform {
    use crate::terraform::{number, span_of, Cx, Instance, Mapping, Obj};

    pub fn map(r: &Instance, cx: &mut Cx<'_>) -> Mapping {
        if r.resource_type == "aws_elasticache_cluster"
            && cx
                .referenced_of(
                    r,
                    "replication_group_id",
                    &["aws_elasticache_replication_group"],
                )
                .is_some()
        {
            // A member of a replication group: counted in the group's nodes.
            cx.fold(&r.address);
            return None;
        }
        let mut o = Obj::new();
        match r.str("engine").unwrap_or("redis") {
            e @ ("redis" | "memcached" | "valkey") => {
                o.str("engine", e, Some(&span_of(r, "engine")));
            }
            other => {
                cx.note(
                    format!("{}: engine `{other}` is not priced", r.address),
                    &span_of(r, "engine"),
                );
                return None;
            }
        }
        if o.copy_str("node_type", r, "node_type").is_none() {
            cx.note(
                format!("{}: `node_type` is not known; not priced", r.address),
                &r.span,
            );
            return None;
        }
        let nodes = if r.resource_type == "aws_elasticache_cluster" {
            r.get("num_cache_nodes").and_then(number)
        } else {
            r.get("num_cache_clusters").and_then(number).or_else(|| {
                let groups = r.get("num_node_groups").and_then(number)?;
                let replicas = r
                    .get("replicas_per_node_group")
                    .and_then(number)
                    .unwrap_or(0.0);
                Some(groups * (replicas + 1.0))
            })
        };
        // One node when not written (the provider's default for num_cache_clusters).
        o.num(
            "nodes",
            nodes.unwrap_or(1.0),
            Some(&span_of(r, "num_cache_clusters")),
        );
        o.copy_bool("encrypted", r, "at_rest_encryption_enabled");
        o.copy_bool("tls", r, "transit_encryption_enabled");
        // The token itself is a secret (often a variable with no value here): that it is set
        // is what counts, as is an RBAC user group.
        for attr in ["auth_token", "user_group_ids"] {
            let set = r.get(attr).is_some_and(|v| {
                !matches!(v, crate::terraform::Value::Null)
                    && !matches!(v, crate::terraform::Value::List(l) if l.is_empty())
            });
            if set {
                o.bool("auth_token", true, Some(&span_of(r, attr)));
                break;
            }
        }
        if o.copy_bool("multi_az", r, "multi_az_enabled").is_none()
            && r.str("az_mode") == Some("cross-az")
        {
            o.bool("multi_az", true, Some(&span_of(r, "az_mode")));
        }
        o.copy_num("snapshot_retention_days", r, "snapshot_retention_limit");
        if let Some(g) = cx.referenced_of(r, "subnet_group_name", &["aws_elasticache_subnet_group"])
        {
            let subnets = cx.names_in(g, "subnet_ids", "subnets");
            if !subnets.is_empty() {
                o.list("subnets", subnets, Some(&span_of(r, "subnet_group_name")));
            }
        }
        let groups = cx.names_in(r, "security_group_ids", "security groups");
        if !groups.is_empty() {
            o.list(
                "security_groups",
                groups,
                Some(&span_of(r, "security_group_ids")),
            );
        }
        Some(o)
    }
}
