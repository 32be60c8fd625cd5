//! From text to a typed [`Design`]: parse to a spanned tree, merge an environment variant,
//! type each section on its own (so one bad resource does not hide the next), validate.

use std::collections::BTreeMap;
use std::rc::Rc;

use crate::design::Design;
use crate::diag::{did_you_mean, Code, Diagnostic, Location};
use crate::limits;
use crate::model::{Network, NoRecovery, Provider};
use crate::resources::Resource;
use crate::source::de::from_node;
use crate::source::node::{self, DesignPath, Node, Value};
use crate::validate;

/// Top-level fields of the format, in documentation order.
pub const TOP_LEVEL_FIELDS: &[&str] = &[
    "version",
    "name",
    "provider",
    "region",
    "environment",
    "tags",
    "network",
    "resources",
    "transfer",
    "environments",
    "dr",
    "policy",
    "display",
    "pricing",
];

/// A design read from text, with the tree it came from (to locate later diagnostics).
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The tree the design was typed from (environment merged in). Shared: without an
    /// environment it is the parsed tree itself, which the page keeps to re-read the next
    /// edit from ([`crate::source::reparse`]).
    pub root: Rc<Node>,
    pub design: Design,
    /// Names of the environment variants the file defines.
    pub environments: Vec<String>,
    /// The variant evaluated, if one was asked for.
    pub env: Option<String>,
}

/// Reads a design, reporting every error found (up to [`limits::MAX_ERRORS`]), each with
/// its code, location, path and hint.
pub fn load(text: &str, env: Option<&str>) -> Result<Loaded, Vec<Diagnostic>> {
    let parsed = node::parse(text).map_err(|d| vec![d])?;
    load_tree(Rc::new(parsed), env)
}

