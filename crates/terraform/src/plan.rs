//! `terraform show -json` plans.
//!
//! A plan already holds what Terraform computed. Resource instances come from
//! `resource_changes[].change.after` (with `after_unknown` marking values known only after
//! apply), or from `planned_values` when there are no changes listed. Instances being deleted are
//! left out: they will not exist. An unknown attribute whose configuration expression references
//! one resource attribute becomes a [`Ref`] to it, so plans and sources map the same way.
//! Spans point at the JSON objects (line and column in the plan file).

use crate::config::Mode;
use crate::error::{codes, Diagnostic};
use crate::files::{SourceFile, Span};
use crate::json::{self, Json, JsonKind};
use crate::limits::Limits;
use crate::resource::{Evaluated, IndexKey, ModuleStep, ProviderConfig, ResourceInstance};
use crate::value::{Map, Ref, Spanned, Unknown, Value};

const AFTER_APPLY: &str = "known after apply";

pub(crate) fn evaluate(path: &str, text: &str, limits: &Limits) -> Evaluated {
    let mut out = Evaluated::default();
    if text.len() > limits.max_total_bytes {
        out.errors.push(Diagnostic::new(
            codes::LIMIT,
            format!(
                "the plan is {} bytes, over the limit of {}",
                text.len(),
                limits.max_total_bytes
            ),
            Span::file_start(path),
        ));
        return out;
    }
    let file = SourceFile::new(path, text);
    let root = match json::parse(text) {
        Ok(j) => j,
        Err(e) => {
            let (line, column) = file.position(e.offset);
            out.errors.push(Diagnostic::new(
                codes::PARSE,
                format!("invalid plan JSON: {}", e.message),
                Span::point(file.path.clone(), line, column),
            ));
            return out;
        }
    };
    let whole = file.span(Some(root.range.clone()));
    if !matches!(root.kind, JsonKind::Object(_)) {
        out.errors.push(Diagnostic::new(
            codes::PLAN,
            "a plan JSON must be an object",
            whole,
        ));
        return out;
    }
    match root.get("format_version").and_then(Json::as_str) {
        None => out.warnings.push(
            Diagnostic::new(
                codes::PLAN,
                "no format_version: is this `terraform show -json` output?",
                whole.clone(),
            )
            .with_hint("run `terraform show -json plan.out > plan.json`"),
        ),
        Some(v) if !v.starts_with("1.") => out.warnings.push(Diagnostic::new(
            codes::PLAN,
            format!("plan format_version {v} is newer than this reader (1.x)"),
            whole.clone(),
        )),
        Some(_) => {}
    }
    if let Some(providers) = root
        .get("configuration")
        .and_then(|c| c.get("provider_config"))
    {
        out.providers = provider_configs(&file, providers);
    }
    let config = root.get("configuration").and_then(|c| c.get("root_module"));
    let p = Plan {
        file: &file,
        config,
        limits,
    };
    if let Some(changes) = root
        .get("resource_changes")
        .filter(|c| matches!(c.kind, JsonKind::Array(_)))
    {
        for rc in changes.as_array() {
            if out.resources.len() >= limits.max_instances.saturating_mul(10) {
                out.errors.push(Diagnostic::new(
                    codes::LIMIT,
                    "the plan has too many resources",
                    whole,
                ));
                break;
            }
            let change = rc.get("change");
            let actions: Vec<&str> = change
                .and_then(|c| c.get("actions"))
                .map(|a| a.as_array().iter().filter_map(Json::as_str).collect())
                .unwrap_or_default();
            if actions == ["delete"] {
                continue;
            }
            let after = change.and_then(|c| c.get("after"));
            let unknown = change.and_then(|c| c.get("after_unknown"));
            let sensitive = change.and_then(|c| c.get("after_sensitive"));
            match p.instance(rc, after, unknown, sensitive) {
                Ok(r) => out.resources.push(r),
                Err(d) => out.errors.push(d),
            }
        }
    } else if let Some(pv) = root
        .get("planned_values")
        .and_then(|p| p.get("root_module"))
    {
        p.walk_planned(pv, &mut out, 0);
    } else {
        out.errors.push(Diagnostic::new(
            codes::PLAN,
            "the plan has neither resource_changes nor planned_values",
            whole,
        ));
    }
    out
}

