//! Terraform in (feature `terraform`): a root module's files or a `terraform show -json` plan
//! become a design — each AWS resource through its kind's mapping (`Kind::from_terraform`),
//! the network through [`network`] — with a map from every line of the design back to the
//! `.tf` block or argument it came from. [`evaluate`] runs the one pipeline on it and moves
//! every located item of the report (cost, findings, readiness, diagnostics) to its `.tf`
//! line. Resources keep their Terraform address as their name.

pub mod network;
pub mod usage;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::diag::{Code, Diagnostic, Level};
use crate::path::DesignPath;
use crate::pipeline::{self, Options as EvalOptions};
use crate::report::Report;
use crate::resources::REGISTRY;
use crate::terraform::{Cx, Instance, Mode, Obj, Out, OutValue, Span, Value};

pub use planwright_terraform::{kind, Evaluated, Limits, Options as ModuleOptions};

/// Code of a Terraform reader diagnostic carried into the report (its own code, e.g.
/// `TF-PARSE`, is in the message's prefix and `hint`).
pub const TERRAFORM_CODE: Code = Code::Terraform;
/// Code of the warning for resource types nothing maps.
pub const UNSUPPORTED_CODE: Code = Code::TerraformUnsupported;

/// The region a stack is priced in when neither its provider block nor the caller says.
pub const DEFAULT_REGION: &str = "us-east-1";

/// Resource types AWS does not charge for (IAM, aws.amazon.com/iam: "at no additional
/// charge"; key pairs and EIP associations, aws.amazon.com/ec2/pricing; policies and
/// settings of buckets and of accounts): counted, but they leave the total complete.
const FREE: &[&str] = &[
    "aws_iam_role",
    "aws_iam_policy",
    "aws_iam_role_policy",
    "aws_iam_role_policy_attachment",
    "aws_iam_instance_profile",
    "aws_iam_user",
    "aws_iam_group",
    "aws_iam_policy_attachment",
    "aws_iam_user_policy",
    "aws_iam_service_linked_role",
    "aws_key_pair",
    "aws_eip_association",
    "aws_s3_bucket_policy",
    "aws_s3_bucket_ownership_controls",
    "aws_s3_bucket_acl",
    "aws_s3_bucket_cors_configuration",
    "aws_s3_bucket_logging",
    "aws_s3_bucket_notification",
    "aws_s3_bucket_website_configuration",
    "aws_db_parameter_group",
    "aws_rds_cluster_parameter_group",
    "aws_elasticache_parameter_group",
    "aws_db_option_group",
    "aws_lb_target_group",
    "aws_lb_target_group_attachment",
    "aws_autoscaling_attachment",
    "aws_autoscaling_policy",
    "aws_secretsmanager_secret_rotation",
    "aws_autoscaling_traffic_source_attachment",
    "aws_autoscaling_lifecycle_hook",
    "aws_launch_template",
    "aws_launch_configuration",
    "aws_placement_group",
    "aws_ecs_cluster",
    "aws_ecs_cluster_capacity_providers",
    "aws_default_security_group",
    "aws_default_route_table",
    "aws_default_network_acl",
    "aws_network_acl",
    "aws_network_acl_rule",
    "aws_main_route_table_association",
    "aws_vpc_dhcp_options",
    "aws_vpc_dhcp_options_association",
    "aws_cloudwatch_log_stream",
    "aws_cloudwatch_log_resource_policy",
    "aws_secretsmanager_secret_version",
    "aws_secretsmanager_secret_policy",
    "aws_kms_alias",
    "aws_acm_certificate",
    "aws_acm_certificate_validation",
    "aws_route53_record",
    "aws_cloudfront_origin_access_identity",
    "aws_cloudfront_origin_access_control",
    "aws_wafv2_web_acl_association",
    "aws_sns_topic_subscription",
    "aws_lambda_permission",
    "aws_eks_addon",
    "aws_eks_access_entry",
    "aws_eks_access_policy_association",
];

/// Utility providers' resources (random, null, tls, time, local, archive): no cloud resource.
const UTILITY_PREFIXES: &[&str] = &[
    "random_",
    "null_",
    "tls_",
    "time_",
    "local_",
    "archive_",
    "terraform_data",
];

