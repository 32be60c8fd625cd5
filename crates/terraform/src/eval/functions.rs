//! Terraform's built-in functions (the pure ones), plus the conversions they share with the
//! expression evaluator.
//!
//! Functions see evaluated arguments. An unknown argument where a concrete value is needed makes
//! the result unknown (`FnErr::Unknown`), while structural functions (`concat`, `merge`,
//! `lookup`, `element`, `length` of a list) pass `Ref`s and unknowns through untouched, so that
//! `concat([aws_security_group.a.id], var.extra)` keeps the reference. Functions that need the
//! file system, a clock or randomness are reported as not evaluated (`FnErr::Unsupported`).

use crate::files::Span;
use crate::limits::Limits;
use crate::value::{format_number, Map, Ref, Spanned, Unknown, Value};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

pub(crate) struct FnCtx<'a> {
    pub limits: &'a Limits,
    pub span: &'a Span,
}

#[derive(Debug)]
pub(crate) enum FnErr {
    Error(String),
    Limit(String),
    Unknown(Unknown),
    Unsupported(String),
    NoSuch,
}

type R = Result<Value, FnErr>;
type Args = [Spanned<Value>];

fn err<T>(m: impl Into<String>) -> Result<T, FnErr> {
    Err(FnErr::Error(m.into()))
}

// ----- shared conversions -----

/// Bool conversion as Terraform does it (`"true"`/`"false"` strings convert); `None` if unknown.
pub(crate) fn to_bool(v: &Value) -> Result<Option<bool>, String> {
    match v {
        Value::Bool(b) => Ok(Some(*b)),
        Value::String(s) if s == "true" => Ok(Some(true)),
        Value::String(s) if s == "false" => Ok(Some(false)),
        Value::Unknown(_) | Value::Ref(_) => Ok(None),
        other => Err(format!("a bool is required, got {}", other.type_name())),
    }
}

/// Number conversion (numeric strings convert); `None` if unknown.
pub(crate) fn to_num(v: &Value) -> Result<Option<f64>, String> {
    match v {
        Value::Number(n) => Ok(Some(*n)),
        Value::String(s) => s
            .trim()
            .parse::<f64>()
            .map(Some)
            .map_err(|_| format!("\"{s}\" is not a number")),
        Value::Unknown(_) | Value::Ref(_) => Ok(None),
        other => Err(format!("a number is required, got {}", other.type_name())),
    }
}

/// Deep equality; `None` when an unknown decides it.
pub(crate) fn equal(a: &Value, b: &Value) -> Option<bool> {
    match (a, b) {
        (Value::Ref(x), Value::Ref(y)) if x == y => Some(true),
        (Value::Unknown(_) | Value::Ref(_), _) | (_, Value::Unknown(_) | Value::Ref(_)) => None,
        (Value::Null, Value::Null) => Some(true),
        (Value::Bool(x), Value::Bool(y)) => Some(x == y),
        (Value::Number(x), Value::Number(y)) => Some(x == y),
        (Value::String(x), Value::String(y)) => Some(x == y),
        (Value::List(x), Value::List(y)) => {
            if x.len() != y.len() {
                return Some(false);
            }
            let mut unknown = false;
            for (p, q) in x.iter().zip(y) {
                match equal(&p.value, &q.value) {
                    Some(false) => return Some(false),
                    None => unknown = true,
                    Some(true) => {}
                }
            }
            if unknown {
                None
            } else {
                Some(true)
            }
        }
        (Value::Object(x), Value::Object(y)) => {
            if x.len() != y.len() || x.keys().any(|k| !y.contains_key(k)) {
                return Some(false);
            }
            let mut unknown = false;
            for (k, p) in x {
                match y.get(k).and_then(|q| equal(&p.value, &q.value)) {
                    Some(false) => return Some(false),
                    None => unknown = true,
                    Some(true) => {}
                }
            }
            if unknown {
                None
            } else {
                Some(true)
            }
        }
        _ => Some(false),
    }
}

/// An unknown value carrying the references and reasons found in `vals`.
pub(crate) fn unknown_from(vals: &[&Value]) -> Value {
    fn collect(v: &Value, refs: &mut Vec<Ref>, reasons: &mut Vec<String>, depth: usize) {
        if depth > 16 || refs.len() >= 32 {
            return;
        }
        match v {
            Value::Ref(r) if !refs.contains(r) => refs.push(r.clone()),
            Value::Ref(_) => {}
            Value::Unknown(u) => {
                for r in &u.refs {
                    if !refs.contains(r) && refs.len() < 32 {
                        refs.push(r.clone());
                    }
                }
                if !reasons.contains(&u.reason) {
                    reasons.push(u.reason.clone());
                }
            }
            Value::List(l) => l
                .iter()
                .for_each(|e| collect(&e.value, refs, reasons, depth + 1)),
            Value::Object(m) => m
                .values()
                .for_each(|e| collect(&e.value, refs, reasons, depth + 1)),
            _ => {}
        }
    }
    let mut refs = Vec::new();
    let mut reasons = Vec::new();
    for v in vals {
        collect(v, &mut refs, &mut reasons, 0);
    }
    let reason = match (reasons.as_slice(), refs.is_empty()) {
        ([one], _) => one.clone(),
        (_, false) => {
            let names: Vec<String> = refs.iter().take(3).map(Ref::display).collect();
            let more = if refs.len() > 3 { ", …" } else { "" };
            format!(
                "depends on {}{more}, known only after apply",
                names.join(", ")
            )
        }
        _ => "not known before apply".to_string(),
    };
    Value::Unknown(Unknown { reason, refs })
}

fn unknown_arg(v: &Value) -> FnErr {
    match unknown_from(&[v]) {
        Value::Unknown(u) => FnErr::Unknown(u),
        _ => FnErr::Unknown(Unknown {
            reason: "unknown".into(),
            refs: Vec::new(),
        }),
    }
}

/// Fails with `Unknown` if any argument is not wholly known (for functions that need values).
fn need_known(args: &Args) -> Result<(), FnErr> {
    match args.iter().find(|a| !a.value.is_wholly_known()) {
        Some(a) => Err(unknown_arg(&a.value)),
        None => Ok(()),
    }
}

fn arity(args: &Args, min: usize, max: usize) -> Result<(), FnErr> {
    if args.len() < min || args.len() > max {
        if min == max {
            return err(format!("takes {min} argument(s), got {}", args.len()));
        }
        return err(format!(
            "takes {min} to {max} arguments, got {}",
            args.len()
        ));
    }
    Ok(())
}

fn arg(args: &Args, i: usize) -> Result<&Value, FnErr> {
    match args.get(i) {
        Some(a) => Ok(&a.value),
        None => err(format!("missing argument {}", i + 1)),
    }
}

fn s_of(v: &Value) -> Result<String, FnErr> {
    match v {
        Value::String(s) => Ok(s.clone()),
        Value::Number(n) => Ok(format_number(*n)),
        Value::Bool(b) => Ok(b.to_string()),
        Value::Unknown(_) | Value::Ref(_) => Err(unknown_arg(v)),
        Value::Null => err("a string is required, got null"),
        other => err(format!("a string is required, got {}", other.type_name())),
    }
}

fn s(args: &Args, i: usize) -> Result<String, FnErr> {
    s_of(arg(args, i)?)
}

fn n_of(v: &Value) -> Result<f64, FnErr> {
    match to_num(v) {
        Ok(Some(n)) => Ok(n),
        Ok(None) => Err(unknown_arg(v)),
        Err(m) => err(m),
    }
}

