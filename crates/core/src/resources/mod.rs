//! Resource kinds: one file per kind, each with its typed struct (the design format of
//! that kind) and its `cost` function (typed struct -> line items). Pricing code never
//! sees the design text; the loader never sees prices.
//!
//! Adding a kind: a file here, a variant in [`Resource`], its name in [`KINDS`] and in
//! `Resource::load`, a golden fixture under `crates/core/tests/fixtures/designs/`.

pub mod cache;
pub mod cdn;
pub mod compute;
pub mod container;
pub mod custom;
pub mod database;
pub mod dns;
pub mod kubernetes;
pub mod load_balancer;
pub mod logs;
pub mod nat_gateway;
pub mod object_storage;
pub mod queue;
pub mod secrets;
pub mod volume;
pub mod waf;

use serde::Serialize;

use crate::cost::Bill;
use crate::diag::{did_you_mean, Diagnostic, Location};
use crate::source::de::from_node_skipping;
use crate::source::node::{DesignPath, Node};

/// Every kind a resource can have, as written in `kind:`.
pub const KINDS: &[&str] = &[
    "compute",
    "container",
    "kubernetes",
    "database",
    "cache",
    "queue",
    "load_balancer",
    "nat_gateway",
    "object_storage",
    "cdn",
    "volume",
    "secrets",
    "logs",
    "waf",
    "dns",
    "custom",
];

/// One resource of the design. Exhaustive matches over this enum are how the compiler
/// lists every place a new kind must be handled.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Resource {
    Compute(compute::Compute),
    Container(container::Container),
    Kubernetes(kubernetes::Kubernetes),
    Database(database::Database),
    Cache(cache::Cache),
    Queue(queue::Queue),
    LoadBalancer(load_balancer::LoadBalancer),
    NatGateway(nat_gateway::NatGateway),
    ObjectStorage(object_storage::ObjectStorage),
    Cdn(cdn::Cdn),
    Volume(volume::Volume),
    Secrets(secrets::Secrets),
    Logs(logs::Logs),
    Waf(waf::Waf),
    Dns(dns::Dns),
    Custom(custom::Custom),
}