/// `configuration.provider_config`: each provider's `name`, `alias` and the constant values
/// of its `expressions` (a region from a variable is in the plan as `references` only).
fn provider_configs(file: &SourceFile, providers: &Json) -> Vec<ProviderConfig> {
    let mut out = Vec::new();
    for (_, _, p) in providers.members() {
        let span = file.span(Some(p.range.clone()));
        let Some(name) = p.get("name").and_then(Json::as_str) else {
            continue;
        };
        let mut attrs = Map::new();
        if let Some(exprs) = p.get("expressions") {
            for (key, _, e) in exprs.members() {
                if let Some(v) = e.get("constant_value").and_then(Json::as_str) {
                    let at = file.span(Some(e.range.clone()));
                    attrs.insert(key.clone(), Spanned::new(Value::String(v.to_string()), at));
                }
            }
        }
        out.push(ProviderConfig {
            name: name.to_string(),
            alias: p.get("alias").and_then(Json::as_str).map(str::to_string),
            attrs: Value::Object(attrs),
            span,
        });
    }
    out
}

struct Plan<'a> {
    file: &'a SourceFile,
    config: Option<&'a Json>,
    limits: &'a Limits,
}

impl Plan<'_> {
    fn span(&self, j: &Json) -> Span {
        self.file.span(Some(j.range.clone()))
    }

    fn walk_planned(&self, module: &Json, out: &mut Evaluated, depth: usize) {
        if depth > self.limits.max_module_depth {
            out.errors.push(Diagnostic::new(
                codes::LIMIT,
                "planned_values modules nest too deeply",
                self.span(module),
            ));
            return;
        }
        if let Some(rs) = module.get("resources") {
            for r in rs.as_array() {
                match self.instance(r, r.get("values"), None, r.get("sensitive_values")) {
                    Ok(i) => out.resources.push(i),
                    Err(d) => out.errors.push(d),
                }
            }
        }
        if let Some(children) = module.get("child_modules") {
            for c in children.as_array() {
                self.walk_planned(c, out, depth + 1);
            }
        }
    }

    fn instance(
        &self,
        r: &Json,
        after: Option<&Json>,
        unknown: Option<&Json>,
        sensitive: Option<&Json>,
    ) -> Result<ResourceInstance, Diagnostic> {
        let span = self.span(r);
        let field = |k: &str| r.get(k).and_then(Json::as_str).map(str::to_string);
        let Some(address) = field("address") else {
            return Err(Diagnostic::new(
                codes::PLAN,
                "resource without an address",
                span,
            ));
        };
        let mode = if field("mode").as_deref() == Some("data") {
            Mode::Data
        } else {
            Mode::Managed
        };
        let (Some(rtype), Some(name)) = (field("type"), field("name")) else {
            return Err(Diagnostic::new(
                codes::PLAN,
                format!("resource {address} has no type or name"),
                span,
            ));
        };
        let index = match r.get("index").map(|i| &i.kind) {
            Some(JsonKind::Number(n)) if *n >= 0.0 && n.fract() == 0.0 => {
                Some(IndexKey::Int(*n as u64))
            }
            Some(JsonKind::String(s)) => Some(IndexKey::String(s.clone())),
            _ => None,
        };
        let module_addr = match field("module_address") {
            Some(m) => m,
            None => module_prefix_of(&address, mode, &rtype),
        };
        let module = parse_module_address(&module_addr);
        let expressions = self
            .config_resource(&module, mode, &rtype, &name)
            .and_then(|c| c.get("expressions"));
        let ctx = RefCtx {
            module_addr: &module_addr,
        };
        let attrs = match (after, unknown) {
            (Some(a), u) => self.merge(
                a,
                Marks {
                    unknown: u,
                    sensitive,
                },
                expressions,
                &ctx,
                0,
            ),
            (None, Some(u)) => self.merge(
                &placeholder(u),
                Marks {
                    unknown: Some(u),
                    sensitive,
                },
                expressions,
                &ctx,
                0,
            ),
            (None, None) => Value::Object(Map::new()),
        };
        let attrs = if matches!(attrs, Value::Object(_)) {
            attrs
        } else {
            Value::Object(Map::new())
        };
        Ok(ResourceInstance {
            address,
            mode,
            resource_type: rtype,
            name,
            module,
            index,
            provider: field("provider_name"),
            attrs,
            span,
        })
    }

    /// The configuration resource for a module path (instance keys dropped).
    fn config_resource(
        &self,
        module: &[ModuleStep],
        mode: Mode,
        rtype: &str,
        name: &str,
    ) -> Option<&Json> {
        let mut m = self.config?;
        for step in module {
            m = m.get("module_calls")?.get(&step.name)?.get("module")?;
        }
        let want_mode = if mode == Mode::Data {
            "data"
        } else {
            "managed"
        };
        m.get("resources")?.as_array().iter().find(|r| {
            r.get("type").and_then(Json::as_str) == Some(rtype)
                && r.get("name").and_then(Json::as_str) == Some(name)
                && r.get("mode").and_then(Json::as_str).unwrap_or("managed") == want_mode
        })
    }

    /// Combines `after` with `after_unknown` (and hides `after_sensitive` values), and attaches
    /// references from the configuration.
    fn merge(
        &self,
        after: &Json,
        marks: Marks,
        expr: Option<&Json>,
        ctx: &RefCtx,
        depth: usize,
    ) -> Value {
        if marks.unknown.is_some_and(Json::is_true) {
            return unknown_value(expr, ctx, None);
        }
        if marks.sensitive.is_some_and(Json::is_true) {
            return Value::unknown("sensitive value");
        }
        if depth > json::MAX_DEPTH {
            return Value::unknown("nested too deeply");
        }
        match &after.kind {
            JsonKind::Object(members) => {
                let mut map = Map::new();
                for (k, kr, v) in members {
                    let e = expr.and_then(|e| e.get(k));
                    let span = self.file.span(Some(kr.start..v.range.end));
                    map.insert(
                        k.clone(),
                        Spanned::new(self.merge(v, marks.get(k), e, ctx, depth + 1), span),
                    );
                }
                // Attributes only listed in after_unknown (computed ones, or lists of unknowns).
                if let Some(u) = marks.unknown {
                    for (k, kr, uv) in u.members() {
                        if map.contains_key(k) || matches!(uv.kind, JsonKind::Bool(false)) {
                            continue;
                        }
                        let span = self.file.span(Some(kr.start..uv.range.end));
                        let value = self.merge(
                            &placeholder(uv),
                            marks.get(k),
                            expr.and_then(|e| e.get(k)),
                            ctx,
                            depth + 1,
                        );
                        map.insert(k.clone(), Spanned::new(value, span));
                    }
                }
                Value::Object(map)
            }
            JsonKind::Array(items) => {
                // Per-element unknowns of a list written as `[a.id, b.id]`: one reference each.
                let refs = expr.map(|e| attr_refs(e, ctx)).unwrap_or_default();
                let per_element = refs.len() == items.len();
                let mut list = Vec::with_capacity(items.len());
                for (i, v) in items.iter().enumerate() {
                    let m = marks.at(i);
                    let e = expr.and_then(|e| e.as_array().get(i));
                    let value = if m.unknown.is_some_and(Json::is_true) {
                        unknown_value(
                            None,
                            ctx,
                            if per_element {
                                refs.get(i).cloned()
                            } else {
                                None
                            },
                        )
                        .or_refs(&refs)
                    } else {
                        self.merge(v, m, e, ctx, depth + 1)
                    };
                    list.push(Spanned::new(value, self.span(v)));
                }
                Value::List(list)
            }
            JsonKind::Null => Value::Null,
            JsonKind::Bool(b) => Value::Bool(*b),
            JsonKind::Number(n) => Value::Number(*n),
            JsonKind::String(s) => Value::String(s.clone()),
        }
    }
}

