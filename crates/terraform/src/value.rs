//! The evaluated value tree.
//!
//! Values mirror Terraform's: null, bool, number, string, lists (tuples and sets are lists too)
//! and objects (maps are objects). Two extra variants carry what cannot be known without
//! `terraform apply`: [`Value::Unknown`] (with the reason and the references it came from) and
//! [`Value::Ref`], a reference to an attribute of another resource instance that Terraform
//! computes (an `id`, an `arn`), kept symbolic so that a mapper can resolve "this subnet id" to
//! "this subnet". Every element of a list and every object member carries the span of the source
//! it was evaluated from.

use crate::files::Span;
use indexmap::IndexMap;
use serde::Serialize;
use std::fmt::Write as _;

/// How deeply values may nest (lists in lists...).
pub(crate) const MAX_VALUE_DEPTH: usize = 160;

/// An object: members in source (insertion) order.
pub type Map = IndexMap<String, Spanned<Value>>;

/// A value with the location of the source that produced it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    pub fn new(value: T, span: Span) -> Spanned<T> {
        Spanned { value, span }
    }
}

/// A value that is only known after apply (or could not be evaluated here).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Unknown {
    /// Why the value is unknown, e.g. "data.aws_ami.ubuntu.id is read at plan time".
    pub reason: String,
    /// Resource attributes the value was computed from, if any (e.g. `"${aws_s3_bucket.b.arn}/*"`).
    pub refs: Vec<Ref>,
}

/// A reference to an attribute of a resource instance computed by Terraform.
///
/// `address` is the instance address exactly as Terraform prints it (`aws_subnet.a[0]`,
/// `module.net.aws_vpc.this`); `attr` is the attribute path below it (`id`,
/// `root_block_device[0].volume_id`), empty for a reference to the whole instance.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Ref {
    pub address: String,
    pub attr: String,
}