fn n(args: &Args, i: usize) -> Result<f64, FnErr> {
    n_of(arg(args, i)?)
}

fn int(args: &Args, i: usize) -> Result<i64, FnErr> {
    let x = n(args, i)?;
    if x.fract() != 0.0 || !x.is_finite() || x.abs() > 9.0e15 {
        return err(format!(
            "argument {} must be a whole number, got {}",
            i + 1,
            format_number(x)
        ));
    }
    Ok(x as i64)
}

fn list(args: &Args, i: usize) -> Result<&[Spanned<Value>], FnErr> {
    list_of(arg(args, i)?)
}

fn list_of(v: &Value) -> Result<&[Spanned<Value>], FnErr> {
    match v {
        Value::List(l) => Ok(l),
        Value::Unknown(_) | Value::Ref(_) => Err(unknown_arg(v)),
        other => err(format!("a list is required, got {}", other.type_name())),
    }
}

fn obj(args: &Args, i: usize) -> Result<&Map, FnErr> {
    let v = arg(args, i)?;
    match v {
        Value::Object(m) => Ok(m),
        Value::Unknown(_) | Value::Ref(_) => Err(unknown_arg(v)),
        other => err(format!("a map is required, got {}", other.type_name())),
    }
}

fn check_len(s: String, ctx: &FnCtx) -> R {
    if s.len() > ctx.limits.max_string_len {
        return Err(FnErr::Limit(format!(
            "result is longer than {} bytes",
            ctx.limits.max_string_len
        )));
    }
    Ok(Value::String(s))
}

fn check_count(n: usize, ctx: &FnCtx) -> Result<(), FnErr> {
    if n > ctx.limits.max_value_size {
        return Err(FnErr::Limit(format!(
            "result would have {n} elements, over the limit of {}",
            ctx.limits.max_value_size
        )));
    }
    Ok(())
}

fn sp(v: Value, ctx: &FnCtx) -> Spanned<Value> {
    Spanned::new(v, ctx.span.clone())
}

fn strs(v: Vec<String>, ctx: &FnCtx) -> Value {
    Value::List(v.into_iter().map(|s| sp(Value::String(s), ctx)).collect())
}

/// Dedupes by canonical form, keeping the first occurrence.
fn dedupe(items: Vec<Spanned<Value>>) -> Vec<Spanned<Value>> {
    let mut seen = std::collections::HashSet::new();
    items
        .into_iter()
        .filter(|e| seen.insert(e.value.canonical()))
        .collect()
}

/// Set semantics: dedupe, then order strings lexically and numbers numerically as Terraform does.
fn to_set(items: Vec<Spanned<Value>>) -> Vec<Spanned<Value>> {
    let mut items = dedupe(items);
    if items.iter().all(|e| matches!(e.value, Value::String(_))) {
        items.sort_by(|a, b| a.value.as_str().cmp(&b.value.as_str()));
    } else if items.iter().all(|e| matches!(e.value, Value::Number(_))) {
        items.sort_by(|a, b| {
            a.value
                .as_f64()
                .partial_cmp(&b.value.as_f64())
                .unwrap_or(std::cmp::Ordering::Equal)
        });
    }
    items
}

