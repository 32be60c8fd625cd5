//! What a resource kind is: the [`Kind`] trait every kind's file implements, and the
//! [`KindInfo`] the registry holds for the shells (the page's palette, form and charts, the
//! CLI, the docs test). A kind's name, category, provider, example and form fields live in
//! its own file, next to its model and cost, so nothing outside `resources/` re-types them.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;

use crate::cost::Bill;
use crate::diag::Code;
use crate::model::Provider;
use crate::source::node::{DesignPath, Node};

/// Where a kind's money goes on the "cost by category" chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    Compute,
    Databases,
    CachesAndQueues,
    Storage,
    Network,
    Other,
}

impl Category {
    /// Every category, in the order a legend lists them.
    pub const ALL: &'static [Category] = &[
        Category::Compute,
        Category::Databases,
        Category::CachesAndQueues,
        Category::Storage,
        Category::Network,
        Category::Other,
    ];

    /// The English label (the page translates it).
    pub fn label(self) -> &'static str {
        match self {
            Category::Compute => "compute",
            Category::Databases => "databases",
            Category::CachesAndQueues => "caches & queues",
            Category::Storage => "storage",
            Category::Network => "network",
            Category::Other => "other",
        }
    }
}

/// What a form field holds, which picks its input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holds {
    Text,
    Number,
    Toggle,
    /// One of these values (a select).
    Choice(&'static [&'static str]),
    /// A SKU of a catalog price group, picked with its vCPU, memory and price: the
    /// kind's cost reads the same group. `fallback` is the group a hand-typed catalog
    /// may use instead (a synced catalog splits `mq` by engine; AWS's pricing page does not).
    Catalog {
        group: &'static str,
        fallback: Option<&'static str>,
    },
}

/// One field of a kind's form card: its label, its path below the resource (dotted keys,
/// a number is a list index; field names never contain dots), what it holds, its unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormField {
    pub label: &'static str,
    pub path: &'static str,
    pub holds: Holds,
    pub unit: &'static str,
}

/// A field; short so that a kind's list of fields reads as a table.
pub const fn field(
    label: &'static str,
    path: &'static str,
    holds: Holds,
    unit: &'static str,
) -> FormField {
    FormField {
        label,
        path,
        holds,
        unit,
    }
}

impl FormField {
    /// The field's design path below the resource at `base`.
    pub fn path_under(&self, base: &DesignPath) -> DesignPath {
        self.path
            .split('.')
            .fold(base.clone(), |p, seg| match seg.parse::<usize>() {
                Ok(i) => p.index(i),
                Err(_) => p.key(seg),
            })
    }

    /// The field's node in the resource's tree, when written.
    pub fn node_in<'n>(&self, resource: &'n Node) -> Option<&'n Node> {
        self.path
            .split('.')
            .try_fold(resource, |n, seg| match seg.parse::<usize>() {
                Ok(i) => n.as_seq().and_then(|items| items.get(i)),
                Err(_) => n.get(seg),
            })
    }
}

/// A catalog field reading one group.
pub const fn catalog(group: &'static str) -> Holds {
    Holds::Catalog {
        group,
        fallback: None,
    }
}

const NONE: &[String] = &[];

/// A resource kind. Implemented once per kind, in the kind's file; registered with one
/// line in `resources/mod.rs`.
pub trait Kind: DeserializeOwned + Sized {
    /// The name written in `kind:`; equal to the variant's serde name (tested).
    const NAME: &'static str;
    /// Its mark on the architecture diagram: two or three letters (`EC2`, `LB`, `S3`).
    const ICON: &'static str;
    /// One line: what the kind models, in AWS's words.
    const SUMMARY: &'static str;
    const CATEGORY: Category;
    const PROVIDER: Provider = Provider::Aws;
    /// The clouds whose price lists price this kind (a design on another cloud leaves it
    /// unpriced, with `no-price-source`).
    const PRICED_ON: &'static [Provider] = &[Provider::Aws];
    /// The smallest resource of this kind that prices completely with the bundled
    /// catalog in us-east-1, as flow YAML (the page's "Add resource" inserts it).
    const EXAMPLE: &'static str;

    /// The fields the page's form shows for this resource, read from its (possibly
    /// invalid) tree so that they follow what is written (a database's engine picks the
    /// price group of its instance classes).
    fn form_fields(node: &Node) -> Vec<FormField>;

    /// Line items of this resource for one month.
    fn cost(&self, bill: &mut Bill);

    /// The resource's own tags (the design's `tags:` apply on top).
    fn tags(&self) -> &BTreeMap<String, String>;

    /// Subnets and security groups the resource names (checked for dangling references).
    fn placement(&self) -> (&[String], &[String]) {
        (NONE, NONE)
    }

    /// A region override for this resource, if it lives outside the design's region.
    fn region(&self) -> Option<&str> {
        None
    }

    /// The logs the resource sends to CloudWatch Logs (`logs:`), priced after its own lines
    /// and held to the log-retention rule.
    fn logs(&self) -> Option<&crate::resources::logs::LogSpec> {
        None
    }

    /// Values the kind refuses that each field alone does not show (a combination AWS does
    /// not offer), each at a field below the resource; `home` is the region the resource
    /// runs in. Validation locates them.
    fn problems(&self, _home: &str) -> Vec<Problem> {
        Vec::new()
    }

