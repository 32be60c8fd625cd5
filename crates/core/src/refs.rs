//! The fields of the format that name another part of the design, read off the tree: a
//! resource's `subnets` and `security_groups`, a subnet's `security_group` (Azure), a CDN's `origin`, a load balancer's or a
//! CDN's `waf`, a firewall rule's `from` / `to` when it names a security group, a waiver's
//! `resource`, and the keys of `dr.resource_targets`. The base design and every environment
//! overlay are read alike (an overlay repeats the base's paths below `environments.<name>`).
//!
//! Renaming a subnet, a security group or a resource goes through [`rename`]: the key's
//! rename and every reference's new value, as one list of changes, so the page applies it
//! as one edit (one undo step) and nothing is left pointing at the old name.
//! `validate` reports the references that point nowhere; the page's form offers the
//! names that exist for each of them ([`references`], [`Named::declared`]).

use serde_json::json;

use crate::path::DesignPath;
use crate::source::edit::Change;
use crate::source::node::Node;

/// What a reference names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named {
    Resource,
    Subnet,
    SecurityGroup,
}

impl Named {
    /// Where things of this sort are declared, below a design or an overlay.
    fn declared_at(self) -> &'static [&'static str] {
        match self {
            Named::Resource => &["resources"],
            Named::Subnet => &["network", "subnets"],
            Named::SecurityGroup => &["network", "security_groups"],
        }
    }

    /// The word for it in messages.
    pub fn word(self) -> &'static str {
        match self {
            Named::Resource => "resource",
            Named::Subnet => "subnet",
            Named::SecurityGroup => "security group",
        }
    }

    /// The names of this sort declared in the design (base first, then what overlays add),
    /// in the text's order.
    pub fn declared(self, root: &Node) -> Vec<String> {
        let mut names = Vec::new();
        for (_, layer) in layers(root) {
            for (key, _) in map_at(layer, self.declared_at()) {
                if let Some(name) = key.scalar_text() {
                    if !names.iter().any(|n| n == name) {
                        names.push(name.to_string());
                    }
                }
            }
        }
        names
    }
}

/// Where the thing of this sort called `name` is declared: the base's entry, else the first
/// overlay's that adds it.
pub fn declaration(root: &Node, names: Named, name: &str) -> Option<DesignPath> {
    layers(root).into_iter().find_map(|(at, layer)| {
        map_at(layer, names.declared_at())
            .iter()
            .any(|(k, _)| k.scalar_text() == Some(name))
            .then(|| {
                names
                    .declared_at()
                    .iter()
                    .fold(at, |p, k| p.key(*k))
                    .key(name)
            })
    })
}

/// One reference as written: where it is, what it names, and the name.
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    pub path: DesignPath,
    pub names: Named,
    pub name: String,
}

/// The base design (at the root) and each environment overlay, with the path of each.
fn layers(root: &Node) -> Vec<(DesignPath, &Node)> {
    let mut out = vec![(DesignPath::root(), root)];
    for (key, overlay) in map_at(root, &["environments"]) {
        if let (Some(env), Some(_)) = (key.scalar_text(), overlay.as_map()) {
            out.push((DesignPath::root().key("environments").key(env), overlay));
        }
    }
    out
}

/// The entries of the map at `keys` below `node` (none when it is missing or not a map).
fn map_at<'n>(node: &'n Node, keys: &[&str]) -> &'n [(Node, Node)] {
    keys.iter()
        .try_fold(node, |n, k| n.get(k))
        .and_then(Node::as_map)
        .unwrap_or_default()
}

/// A firewall rule's peer names a security group unless it is written as an address
/// (`10.0.0.0/16`, `10.0.0.1`, `::/0`): digits, dots, colons and hex only, with a dot or a
/// colon. (Not a parse: what is neither is a name for validation to judge.)
fn names_a_group(peer: &str) -> bool {
    let address = peer.contains(['.', ':', '/'])
        && peer
            .chars()
            .all(|c| c.is_ascii_hexdigit() || matches!(c, '.' | ':' | '/'));
    !address
}

