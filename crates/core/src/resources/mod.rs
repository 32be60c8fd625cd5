//! Resource kinds: one file per kind, each with its typed struct (the design format of
//! that kind) and its [`Kind`] implementation (name, category, example, form fields, cost).
//! Pricing code never sees the design text; the loader never sees prices.
//!
//! Adding a kind: a file here implementing [`Kind`], one line in the `kinds!` list below,
//! its section in docs/format.md and a golden fixture using it under
//! `crates/core/tests/fixtures/designs/` (`tests/kinds.rs` fails until each exists).

pub mod cache;
pub mod cdn;
pub mod compute;
pub mod container;
pub mod custom;
pub mod database;
pub mod dns;
pub mod kind;
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
use crate::diag::{did_you_mean, Code, Diagnostic, Location};
use crate::source::de::from_node_skipping;
use crate::source::node::{DesignPath, Node};

pub use kind::{catalog, field, Category, FormField, Holds, Kind, KindInfo, Problem};

/// Fields every kind has, read by the loader rather than by the kind: `kind`, and
/// `recovery: none` with its `reason` (`model::NoRecovery`).
pub const COMMON_FIELDS: &[&str] = &["kind", "recovery", "reason"];

/// Declares the kinds: generates [`Resource`] (one variant per kind), its dispatch to each
/// kind's [`Kind`] implementation, and [`REGISTRY`]. Exhaustive matches over [`Resource`]
/// elsewhere are how the compiler lists the places a rule or a model must consider a kind.
macro_rules! kinds {
    ($($variant:ident($module:ident::$ty:ident)),* $(,)?) => {
        /// One resource of the design.
        #[derive(Debug, Clone, PartialEq, Serialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[serde(tag = "kind", rename_all = "snake_case")]
        pub enum Resource {
            $($variant($module::$ty),)*
        }

        /// Every kind. The order is kept stable (the fuzzer picks kinds by index).
        pub static REGISTRY: &[KindInfo] = &[$(KindInfo::of::<$module::$ty>(),)*];

        /// Readers, in [`REGISTRY`] order.
        static LOADERS: &[fn(&Node, &DesignPath) -> Result<Resource, Diagnostic>] = &[
            $(|node, path| Ok(Resource::$variant(from_node_skipping(node, path, COMMON_FIELDS)?)),)*
        ];

        impl Resource {
            /// The kind's name, as written in `kind:`.
            pub fn kind(&self) -> &'static str {
                match self {
                    $(Resource::$variant(_) => <$module::$ty as Kind>::NAME,)*
                }
            }

            /// The kind's registry entry.
            pub fn info(&self) -> KindInfo {
                match self {
                    $(Resource::$variant(_) => KindInfo::of::<$module::$ty>(),)*
                }
            }

            /// Line items of this resource for one month, its logs' last.
            pub fn cost(&self, bill: &mut Bill) {
                match self {
                    $(Resource::$variant(r) => r.cost(bill),)*
                }
                if let Some(logs) = self.logs() {
                    logs.cost(bill);
                }
            }

            /// The logs the resource sends to CloudWatch Logs (`logs:`).
            pub fn logs(&self) -> Option<&logs::LogSpec> {
                match self {
                    $(Resource::$variant(r) => r.logs(),)*
                }
            }

            /// Subnets and security groups the resource names (checked for dangling
            /// references).
            pub fn placement(&self) -> (&[String], &[String]) {
                match self {
                    $(Resource::$variant(r) => r.placement(),)*
                }
            }

            /// The resource's own tags (the design's `tags:` apply on top).
            pub fn tags(&self) -> &std::collections::BTreeMap<String, String> {
                match self {
                    $(Resource::$variant(r) => r.tags(),)*
                }
            }

            /// A region override for this resource, if it lives outside the design's region.
            pub fn region(&self) -> Option<&str> {
                match self {
                    $(Resource::$variant(r) => r.region(),)*
                }
            }

            /// Combinations of values the kind refuses ([`Kind::problems`]).
            pub fn problems(&self, home: &str) -> Vec<Problem> {
                match self {
                    $(Resource::$variant(r) => r.problems(home),)*
                }
            }
        }
    };
}

kinds! {
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

/// The registry entry of the kind written `name`.
pub fn kind_info(name: &str) -> Option<&'static KindInfo> {
    REGISTRY.iter().find(|k| k.name == name)
}

/// The names of every kind, as written in `kind:`.
pub fn kind_names() -> impl Iterator<Item = &'static str> + Clone {
    REGISTRY.iter().map(|k| k.name)
}

impl Resource {
    /// Reads one resource: its `kind:` picks the struct, the rest is typed by serde.
    pub fn load(node: &Node, path: &DesignPath) -> Result<Resource, Diagnostic> {
        let one_of = || format!("one of: {}", kind_names().collect::<Vec<_>>().join(", "));
        if node.as_map().is_none() {
            return Err(Diagnostic::error(
                Code::WrongType,
                format!(
                    "a resource is a map with a `kind:`, found {}",
                    node.describe()
                ),
            )
            .with_path(path)
            .at(Location::of(node.span.start)));
        }
        let Some(kind_node) = node.get("kind") else {
            return Err(
                Diagnostic::error(Code::MissingField, "missing field `kind`")
                    .with_path(path)
                    .at(Location::of(node.span.start))
                    .with_hint(one_of()),
            );
        };
        let kind = kind_node.scalar_text().unwrap_or_default();
        let loader = REGISTRY
            .iter()
            .position(|k| k.name == kind)
            .and_then(|i| LOADERS.get(i));
        match loader {
            Some(load) => load(node, path),
            None => Err(Diagnostic::error(
                Code::UnknownKind,
                format!("unknown resource kind `{kind}`"),
            )
            .with_path(&path.key("kind"))
            .at(Location::of(kind_node.span.start))
            .with_hint(did_you_mean(kind, kind_names()).unwrap_or_else(one_of))),
        }
    }
}
