//! Planwright's Terraform reader.
//!
//! Two entry points produce the same [`Evaluated`] resource list:
//!
//! * [`evaluate_module`] evaluates a root module and its local modules from source, the way
//!   `terraform plan` would before talking to any provider: variables (with tfvars precedence),
//!   locals, expressions and functions, `count`/`for_each`, `dynamic` blocks and module calls.
//!   Values Terraform only learns at apply time stay symbolic: a computed attribute of another
//!   resource is a [`Ref`] to that resource instance (so a mapper can turn a subnet id into the
//!   subnet), anything else is [`Value::Unknown`] with a reason.
//! * [`evaluate_plan`] reads `terraform show -json` output, which already has every value
//!   Terraform could compute.
//!
//! Everything is pure (no file system, clock or network) so it builds for
//! `wasm32-unknown-unknown`; input cannot make it panic or run without bound (see [`Limits`]).
//! Every resource, argument and nested block carries the [`Span`] of its source.

#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod archive;
mod config;
pub mod error;
mod eval;
mod files;
mod json;
mod limits;
mod plan;
mod resource;
mod tf_json;
mod value;
mod vars;

pub use config::Mode;
pub use error::{codes, Diagnostic, Error, Warning};
pub use files::{kind, Span};
pub use limits::Limits;
pub use resource::{
    module_address, resource_address, Evaluated, IndexKey, ModuleStep, ProviderConfig,
    ResourceInstance,
};
pub use value::{format_number, Map, Ref, Spanned, Unknown, Value};

use files::{normalize_path, SourceFile};

/// Options for [`evaluate_module`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// `--var NAME=VALUE` pairs, in command-line order (later wins).
    pub vars: Vec<(String, String)>,
    /// Paths of extra var files (`-var-file`), in order; the files must be in the input set.
    pub var_files: Vec<String>,
    /// The directory of the root module inside the input set (`""` for the top level).
    pub root_dir: String,
    /// `terraform.workspace`; `"default"` if not set.
    pub workspace: Option<String>,
    pub limits: Limits,
}

impl Options {
    /// Parses `NAME=VALUE` as given to `--var`.
    pub fn parse_var(arg: &str) -> Option<(String, String)> {
        let (k, v) = arg.split_once('=')?;
        let k = k.trim();
        if k.is_empty() {
            return None;
        }
        Some((k.to_string(), v.to_string()))
    }
}

/// The input files, a `.tf.json` one read as the HCL it stands for (at the JSON's lines);
/// a file that cannot be is an error or a warning in `out`. Apart from [`evaluate_module`]:
/// its frame is under the evaluator's deepest recursion, and these temporaries need not be.
#[inline(never)]
fn source_files(files: &[(&str, &str)], out: &mut Evaluated) -> Vec<SourceFile> {
    let mut sources = Vec::with_capacity(files.len());
    for (path, text) in files {
        match normalize_path(path) {
            Some(p) if !p.is_empty() => match source_file(&p, text) {
                Ok(file) => sources.push(file),
                Err(d) => out.errors.push(d),
            },
            _ => out.warnings.push(Diagnostic::new(
                codes::UNSUPPORTED,
                format!("file path \"{path}\" is outside the input root; ignored"),
                Span::file_start(path),
            )),
        }
    }
    sources
}

fn source_file(path: &str, text: &str) -> Result<SourceFile, Diagnostic> {
    if !path.ends_with(".tf.json") {
        return Ok(SourceFile::new(path, text));
    }
    tf_json::to_hcl(text)
        .map(|hcl| SourceFile::new(path, &hcl))
        .map_err(|(offset, message)| {
            let (line, column) = SourceFile::new(path, text).position(offset);
            Diagnostic::new(
                codes::PARSE,
                format!("invalid JSON configuration: {message}"),
                Span::point(path.into(), line, column),
            )
        })
}

/// Evaluates a root module and its local modules.
///
/// `files` holds `(relative path, text)` pairs: the root module's `.tf` files, tfvars files and
/// the files of local modules (`modules/db/main.tf`). Paths use `/` and are relative to a common
/// root; the root module lives in `options.root_dir`.
pub fn evaluate_module(files: &[(&str, &str)], options: &Options) -> Evaluated {
    let limits = options.limits.clone();
    let mut out = Evaluated::default();
    if files.len() > limits.max_files {
        out.errors.push(Diagnostic::new(
            codes::LIMIT,
            format!(
                "{} files given, over the limit of {}",
                files.len(),
                limits.max_files
            ),
            Span::file_start("<input>"),
        ));
        return out;
    }
    let total: usize = files.iter().map(|(_, t)| t.len()).sum();
    if total > limits.max_total_bytes {
        out.errors.push(Diagnostic::new(
            codes::LIMIT,
            format!(
                "the input is {total} bytes, over the limit of {}",
                limits.max_total_bytes
            ),
            Span::file_start("<input>"),
        ));
        return out;
    }
    let sources = source_files(files, &mut out);
    let root_dir = normalize_path(&options.root_dir).unwrap_or_default();
    let mut ev = eval::Evaluator::new(sources, limits);
    if let Some(w) = &options.workspace {
        ev.workspace = w.clone();
    }
    let root = ev.add_root(&root_dir);
    if !ev.module_config(root).has_files {
        ev.errors.push(Diagnostic::new(
            codes::MODULE,
            format!("no .tf files in the root module directory \"{root_dir}\""),
            Span::file_start(if root_dir.is_empty() {
                "<input>"
            } else {
                &root_dir
            }),
        ));
    }
    vars::collect_root_values(&mut ev, &root_dir, &options.var_files, &options.vars);
    out.providers = ev.providers(root);
    ev.walk(root, &mut out.resources);
    let (errors, warnings) = ev.finish();
    out.errors.extend(errors);
    out.warnings.extend(warnings);
    out
}

/// Reads the JSON of `terraform show -json <plan>`. `path` names the file in spans.
pub fn evaluate_plan(path: &str, json: &str, limits: &Limits) -> Evaluated {
    plan::evaluate(path, json, limits)
}
