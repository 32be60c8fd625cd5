//! Module configuration: the declarations of one module directory, parsed from its `.tf` files.
//!
//! A directory is parsed once and shared (behind an `Rc`) by every instance of the module. Blocks
//! are moved out of hcl-edit's body into per-kind tables so that the evaluator can look up
//! `local.x` or `aws_vpc.main` directly, and each declaration remembers its file for spans.

use crate::error::{codes, Diagnostic};
use crate::files::{dir_of, SourceFile, Span};
use hcl_edit::expr::Expression;
use hcl_edit::structure::{Block, Body, Structure};
use hcl_edit::Span as _;
use indexmap::IndexMap;
use serde::Serialize;
use std::collections::HashMap;

/// Whether a resource block is `resource` (managed) or `data`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    Managed,
    Data,
}

pub(crate) type FileId = usize;

pub(crate) struct VariableDecl {
    pub file: FileId,
    pub default: Option<Expression>,
    pub type_expr: Option<Expression>,
    pub span: Span,
}

/// A named expression: a local value or an output's `value`.
pub(crate) struct ExprDecl {
    pub file: FileId,
    pub expr: Expression,
    pub span: Span,
}

pub(crate) struct CallDecl {
    pub file: FileId,
    pub block: Block,
    pub span: Span,
    /// The `source` string and its span, if it is a literal string.
    pub source: Option<(String, Span)>,
}

pub(crate) struct ResourceDecl {
    pub file: FileId,
    pub mode: Mode,
    pub rtype: String,
    pub name: String,
    pub block: Block,
    pub span: Span,
}

/// A `provider "aws" { ... }` block: its configuration (the region) decides where prices
/// come from.
pub(crate) struct ProviderDecl {
    pub file: FileId,
    pub name: String,
    pub block: Block,
    pub span: Span,
}

#[derive(Default)]
pub(crate) struct ModuleConfig {
    pub dir: String,
    pub variables: IndexMap<String, VariableDecl>,
    pub locals: IndexMap<String, ExprDecl>,
    pub outputs: IndexMap<String, ExprDecl>,
    pub calls: IndexMap<String, CallDecl>,
    pub resources: Vec<ResourceDecl>,
    pub resource_index: HashMap<(Mode, String, String), usize>,
    pub providers: Vec<ProviderDecl>,
    /// Whether any `.tf` file was found for the directory.
    pub has_files: bool,
}

impl ModuleConfig {
    pub fn resource(&self, mode: Mode, rtype: &str, name: &str) -> Option<(usize, &ResourceDecl)> {
        let i = *self
            .resource_index
            .get(&(mode, rtype.to_string(), name.to_string()))?;
        self.resources.get(i).map(|r| (i, r))
    }
}

/// Parses one HCL file; a syntax error becomes a located `TF-PARSE` diagnostic.
pub(crate) fn parse_file(file: &SourceFile) -> Result<Body, Diagnostic> {
    hcl_edit::parser::parse_body(&file.text).map_err(|e| {
        let offset = e.location().offset();
        let (line, column) = file.position(offset);
        let span = Span::point(file.path.clone(), line, column);
        let message = format!("invalid HCL: {}", e.message());
        let hint = e.line().trim().to_string();
        let d = Diagnostic::new(codes::PARSE, message, span);
        if hint.is_empty() {
            d
        } else {
            d.with_hint(format!("in `{}`", truncate(&hint, 120)))
        }
    })
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n).collect();
        t.push('…');
        t
    }
}

/// Loads the module in `dir` from the `.tf` files directly in it, in lexical path order.
pub(crate) fn load(
    files: &[SourceFile],
    dir: &str,
    errors: &mut Vec<Diagnostic>,
    _warnings: &mut Vec<Diagnostic>,
) -> ModuleConfig {
    let mut cfg = ModuleConfig {
        dir: dir.to_string(),
        ..ModuleConfig::default()
    };
    let mut ids: Vec<FileId> = (0..files.len())
        .filter(|&i| {
            files
                .get(i)
                .is_some_and(|f| dir_of(&f.path) == dir && crate::kind::is_configuration(&f.path))
        })
        .collect();
    ids.sort_by(|a, b| {
        files
            .get(*a)
            .map(|f| &f.path)
            .cmp(&files.get(*b).map(|f| &f.path))
    });
    for id in ids {
        let Some(file) = files.get(id) else { continue };
        cfg.has_files = true;
        match parse_file(file) {
            Ok(body) => add_body(&mut cfg, id, file, body, errors),
            Err(d) => errors.push(d),
        }
    }
    cfg
}

fn labels(block: &Block) -> Vec<String> {
    block
        .labels
        .iter()
        .map(|l| l.as_str().to_string())
        .collect()
}