    /// The Terraform resource types that become a resource of this kind (`aws_instance`),
    /// each read by [`Kind::from_terraform`]. Types a mapping folds into one of these (a
    /// listener into its load balancer) are not listed.
    const TERRAFORM: &'static [&'static str] = &[];

    /// Maps one Terraform instance of a [`Kind::TERRAFORM`] type to this kind's fields
    /// (`None`: not a resource of its own, e.g. a read replica folded into its source).
    #[cfg(feature = "terraform")]
    fn from_terraform(
        _r: &crate::terraform::Instance,
        _cx: &mut crate::terraform::Cx<'_>,
    ) -> crate::terraform::Mapping {
        None
    }
}

/// One value a kind refuses ([`Kind::problems`]), at `field` below the resource
/// (`replica.region`).
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub field: String,
    pub code: Code,
    pub message: String,
    pub hint: Option<String>,
}

/// The signature of [`Kind::from_terraform`].
#[cfg(feature = "terraform")]
pub type FromTerraform =
    fn(&crate::terraform::Instance, &mut crate::terraform::Cx<'_>) -> crate::terraform::Mapping;

/// A kind as the shells see it: everything but its typed model.
#[derive(Clone, Copy)]
pub struct KindInfo {
    pub name: &'static str,
    pub icon: &'static str,
    pub summary: &'static str,
    pub category: Category,
    pub provider: Provider,
    pub priced_on: &'static [Provider],
    pub example: &'static str,
    pub form_fields: fn(&Node) -> Vec<FormField>,
    /// Terraform resource types read as this kind.
    pub terraform: &'static [&'static str],
    #[cfg(feature = "terraform")]
    pub from_terraform: FromTerraform,
}

impl KindInfo {
    pub const fn of<K: Kind>() -> KindInfo {
        KindInfo {
            name: K::NAME,
            icon: K::ICON,
            summary: K::SUMMARY,
            category: K::CATEGORY,
            provider: K::PROVIDER,
            priced_on: K::PRICED_ON,
            example: K::EXAMPLE,
            form_fields: K::form_fields,
            terraform: K::TERRAFORM,
            #[cfg(feature = "terraform")]
            from_terraform: K::from_terraform,
        }
    }
}

impl KindInfo {
    /// The kind's example as the page's "Add resource" inserts it in `region`: what it picks
    /// from the catalog is what the region prices. A choice (a database's engine) moves to
    /// the first value whose price group the region has, and a SKU the region's group lacks
    /// to the nearest name it has (`db.t3.micro` to `db.t4g.micro`). Where nothing fits, the
    /// example as written, whose cost line then says what is missing. None only if the
    /// example does not parse (a test reads every one).
    pub fn example_in(
        &self,
        catalog: &crate::catalog::Catalog,
        region: &str,
    ) -> Option<serde_json::Value> {
        let example = crate::source::node::parse(self.example).ok()?.to_json();
        let mut candidates = vec![example.clone()];
        for f in (self.form_fields)(&to_node(&example)?) {
            if let Holds::Choice(values) = f.holds {
                for v in values {
                    let mut c = example.clone();
                    set_at(&mut c, f.path, serde_json::Value::from(*v));
                    candidates.push(c);
                }
            }
        }
        Some(
            candidates
                .into_iter()
                .find_map(|c| priced_skus(self, c, catalog, region))
                .unwrap_or(example),
        )
    }
}

fn to_node(value: &serde_json::Value) -> Option<Node> {
    crate::source::node::parse(&value.to_string()).ok()
}

/// `value` with each catalog field on a SKU the region prices, or None when a field's price
/// group is missing there.
fn priced_skus(
    info: &KindInfo,
    mut value: serde_json::Value,
    catalog: &crate::catalog::Catalog,
    region: &str,
) -> Option<serde_json::Value> {
    let node = to_node(&value)?;
    for f in (info.form_fields)(&node) {
        let Holds::Catalog { group, fallback } = f.holds else {
            continue;
        };
        let prices = &catalog
            .group(region, group)
            .or_else(|| fallback.and_then(|g| catalog.group(region, g)))?
            .prices;
        let sku = f.node_in(&node).and_then(Node::scalar_text).unwrap_or("");
        if !prices.contains_key(sku) {
            let names = prices.keys().map(String::as_str);
            let nearest = crate::diag::closest(sku, names, 1)
                .first()
                .copied()
                .or_else(|| prices.keys().next().map(String::as_str))?;
            set_at(&mut value, f.path, nearest.into());
        }
    }
    Some(value)
}

/// Sets the value at a form field's dotted path (keys; a number is a list index).
fn set_at(value: &mut serde_json::Value, path: &str, to: serde_json::Value) {
    let mut at = value;
    for seg in path.split('.') {
        let next = match seg.parse::<usize>() {
            Ok(i) => at.get_mut(i),
            Err(_) => at.as_object_mut().map(|m| {
                m.entry(seg.to_string())
                    .or_insert_with(|| serde_json::Value::Object(Default::default()))
            }),
        };
        match next {
            Some(n) => at = n,
            None => return,
        }
    }
    *at = to;
}

impl std::fmt::Debug for KindInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KindInfo")
            .field("name", &self.name)
            .field("category", &self.category)
            .field("provider", &self.provider)
            .finish_non_exhaustive()
    }
}
