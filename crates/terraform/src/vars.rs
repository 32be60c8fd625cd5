//! Root module variable values and type conversion.
//!
//! Terraform's precedence, lowest first: variable defaults, `terraform.tfvars`,
//! `terraform.tfvars.json`, `*.auto.tfvars` / `*.auto.tfvars.json` in lexical order, `-var-file`
//! files in the order given, then `-var` options. Later sources override earlier ones; the result
//! is a table of provided values that `var.NAME` in the root module consults before the default.
//!
//! Declared types are advisory here, but conversions that change meaning are applied: numbers and
//! bools from strings (all `-var` values arrive as strings), `set(...)` deduplication, and
//! `optional(type, default)` attributes of object types, which modern modules rely on.

use crate::config::FileId;
use crate::error::{codes, Diagnostic};
use crate::eval::{EResult, Evaluator, Scope};
use crate::files::{dir_of, join_path, normalize_path, SourceFile, Span};
use crate::json::{self, Json, JsonKind};
use crate::value::{format_number, Map, Spanned, Value};
use hcl_edit::expr::{Expression, ObjectKey};
use hcl_edit::structure::Structure;
use hcl_edit::Span as _;

/// Fills `ev.root_values` from tfvars files and `--var` options.
pub(crate) fn collect_root_values(
    ev: &mut Evaluator,
    root_dir: &str,
    var_files: &[String],
    cli: &[(String, String)],
) {
    let mut auto: Vec<(String, FileId)> = Vec::new();
    let mut fixed: Vec<(u8, FileId)> = Vec::new();
    for (id, f) in ev.files.iter().enumerate() {
        if dir_of(&f.path) != root_dir {
            continue;
        }
        let base = f.path.rsplit('/').next().unwrap_or("");
        if base == "terraform.tfvars" {
            fixed.push((0, id));
        } else if base == "terraform.tfvars.json" {
            fixed.push((1, id));
        } else if base.ends_with(".auto.tfvars") || base.ends_with(".auto.tfvars.json") {
            auto.push((f.path.to_string(), id));
        }
    }
    fixed.sort();
    auto.sort();
    let mut order: Vec<FileId> = fixed
        .into_iter()
        .map(|(_, id)| id)
        .chain(auto.into_iter().map(|(_, id)| id))
        .collect();
    for vf in var_files {
        let wanted = [normalize_path(vf), join_path(root_dir, vf)];
        match ev
            .files
            .iter()
            .position(|f| wanted.iter().any(|w| w.as_deref() == Some(&*f.path)))
        {
            Some(id) => order.push(id),
            None => ev.errors.push(
                Diagnostic::new(
                    codes::VARIABLE,
                    format!("var file \"{vf}\" is not in the input"),
                    Span::file_start(vf),
                )
                .with_hint("add the file to the input set"),
            ),
        }
    }
    for id in order {
        load_tfvars(ev, id);
    }
    for (name, raw) in cli {
        let complex = ev
            .module_config(0)
            .variables
            .get(name)
            .and_then(|d| d.type_expr.as_ref())
            .is_some_and(|t| matches!(t, Expression::FuncCall(_)));
        let path = format!("--var {name}");
        ev.files.push(SourceFile::new(&path, raw));
        let id = ev.files.len() - 1;
        let span = ev.span(id, Some(0..raw.len()));
        let value = if complex {
            match hcl_edit::parser::parse_expr(raw) {
                Ok(e) => {
                    let r = ev.eval(&e, &mut Scope::constant(id));
                    match r {
                        Ok(v) => v,
                        Err(d) => {
                            ev.record(d);
                            continue;
                        }
                    }
                }
                Err(e) => {
                    let (line, column) = ev
                        .files
                        .get(id)
                        .map_or((1, 1), |f| f.position(e.location().offset()));
                    ev.errors.push(Diagnostic::new(
                        codes::PARSE,
                        format!("invalid value for --var {name}: {}", e.message()),
                        Span::point(path.as_str().into(), line, column),
                    ));
                    continue;
                }
            }
        } else {
            Value::String(raw.clone())
        };
        ev.root_values
            .insert(name.clone(), Spanned::new(value, span));
    }
    let cfg = ev.module_config(0);
    let mut undeclared: Vec<(String, Span)> = ev
        .root_values
        .iter()
        .filter(|(k, _)| !cfg.variables.contains_key(*k))
        .map(|(k, v)| (k.clone(), v.span.clone()))
        .collect();
    undeclared.sort_by(|a, b| a.0.cmp(&b.0));
    for (name, span) in undeclared {
        ev.warn_hint(
            codes::VARIABLE,
            format!("a value is set for undeclared variable \"{name}\""),
            span,
            "declare it, or remove the value",
        );
    }
}