fn add_body(
    cfg: &mut ModuleConfig,
    id: FileId,
    file: &SourceFile,
    body: Body,
    errors: &mut Vec<Diagnostic>,
) {
    for structure in body {
        let block = match structure {
            Structure::Block(b) => b,
            Structure::Attribute(a) => {
                errors.push(Diagnostic::new(
                    codes::PARSE,
                    format!("unexpected top-level argument `{}`", a.key.as_str()),
                    file.span(a.span()),
                ));
                continue;
            }
        };
        let span = file.span(block.span());
        let labels = labels(&block);
        let kind = block.ident.as_str().to_string();
        let need = |n: usize, errors: &mut Vec<Diagnostic>| -> bool {
            if labels.len() == n {
                true
            } else {
                errors.push(Diagnostic::new(
                    codes::PARSE,
                    format!(
                        "a `{kind}` block needs {n} label(s), found {}",
                        labels.len()
                    ),
                    span.clone(),
                ));
                false
            }
        };
        let dup = |what: String, errors: &mut Vec<Diagnostic>| {
            errors.push(Diagnostic::new(
                codes::DUPLICATE,
                format!("duplicate {what}"),
                span.clone(),
            ));
        };
        match kind.as_str() {
            "variable" => {
                if !need(1, errors) {
                    continue;
                }
                let name = labels.first().cloned().unwrap_or_default();
                if cfg.variables.contains_key(&name) {
                    dup(format!("variable \"{name}\""), errors);
                    continue;
                }
                let default = block.body.get_attribute("default").map(|a| a.value.clone());
                let type_expr = block.body.get_attribute("type").map(|a| a.value.clone());
                cfg.variables.insert(
                    name,
                    VariableDecl {
                        file: id,
                        default,
                        type_expr,
                        span,
                    },
                );
            }
            "locals" => {
                for s in block.body {
                    match s {
                        Structure::Attribute(a) => {
                            let name = a.key.as_str().to_string();
                            let aspan = file.span(a.span());
                            if cfg.locals.contains_key(&name) {
                                errors.push(Diagnostic::new(
                                    codes::DUPLICATE,
                                    format!("duplicate local value \"{name}\""),
                                    aspan,
                                ));
                                continue;
                            }
                            cfg.locals.insert(
                                name,
                                ExprDecl {
                                    file: id,
                                    expr: a.value,
                                    span: aspan,
                                },
                            );
                        }
                        Structure::Block(b) => errors.push(Diagnostic::new(
                            codes::PARSE,
                            "blocks are not allowed in `locals`",
                            file.span(b.span()),
                        )),
                    }
                }
            }
            "output" => {
                if !need(1, errors) {
                    continue;
                }
                let name = labels.first().cloned().unwrap_or_default();
                if cfg.outputs.contains_key(&name) {
                    dup(format!("output \"{name}\""), errors);
                    continue;
                }
                match block.body.get_attribute("value") {
                    Some(a) => {
                        let expr = a.value.clone();
                        cfg.outputs.insert(
                            name,
                            ExprDecl {
                                file: id,
                                expr,
                                span,
                            },
                        );
                    }
                    None => errors.push(Diagnostic::new(
                        codes::PARSE,
                        format!("output \"{name}\" has no `value`"),
                        span,
                    )),
                }
            }
            "module" => {
                if !need(1, errors) {
                    continue;
                }
                let name = labels.first().cloned().unwrap_or_default();
                if cfg.calls.contains_key(&name) {
                    dup(format!("module \"{name}\""), errors);
                    continue;
                }
                let source = block.body.get_attribute("source").and_then(|a| {
                    let sspan = file.span(a.value.span());
                    literal_string(&a.value).map(|s| (s, sspan))
                });
                if source.is_none() {
                    errors.push(Diagnostic::new(
                        codes::MODULE,
                        format!("module \"{name}\" needs a literal `source` string"),
                        span.clone(),
                    ));
                }
                cfg.calls.insert(
                    name,
                    CallDecl {
                        file: id,
                        block,
                        span,
                        source,
                    },
                );
            }
            "resource" | "data" => {
                if !need(2, errors) {
                    continue;
                }
                let mode = if kind == "data" {
                    Mode::Data
                } else {
                    Mode::Managed
                };
                let rtype = labels.first().cloned().unwrap_or_default();
                let name = labels.get(1).cloned().unwrap_or_default();
                let key = (mode, rtype.clone(), name.clone());
                if cfg.resource_index.contains_key(&key) {
                    let prefix = if mode == Mode::Data { "data." } else { "" };
                    dup(format!("resource {prefix}{rtype}.{name}"), errors);
                    continue;
                }
                cfg.resource_index.insert(key, cfg.resources.len());
                cfg.resources.push(ResourceDecl {
                    file: id,
                    mode,
                    rtype,
                    name,
                    block,
                    span,
                });
            }
            "provider" => {
                if !need(1, errors) {
                    continue;
                }
                cfg.providers.push(ProviderDecl {
                    file: id,
                    name: labels.first().cloned().unwrap_or_default(),
                    block,
                    span,
                });
            }
            // terraform, moved, import, removed, check: no resources to evaluate.
            _ => {}
        }
    }
}

/// The value of a string literal or a template made of literals only.
pub(crate) fn literal_string(e: &Expression) -> Option<String> {
    match e {
        Expression::String(s) => Some(s.value().to_string()),
        Expression::StringTemplate(t) => {
            let mut out = String::new();
            for el in t.iter() {
                out.push_str(el.as_literal()?.value());
            }
            Some(out)
        }
        _ => None,
    }
}