/// Every reference written in the design, the base's first, then each overlay's.
pub fn references(root: &Node) -> Vec<Reference> {
    let mut out = Vec::new();
    for (at, layer) in layers(root) {
        references_in(layer, &at, &mut out);
    }
    out
}

fn references_in(layer: &Node, at: &DesignPath, out: &mut Vec<Reference>) {
    let mut one = |node: Option<&Node>, path: DesignPath, names: Named| {
        if let Some(name) = node.and_then(Node::scalar_text) {
            out.push(Reference {
                path,
                names,
                name: name.to_string(),
            });
        }
    };
    for (key, resource) in map_at(layer, &["resources"]) {
        let Some(rname) = key.scalar_text() else {
            continue;
        };
        let here = at.key("resources").key(rname);
        for (field, names) in [
            ("subnets", Named::Subnet),
            ("security_groups", Named::SecurityGroup),
        ] {
            match resource.get(field) {
                Some(list) if list.as_seq().is_some() => {
                    for (i, item) in list.as_seq().unwrap_or_default().iter().enumerate() {
                        one(Some(item), here.key(field).index(i), names);
                    }
                }
                single => one(single, here.key(field), names),
            }
        }
        for field in ["origin", "waf"] {
            one(resource.get(field), here.key(field), Named::Resource);
        }
    }
    // Azure: the network security group associated with a subnet.
    for (key, subnet) in map_at(layer, &["network", "subnets"]) {
        let Some(sname) = key.scalar_text() else {
            continue;
        };
        let path = at
            .key("network")
            .key("subnets")
            .key(sname)
            .key("security_group");
        one(subnet.get("security_group"), path, Named::SecurityGroup);
    }
    for (key, group) in map_at(layer, &["network", "security_groups"]) {
        let Some(gname) = key.scalar_text() else {
            continue;
        };
        for direction in ["ingress", "egress"] {
            let rules = group
                .get(direction)
                .and_then(Node::as_seq)
                .unwrap_or_default();
            for (i, rule) in rules.iter().enumerate() {
                for end in ["from", "to"] {
                    let peer = rule
                        .get(end)
                        .filter(|p| p.scalar_text().is_some_and(names_a_group));
                    let path = at
                        .key("network")
                        .key("security_groups")
                        .key(gname)
                        .key(direction)
                        .index(i)
                        .key(end);
                    one(peer, path, Named::SecurityGroup);
                }
            }
        }
    }
    let waivers = layer
        .get("policy")
        .and_then(|p| p.get("waivers"))
        .and_then(Node::as_seq)
        .unwrap_or_default();
    for (i, waiver) in waivers.iter().enumerate() {
        let path = at.key("policy").key("waivers").index(i).key("resource");
        one(waiver.get("resource"), path, Named::Resource);
    }
}