fn load_tfvars(ev: &mut Evaluator, id: FileId) {
    let Some(file) = ev.files.get(id) else { return };
    if file.path.ends_with(".json") {
        match json::parse(&file.text) {
            Ok(j) => {
                let JsonKind::Object(members) = &j.kind else {
                    ev.errors.push(Diagnostic::new(
                        codes::PARSE,
                        "a .tfvars.json file must hold an object",
                        file.span(Some(j.range.clone())),
                    ));
                    return;
                };
                let mut vals = Vec::new();
                for (k, krange, v) in members {
                    let span = ev.span(id, Some(krange.start..v.range.end));
                    vals.push((k.clone(), Spanned::new(json_value(ev, id, v), span)));
                }
                ev.root_values.extend(vals);
            }
            Err(e) => {
                let (line, column) = file.position(e.offset);
                ev.errors.push(Diagnostic::new(
                    codes::PARSE,
                    format!("invalid JSON: {}", e.message),
                    Span::point(file.path.clone(), line, column),
                ));
            }
        }
        return;
    }
    let body = match crate::config::parse_file(file) {
        Ok(b) => b,
        Err(d) => {
            ev.errors.push(d);
            return;
        }
    };
    for s in body.iter() {
        match s {
            Structure::Attribute(a) => {
                let span = ev.span(id, a.span());
                let r = ev.eval(&a.value, &mut Scope::constant(id));
                match r {
                    Ok(v) => {
                        ev.root_values
                            .insert(a.key.as_str().to_string(), Spanned::new(v, span));
                    }
                    Err(d) => ev.record(d),
                }
            }
            Structure::Block(b) => {
                let span = ev.span(id, b.span());
                ev.errors.push(Diagnostic::new(
                    codes::PARSE,
                    "blocks are not allowed in a .tfvars file",
                    span,
                ));
            }
        }
    }
}

/// Converts a JSON node to a value with spans in file `id`.
pub(crate) fn json_value(ev: &Evaluator, id: FileId, j: &Json) -> Value {
    match &j.kind {
        JsonKind::Null => Value::Null,
        JsonKind::Bool(b) => Value::Bool(*b),
        JsonKind::Number(n) => Value::Number(*n),
        JsonKind::String(s) => Value::String(s.clone()),
        JsonKind::Array(a) => Value::List(
            a.iter()
                .map(|e| Spanned::new(json_value(ev, id, e), ev.span(id, Some(e.range.clone()))))
                .collect(),
        ),
        JsonKind::Object(m) => Value::Object(
            m.iter()
                .map(|(k, kr, v)| {
                    (
                        k.clone(),
                        Spanned::new(
                            json_value(ev, id, v),
                            ev.span(id, Some(kr.start..v.range.end)),
                        ),
                    )
                })
                .collect(),
        ),
    }
}

/// Applies a variable's declared type to a value (see the module docs for what converts).
pub(crate) fn apply_type(ev: &mut Evaluator, v: Value, ty: &Expression, file: FileId) -> EResult {
    convert(ev, v, ty, file, 0)
}