impl Ref {
    /// `address.attr` (or the address alone for a whole-instance reference).
    pub fn display(&self) -> String {
        if self.attr.is_empty() {
            self.address.clone()
        } else if self.attr.starts_with('[') {
            format!("{}{}", self.address, self.attr)
        } else {
            format!("{}.{}", self.address, self.attr)
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum Value {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    List(Vec<Spanned<Value>>),
    Object(Map),
    Unknown(Unknown),
    Ref(Ref),
}

impl Value {
    pub fn unknown(reason: impl Into<String>) -> Value {
        Value::Unknown(Unknown {
            reason: reason.into(),
            refs: Vec::new(),
        })
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_list(&self) -> Option<&[Spanned<Value>]> {
        match self {
            Value::List(l) => Some(l),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&Map> {
        match self {
            Value::Object(m) => Some(m),
            _ => None,
        }
    }

    pub fn as_ref(&self) -> Option<&Ref> {
        match self {
            Value::Ref(r) => Some(r),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// True for `Unknown` and `Ref` (both are unknown until apply).
    pub fn is_unknown(&self) -> bool {
        matches!(self, Value::Unknown(_) | Value::Ref(_))
    }

    /// True if no `Unknown`/`Ref` appears anywhere in the value.
    pub fn is_wholly_known(&self) -> bool {
        match self {
            Value::Unknown(_) | Value::Ref(_) => false,
            Value::List(l) => l.iter().all(|v| v.value.is_wholly_known()),
            Value::Object(m) => m.values().all(|v| v.value.is_wholly_known()),
            _ => true,
        }
    }

    /// Iterates list elements (empty for anything else).
    pub fn iter_list(&self) -> impl Iterator<Item = &Spanned<Value>> {
        self.as_list().unwrap_or(&[]).iter()
    }

    /// Iterates object members in order (empty for anything else).
    pub fn iter_object(&self) -> impl Iterator<Item = (&String, &Spanned<Value>)> {
        self.as_object().into_iter().flat_map(|m| m.iter())
    }

    /// Looks up a path such as `tags.Name`, `ingress.0.from_port` or `ingress[0].from_port`.
    pub fn get(&self, path: &str) -> Option<&Value> {
        if path.is_empty() {
            return Some(self);
        }
        self.get_spanned(path).map(|s| &s.value)
    }

    /// Like [`Value::get`] but also returns the span of the member found.
    pub fn get_spanned(&self, path: &str) -> Option<&Spanned<Value>> {
        let mut cur: Option<&Spanned<Value>> = None;
        let mut base = self;
        for seg in path_segments(path) {
            let next = match (base, seg) {
                (Value::Object(m), PathSeg::Key(k)) => m.get(k),
                (Value::Object(m), PathSeg::Index(i)) => m.get(&i.to_string()),
                (Value::List(l), PathSeg::Index(i)) => l.get(i),
                (Value::List(l), PathSeg::Key(k)) => k.parse::<usize>().ok().and_then(|i| l.get(i)),
                _ => None,
            }?;
            base = &next.value;
            cur = Some(next);
        }
        cur
    }

    /// The Terraform type name, for messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "bool",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::List(_) => "list",
            Value::Object(_) => "object",
            Value::Unknown(_) => "unknown",
            Value::Ref(_) => "reference",
        }
    }

    /// Plain JSON: unknowns become `{"$unknown": reason}` and references `{"$ref": "addr.attr"}`.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match self {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Number(n) => number_to_json(*n),
            Value::String(s) => J::String(s.clone()),
            Value::List(l) => J::Array(l.iter().map(|v| v.value.to_json()).collect()),
            Value::Object(m) => J::Object(
                m.iter()
                    .map(|(k, v)| (k.clone(), v.value.to_json()))
                    .collect(),
            ),
            Value::Unknown(u) => {
                let mut o = serde_json::Map::new();
                o.insert("$unknown".into(), J::String(u.reason.clone()));
                if !u.refs.is_empty() {
                    o.insert(
                        "refs".into(),
                        J::Array(u.refs.iter().map(|r| J::String(r.display())).collect()),
                    );
                }
                J::Object(o)
            }
            Value::Ref(r) => {
                let mut o = serde_json::Map::new();
                o.insert("$ref".into(), J::String(r.display()));
                J::Object(o)
            }
        }
    }

    /// A rough size (elements plus string bytes / 64), stopping early once past `cap`. Values
    /// nested deeper than [`MAX_VALUE_DEPTH`] count as over any cap: deep values would make the
    /// recursive walks over them (equality, JSON, drop) risk the stack.
    pub(crate) fn weight(&self, cap: usize) -> usize {
        fn go(v: &Value, acc: &mut usize, cap: usize, depth: usize) {
            if *acc > cap {
                return;
            }
            if depth > MAX_VALUE_DEPTH {
                *acc = cap.saturating_add(1);
                return;
            }
            *acc += 1;
            match v {
                Value::String(s) => *acc += s.len() / 64,
                Value::List(l) => l.iter().for_each(|e| go(&e.value, acc, cap, depth + 1)),
                Value::Object(m) => m.iter().for_each(|(k, e)| {
                    *acc += k.len() / 64;
                    go(&e.value, acc, cap, depth + 1)
                }),
                _ => {}
            }
        }
        let mut acc = 0;
        go(self, &mut acc, cap, 0);
        acc
    }

    /// A canonical text form used for set semantics (`distinct`, `toset`, `contains`).
    pub(crate) fn canonical(&self) -> String {
        let mut out = String::new();
        canonical_into(self, &mut out);
        out
    }
}

fn canonical_into(v: &Value, out: &mut String) {
    match v {
        Value::Null => out.push('N'),
        Value::Bool(b) => out.push(if *b { 'T' } else { 'F' }),
        Value::Number(n) => {
            let _ = write!(out, "n{}", format_number(*n));
        }
        Value::String(s) => {
            let _ = write!(out, "s{}:{s}", s.len());
        }
        Value::List(l) => {
            out.push('[');
            for e in l {
                canonical_into(&e.value, out);
                out.push(',');
            }
            out.push(']');
        }
        Value::Object(m) => {
            out.push('{');
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            for k in keys {
                let _ = write!(out, "{}:{k}=", k.len());
                if let Some(e) = m.get(k) {
                    canonical_into(&e.value, out);
                }
                out.push(',');
            }
            out.push('}');
        }
        Value::Unknown(u) => {
            let _ = write!(out, "?{}", u.reason);
        }
        Value::Ref(r) => {
            let _ = write!(out, "&{}", r.display());
        }
    }
}

/// Formats a number the way Terraform prints it: integers without a fraction.
pub fn format_number(n: f64) -> String {
    if n.is_finite() && n.fract() == 0.0 && n.abs() < 1e17 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

fn number_to_json(n: f64) -> serde_json::Value {
    if n.is_finite() && n.fract() == 0.0 && n.abs() < 9e15 {
        serde_json::Value::from(n as i64)
    } else {
        serde_json::Number::from_f64(n).map_or(serde_json::Value::Null, serde_json::Value::Number)
    }
}

enum PathSeg<'a> {
    Key(&'a str),
    Index(usize),
}

fn path_segments(path: &str) -> Vec<PathSeg<'_>> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let mut rest = part;
        if let Some(i) = rest.find('[') {
            let (head, tail) = rest.split_at(i);
            if !head.is_empty() {
                out.push(PathSeg::Key(head));
            }
            rest = tail;
            while let Some(stripped) = rest.strip_prefix('[') {
                let Some(end) = stripped.find(']') else { break };
                let inner = stripped.get(..end).unwrap_or("");
                let inner = inner.trim_matches('"');
                match inner.parse::<usize>() {
                    Ok(i) => out.push(PathSeg::Index(i)),
                    Err(_) => out.push(PathSeg::Key(inner)),
                }
                rest = stripped.get(end + 1..).unwrap_or("");
            }
        } else if let Ok(i) = rest.parse::<usize>() {
            out.push(PathSeg::Index(i));
        } else if !rest.is_empty() {
            out.push(PathSeg::Key(rest));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sp() -> Span {
        Span::file_start("t.tf")
    }

    #[test]
    fn get_paths() {
        let mut inner = Map::new();
        inner.insert("from_port".into(), Spanned::new(Value::Number(80.0), sp()));
        let list = Value::List(vec![Spanned::new(Value::Object(inner), sp())]);
        let mut top = Map::new();
        top.insert("ingress".into(), Spanned::new(list, sp()));
        let v = Value::Object(top);
        assert_eq!(
            v.get("ingress.0.from_port").and_then(Value::as_f64),
            Some(80.0)
        );
        assert_eq!(
            v.get("ingress[0].from_port").and_then(Value::as_f64),
            Some(80.0)
        );
        assert!(v.get("ingress[1]").is_none());
        assert!(v.get("nope").is_none());
    }

    #[test]
    fn numbers_format_like_terraform() {
        assert_eq!(format_number(3.0), "3");
        assert_eq!(format_number(2.5), "2.5");
        assert_eq!(format_number(-0.0), "0");
    }
}