/// Whether a type costs nothing: AWS does not charge for it, or it is not a cloud resource.
fn is_free(resource_type: &str) -> bool {
    FREE.contains(&resource_type)
        || UTILITY_PREFIXES
            .iter()
            .any(|p| resource_type.starts_with(p))
}

/// What the caller knows about the stack.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The design's `name:` (the directory or plan file name).
    pub name: String,
    /// `--region`: over the provider block's.
    pub region: Option<String>,
    /// `--usage-file`: an Infracost-style usage file.
    pub usage: Option<usage::Usage>,
}

/// Where a design resource came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    /// The design name (the Terraform address).
    pub name: String,
    pub resource_type: String,
    pub kind: &'static str,
    pub file: String,
    pub line: u32,
    pub column: u32,
    /// The lines of the imported design this resource takes (first, last), 1-based.
    #[serde(skip)]
    pub design_lines: (u32, u32),
}

/// A design read from Terraform.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Imported {
    /// The design, YAML, with a comment naming each resource's Terraform address.
    pub text: String,
    /// The Terraform span of each line of `text` (index = line - 1).
    pub lines: Vec<Option<Span>>,
    pub resources: Vec<Source>,
    /// Managed resources no mapping reads, by type: not priced, not checked.
    pub unsupported: BTreeMap<String, u32>,
    /// The Terraform reader's errors and warnings and the mappings' notes, located in `.tf`.
    pub diagnostics: Vec<Diagnostic>,
    pub region: String,
}

impl Imported {
    /// Whether the Terraform could not be read (a syntax error, a cycle): no design.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// How many unsupported resources have a price nobody knows (the total leaves them out).
    pub fn unpriced(&self) -> u32 {
        self.unsupported
            .iter()
            .filter(|(t, _)| !is_free(t))
            .map(|(_, n)| *n)
            .sum()
    }
}

fn located(d: Diagnostic, span: &Span) -> Diagnostic {
    let mut d = d;
    d.file = Some(span.file.as_ref().into());
    d.line = Some(span.line);
    d.column = Some(span.column);
    d
}

fn reader_diagnostic(d: &planwright_terraform::Diagnostic, level: Level) -> Diagnostic {
    let message = format!("{}: {}", d.code, d.message);
    let base = match level {
        Level::Error => Diagnostic::error(TERRAFORM_CODE, message),
        Level::Warning => Diagnostic::warning(TERRAFORM_CODE, message),
    };
    let base = match &d.hint {
        Some(h) => base.with_hint(h.clone()),
        None => base,
    };
    located(base, &d.span)
}

/// Reads a root module (see [`planwright_terraform::evaluate_module`]) into a design.
pub fn import_module(
    files: &[(&str, &str)],
    module: &ModuleOptions,
    options: &Options,
) -> Imported {
    from_evaluated(
        &planwright_terraform::evaluate_module(files, module),
        options,
    )
}

/// Reads `terraform show -json` output into a design.
pub fn import_plan(path: &str, json: &str, limits: &Limits, options: &Options) -> Imported {
    from_evaluated(
        &planwright_terraform::evaluate_plan(path, json, limits),
        options,
    )
}

/// Whether `text` looks like `terraform show -json` output rather than HCL.
pub fn is_plan_json(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with('{') && (t.contains("\"format_version\"") || t.contains("\"planned_values\""))
}