fn convert(ev: &mut Evaluator, v: Value, ty: &Expression, file: FileId, depth: usize) -> EResult {
    if v.is_unknown() || v.is_null() || depth > 32 {
        return Ok(v);
    }
    match ty {
        Expression::Variable(id) => Ok(match (id.as_str(), v) {
            ("string", Value::Number(n)) => Value::String(format_number(n)),
            ("string", Value::Bool(b)) => Value::String(b.to_string()),
            ("number", Value::String(s)) => match s.trim().parse::<f64>() {
                Ok(n) => Value::Number(n),
                Err(_) => Value::String(s),
            },
            ("bool", Value::String(s)) if s == "true" || s == "false" => Value::Bool(s == "true"),
            (_, v) => v,
        }),
        Expression::FuncCall(f) => {
            let name = f.name.name.as_str();
            let Some(a0) = f.args.iter().next() else {
                return Ok(v);
            };
            match (name, v) {
                ("list" | "set", Value::List(l)) => {
                    let mut out = Vec::with_capacity(l.len());
                    for e in l {
                        out.push(Spanned::new(
                            convert(ev, e.value, a0, file, depth + 1)?,
                            e.span,
                        ));
                    }
                    if name == "set" {
                        let mut seen = std::collections::HashSet::new();
                        out.retain(|e| seen.insert(e.value.canonical()));
                        if out.iter().all(|e| matches!(e.value, Value::String(_))) {
                            out.sort_by(|a, b| a.value.as_str().cmp(&b.value.as_str()));
                        }
                    }
                    Ok(Value::List(out))
                }
                ("map", Value::Object(m)) => {
                    let mut out = Map::new();
                    for (k, e) in m {
                        out.insert(
                            k,
                            Spanned::new(convert(ev, e.value, a0, file, depth + 1)?, e.span),
                        );
                    }
                    Ok(Value::Object(out))
                }
                ("tuple", Value::List(l)) => {
                    let Expression::Array(types) = a0 else {
                        return Ok(Value::List(l));
                    };
                    let mut out = Vec::with_capacity(l.len());
                    for (i, e) in l.into_iter().enumerate() {
                        let value = match types.get(i) {
                            Some(t) => convert(ev, e.value, t, file, depth + 1)?,
                            None => e.value,
                        };
                        out.push(Spanned::new(value, e.span));
                    }
                    Ok(Value::List(out))
                }
                ("object", Value::Object(mut m)) => {
                    let Expression::Object(fields) = a0 else {
                        return Ok(Value::Object(m));
                    };
                    for (k, fty) in fields.iter() {
                        let key = match k {
                            ObjectKey::Ident(id) => id.as_str().to_string(),
                            ObjectKey::Expression(Expression::Variable(id)) => {
                                id.as_str().to_string()
                            }
                            ObjectKey::Expression(e) => match crate::config::literal_string(e) {
                                Some(s) => s,
                                None => continue,
                            },
                        };
                        let fty = fty.expr();
                        let (inner, default) = match fty {
                            Expression::FuncCall(o) if o.name.name.as_str() == "optional" => {
                                (o.args.iter().next(), Some(o.args.iter().nth(1)))
                            }
                            _ => (Some(fty), None),
                        };
                        match m.shift_remove(&key) {
                            Some(e) if !(e.value.is_null() && default.is_some()) => {
                                let value = match inner {
                                    Some(t) => convert(ev, e.value, t, file, depth + 1)?,
                                    None => e.value,
                                };
                                m.insert(key, Spanned::new(value, e.span));
                            }
                            Some(e) if default.flatten().is_none() => {
                                m.insert(key, e);
                            }
                            _ => match default {
                                Some(Some(d)) => {
                                    let span = ev.span(file, d.span());
                                    let dv = ev.eval(d, &mut Scope::constant(file))?;
                                    let dv = match inner {
                                        Some(t) => convert(ev, dv, t, file, depth + 1)?,
                                        None => dv,
                                    };
                                    m.insert(key, Spanned::new(dv, span));
                                }
                                Some(None) => {
                                    let span = ev.span(file, fty.span());
                                    m.insert(key, Spanned::new(Value::Null, span));
                                }
                                None => {}
                            },
                        }
                    }
                    Ok(Value::Object(m))
                }
                (_, v) => Ok(v),
            }
        }
        _ => Ok(v),
    }
}