/// As [`load`], from a tree already parsed (by [`node::parse`] or [`crate::source::reparse::reparse`]).
pub fn load_tree(parsed: Rc<Node>, env: Option<&str>) -> Result<Loaded, Vec<Diagnostic>> {
    let Some(entries) = parsed.as_map() else {
        return Err(vec![Diagnostic::error(
            Code::WrongType,
            format!("a design is a map of fields, found {}", parsed.describe()),
        )
        .at(Location::of(parsed.span.start))
        .with_hint(
            "start with `version: 1`, `name:`, `region:` and `resources:`",
        )]);
    };
    let environments: Vec<String> = parsed
        .get("environments")
        .and_then(Node::as_map)
        .map(|m| {
            m.iter()
                .filter_map(|(k, _)| k.scalar_text().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();

    let mut errors = Vec::new();
    // Naming the base design's own environment (`--env prod` where the base is prod, and
    // no variant of that name) selects the base.
    let is_base = |name: &str| {
        parsed.get("environment").and_then(Node::scalar_text) == Some(name)
            && parsed
                .get("environments")
                .and_then(|e| e.get(name))
                .is_none()
    };
    let root = match env {
        None => parsed,
        Some(name) if is_base(name) => parsed,
        Some(name) => match parsed.get("environments").and_then(|e| e.get(name)) {
            Some(overlay) if overlay.as_map().is_some() => {
                let base = Node {
                    value: Value::Map(
                        entries
                            .iter()
                            .filter(|(k, _)| k.scalar_text() != Some("environments"))
                            .cloned()
                            .collect(),
                    ),
                    span: parsed.span,
                };
                Rc::new(node::merge(&base, overlay))
            }
            Some(overlay) => {
                return Err(vec![Diagnostic::error(
                    Code::WrongType,
                    format!("environment `{name}` must be a map of overrides"),
                )
                .with_path(&DesignPath::root().key("environments").key(name))
                .at(Location::of(overlay.span.start))])
            }
            None => {
                return Err(vec![Diagnostic::error(
                    Code::UnknownEnvironment,
                    format!("the design defines no environment `{name}`"),
                )
                .with_path(&DesignPath::root().key("environments"))
                .at(Location::start())
                .with_hint(
                    did_you_mean(name, environments.iter().map(String::as_str)).unwrap_or_else(
                        || {
                            if environments.is_empty() {
                                "this design has no `environments:` section".into()
                            } else {
                                format!("defined: {}", environments.join(", "))
                            }
                        },
                    ),
                )])
            }
        },
    };

    let design = type_design(&root, &mut errors);
    if let Some(design) = &design {
        validate::validate(design, &root, &mut errors);
    }
    match design {
        Some(design) if !errors.iter().any(Diagnostic::is_error) => Ok(Loaded {
            root,
            design,
            environments,
            env: env.map(str::to_string),
        }),
        _ => {
            // Several checks can fire on one value (a negative count is both a wrong type
            // for a count and a negative number): keep the most specific per location.
            let specific = |d: &Diagnostic| match d.code {
                Code::NegativeNumber | Code::NonFiniteNumber | Code::NumberTooLarge => 0,
                _ => 1,
            };
            crate::order::sort_by_key(&mut errors, |d| {
                (d.line.unwrap_or(0), d.column.unwrap_or(0), specific(d))
            });
            errors.dedup_by(|b, a| a.line.is_some() && a.line == b.line && a.column == b.column);
            if errors.len() > limits::MAX_ERRORS {
                let more = errors.len() - limits::MAX_ERRORS;
                errors.truncate(limits::MAX_ERRORS);
                errors.push(Diagnostic::error(
                    Code::TooManyErrors,
                    format!(
                        "{more} more errors not shown (limit {})",
                        limits::MAX_ERRORS
                    ),
                ));
            }
            Err(errors)
        }
    }
}

/// Types the top level section by section, collecting errors.
fn type_design(root: &Node, errors: &mut Vec<Diagnostic>) -> Option<Design> {
    let top = DesignPath::root();
    let entries = root.as_map().unwrap_or_default();
    for (k, _) in entries {
        let key = k.scalar_text().unwrap_or_default();
        if !TOP_LEVEL_FIELDS.contains(&key) {
            errors.push(
                Diagnostic::error(Code::UnknownField, format!("unknown field `{key}`"))
                    .with_path(&top.key(key))
                    .at(Location::of(k.span.start))
                    .with_hint_opt(did_you_mean(key, TOP_LEVEL_FIELDS.iter().copied())),
            );
        }
    }

    fn section<T: serde::de::DeserializeOwned>(
        root: &Node,
        key: &str,
        errors: &mut Vec<Diagnostic>,
    ) -> Option<T> {
        let node = root.get(key)?;
        match from_node::<T>(node, &DesignPath::root().key(key)) {
            Ok(v) => Some(v),
            Err(e) => {
                errors.push(e);
                None
            }
        }
    }

    let mut required = |key: &str| -> bool {
        if root.get(key).is_none() {
            errors.push(
                Diagnostic::error(Code::MissingField, format!("missing field `{key}`"))
                    .at(Location::of(root.span.start))
                    .with_hint(match key {
                        "version" => "add `version: 1` at the top",
                        "name" => "add `name: my-design`",
                        _ => "add `region: ap-northeast-2` (or another AWS region)",
                    }),
            );
            return false;
        }
        true
    };
    let has_required = required("version") & required("name") & required("region");

    let version: Option<u32> = section(root, "version", errors);
    if let Some(v) = version {
        if v != 1 {
            errors.push(
                Diagnostic::error(
                    Code::UnsupportedVersion,
                    format!("design format version {v} is not supported"),
                )
                .located(root, &top.key("version"))
                .with_hint("this Planwright reads `version: 1`"),
            );
        }
    }
    let name: Option<String> = section(root, "name", errors);
    let region: Option<String> = section(root, "region", errors);
    let provider: Provider = section(root, "provider", errors).unwrap_or_default();
    let environment = section(root, "environment", errors);
    let tags: BTreeMap<String, String> = section(root, "tags", errors).unwrap_or_default();
    let network = root.get("network").and_then(|n| type_network(n, errors));
    let transfer = section(root, "transfer", errors);
    let dr = section(root, "dr", errors);
    let policy = section(root, "policy", errors);
    let display = section(root, "display", errors);
    let pricing = section(root, "pricing", errors);
    let environments: BTreeMap<String, serde_json::Value> = BTreeMap::new();

    let mut resources = Vec::new();
    let mut no_recovery = BTreeMap::new();
    match root.get("resources") {
        None => {}
        Some(node) => match node.as_map() {
            None if matches!(node.resolve(), Some(node::Resolved::Null)) => {}
            None => errors.push(
                Diagnostic::error(
                    Code::WrongType,
                    format!(
                        "`resources` is a map of named resources, found {}",
                        node.describe()
                    ),
                )
                .with_path(&top.key("resources"))
                .at(Location::of(node.span.start)),
            ),
            Some(items) => {
                if items.len() > limits::MAX_RESOURCES {
                    errors.push(
                        Diagnostic::error(
                            Code::TooManyResources,
                            format!(
                                "the design has {} resources; the limit is {}",
                                items.len(),
                                limits::MAX_RESOURCES
                            ),
                        )
                        .with_path(&top.key("resources"))
                        .at(Location::of(node.span.start)),
                    );
                    return None;
                }
                for (k, v) in items {
                    let name = k.scalar_text().unwrap_or_default().to_string();
                    let path = top.key("resources").key(&name);
                    match no_recovery_of(v, &path) {
                        Ok(Some(mark)) => {
                            no_recovery.insert(name.clone(), mark);
                        }
                        Ok(None) => {}
                        Err(e) => errors.push(e),
                    }
                    match Resource::load(v, &path) {
                        Ok(r) => resources.push((name, r)),
                        Err(e) => errors.push(e),
                    }
                }
            }
        },
    }

    if !has_required {
        return None;
    }
    Some(Design {
        version: version?,
        name: name?,
        provider,
        region: region?,
        environment,
        tags,
        network,
        resources,
        transfer,
        environments,
        dr,
        policy,
        display,
        pricing,
        no_recovery,
    })
}

/// A resource's `recovery: none` (with `reason: …` beside it), or
/// `recovery: { mode: none, reason: … }`. `none` is the one value: every other resource
/// is assessed from what the design keeps.
fn no_recovery_of(node: &Node, path: &DesignPath) -> Result<Option<NoRecovery>, Diagnostic> {
    let text = |n: &Node| n.scalar_text().map(str::to_string);
    let beside = node.get("reason");
    let Some(recovery) = node.get("recovery") else {
        return match beside {
            None => Ok(None),
            Some(value) => Err(Diagnostic::error(
                Code::UnknownField,
                "`reason` explains `recovery: none`, which this resource does not say",
            )
            .with_path(&path.key("reason"))
            .at(Location::of(
                node.as_map()
                    .and_then(|m| m.iter().find(|(k, _)| k.scalar_text() == Some("reason")))
                    .map_or(value.span.start, |(k, _)| k.span.start),
            ))
            .with_hint("add `recovery: none` if the resource holds no data worth recovering, or remove `reason`")),
        };
    };
    let refuse = |n: &Node, why: String| {
        Diagnostic::error(Code::InvalidValue, why)
            .with_path(&path.key("recovery"))
            .at(Location::of(n.span.start))
            .with_hint("write `recovery: none` (the resource holds no data worth recovering), with `reason: …` beside it")
    };
    let (mode, reason) = match recovery.as_map() {
        Some(entries) => {
            for (k, _) in entries {
                let key = k.scalar_text().unwrap_or_default();
                if key != "mode" && key != "reason" {
                    return Err(Diagnostic::error(
                        Code::UnknownField,
                        format!("unknown field `{key}`"),
                    )
                    .with_path(&path.key("recovery").key(key))
                    .at(Location::of(k.span.start))
                    .with_hint("`recovery` has `mode: none` and `reason`"));
                }
            }
            (
                recovery.get("mode").and_then(text),
                recovery
                    .get("reason")
                    .and_then(text)
                    .or_else(|| beside.and_then(text)),
            )
        }
        None => (text(recovery), beside.and_then(text)),
    };
    match mode.as_deref() {
        Some("none") => Ok(Some(NoRecovery { reason })),
        Some(other) => Err(refuse(
            recovery,
            format!("`recovery` is `none` or absent, found `{other}`"),
        )),
        None => Err(refuse(
            recovery,
            format!(
                "`recovery` is `none` or absent, found {}",
                recovery.describe()
            ),
        )),
    }
}

/// Types `network:` entry by entry, so every bad subnet and security group is reported.
fn type_network(node: &Node, errors: &mut Vec<Diagnostic>) -> Option<Network> {
    let path = DesignPath::root().key("network");
    let Some(entries) = node.as_map() else {
        errors.push(
            Diagnostic::error(
                Code::WrongType,
                format!("`network` is a map, found {}", node.describe()),
            )
            .with_path(&path)
            .at(Location::of(node.span.start)),
        );
        return None;
    };
    const FIELDS: &[&str] = &["vpc", "subnets", "security_groups"];
    let mut net = Network::default();
    for (k, v) in entries {
        let key = k.scalar_text().unwrap_or_default();
        let here = path.key(key);
        match key {
            "vpc" => match from_node(v, &here) {
                Ok(x) => net.vpc = x,
                Err(e) => errors.push(e),
            },
            "subnets" | "security_groups" => {
                let Some(items) = v.as_map() else {
                    if !matches!(v.resolve(), Some(node::Resolved::Null)) {
                        errors.push(
                            Diagnostic::error(
                                Code::WrongType,
                                format!(
                                    "`{key}` is a map of named entries, found {}",
                                    v.describe()
                                ),
                            )
                            .with_path(&here)
                            .at(Location::of(v.span.start)),
                        );
                    }
                    continue;
                };
                for (ik, iv) in items {
                    let name = ik.scalar_text().unwrap_or_default().to_string();
                    let ipath = here.key(&name);
                    if key == "subnets" {
                        match from_node(iv, &ipath) {
                            Ok(s) => {
                                net.subnets.insert(name, s);
                            }
                            Err(e) => errors.push(e),
                        }
                    } else {
                        match from_node(iv, &ipath) {
                            Ok(s) => {
                                net.security_groups.insert(name, s);
                            }
                            Err(e) => errors.push(e),
                        }
                    }
                }
            }
            other => errors.push(
                Diagnostic::error(Code::UnknownField, format!("unknown field `{other}`"))
                    .with_path(&here)
                    .at(Location::of(k.span.start))
                    .with_hint_opt(did_you_mean(other, FIELDS.iter().copied())),
            ),
        }
    }
    Some(net)
}