/// The `after_unknown` and `after_sensitive` nodes at one position in `after`.
#[derive(Clone, Copy)]
struct Marks<'a> {
    unknown: Option<&'a Json>,
    sensitive: Option<&'a Json>,
}

impl<'a> Marks<'a> {
    fn get(&self, k: &str) -> Marks<'a> {
        Marks {
            unknown: self.unknown.and_then(|u| u.get(k)),
            sensitive: self.sensitive.and_then(|s| s.get(k)),
        }
    }

    fn at(&self, i: usize) -> Marks<'a> {
        Marks {
            unknown: self.unknown.and_then(|u| u.as_array().get(i)),
            sensitive: self.sensitive.and_then(|s| s.as_array().get(i)),
        }
    }
}

/// A stand-in `after` value shaped like an `after_unknown` node (for attributes missing from
/// `after`): an object or a list of nulls, so that the merge walks the unknown marks.
fn placeholder(u: &Json) -> Json {
    let kind = match &u.kind {
        JsonKind::Array(a) => JsonKind::Array(
            a.iter()
                .map(|e| Json {
                    kind: JsonKind::Null,
                    range: e.range.clone(),
                })
                .collect(),
        ),
        _ => JsonKind::Object(Vec::new()),
    };
    Json {
        kind,
        range: u.range.clone(),
    }
}