impl Resource {
    pub fn kind(&self) -> &'static str {
        match self {
            Resource::Compute(_) => "compute",
            Resource::Container(_) => "container",
            Resource::Kubernetes(_) => "kubernetes",
            Resource::Database(_) => "database",
            Resource::Cache(_) => "cache",
            Resource::Queue(_) => "queue",
            Resource::LoadBalancer(_) => "load_balancer",
            Resource::NatGateway(_) => "nat_gateway",
            Resource::ObjectStorage(_) => "object_storage",
            Resource::Cdn(_) => "cdn",
            Resource::Volume(_) => "volume",
            Resource::Secrets(_) => "secrets",
            Resource::Logs(_) => "logs",
            Resource::Waf(_) => "waf",
            Resource::Dns(_) => "dns",
            Resource::Custom(_) => "custom",
        }
    }

    /// Reads one resource: its `kind:` picks the struct, the rest is typed by serde.
    pub fn load(node: &Node, path: &DesignPath) -> Result<Resource, Diagnostic> {
        if node.as_map().is_none() {
            return Err(Diagnostic::error(
                "wrong-type",
                format!(
                    "a resource is a map with a `kind:`, found {}",
                    node.describe()
                ),
            )
            .with_path(path)
            .at(Location::of(node.span.start)));
        }
        let Some(kind_node) = node.get("kind") else {
            return Err(Diagnostic::error("missing-field", "missing field `kind`")
                .with_path(path)
                .at(Location::of(node.span.start))
                .with_hint(format!("one of: {}", KINDS.join(", "))));
        };
        let kind = kind_node.scalar_text().unwrap_or_default();
        let r = match kind {
            "compute" => Resource::Compute(from_node_skipping(node, path, "kind")?),
            "container" => Resource::Container(from_node_skipping(node, path, "kind")?),
            "kubernetes" => Resource::Kubernetes(from_node_skipping(node, path, "kind")?),
            "database" => Resource::Database(from_node_skipping(node, path, "kind")?),
            "cache" => Resource::Cache(from_node_skipping(node, path, "kind")?),
            "queue" => Resource::Queue(from_node_skipping(node, path, "kind")?),
            "load_balancer" => Resource::LoadBalancer(from_node_skipping(node, path, "kind")?),
            "nat_gateway" => Resource::NatGateway(from_node_skipping(node, path, "kind")?),
            "object_storage" => Resource::ObjectStorage(from_node_skipping(node, path, "kind")?),
            "cdn" => Resource::Cdn(from_node_skipping(node, path, "kind")?),
            "volume" => Resource::Volume(from_node_skipping(node, path, "kind")?),
            "secrets" => Resource::Secrets(from_node_skipping(node, path, "kind")?),
            "logs" => Resource::Logs(from_node_skipping(node, path, "kind")?),
            "waf" => Resource::Waf(from_node_skipping(node, path, "kind")?),
            "dns" => Resource::Dns(from_node_skipping(node, path, "kind")?),
            "custom" => Resource::Custom(from_node_skipping(node, path, "kind")?),
            other => {
                return Err(Diagnostic::error(
                    "unknown-kind",
                    format!("unknown resource kind `{other}`"),
                )
                .with_path(&path.key("kind"))
                .at(Location::of(kind_node.span.start))
                .with_hint(
                    did_you_mean(other, KINDS.iter().copied())
                        .unwrap_or_else(|| format!("one of: {}", KINDS.join(", "))),
                ))
            }
        };
        Ok(r)
    }

    /// Line items of this resource for one month.
    pub fn cost(&self, bill: &mut Bill) {
        match self {
            Resource::Compute(r) => r.cost(bill),
            Resource::Container(r) => r.cost(bill),
            Resource::Kubernetes(r) => r.cost(bill),
            Resource::Database(r) => r.cost(bill),
            Resource::Cache(r) => r.cost(bill),
            Resource::Queue(r) => r.cost(bill),
            Resource::LoadBalancer(r) => r.cost(bill),
            Resource::NatGateway(r) => r.cost(bill),
            Resource::ObjectStorage(r) => r.cost(bill),
            Resource::Cdn(r) => r.cost(bill),
            Resource::Volume(r) => r.cost(bill),
            Resource::Secrets(r) => r.cost(bill),
            Resource::Logs(r) => r.cost(bill),
            Resource::Waf(r) => r.cost(bill),
            Resource::Dns(r) => r.cost(bill),
            Resource::Custom(r) => r.cost(bill),
        }
    }

    /// Subnets and security groups the resource names (checked for dangling references).
    pub fn placement(&self) -> (&[String], &[String]) {
        const NONE: &[String] = &[];
        match self {
            Resource::Compute(r) => (&r.subnets, &r.security_groups),
            Resource::Container(r) => (&r.subnets, &r.security_groups),
            Resource::Kubernetes(r) => (&r.subnets, &r.security_groups),
            Resource::Database(r) => (&r.subnets, &r.security_groups),
            Resource::Cache(r) => (&r.subnets, &r.security_groups),
            Resource::Queue(r) => (&r.subnets, &r.security_groups),
            Resource::LoadBalancer(r) => (&r.subnets, &r.security_groups),
            Resource::NatGateway(r) => (&r.subnets, NONE),
            Resource::ObjectStorage(_)
            | Resource::Cdn(_)
            | Resource::Volume(_)
            | Resource::Secrets(_)
            | Resource::Logs(_)
            | Resource::Waf(_)
            | Resource::Dns(_)
            | Resource::Custom(_) => (NONE, NONE),
        }
    }

    /// The resource's own tags (the design's `tags:` apply on top).
    pub fn tags(&self) -> &std::collections::BTreeMap<String, String> {
        match self {
            Resource::Compute(r) => &r.tags,
            Resource::Container(r) => &r.tags,
            Resource::Kubernetes(r) => &r.tags,
            Resource::Database(r) => &r.tags,
            Resource::Cache(r) => &r.tags,
            Resource::Queue(r) => &r.tags,
            Resource::LoadBalancer(r) => &r.tags,
            Resource::NatGateway(r) => &r.tags,
            Resource::ObjectStorage(r) => &r.tags,
            Resource::Cdn(r) => &r.tags,
            Resource::Volume(r) => &r.tags,
            Resource::Secrets(r) => &r.tags,
            Resource::Logs(r) => &r.tags,
            Resource::Waf(r) => &r.tags,
            Resource::Dns(r) => &r.tags,
            Resource::Custom(r) => &r.tags,
        }
    }

    /// A region override for this resource, if it lives outside the design's region.
    pub fn region(&self) -> Option<&str> {
        match self {
            Resource::Compute(r) => r.region.as_deref(),
            Resource::Database(r) => r.region.as_deref(),
            Resource::ObjectStorage(r) => r.region.as_deref(),
            _ => None,
        }
    }
}