/// The design of evaluated Terraform.
pub fn from_evaluated(ev: &Evaluated, options: &Options) -> Imported {
    let mut imported = Imported::default();
    imported
        .diagnostics
        .extend(ev.errors.iter().map(|d| reader_diagnostic(d, Level::Error)));
    imported.diagnostics.extend(
        ev.warnings
            .iter()
            .map(|d| reader_diagnostic(d, Level::Warning)),
    );
    let provider = ev.provider("aws");
    let region = options
        .region
        .clone()
        .or_else(|| provider.and_then(|p| p.str("region")).map(str::to_string))
        .or_else(|| region_from_zones(&ev.resources));
    let region = match region {
        Some(r) => r,
        None => {
            let at = provider
                .map(|p| p.span.clone())
                .or_else(|| ev.resources.first().map(|r| r.span.clone()));
            let d = Diagnostic::warning(
                TERRAFORM_CODE,
                format!("the region is not known from these files; priced in {DEFAULT_REGION}"),
            )
            .with_hint("set `region` in the provider \"aws\" block or pass --region");
            imported.diagnostics.push(match at {
                Some(s) => located(d, &s),
                None => d,
            });
            DEFAULT_REGION.to_string()
        }
    };
    imported.region = region.clone();

    let managed: Vec<Instance> = ev
        .resources
        .iter()
        .filter(|r| r.mode == Mode::Managed)
        .cloned()
        .collect();
    let mut cx = Cx::new(&managed, &region);
    for p in ev.providers.iter().filter(|p| p.name == "aws") {
        if let (Some(alias), Some(r)) = (&p.alias, p.str("region")) {
            cx.alias(alias, r);
        }
    }
    let network = network::map(&mut cx);

    // Resources: every managed instance whose type a kind reads, in source order.
    let mut resources: Vec<(String, &'static str, &Instance, Obj)> = Vec::new();
    for r in &managed {
        let Some(info) = REGISTRY
            .iter()
            .find(|k| k.terraform.contains(&r.resource_type.as_str()))
        else {
            continue;
        };
        cx.name(&r.address, &r.address);
        if let Some(mut fields) = (info.from_terraform)(r, &mut cx) {
            if let Some(u) = &options.usage {
                u.apply(
                    &r.address,
                    &r.resource_type,
                    &mut fields,
                    &mut imported.diagnostics,
                );
            }
            resources.push((r.address.clone(), info.name, r, fields));
        }
    }
    let mapped: std::collections::BTreeSet<&str> =
        resources.iter().map(|(n, ..)| n.as_str()).collect();
    let unmapped: Vec<&Instance> = managed
        .iter()
        .filter(|r| !mapped.contains(r.address.as_str()) && !cx.is_folded(&r.address))
        .collect();
    for r in &unmapped {
        *imported
            .unsupported
            .entry(r.resource_type.clone())
            .or_default() += 1;
    }
    for (ty, n) in &imported.unsupported {
        let first = unmapped.iter().find(|r| &r.resource_type == ty);
        let (what, why) = if is_free(ty) {
            ("not checked", "AWS does not charge for it")
        } else {
            ("not priced, not checked", "the total leaves it out")
        };
        let d = Diagnostic::warning(UNSUPPORTED_CODE, format!("{n} × {ty}: {what} ({why})"));
        imported.diagnostics.push(match first {
            Some(r) => located(d, &r.span),
            None => d,
        });
    }
    for note in std::mem::take(&mut cx.notes) {
        let d = Diagnostic::warning(crate::terraform::WARN_CODE, note.message);
        let d = match note.hint {
            Some(h) => d.with_hint(h),
            None => d,
        };
        imported.diagnostics.push(located(d, &note.span));
    }

    // The design.
    let mut design = Obj::new();
    design.num("version", 1.0, None);
    design.str("name", non_empty(&options.name, "terraform"), None);
    let region_span = provider.and_then(|p| p.attrs.get_spanned("region").map(|a| a.span.clone()));
    design.str("region", region.clone(), region_span.as_ref());
    if let Some(tags) = provider.and_then(|p| p.attrs.get_spanned("default_tags[0].tags")) {
        if let Some(t) = string_map(&tags.value) {
            design.obj("tags", t, Some(&tags.span));
        }
    }
    if let Some(net) = network {
        design.obj("network", net, None);
    }
    let mut res = Obj::new();
    for (name, kind, r, fields) in resources {
        let mut o = Obj::new();
        o.str("kind", kind, Some(&r.span));
        o.0.extend(fields.0);
        if let Some(tags) = r.get_spanned("tags") {
            if let Some(t) = string_map(&tags.value) {
                if !t.is_empty() {
                    o.obj("tags", t, Some(&tags.span));
                }
            }
        }
        imported.resources.push(Source {
            name: name.clone(),
            resource_type: r.resource_type.clone(),
            kind,
            file: r.span.file.to_string(),
            line: r.span.line,
            column: r.span.column,
            design_lines: (0, 0),
        });
        res.obj(&name, o, Some(&r.span));
    }
    design.obj("resources", res, None);
    let mut w = Writer::default();
    w.comment(&format!(
        "Imported from Terraform by `planwright import`: {} resources, region {region}.",
        imported.resources.len()
    ));
    w.comment("Each resource is named by its Terraform address; usage (traffic, storage) is not in Terraform: add it under `usage:`.");
    w.map(&design, 0, None, &imported.resources, false);
    for s in &mut imported.resources {
        if let Some(range) = w.ranges.get(&s.name) {
            s.design_lines = *range;
        }
    }
    imported.text = w.text;
    imported.lines = w.lines;
    imported
}

fn non_empty(s: &str, fallback: &str) -> String {
    if s.trim().is_empty() {
        fallback.to_string()
    } else {
        s.to_string()
    }
}

/// `us-east-1` from a subnet's `availability_zone = "us-east-1a"`.
fn region_from_zones(all: &[Instance]) -> Option<String> {
    all.iter()
        .filter_map(|r| r.str("availability_zone"))
        .find_map(|z| {
            let trimmed = z.trim_end_matches(|c: char| c.is_ascii_lowercase());
            (trimmed.len() < z.len() && trimmed.ends_with(|c: char| c.is_ascii_digit()))
                .then(|| trimmed.to_string())
        })
}

/// A map of known strings (tags).
fn string_map(v: &Value) -> Option<Obj> {
    let m = v.as_object()?;
    let mut o = Obj::new();
    for (k, item) in m {
        match &item.value {
            Value::String(s) => {
                o.str(k, s.clone(), Some(&item.span));
            }
            Value::Number(n) => {
                o.str(k, crate::terraform::format_number(*n), Some(&item.span));
            }
            Value::Bool(b) => {
                o.str(k, b.to_string(), Some(&item.span));
            }
            _ => {}
        }
    }
    Some(o)
}

/// Writes the design as block YAML, remembering the span of every line.
#[derive(Default)]
struct Writer {
    text: String,
    lines: Vec<Option<Span>>,
    /// The design lines of each resource written (first, last).
    ranges: BTreeMap<String, (u32, u32)>,
}

fn plain_key(k: &str) -> bool {
    !k.is_empty()
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && !k.starts_with('-')
}

fn key_text(k: &str) -> String {
    if plain_key(k) {
        k.to_string()
    } else {
        quoted(k)
    }
}

fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// Whether a string can be written without quotes and still read back as that string.
fn plain_string(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '/' | ':'))
        && !s.ends_with(':')
        && !s.contains(": ")
        && !matches!(
            s.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "y" | "n"
        )
}

