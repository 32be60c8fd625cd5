//! The output types: evaluated resource instances and their addresses.

use crate::config::Mode;
use crate::error::Diagnostic;
use crate::files::Span;
use crate::value::{Spanned, Value};
use serde::Serialize;
use std::fmt;

/// The key of an instance created by `count` (`Int`) or `for_each` (`String`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(untagged)]
pub enum IndexKey {
    Int(u64),
    String(String),
}

impl fmt::Display for IndexKey {
    /// Terraform's address syntax: `[0]` or `["key"]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IndexKey::Int(i) => write!(f, "[{i}]"),
            IndexKey::String(s) => {
                f.write_str("[\"")?;
                for c in s.chars() {
                    match c {
                        '"' => f.write_str("\\\"")?,
                        '\\' => f.write_str("\\\\")?,
                        '\n' => f.write_str("\\n")?,
                        c => write!(f, "{c}")?,
                    }
                }
                f.write_str("\"]")
            }
        }
    }
}

/// One step of a module path: `module.NAME` plus the instance key if the call is expanded.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct ModuleStep {
    pub name: String,
    pub key: Option<IndexKey>,
}

/// The address of a module instance (`module.app["x"].module.db`), empty for the root.
pub fn module_address(path: &[ModuleStep]) -> String {
    let mut s = String::new();
    for (i, step) in path.iter().enumerate() {
        if i > 0 {
            s.push('.');
        }
        s.push_str("module.");
        s.push_str(&step.name);
        if let Some(k) = &step.key {
            s.push_str(&k.to_string());
        }
    }
    s
}

/// The address of a resource instance, exactly as Terraform prints it.
pub fn resource_address(
    path: &[ModuleStep],
    mode: Mode,
    rtype: &str,
    name: &str,
    key: Option<&IndexKey>,
) -> String {
    let mut s = module_address(path);
    if !s.is_empty() {
        s.push('.');
    }
    if mode == Mode::Data {
        s.push_str("data.");
    }
    s.push_str(rtype);
    s.push('.');
    s.push_str(name);
    if let Some(k) = key {
        s.push_str(&k.to_string());
    }
    s
}

/// One resource (or data source) instance after `count`/`for_each` expansion.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ResourceInstance {
    /// `aws_instance.web[0]`, `module.db.aws_db_instance.this`, `data.aws_ami.ubuntu`.
    pub address: String,
    pub mode: Mode,
    /// The resource type, e.g. `aws_instance`.
    pub resource_type: String,
    pub name: String,
    /// The module instance path (empty for the root module).
    pub module: Vec<ModuleStep>,
    pub index: Option<IndexKey>,
    /// The `provider` meta-argument as written (`aws.west`), or the plan's provider name.
    pub provider: Option<String>,
    /// The arguments: always an `Object`; nested blocks are lists of objects under the block type.
    pub attrs: Value,
    /// The span of the resource block (or of the resource object in a plan JSON).
    pub span: Span,
}

impl ResourceInstance {
    /// The module address (`module.app["x"]`), empty for the root.
    pub fn module_address(&self) -> String {
        module_address(&self.module)
    }

    /// An attribute by path (`tags.Name`, `ingress[0].from_port`).
    pub fn get(&self, path: &str) -> Option<&Value> {
        self.attrs.get(path)
    }

    /// An attribute and its span.
    pub fn get_spanned(&self, path: &str) -> Option<&Spanned<Value>> {
        self.attrs.get_spanned(path)
    }

    /// The string attribute at `path`.
    pub fn str(&self, path: &str) -> Option<&str> {
        self.get(path).and_then(Value::as_str)
    }

    /// The number attribute at `path`.
    pub fn f64(&self, path: &str) -> Option<f64> {
        self.get(path).and_then(Value::as_f64)
    }

    /// The bool attribute at `path`.
    pub fn bool(&self, path: &str) -> Option<bool> {
        self.get(path).and_then(Value::as_bool)
    }
}

/// A root-module `provider` block, evaluated (`provider "aws" { region = var.region }`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProviderConfig {
    /// The provider's local name (`aws`).
    pub name: String,
    /// `alias`, when set.
    pub alias: Option<String>,
    /// Its arguments (an object), with spans.
    pub attrs: Value,
    pub span: Span,
}

impl ProviderConfig {
    /// The string argument at `path` (`region`).
    pub fn str(&self, path: &str) -> Option<&str> {
        self.attrs.get(path).and_then(Value::as_str)
    }
}

/// The result of evaluating a configuration or a plan.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Evaluated {
    pub resources: Vec<ResourceInstance>,
    /// The root module's provider configurations, in source order.
    pub providers: Vec<ProviderConfig>,
    pub warnings: Vec<Diagnostic>,
    pub errors: Vec<Diagnostic>,
}

impl Evaluated {
    /// The instance with this exact address.
    pub fn resource(&self, address: &str) -> Option<&ResourceInstance> {
        self.resources.iter().find(|r| r.address == address)
    }

    /// The default (unaliased) configuration of provider `name`.
    pub fn provider(&self, name: &str) -> Option<&ProviderConfig> {
        self.providers
            .iter()
            .find(|p| p.name == name && p.alias.is_none())
    }

    /// Instances of one resource type.
    pub fn of_type<'a>(
        &'a self,
        rtype: &'a str,
    ) -> impl Iterator<Item = &'a ResourceInstance> + 'a {
        self.resources
            .iter()
            .filter(move |r| r.resource_type == rtype)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses() {
        let p = vec![ModuleStep {
            name: "app".into(),
            key: Some(IndexKey::String("x".into())),
        }];
        assert_eq!(
            resource_address(&p, Mode::Managed, "aws_lb", "this", None),
            "module.app[\"x\"].aws_lb.this"
        );
        assert_eq!(
            resource_address(&[], Mode::Data, "aws_ami", "u", Some(&IndexKey::Int(0))),
            "data.aws_ami.u[0]"
        );
        assert_eq!(IndexKey::String("a\"b".into()).to_string(), "[\"a\\\"b\"]");
    }
}