/// Why a rename cannot be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused(pub String);

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The changes renaming the `names` called `from` to `to`: every reference first (their
/// paths are the tree's as it is), then the declaring keys, in the base and in every
/// overlay, and for a resource its `dr.resource_targets` entry. Refused when `to` is empty
/// or taken, or when nothing is called `from`.
pub fn rename(root: &Node, names: Named, from: &str, to: &str) -> Result<Vec<Change>, Refused> {
    let to = to.trim();
    let declared = names.declared(root);
    if to.is_empty() {
        return Err(Refused(format!("a {} needs a name", names.word())));
    }
    if !declared.iter().any(|n| n == from) {
        return Err(Refused(format!(
            "the design has no {} `{from}`",
            names.word()
        )));
    }
    if to != from && declared.iter().any(|n| n == to) {
        return Err(Refused(format!(
            "a {} named `{to}` already exists",
            names.word()
        )));
    }
    if to == from {
        return Ok(Vec::new());
    }
    let mut changes: Vec<Change> = references(root)
        .into_iter()
        .filter(|r| r.names == names && r.name == from)
        .map(|r| Change::Set {
            path: r.path,
            value: json!(to),
        })
        .collect();
    for (at, layer) in layers(root) {
        let mut keyed = vec![names.declared_at()];
        if names == Named::Resource {
            keyed.push(&["dr", "resource_targets"]);
        }
        for keys in keyed {
            if map_at(layer, keys)
                .iter()
                .any(|(k, _)| k.scalar_text() == Some(from))
            {
                let path = keys.iter().fold(at.clone(), |p, k| p.key(*k)).key(from);
                changes.push(Change::Rename {
                    path,
                    to: to.to_string(),
                });
            }
        }
    }
    Ok(changes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{edit, node};

    const DESIGN: &str = "\
version: 1
name: t
region: us-east-1
network:
  vpc: 10.0.0.0/16
  subnets:
    app-a: { cidr: 10.0.1.0/24, zone: a }
    app-b:
      cidr: 10.0.2.0/24   # second zone
      zone: b
  security_groups:
    web:
      ingress:
        - { ports: 443, from: 0.0.0.0/0 }
    db:
      ingress:
        - ports: 5432
          from: web
resources:
  api:
    kind: compute
    instance_type: t3.small
    subnets: [app-a, app-b]
    security_groups:
      - web
  edge:
    kind: cdn
    origin: api
dr:
  resource_targets:
    api: { rto: 1h }
policy:
  waivers:
    - { rule: NET-001, resource: api, reason: test }
environments:
  prod:
    resources:
      api:
        subnets: [app-b]
";

    fn renamed(names: Named, from: &str, to: &str) -> String {
        let root = node::parse(DESIGN).unwrap();
        let changes = rename(&root, names, from, to).unwrap();
        edit::apply(DESIGN, &changes).unwrap()
    }

    #[test]
    fn a_subnet_renamed_everywhere_it_is_named() {
        let text = renamed(Named::Subnet, "app-b", "app-2");
        assert!(!text.contains("app-b"), "{text}");
        assert_eq!(text.matches("app-2").count(), 3, "{text}");
        assert!(text.contains("# second zone"), "comments stay: {text}");
    }

    #[test]
    fn a_group_renamed_in_placements_and_rules() {
        let text = renamed(Named::SecurityGroup, "web", "front");
        assert!(text.contains("from: front"), "{text}");
        assert!(text.contains("- front"), "{text}");
        assert!(
            text.contains("0.0.0.0/0"),
            "an address is not a name: {text}"
        );
        assert!(!text.contains("web"), "{text}");
    }

    #[test]
    fn a_resource_renamed_with_its_origin_targets_waivers_and_overlays() {
        let text = renamed(Named::Resource, "api", "backend");
        assert!(!text.contains("api"), "{text}");
        assert_eq!(text.matches("backend").count(), 5, "{text}");
    }

    #[test]
    fn taken_empty_and_unknown_names_are_refused() {
        let root = node::parse(DESIGN).unwrap();
        assert!(rename(&root, Named::Subnet, "app-a", "app-b").is_err());
        assert!(rename(&root, Named::Subnet, "app-a", " ").is_err());
        assert!(rename(&root, Named::Subnet, "nope", "x").is_err());
        assert_eq!(
            rename(&root, Named::Subnet, "app-a", "app-a"),
            Ok(Vec::new())
        );
    }

    #[test]
    fn references_list_every_name_written() {
        let root = node::parse(DESIGN).unwrap();
        let found: Vec<String> = references(&root)
            .iter()
            .map(|r| format!("{} {}", r.path, r.name))
            .collect();
        assert_eq!(
            found,
            [
                "resources.api.subnets[0] app-a",
                "resources.api.subnets[1] app-b",
                "resources.api.security_groups[0] web",
                "resources.edge.origin api",
                "network.security_groups.db.ingress[0].from web",
                "policy.waivers[0].resource api",
                "environments.prod.resources.api.subnets[0] app-b",
            ]
        );
    }
}