struct RefCtx<'a> {
    module_addr: &'a str,
}

trait OrRefs {
    fn or_refs(self, refs: &[Ref]) -> Value;
}

impl OrRefs for Value {
    /// An unknown element without its own reference keeps the list's references.
    fn or_refs(self, refs: &[Ref]) -> Value {
        match self {
            Value::Unknown(mut u) if u.refs.is_empty() && !refs.is_empty() => {
                u.refs = refs.to_vec();
                Value::Unknown(u)
            }
            v => v,
        }
    }
}

/// The value of an attribute known only after apply: a `Ref` if its expression references
/// exactly one resource attribute, else an unknown listing the references.
fn unknown_value(expr: Option<&Json>, ctx: &RefCtx, single: Option<Ref>) -> Value {
    if let Some(r) = single {
        return Value::Ref(r);
    }
    let refs = expr.map(|e| attr_refs(e, ctx)).unwrap_or_default();
    if let [one] = refs.as_slice() {
        return Value::Ref(one.clone());
    }
    Value::Unknown(Unknown {
        reason: AFTER_APPLY.into(),
        refs,
    })
}

/// Resource attribute references (`aws_vpc.main.id`) of a configuration expression, resolved
/// against the module instance of the resource.
fn attr_refs(expr: &Json, ctx: &RefCtx) -> Vec<Ref> {
    let mut out = Vec::new();
    let Some(refs) = expr.get("references") else {
        return out;
    };
    for r in refs.as_array() {
        if let Some(parsed) = r.as_str().and_then(parse_reference) {
            let address = if ctx.module_addr.is_empty() {
                parsed.0
            } else {
                format!("{}.{}", ctx.module_addr, parsed.0)
            };
            let r = Ref {
                address,
                attr: parsed.1,
            };
            if !out.contains(&r) {
                out.push(r);
            }
        }
    }
    out
}