/// Calls built-in function `name`.
pub(crate) fn call(name: &str, args: &Args, ctx: &FnCtx) -> R {
    match name {
        // --- strings ---
        "lower" | "upper" | "trimspace" | "chomp" | "strrev" | "title" => {
            arity(args, 1, 1)?;
            let x = s(args, 0)?;
            Ok(Value::String(match name {
                "lower" => x.to_lowercase(),
                "upper" => x.to_uppercase(),
                "trimspace" => x.trim().to_string(),
                "chomp" => x.trim_end_matches(['\n', '\r']).to_string(),
                "strrev" => x.chars().rev().collect(),
                _ => title(&x),
            }))
        }
        "trim" => {
            arity(args, 2, 2)?;
            let (x, cut) = (s(args, 0)?, s(args, 1)?);
            Ok(Value::String(
                x.trim_matches(|c| cut.contains(c)).to_string(),
            ))
        }
        "trimprefix" | "trimsuffix" => {
            arity(args, 2, 2)?;
            let (x, a) = (s(args, 0)?, s(args, 1)?);
            let r = if name == "trimprefix" {
                x.strip_prefix(a.as_str())
            } else {
                x.strip_suffix(a.as_str())
            };
            Ok(Value::String(r.map_or(x.clone(), str::to_string)))
        }
        "startswith" | "endswith" | "strcontains" => {
            arity(args, 2, 2)?;
            let (x, a) = (s(args, 0)?, s(args, 1)?);
            Ok(Value::Bool(match name {
                "startswith" => x.starts_with(&a),
                "endswith" => x.ends_with(&a),
                _ => x.contains(&a),
            }))
        }
        "format" => {
            if args.is_empty() {
                return err("needs a format string");
            }
            let f = s(args, 0)?;
            need_known(args.get(1..).unwrap_or(&[]))?;
            check_len(format_str(&f, args.get(1..).unwrap_or(&[]), ctx)?, ctx)
        }
        "formatlist" => {
            if args.is_empty() {
                return err("needs a format string");
            }
            let f = s(args, 0)?;
            let rest = args.get(1..).unwrap_or(&[]);
            let mut len: Option<usize> = None;
            for a in rest {
                if let Value::List(l) = &a.value {
                    if len.is_some_and(|n| n != l.len()) {
                        return err("all list arguments must have the same length");
                    }
                    len = Some(l.len());
                } else if a.value.is_unknown() {
                    return Err(unknown_arg(&a.value));
                }
            }
            let len = len.unwrap_or(1);
            check_count(len, ctx)?;
            let mut out = Vec::with_capacity(len);
            let mut total = 0usize;
            for i in 0..len {
                let row: Vec<Spanned<Value>> = rest
                    .iter()
                    .map(|a| match &a.value {
                        Value::List(l) => l.get(i).cloned().unwrap_or_else(|| a.clone()),
                        _ => a.clone(),
                    })
                    .collect();
                need_known(&row)?;
                let line = format_str(&f, &row, ctx)?;
                total += line.len();
                if total > ctx.limits.max_string_len {
                    return Err(FnErr::Limit(format!(
                        "results are longer than {} bytes",
                        ctx.limits.max_string_len
                    )));
                }
                out.push(sp(Value::String(line), ctx));
            }
            Ok(Value::List(out))
        }
        "join" => {
            if args.is_empty() {
                return err("needs a separator and lists");
            }
            let sep = s(args, 0)?;
            let mut parts = Vec::new();
            let mut total = 0usize;
            for a in args.get(1..).unwrap_or(&[]) {
                for e in list_of(&a.value)? {
                    let p = s_of(&e.value)?;
                    total = total.saturating_add(p.len() + sep.len());
                    if total > ctx.limits.max_string_len {
                        return Err(FnErr::Limit(format!(
                            "result is longer than {} bytes",
                            ctx.limits.max_string_len
                        )));
                    }
                    parts.push(p);
                }
            }
            check_len(parts.join(&sep), ctx)
        }
        "split" => {
            arity(args, 2, 2)?;
            let (sep, x) = (s(args, 0)?, s(args, 1)?);
            if x.is_empty() {
                return Ok(Value::List(Vec::new()));
            }
            let parts: Vec<String> = if sep.is_empty() {
                x.chars().map(String::from).collect()
            } else {
                x.split(sep.as_str()).map(str::to_string).collect()
            };
            check_count(parts.len(), ctx)?;
            Ok(strs(parts, ctx))
        }
        "replace" => {
            arity(args, 3, 3)?;
            let (x, from, to) = (s(args, 0)?, s(args, 1)?, s(args, 2)?);
            if from.len() > 1 && from.starts_with('/') && from.ends_with('/') {
                return Err(FnErr::Unsupported(
                    "regular expression replacement is not evaluated".into(),
                ));
            }
            if from.is_empty() {
                return Ok(Value::String(x));
            }
            let count = x.matches(from.as_str()).count();
            if x.len().saturating_add(count.saturating_mul(to.len())) > ctx.limits.max_string_len {
                return Err(FnErr::Limit(format!(
                    "result is longer than {} bytes",
                    ctx.limits.max_string_len
                )));
            }
            Ok(Value::String(x.replace(from.as_str(), &to)))
        }
        "substr" => {
            arity(args, 3, 3)?;
            let x = s(args, 0)?;
            let chars: Vec<char> = x.chars().collect();
            let len = chars.len() as i64;
            let mut off = int(args, 1)?;
            let n = int(args, 2)?;
            if off < 0 {
                off += len;
            }
            if off < 0 || off > len {
                return err("offset is out of range");
            }
            let end = if n < 0 { len } else { (off + n).min(len) };
            Ok(Value::String(
                chars
                    .get(off as usize..end.max(off) as usize)
                    .unwrap_or(&[])
                    .iter()
                    .collect(),
            ))
        }
        "indent" => {
            arity(args, 2, 2)?;
            let k = int(args, 0)?;
            if !(0..=1000).contains(&k) {
                return err("indent must be between 0 and 1000");
            }
            let x = s(args, 1)?;
            let pad = " ".repeat(k as usize);
            check_len(
                x.split('\n')
                    .enumerate()
                    .map(|(i, l)| {
                        if i == 0 {
                            l.to_string()
                        } else {
                            format!("{pad}{l}")
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("\n"),
                ctx,
            )
        }
        "basename" | "dirname" => {
            arity(args, 1, 1)?;
            let x = s(args, 0)?;
            let t = x.trim_end_matches('/');
            Ok(Value::String(match (name, t.rfind('/')) {
                ("basename", Some(i)) => t.get(i + 1..).unwrap_or("").to_string(),
                ("basename", None) => t.to_string(),
                (_, Some(0)) => "/".into(),
                (_, Some(i)) => t.get(..i).unwrap_or("").to_string(),
                (_, None) => ".".into(),
            }))
        }
        "urlencode" => {
            arity(args, 1, 1)?;
            let x = s(args, 0)?;
            let mut out = String::new();
            for b in x.bytes() {
                if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                    out.push(b as char);
                } else {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            check_len(out, ctx)
        }
        "base64encode" => {
            arity(args, 1, 1)?;
            check_len(base64_encode(s(args, 0)?.as_bytes()), ctx)
        }
        "base64decode" => {
            arity(args, 1, 1)?;
            let bytes =
                base64_decode(&s(args, 0)?).ok_or_else(|| FnErr::Error("invalid base64".into()))?;
            String::from_utf8(bytes)
                .map(Value::String)
                .map_err(|_| FnErr::Error("decoded bytes are not UTF-8".into()))
        }
        "tostring" => {
            arity(args, 1, 1)?;
            match arg(args, 0)? {
                Value::Null => Ok(Value::Null),
                v => s_of(v).map(Value::String),
            }
        }
        "tonumber" => {
            arity(args, 1, 1)?;
            match arg(args, 0)? {
                Value::Null => Ok(Value::Null),
                v => n_of(v).map(Value::Number),
            }
        }
        "tobool" => {
            arity(args, 1, 1)?;
            match arg(args, 0)? {
                Value::Null => Ok(Value::Null),
                v => match to_bool(v) {
                    Ok(Some(b)) => Ok(Value::Bool(b)),
                    Ok(None) => Err(unknown_arg(v)),
                    Err(m) => err(m),
                },
            }
        }
        "jsonencode" => {
            arity(args, 1, 1)?;
            need_known(args)?;
            let v = arg(args, 0)?;
            check_len(
                serde_json::to_string(&v.to_json()).map_err(|e| FnErr::Error(e.to_string()))?,
                ctx,
            )
        }
        "jsondecode" => {
            arity(args, 1, 1)?;
            let x = s(args, 0)?;
            let j: serde_json::Value =
                serde_json::from_str(&x).map_err(|e| FnErr::Error(format!("invalid JSON: {e}")))?;
            Ok(from_json(&j, ctx))
        }
        "sensitive" | "nonsensitive" => {
            arity(args, 1, 1)?;
            Ok(arg(args, 0)?.clone())
        }

        // --- numbers ---
        "abs" | "ceil" | "floor" | "signum" => {
            arity(args, 1, 1)?;
            let x = n(args, 0)?;
            Ok(Value::Number(match name {
                "abs" => x.abs(),
                "ceil" => x.ceil(),
                "floor" => x.floor(),
                _ => {
                    if x == 0.0 {
                        0.0
                    } else {
                        x.signum()
                    }
                }
            }))
        }
        "pow" | "log" => {
            arity(args, 2, 2)?;
            let (a, b) = (n(args, 0)?, n(args, 1)?);
            let r = if name == "pow" {
                a.powf(b)
            } else {
                a.ln() / b.ln()
            };
            if !r.is_finite() {
                return err("result is not a finite number");
            }
            Ok(Value::Number(r))
        }
        "min" | "max" => {
            if args.is_empty() {
                return err("needs at least one number");
            }
            let mut best: Option<f64> = None;
            for a in args {
                let x = n_of(&a.value)?;
                best = Some(match best {
                    None => x,
                    Some(b) if name == "min" => b.min(x),
                    Some(b) => b.max(x),
                });
            }
            Ok(Value::Number(best.unwrap_or(0.0)))
        }
        "parseint" => {
            arity(args, 2, 2)?;
            let x = s(args, 0)?;
            let base = int(args, 1)?;
            if !(2..=62).contains(&base) || base > 36 {
                return err("base must be between 2 and 36");
            }
            i64::from_str_radix(&x, base as u32)
                .map(|v| Value::Number(v as f64))
                .map_err(|_| FnErr::Error(format!("cannot parse \"{x}\" in base {base}")))
        }
        "sum" => {
            arity(args, 1, 1)?;
            let l = list(args, 0)?;
            if l.is_empty() {
                return err("cannot sum an empty list");
            }
            let mut t = 0.0;
            for e in l {
                t += n_of(&e.value)?;
            }
            Ok(Value::Number(t))
        }

        // --- collections ---
        "length" => {
            arity(args, 1, 1)?;
            match arg(args, 0)? {
                Value::List(l) => Ok(Value::Number(l.len() as f64)),
                Value::Object(m) => Ok(Value::Number(m.len() as f64)),
                Value::String(x) => Ok(Value::Number(x.chars().count() as f64)),
                v if v.is_unknown() => Err(unknown_arg(v)),
                v => err(format!("cannot take the length of {}", v.type_name())),
            }
        }
        "element" => {
            arity(args, 2, 2)?;
            let l = list(args, 0)?;
            let i = int(args, 1)?;
            if l.is_empty() {
                return err("cannot use element() on an empty list");
            }
            if i < 0 {
                return err("index must not be negative");
            }
            let idx = (i as usize) % l.len();
            Ok(l.get(idx).map(|e| e.value.clone()).unwrap_or(Value::Null))
        }
        "index" => {
            arity(args, 2, 2)?;
            let l = list(args, 0)?;
            let v = arg(args, 1)?;
            for (i, e) in l.iter().enumerate() {
                match equal(&e.value, v) {
                    Some(true) => return Ok(Value::Number(i as f64)),
                    None => return Err(unknown_arg(&e.value)),
                    Some(false) => {}
                }
            }
            err("value not found in the list")
        }
        "lookup" => {
            arity(args, 2, 3)?;
            let m = obj(args, 0)?;
            let k = s(args, 1)?;
            match (m.get(&k), args.get(2)) {
                (Some(v), _) => Ok(v.value.clone()),
                (None, Some(d)) => Ok(d.value.clone()),
                (None, None) => err(format!("key \"{k}\" not found and no default given")),
            }
        }
        "merge" => {
            let mut out = Map::new();
            for a in args {
                match &a.value {
                    Value::Null => {}
                    Value::Object(m) => {
                        for (k, v) in m {
                            out.insert(k.clone(), v.clone());
                        }
                    }
                    v if v.is_unknown() => return Err(unknown_arg(v)),
                    v => {
                        return err(format!(
                            "arguments must be maps or objects, got {}",
                            v.type_name()
                        ))
                    }
                }
            }
            Ok(Value::Object(out))
        }
        "concat" => {
            let mut out = Vec::new();
            for a in args {
                out.extend(list_of(&a.value)?.iter().cloned());
                check_count(out.len(), ctx)?;
            }
            Ok(Value::List(out))
        }
        "keys" | "values" => {
            arity(args, 1, 1)?;
            let m = obj(args, 0)?;
            let mut entries: Vec<(&String, &Spanned<Value>)> = m.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            Ok(Value::List(if name == "keys" {
                entries
                    .into_iter()
                    .map(|(k, v)| Spanned::new(Value::String(k.clone()), v.span.clone()))
                    .collect()
            } else {
                entries.into_iter().map(|(_, v)| v.clone()).collect()
            }))
        }
        "zipmap" => {
            arity(args, 2, 2)?;
            let (ks, vs) = (list(args, 0)?, list(args, 1)?);
            if ks.len() != vs.len() {
                return err("the key and value lists must have the same length");
            }
            let mut out = Map::new();
            for (k, v) in ks.iter().zip(vs) {
                out.insert(s_of(&k.value)?, v.clone());
            }
            Ok(Value::Object(out))
        }
        "flatten" => {
            arity(args, 1, 1)?;
            fn go(
                l: &[Spanned<Value>],
                out: &mut Vec<Spanned<Value>>,
                depth: usize,
            ) -> Result<(), FnErr> {
                if depth > 64 {
                    return err("lists nest too deeply");
                }
                for e in l {
                    match &e.value {
                        Value::List(inner) => go(inner, out, depth + 1)?,
                        Value::Unknown(_) => return Err(unknown_arg(&e.value)),
                        _ => out.push(e.clone()),
                    }
                }
                Ok(())
            }
            let mut out = Vec::new();
            go(list(args, 0)?, &mut out, 0)?;
            Ok(Value::List(out))
        }
        "distinct" => {
            arity(args, 1, 1)?;
            let l = list(args, 0)?;
            need_known(l)?;
            Ok(Value::List(dedupe(l.to_vec())))
        }
        "compact" => {
            arity(args, 1, 1)?;
            let l = list(args, 0)?;
            let mut out = Vec::new();
            for e in l {
                match &e.value {
                    Value::Null => {}
                    Value::String(x) if x.is_empty() => {}
                    Value::Unknown(_) => return Err(unknown_arg(&e.value)),
                    _ => out.push(e.clone()),
                }
            }
            Ok(Value::List(out))
        }
        "contains" => {
            arity(args, 2, 2)?;
            let l = list(args, 0)?;
            let v = arg(args, 1)?;
            let mut unknown = false;
            for e in l {
                match equal(&e.value, v) {
                    Some(true) => return Ok(Value::Bool(true)),
                    None => unknown = true,
                    Some(false) => {}
                }
            }
            if unknown {
                return Err(unknown_arg(v));
            }
            Ok(Value::Bool(false))
        }
        "range" => {
            arity(args, 1, 3)?;
            let (start, limit, step) = match args.len() {
                1 => (0.0, n(args, 0)?, 1.0),
                2 => (n(args, 0)?, n(args, 1)?, 1.0),
                _ => (n(args, 0)?, n(args, 1)?, n(args, 2)?),
            };
            if step == 0.0 || !step.is_finite() || !start.is_finite() || !limit.is_finite() {
                return err("step must be a non-zero number");
            }
            let count = ((limit - start) / step).ceil().max(0.0);
            if count > ctx.limits.max_value_size as f64 {
                return Err(FnErr::Limit(format!(
                    "range would have {} elements, over the limit of {}",
                    format_number(count),
                    ctx.limits.max_value_size
                )));
            }
            Ok(Value::List(
                (0..count as usize)
                    .map(|i| sp(Value::Number(start + step * i as f64), ctx))
                    .collect(),
            ))
        }
        "coalesce" => {
            for a in args {
                match &a.value {
                    Value::Null => {}
                    Value::String(x) if x.is_empty() => {}
                    v if v.is_unknown() => return Err(unknown_arg(v)),
                    v => return Ok(v.clone()),
                }
            }
            err("no non-null, non-empty argument")
        }
        "coalescelist" => {
            for a in args {
                let l = list_of(&a.value)?;
                if !l.is_empty() {
                    return Ok(a.value.clone());
                }
            }
            Ok(Value::List(Vec::new()))
        }
        "one" => {
            arity(args, 1, 1)?;
            let l = list(args, 0)?;
            match l {
                [] => Ok(Value::Null),
                [x] => Ok(x.value.clone()),
                _ => err(format!("must have zero or one element, has {}", l.len())),
            }
        }
        "slice" => {
            arity(args, 3, 3)?;
            let l = list(args, 0)?;
            let (a, b) = (int(args, 1)?, int(args, 2)?);
            if a < 0 || b < a || b as usize > l.len() {
                return err(format!(
                    "indices {a}..{b} are out of range for a list of {}",
                    l.len()
                ));
            }
            Ok(Value::List(
                l.get(a as usize..b as usize).unwrap_or(&[]).to_vec(),
            ))
        }
        "reverse" => {
            arity(args, 1, 1)?;
            Ok(Value::List(list(args, 0)?.iter().rev().cloned().collect()))
        }
        "sort" => {
            arity(args, 1, 1)?;
            let l = list(args, 0)?;
            let mut keyed = Vec::with_capacity(l.len());
            for e in l {
                keyed.push((s_of(&e.value)?, e.span.clone()));
            }
            keyed.sort_by(|a, b| a.0.cmp(&b.0));
            Ok(Value::List(
                keyed
                    .into_iter()
                    .map(|(x, span)| Spanned::new(Value::String(x), span))
                    .collect(),
            ))
        }
        "alltrue" | "anytrue" => {
            arity(args, 1, 1)?;
            let l = list(args, 0)?;
            let mut unknown = None;
            for e in l {
                match to_bool(&e.value) {
                    Ok(Some(b)) if name == "alltrue" && !b => return Ok(Value::Bool(false)),
                    Ok(Some(b)) if name == "anytrue" && b => return Ok(Value::Bool(true)),
                    Ok(Some(_)) => {}
                    Ok(None) => unknown = Some(e.value.clone()),
                    Err(m) => return err(m),
                }
            }
            match unknown {
                Some(u) => Err(unknown_arg(&u)),
                None => Ok(Value::Bool(name == "alltrue")),
            }
        }
        "tolist" => {
            arity(args, 1, 1)?;
            match arg(args, 0)? {
                Value::List(l) => Ok(Value::List(l.clone())),
                Value::Null => Ok(Value::Null),
                v if v.is_unknown() => Err(unknown_arg(v)),
                v => err(format!("cannot convert {} to a list", v.type_name())),
            }
        }
        "toset" => {
            arity(args, 1, 1)?;
            match arg(args, 0)? {
                Value::List(l) => {
                    need_known(l)?;
                    Ok(Value::List(to_set(l.clone())))
                }
                Value::Null => Ok(Value::Null),
                v if v.is_unknown() => Err(unknown_arg(v)),
                v => err(format!("cannot convert {} to a set", v.type_name())),
            }
        }
        "tomap" => {
            arity(args, 1, 1)?;
            match arg(args, 0)? {
                Value::Object(m) => Ok(Value::Object(m.clone())),
                Value::Null => Ok(Value::Null),
                v if v.is_unknown() => Err(unknown_arg(v)),
                v => err(format!("cannot convert {} to a map", v.type_name())),
            }
        }
        "chunklist" => {
            arity(args, 2, 2)?;
            let l = list(args, 0)?;
            let size = int(args, 1)?;
            if size < 0 {
                return err("chunk size must not be negative");
            }
            if size == 0 {
                return Ok(Value::List(vec![sp(Value::List(l.to_vec()), ctx)]));
            }
            Ok(Value::List(
                l.chunks(size as usize)
                    .map(|c| sp(Value::List(c.to_vec()), ctx))
                    .collect(),
            ))
        }
        "setunion" | "setintersection" | "setsubtract" => {
            if args.is_empty() {
                return err("needs at least one set");
            }
            need_known(args)?;
            let first = list(args, 0)?.to_vec();
            let mut acc = to_set(first);
            for a in args.get(1..).unwrap_or(&[]) {
                let other = list_of(&a.value)?;
                let keys: std::collections::HashSet<String> =
                    other.iter().map(|e| e.value.canonical()).collect();
                acc = match name {
                    "setunion" => {
                        let mut v = acc;
                        v.extend(other.iter().cloned());
                        to_set(v)
                    }
                    "setintersection" => acc
                        .into_iter()
                        .filter(|e| keys.contains(&e.value.canonical()))
                        .collect(),
                    _ => acc
                        .into_iter()
                        .filter(|e| !keys.contains(&e.value.canonical()))
                        .collect(),
                };
            }
            Ok(Value::List(acc))
        }
        "setproduct" => {
            if args.is_empty() {
                return err("needs at least one set");
            }
            let mut total: usize = 1;
            for a in args {
                total = total.saturating_mul(list_of(&a.value)?.len());
            }
            check_count(total.saturating_mul(args.len()), ctx)?;
            let mut acc: Vec<Vec<Spanned<Value>>> = vec![Vec::new()];
            for a in args {
                let l = list_of(&a.value)?;
                let mut next = Vec::with_capacity(acc.len() * l.len());
                for prefix in &acc {
                    for e in l {
                        let mut p = prefix.clone();
                        p.push(e.clone());
                        next.push(p);
                    }
                }
                acc = next;
            }
            Ok(Value::List(
                acc.into_iter().map(|p| sp(Value::List(p), ctx)).collect(),
            ))
        }
        "matchkeys" => {
            arity(args, 3, 3)?;
            let (vals, keys, search) = (list(args, 0)?, list(args, 1)?, list(args, 2)?);
            if vals.len() != keys.len() {
                return err("values and keys must have the same length");
            }
            need_known(keys)?;
            need_known(search)?;
            let set: std::collections::HashSet<String> =
                search.iter().map(|e| e.value.canonical()).collect();
            Ok(Value::List(
                vals.iter()
                    .zip(keys)
                    .filter(|(_, k)| set.contains(&k.value.canonical()))
                    .map(|(v, _)| v.clone())
                    .collect(),
            ))
        }
        "transpose" => {
            arity(args, 1, 1)?;
            let m = obj(args, 0)?;
            let mut out: indexmap::IndexMap<String, Vec<String>> = indexmap::IndexMap::new();
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            for k in keys {
                if let Some(v) = m.get(k) {
                    for e in list_of(&v.value)? {
                        out.entry(s_of(&e.value)?).or_default().push(k.clone());
                    }
                }
            }
            out.sort_keys();
            Ok(Value::Object(
                out.into_iter()
                    .map(|(k, v)| (k, sp(strs(v, ctx), ctx)))
                    .collect(),
            ))
        }

        // --- networking ---
        "cidrsubnet" => {
            arity(args, 3, 3)?;
            let net = parse_cidr(&s(args, 0)?)?;
            let (bits, num) = (int(args, 1)?, int(args, 2)?);
            Ok(Value::String(cidr_subnet(&net, bits, num)?))
        }
        "cidrsubnets" => {
            if args.is_empty() {
                return err("needs a prefix");
            }
            let net = parse_cidr(&s(args, 0)?)?;
            let mut bits = Vec::new();
            for i in 1..args.len() {
                bits.push(int(args, i)?);
            }
            Ok(strs(cidr_subnets(&net, &bits)?, ctx))
        }
        "cidrhost" => {
            arity(args, 2, 2)?;
            let net = parse_cidr(&s(args, 0)?)?;
            Ok(Value::String(cidr_host(&net, int(args, 1)?)?))
        }
        "cidrnetmask" => {
            arity(args, 1, 1)?;
            let net = parse_cidr(&s(args, 0)?)?;
            match net.0 {
                IpAddr::V4(_) => {
                    let mask = if net.1 == 0 {
                        0u32
                    } else {
                        u32::MAX << (32 - u32::from(net.1))
                    };
                    Ok(Value::String(Ipv4Addr::from(mask).to_string()))
                }
                IpAddr::V6(_) => err("only IPv4 prefixes have a netmask"),
            }
        }

        // --- not evaluated here ---
        "file" | "filebase64" | "fileexists" | "fileset" | "templatefile" | "filemd5"
        | "filesha1" | "filesha256" | "filesha512" | "filebase64sha256" | "filebase64sha512"
        | "abspath" | "pathexpand" => Err(FnErr::Unsupported(
            "reads the file system, which is not available here".into(),
        )),
        "timestamp" | "plantimestamp" | "uuid" | "bcrypt" => {
            Err(FnErr::Unsupported("the result changes on every run".into()))
        }
        "md5" | "sha1" | "sha256" | "sha512" | "base64sha256" | "base64sha512" | "uuidv5"
        | "regex" | "regexall" | "formatdate" | "timeadd" | "timecmp" | "yamlencode"
        | "yamldecode" | "csvdecode" | "textencodebase64" | "textdecodebase64" | "base64gzip"
        | "rsadecrypt" | "cidrcontains" | "ephemeralasnull" | "issensitive" | "type" => Err(
            FnErr::Unsupported("this function is not implemented".into()),
        ),
        _ => Err(FnErr::NoSuch),
    }
}

fn title(x: &str) -> String {
    let mut out = String::with_capacity(x.len());
    let mut start = true;
    for c in x.chars() {
        if start && c.is_alphabetic() {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        start = !c.is_alphanumeric();
    }
    out
}

fn from_json(j: &serde_json::Value, ctx: &FnCtx) -> Value {
    use serde_json::Value as J;
    match j {
        J::Null => Value::Null,
        J::Bool(b) => Value::Bool(*b),
        J::Number(n) => Value::Number(n.as_f64().unwrap_or(0.0)),
        J::String(x) => Value::String(x.clone()),
        J::Array(a) => Value::List(a.iter().map(|e| sp(from_json(e, ctx), ctx)).collect()),
        J::Object(m) => Value::Object(
            m.iter()
                .map(|(k, v)| (k.clone(), sp(from_json(v, ctx), ctx)))
                .collect(),
        ),
    }
}

/// `format` with Go-style verbs: `%s %d %v %q %f %e %g %t %x %X %o %b %%`, flags `-+0 `, width
/// and precision.
fn format_str(f: &str, args: &Args, ctx: &FnCtx) -> Result<String, FnErr> {
    let mut out = String::new();
    let mut chars = f.chars().peekable();
    let mut next = 0usize;
    let max = ctx.limits.max_string_len;
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        if chars.peek() == Some(&'%') {
            chars.next();
            out.push('%');
            continue;
        }
        let (mut left, mut zero, mut plus, mut space) = (false, false, false, false);
        while let Some(&fc) = chars.peek() {
            match fc {
                '-' => left = true,
                '0' => zero = true,
                '+' => plus = true,
                ' ' => space = true,
                '#' => {}
                _ => break,
            }
            chars.next();
        }
        let mut width = 0usize;
        while let Some(d) = chars.peek().and_then(|c| c.to_digit(10)) {
            width = width.saturating_mul(10).saturating_add(d as usize);
            chars.next();
        }
        let mut prec: Option<usize> = None;
        if chars.peek() == Some(&'.') {
            chars.next();
            let mut p = 0usize;
            while let Some(d) = chars.peek().and_then(|c| c.to_digit(10)) {
                p = p.saturating_mul(10).saturating_add(d as usize);
                chars.next();
            }
            prec = Some(p);
        }
        if width > max || prec.is_some_and(|p| p > 1000) {
            return Err(FnErr::Limit(
                "format width or precision is too large".into(),
            ));
        }
        let Some(verb) = chars.next() else {
            return err("format string ends in the middle of a verb");
        };
        let Some(a) = args.get(next) else {
            return err(format!(
                "not enough arguments for the format string (verb %{verb})"
            ));
        };
        next += 1;
        let v = &a.value;
        let num = |v: &Value| -> Result<f64, FnErr> { n_of(v) };
        let sign = |x: f64, body: String| -> String {
            if x < 0.0 || body.starts_with('-') {
                body
            } else if plus {
                format!("+{body}")
            } else if space {
                format!(" {body}")
            } else {
                body
            }
        };
        let (body, numeric) = match verb {
            's' => (s_of(v)?, false),
            'v' => (
                match v {
                    Value::String(x) => x.clone(),
                    Value::Number(x) => format_number(*x),
                    Value::Bool(b) => b.to_string(),
                    Value::Null => "null".into(),
                    other => serde_json::to_string(&other.to_json()).unwrap_or_default(),
                },
                false,
            ),
            'q' => (serde_json::to_string(&s_of(v)?).unwrap_or_default(), false),
            't' => match to_bool(v) {
                Ok(Some(b)) => (b.to_string(), false),
                Ok(None) => return Err(unknown_arg(v)),
                Err(m) => return err(m),
            },
            'd' => {
                let x = num(v)?;
                if x.fract() != 0.0 {
                    return err(format!("%d needs a whole number, got {}", format_number(x)));
                }
                (sign(x, format!("{}", x as i64)), true)
            }
            'f' | 'F' => {
                let x = num(v)?;
                (sign(x, format!("{:.*}", prec.unwrap_or(6), x)), true)
            }
            'e' | 'E' => {
                let x = num(v)?;
                let t = format!("{:.*e}", prec.unwrap_or(6), x);
                (
                    sign(x, if verb == 'E' { t.to_uppercase() } else { t }),
                    true,
                )
            }
            'g' | 'G' => {
                let x = num(v)?;
                (sign(x, format_number(x)), true)
            }
            'x' | 'X' | 'o' | 'b' => {
                let x = num(v)?;
                if x.fract() != 0.0 {
                    return err(format!("%{verb} needs a whole number"));
                }
                let i = x as i64;
                let (neg, u) = (i < 0, i.unsigned_abs());
                let t = match verb {
                    'x' => format!("{u:x}"),
                    'X' => format!("{u:X}"),
                    'o' => format!("{u:o}"),
                    _ => format!("{u:b}"),
                };
                (if neg { format!("-{t}") } else { t }, true)
            }
            other => return err(format!("unsupported format verb %{other}")),
        };
        let body = match (verb, prec) {
            ('s' | 'v' | 'q', Some(p)) => body.chars().take(p).collect(),
            _ => body,
        };
        let len = body.chars().count();
        if len < width {
            let pad = width - len;
            if left {
                out.push_str(&body);
                out.push_str(&" ".repeat(pad));
            } else if zero && numeric {
                let (sgn, digits) = match body.strip_prefix(['-', '+']) {
                    Some(d) => (body.get(..1).unwrap_or(""), d),
                    None => ("", body.as_str()),
                };
                out.push_str(sgn);
                out.push_str(&"0".repeat(pad));
                out.push_str(digits);
            } else {
                out.push_str(&" ".repeat(pad));
                out.push_str(&body);
            }
        } else {
            out.push_str(&body);
        }
        if out.len() > max {
            return Err(FnErr::Limit(format!("result is longer than {max} bytes")));
        }
    }
    if next < args.len() {
        return err(format!(
            "too many arguments: the format string uses {next}, got {}",
            args.len()
        ));
    }
    Ok(out)
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn base64_encode(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                let idx = ((n >> (18 - 6 * i)) & 63) as usize;
                out.push(B64.get(idx).copied().unwrap_or(b'A') as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut buf = 0u32;
    let mut bits = 0;
    for c in text.bytes() {
        if c == b'=' {
            break;
        }
        if c.is_ascii_whitespace() {
            continue;
        }
        let v = B64.iter().position(|&b| b == c)? as u32;
        buf = (buf << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(((buf >> bits) & 0xFF) as u8);
        }
    }
    Some(out)
}

// ----- CIDR arithmetic (addresses as u128 so IPv4 and IPv6 share the code) -----

type Cidr = (IpAddr, u8);

fn parse_cidr(x: &str) -> Result<Cidr, FnErr> {
    let net: ipnet::IpNet = x
        .parse()
        .map_err(|_| FnErr::Error(format!("\"{x}\" is not a CIDR prefix")))?;
    Ok((net.network(), net.prefix_len()))
}

fn bits_of(ip: &IpAddr) -> u32 {
    match ip {
        IpAddr::V4(_) => 32,
        IpAddr::V6(_) => 128,
    }
}

fn to_u128(ip: &IpAddr) -> u128 {
    match ip {
        IpAddr::V4(a) => u128::from(u32::from(*a)),
        IpAddr::V6(a) => u128::from(*a),
    }
}

fn from_u128(v: u128, like: &IpAddr) -> IpAddr {
    match like {
        IpAddr::V4(_) => IpAddr::V4(Ipv4Addr::from(u32::try_from(v & 0xFFFF_FFFF).unwrap_or(0))),
        IpAddr::V6(_) => IpAddr::V6(Ipv6Addr::from(v)),
    }
}

fn cidr_subnet(net: &Cidr, newbits: i64, num: i64) -> Result<String, FnErr> {
    let max = bits_of(&net.0);
    let plen = u32::from(net.1);
    if newbits < 0 || plen + newbits as u32 > max || newbits > 128 {
        return err(format!("cannot extend a /{plen} prefix by {newbits} bits"));
    }
    let newlen = plen + newbits as u32;
    if num < 0 || (newbits < 64 && num as u128 >= (1u128 << newbits)) {
        return err(format!("netnum {num} does not fit in {newbits} bits"));
    }
    let shift = max - newlen;
    let base = to_u128(&net.0);
    let addr = base | ((num as u128).checked_shl(shift).unwrap_or(0));
    Ok(format!("{}/{newlen}", from_u128(addr, &net.0)))
}

fn cidr_subnets(net: &Cidr, newbits: &[i64]) -> Result<Vec<String>, FnErr> {
    let max = bits_of(&net.0);
    let plen = u32::from(net.1);
    let base = to_u128(&net.0);
    let host_span: u128 = if max - plen >= 128 {
        u128::MAX
    } else {
        1u128 << (max - plen)
    };
    let mut offset: u128 = 0;
    let mut out = Vec::new();
    for &nb in newbits {
        if nb < 1 || plen + nb as u32 > max {
            return err(format!("cannot extend a /{plen} prefix by {nb} bits"));
        }
        let newlen = plen + nb as u32;
        let size: u128 = 1u128 << (max - newlen);
        // Align to the subnet size, as Terraform does.
        offset = offset.div_ceil(size).saturating_mul(size);
        if offset.saturating_add(size) > host_span {
            return err("not enough address space for the requested subnets");
        }
        out.push(format!("{}/{newlen}", from_u128(base + offset, &net.0)));
        offset += size;
    }
    Ok(out)
}

fn cidr_host(net: &Cidr, num: i64) -> Result<String, FnErr> {
    let max = bits_of(&net.0);
    let hostbits = max - u32::from(net.1);
    let span: u128 = if hostbits >= 128 {
        u128::MAX
    } else {
        1u128 << hostbits
    };
    let base = to_u128(&net.0);
    let off: u128 = if num >= 0 {
        num as u128
    } else {
        match span.checked_sub(num.unsigned_abs() as u128) {
            Some(v) => v,
            None => return err(format!("host number {num} does not fit in the prefix")),
        }
    };
    if off >= span {
        return err(format!(
            "host number {num} does not fit in a /{} prefix",
            net.1
        ));
    }
    Ok(from_u128(base + off, &net.0).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sp0() -> Span {
        Span::file_start("t.tf")
    }

    fn v(x: Value) -> Spanned<Value> {
        Spanned::new(x, sp0())
    }

    fn st(x: &str) -> Spanned<Value> {
        v(Value::String(x.into()))
    }

    fn num(x: f64) -> Spanned<Value> {
        v(Value::Number(x))
    }

    fn list(xs: Vec<Spanned<Value>>) -> Spanned<Value> {
        v(Value::List(xs))
    }

    fn run(name: &str, args: Vec<Spanned<Value>>) -> R {
        let limits = Limits::default();
        let span = sp0();
        call(
            name,
            &args,
            &FnCtx {
                limits: &limits,
                span: &span,
            },
        )
    }

    fn ok(name: &str, args: Vec<Spanned<Value>>) -> serde_json::Value {
        match run(name, args) {
            Ok(v) => v.to_json(),
            Err(e) => panic!("{name}: {e:?}"),
        }
    }

    #[test]
    fn strings() {
        assert_eq!(ok("lower", vec![st("AbC")]), "abc");
        assert_eq!(ok("upper", vec![st("abc")]), "ABC");
        assert_eq!(ok("title", vec![st("hello world")]), "Hello World");
        assert_eq!(ok("trimspace", vec![st("  x \n")]), "x");
        assert_eq!(
            ok("trimprefix", vec![st("helloworld"), st("hello")]),
            "world"
        );
        assert_eq!(
            ok("trimsuffix", vec![st("helloworld"), st("world")]),
            "hello"
        );
        assert_eq!(ok("trim", vec![st("?!hi!?"), st("!?")]), "hi");
        assert_eq!(
            ok("substr", vec![st("hello world"), num(1.0), num(4.0)]),
            "ello"
        );
        assert_eq!(ok("substr", vec![st("hello"), num(-3.0), num(-1.0)]), "llo");
        assert_eq!(ok("replace", vec![st("a-b-c"), st("-"), st("_")]), "a_b_c");
        assert_eq!(
            ok("split", vec![st(","), st("a,b")]),
            serde_json::json!(["a", "b"])
        );
        assert_eq!(
            ok("join", vec![st("-"), list(vec![st("a"), num(1.0)])]),
            "a-1"
        );
        assert_eq!(ok("startswith", vec![st("hello"), st("he")]), true);
        assert_eq!(ok("endswith", vec![st("hello"), st("lo")]), true);
        assert_eq!(ok("strcontains", vec![st("hello"), st("ell")]), true);
        assert_eq!(ok("indent", vec![num(2.0), st("a\nb")]), "a\n  b");
        assert_eq!(ok("base64encode", vec![st("hello")]), "aGVsbG8=");
        assert_eq!(ok("base64decode", vec![st("aGVsbG8=")]), "hello");
        assert_eq!(ok("urlencode", vec![st("a b&c")]), "a%20b%26c");
        assert!(matches!(
            run("replace", vec![st("a"), st("/a/"), st("b")]),
            Err(FnErr::Unsupported(_))
        ));
    }

    #[test]
    fn format_verbs() {
        assert_eq!(
            ok("format", vec![st("%s-%03d"), st("web"), num(7.0)]),
            "web-007"
        );
        assert_eq!(
            ok(
                "format",
                vec![
                    st("%v|%q|%.2f|%t|%%"),
                    num(1.5),
                    st("x"),
                    num(1.23456),
                    v(Value::Bool(true))
                ]
            ),
            "1.5|\"x\"|1.23|true|%"
        );
        assert_eq!(
            ok(
                "format",
                vec![st("%-4s|%4s|%x"), st("a"), st("b"), num(255.0)]
            ),
            "a   |   b|ff"
        );
        assert!(run("format", vec![st("%s %s"), st("a")]).is_err());
        assert!(matches!(
            run("format", vec![st("%999999999999d"), num(1.0)]),
            Err(FnErr::Limit(_))
        ));
        assert_eq!(
            ok(
                "formatlist",
                vec![st("%s-%s"), list(vec![st("a"), st("b")]), st("x")]
            ),
            serde_json::json!(["a-x", "b-x"])
        );
    }

    #[test]
    fn collections() {
        let m = |pairs: &[(&str, Spanned<Value>)]| {
            v(Value::Object(
                pairs
                    .iter()
                    .map(|(k, x)| (k.to_string(), x.clone()))
                    .collect(),
            ))
        };
        assert_eq!(ok("length", vec![list(vec![num(1.0), num(2.0)])]), 2);
        assert_eq!(ok("length", vec![st("héllo")]), 5);
        assert_eq!(
            ok("element", vec![list(vec![st("a"), st("b")]), num(3.0)]),
            "b"
        );
        assert_eq!(
            ok("lookup", vec![m(&[("a", num(1.0))]), st("b"), num(2.0)]),
            2
        );
        assert_eq!(
            ok(
                "merge",
                vec![
                    m(&[("a", num(1.0))]),
                    m(&[("a", num(2.0)), ("b", num(3.0))])
                ]
            ),
            serde_json::json!({"a": 2, "b": 3})
        );
        assert_eq!(
            ok("concat", vec![list(vec![num(1.0)]), list(vec![num(2.0)])]),
            serde_json::json!([1, 2])
        );
        assert_eq!(
            ok("keys", vec![m(&[("b", num(1.0)), ("a", num(2.0))])]),
            serde_json::json!(["a", "b"])
        );
        assert_eq!(
            ok("values", vec![m(&[("b", num(1.0)), ("a", num(2.0))])]),
            serde_json::json!([2, 1])
        );
        assert_eq!(
            ok("zipmap", vec![list(vec![st("a")]), list(vec![num(1.0)])]),
            serde_json::json!({"a": 1})
        );
        assert_eq!(
            ok(
                "flatten",
                vec![list(vec![
                    list(vec![num(1.0), list(vec![num(2.0)])]),
                    num(3.0)
                ])]
            ),
            serde_json::json!([1, 2, 3])
        );
        assert_eq!(
            ok("distinct", vec![list(vec![st("a"), st("b"), st("a")])]),
            serde_json::json!(["a", "b"])
        );
        assert_eq!(
            ok("compact", vec![list(vec![st("a"), st(""), v(Value::Null)])]),
            serde_json::json!(["a"])
        );
        assert_eq!(ok("contains", vec![list(vec![st("a")]), st("a")]), true);
        assert_eq!(ok("range", vec![num(3.0)]), serde_json::json!([0, 1, 2]));
        assert_eq!(
            ok("range", vec![num(1.0), num(10.0), num(4.0)]),
            serde_json::json!([1, 5, 9])
        );
        assert!(matches!(run("range", vec![num(1e9)]), Err(FnErr::Limit(_))));
        assert_eq!(ok("coalesce", vec![v(Value::Null), st(""), st("x")]), "x");
        assert_eq!(
            ok("coalescelist", vec![list(vec![]), list(vec![num(1.0)])]),
            serde_json::json!([1])
        );
        assert_eq!(ok("one", vec![list(vec![num(1.0)])]), 1);
        assert_eq!(ok("one", vec![list(vec![])]), serde_json::Value::Null);
        assert_eq!(ok("sum", vec![list(vec![num(1.0), num(2.5)])]), 3.5);
        assert_eq!(
            ok(
                "slice",
                vec![list(vec![num(1.0), num(2.0), num(3.0)]), num(1.0), num(3.0)]
            ),
            serde_json::json!([2, 3])
        );
        assert_eq!(
            ok("reverse", vec![list(vec![num(1.0), num(2.0)])]),
            serde_json::json!([2, 1])
        );
        assert_eq!(
            ok("sort", vec![list(vec![st("b"), st("a")])]),
            serde_json::json!(["a", "b"])
        );
        assert_eq!(
            ok("toset", vec![list(vec![st("b"), st("a"), st("b")])]),
            serde_json::json!(["a", "b"])
        );
        assert_eq!(
            ok(
                "setproduct",
                vec![list(vec![st("a"), st("b")]), list(vec![num(1.0)])]
            ),
            serde_json::json!([["a", 1], ["b", 1]])
        );
        assert_eq!(
            ok(
                "chunklist",
                vec![list(vec![num(1.0), num(2.0), num(3.0)]), num(2.0)]
            ),
            serde_json::json!([[1, 2], [3]])
        );
        assert_eq!(ok("alltrue", vec![list(vec![v(Value::Bool(true))])]), true);
        assert_eq!(ok("min", vec![num(3.0), num(1.0)]), 1);
        assert_eq!(ok("max", vec![num(3.0), num(1.0)]), 3);
        assert_eq!(ok("ceil", vec![num(1.2)]), 2);
        assert_eq!(ok("floor", vec![num(1.8)]), 1);
        assert_eq!(ok("abs", vec![num(-2.0)]), 2);
        assert_eq!(ok("tonumber", vec![st("42")]), 42);
        assert_eq!(ok("tostring", vec![num(42.0)]), "42");
        assert_eq!(ok("tobool", vec![st("true")]), true);
        assert_eq!(
            ok(
                "jsonencode",
                vec![m(&[("a", list(vec![num(1.0), st("x")]))])]
            ),
            "{\"a\":[1,\"x\"]}"
        );
        assert_eq!(
            ok("jsondecode", vec![st("{\"a\": [1, true]}")]),
            serde_json::json!({"a": [1, true]})
        );
    }

    #[test]
    fn unknowns_propagate_but_structure_survives() {
        let r = v(Value::Ref(Ref {
            address: "aws_security_group.a".into(),
            attr: "id".into(),
        }));
        let out = ok(
            "concat",
            vec![list(vec![r.clone()]), list(vec![st("sg-1")])],
        );
        assert_eq!(
            out,
            serde_json::json!([{"$ref": "aws_security_group.a.id"}, "sg-1"])
        );
        assert_eq!(ok("length", vec![list(vec![r.clone()])]), 1);
        match run("upper", vec![r]) {
            Err(FnErr::Unknown(u)) => assert_eq!(u.refs.len(), 1),
            other => panic!("{other:?}"),
        }
        assert!(matches!(run("nosuchfn", vec![]), Err(FnErr::NoSuch)));
        assert!(matches!(
            run("file", vec![st("x")]),
            Err(FnErr::Unsupported(_))
        ));
    }

    #[test]
    fn cidr() {
        assert_eq!(
            ok("cidrsubnet", vec![st("10.0.0.0/16"), num(8.0), num(1.0)]),
            "10.0.1.0/24"
        );
        assert_eq!(
            ok("cidrsubnet", vec![st("10.1.2.0/24"), num(4.0), num(15.0)]),
            "10.1.2.240/28"
        );
        assert_eq!(
            ok(
                "cidrsubnet",
                vec![st("fd00:fd12:3456:7890::/56"), num(16.0), num(162.0)]
            ),
            "fd00:fd12:3456:7800:a200::/72"
        );
        assert!(run("cidrsubnet", vec![st("10.0.0.0/16"), num(8.0), num(256.0)]).is_err());
        assert!(run("cidrsubnet", vec![st("10.0.0.0/30"), num(8.0), num(0.0)]).is_err());
        assert_eq!(
            ok("cidrhost", vec![st("10.12.112.0/20"), num(16.0)]),
            "10.12.112.16"
        );
        assert_eq!(
            ok("cidrhost", vec![st("10.12.112.0/20"), num(-2.0)]),
            "10.12.127.254"
        );
        assert_eq!(ok("cidrnetmask", vec![st("172.16.0.0/12")]), "255.240.0.0");
        assert_eq!(
            ok(
                "cidrsubnets",
                vec![st("10.1.0.0/16"), num(4.0), num(4.0), num(8.0), num(4.0)]
            ),
            serde_json::json!([
                "10.1.0.0/20",
                "10.1.16.0/20",
                "10.1.32.0/24",
                "10.1.48.0/20"
            ])
        );
        assert!(run("cidrsubnet", vec![st("nope"), num(1.0), num(1.0)]).is_err());
    }
}