fn scalar(v: &OutValue) -> Option<String> {
    Some(match v {
        OutValue::Str(s) if plain_string(s) => s.clone(),
        OutValue::Str(s) => quoted(s),
        OutValue::Num(n) => crate::terraform::format_number(*n),
        OutValue::Bool(b) => b.to_string(),
        OutValue::List(l) if l.is_empty() => "[]".into(),
        OutValue::Map(m) if m.is_empty() => "{}".into(),
        _ => return None,
    })
}

impl Writer {
    fn line(&mut self, text: String, span: Option<&Span>) {
        self.text.push_str(&text);
        self.text.push('\n');
        self.lines.push(span.cloned());
    }

    fn comment(&mut self, text: &str) {
        self.line(format!("# {text}"), None);
    }

    /// Writes `obj` at `indent`; `first` is the `- ` prefix of a list item's first key.
    /// `named`: its keys are the Terraform addresses of network entries (subnets, security
    /// groups), each said with its `.tf` line the way resources are.
    fn map(
        &mut self,
        obj: &Obj,
        indent: usize,
        first: Option<&str>,
        sources: &[Source],
        named: bool,
    ) {
        for (i, (k, v)) in obj.0.iter().enumerate() {
            let pad = match (i, first) {
                (0, Some(dash)) => {
                    format!("{}{dash}", " ".repeat(indent.saturating_sub(dash.len())))
                }
                _ => " ".repeat(indent),
            };
            if indent == 2 && first.is_none() {
                if let Some(s) = sources.iter().find(|s| &s.name == k) {
                    self.line(
                        format!("{pad}# {} ({}:{})", s.name, s.file, s.line),
                        v.span.as_ref(),
                    );
                }
            }
            if named {
                if let Some(span) = &v.span {
                    self.line(
                        format!("{pad}# {k} ({}:{})", span.file, span.line),
                        Some(span),
                    );
                }
            }
            let start = self.lines.len() as u32 + 1;
            self.entry(&pad, &key_text(k), v, indent, sources);
            if indent == 2 && first.is_none() && sources.iter().any(|s| &s.name == k) {
                self.ranges
                    .insert(k.clone(), (start, self.lines.len() as u32));
            }
        }
    }