/// Splits `aws_subnet.a[0].id` into (`aws_subnet.a[0]`, `id`); `None` for non-resource
/// references (`var.x`, `local.y`, `module.m.o`) and whole-resource entries (`aws_subnet.a`).
fn parse_reference(s: &str) -> Option<(String, String)> {
    let (first, rest) = s.split_once('.')?;
    let (prefix, first, rest) = match first {
        "var" | "local" | "module" | "each" | "count" | "path" | "terraform" | "self" => {
            return None
        }
        "data" => {
            let (t, r) = rest.split_once('.')?;
            ("data.", t, r)
        }
        t => ("", t, rest),
    };
    // `rest` is NAME, then an optional index, then `.attr...`
    let name_end = rest.find(['.', '[']).unwrap_or(rest.len());
    let name = rest.get(..name_end)?;
    let mut tail = rest.get(name_end..)?;
    let mut index = "";
    if tail.starts_with('[') {
        let close = find_index_end(tail)?;
        index = tail.get(..=close)?;
        tail = tail.get(close + 1..)?;
    }
    let attr = tail.strip_prefix('.')?;
    if attr.is_empty() || name.is_empty() {
        return None;
    }
    Some((format!("{prefix}{first}.{name}{index}"), attr.to_string()))
}

fn find_index_end(s: &str) -> Option<usize> {
    let mut in_str = false;
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_str => escaped = true,
            '"' => in_str = !in_str,
            ']' if !in_str => return Some(i),
            _ => {}
        }
    }
    None
}

/// The module part of a resource address (`module.a[0].aws_x.y` → `module.a[0]`).
fn module_prefix_of(address: &str, mode: Mode, rtype: &str) -> String {
    let marker = if mode == Mode::Data {
        format!("data.{rtype}.")
    } else {
        format!("{rtype}.")
    };
    if address.starts_with(&marker) {
        return String::new();
    }
    match address.find(&format!(".{marker}")) {
        Some(i) => address.get(..i).unwrap_or("").to_string(),
        None => String::new(),
    }
}

/// Parses `module.a["x"].module.b[0]` into steps.
pub(crate) fn parse_module_address(s: &str) -> Vec<ModuleStep> {
    let mut steps = Vec::new();
    let mut rest = s;
    while let Some(r) = rest.strip_prefix("module.") {
        let end = r.find(['.', '[']).unwrap_or(r.len());
        let name = r.get(..end).unwrap_or("").to_string();
        let mut tail = r.get(end..).unwrap_or("");
        let mut key = None;
        if tail.starts_with('[') {
            let Some(close) = find_index_end(tail) else {
                break;
            };
            let inner = tail.get(1..close).unwrap_or("");
            key = Some(
                match inner.strip_prefix('"').and_then(|x| x.strip_suffix('"')) {
                    Some(q) => IndexKey::String(q.replace("\\\"", "\"").replace("\\\\", "\\")),
                    None => match inner.parse::<u64>() {
                        Ok(n) => IndexKey::Int(n),
                        Err(_) => IndexKey::String(inner.to_string()),
                    },
                },
            );
            tail = tail.get(close + 1..).unwrap_or("");
        }
        steps.push(ModuleStep { name, key });
        rest = tail.strip_prefix('.').unwrap_or("");
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resource::module_address;

    #[test]
    fn references_parse() {
        assert_eq!(
            parse_reference("aws_vpc.main.id"),
            Some(("aws_vpc.main".into(), "id".into()))
        );
        assert_eq!(
            parse_reference("aws_subnet.a[0].id"),
            Some(("aws_subnet.a[0]".into(), "id".into()))
        );
        assert_eq!(
            parse_reference("aws_subnet.a[\"x.y\"].arn"),
            Some(("aws_subnet.a[\"x.y\"]".into(), "arn".into()))
        );
        assert_eq!(
            parse_reference("data.aws_ami.u.id"),
            Some(("data.aws_ami.u".into(), "id".into()))
        );
        assert_eq!(parse_reference("aws_vpc.main"), None);
        assert_eq!(parse_reference("var.x"), None);
        assert_eq!(parse_reference("module.db.endpoint"), None);
    }

    #[test]
    fn module_addresses_parse() {
        let s = parse_module_address("module.app[\"x\"].module.db[2]");
        assert_eq!(module_address(&s), "module.app[\"x\"].module.db[2]");
        assert_eq!(
            module_prefix_of("module.a.aws_x.y", Mode::Managed, "aws_x"),
            "module.a"
        );
        assert_eq!(module_prefix_of("aws_x.y", Mode::Managed, "aws_x"), "");
    }
}