    fn entry(&mut self, pad: &str, key: &str, v: &Out, indent: usize, sources: &[Source]) {
        if let Some(s) = scalar(&v.value) {
            self.line(format!("{pad}{key}: {s}"), v.span.as_ref());
            return;
        }
        self.line(format!("{pad}{key}:"), v.span.as_ref());
        let named = indent == 2 && matches!(key, "subnets" | "security_groups");
        match &v.value {
            OutValue::Map(m) => self.map(m, indent + 2, None, sources, named),
            OutValue::List(items) => self.list(items, indent + 2),
            _ => {}
        }
    }

    fn list(&mut self, items: &[Out], indent: usize) {
        for item in items {
            match &item.value {
                OutValue::Map(m) if !m.is_empty() => {
                    self.map(m, indent + 2, Some("- "), &[], false)
                }
                v => {
                    let s = scalar(v).unwrap_or_else(|| "null".into());
                    self.line(format!("{}- {s}", " ".repeat(indent)), item.span.as_ref());
                }
            }
        }
    }
}

/// Evaluates an imported design with the one pipeline and moves every located item of the
/// report to the `.tf` line it came from. `Err`: the Terraform could not be read, or the
/// design it gave could not (each error located in `.tf` where its line maps).
pub fn evaluate(imported: &Imported, options: &EvalOptions<'_>) -> Result<Report, Vec<Diagnostic>> {
    if imported.has_errors() {
        return Err(imported.diagnostics.clone());
    }
    match pipeline::evaluate_text(&imported.text, options) {
        Ok(mut report) => {
            for d in &mut report.diagnostics {
                let path = d.design_path();
                relocate(imported, &mut d.file, &mut d.line, &mut d.column, &path);
            }
            for f in &mut report.findings {
                relocate(imported, &mut f.file, &mut f.line, &mut f.column, &f.path);
            }
            let unpriced = imported.unpriced();
            if unpriced > 0 {
                report.cost.complete = false;
                report.cost.unpriced += unpriced;
            }
            let mut diagnostics = imported.diagnostics.clone();
            diagnostics.append(&mut report.diagnostics);
            report.diagnostics = diagnostics;
            Ok(report)
        }
        Err(mut errors) => {
            for d in &mut errors {
                let path = d.design_path();
                relocate(imported, &mut d.file, &mut d.line, &mut d.column, &path);
            }
            let mut all = imported.diagnostics.clone();
            all.append(&mut errors);
            Err(all)
        }
    }
}

/// Moves a design location to the `.tf` span of its line (or of its resource).
fn relocate(
    imported: &Imported,
    file: &mut Option<Box<str>>,
    line: &mut Option<u32>,
    column: &mut Option<u32>,
    path: &DesignPath,
) {
    if file.is_some() {
        return;
    }
    // By the typed segment: Terraform addresses hold dots (`aws_instance.web`).
    let owner = path
        .resource()
        .and_then(|name| imported.resources.iter().find(|s| s.name == name));
    // The line's own span, when the line belongs to the item's resource (an item about a
    // field that is not written is located at its resource's line by the reader).
    let by_line = line
        .filter(|l| owner.is_none_or(|o| (o.design_lines.0..=o.design_lines.1).contains(l)))
        .and_then(|l| imported.lines.get((l as usize).checked_sub(1)?))
        .and_then(Option::as_ref);
    let span = by_line
        .cloned()
        .or_else(|| owner.map(|s| Span::point(s.file.as_str().into(), s.line, s.column)));
    if let Some(s) = span {
        *file = Some(s.file.as_ref().into());
        *line = Some(s.line);
        *column = Some(s.column);
    }
}
