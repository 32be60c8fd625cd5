//! A serde `Deserializer` over a spanned [`Node`]: typed design structs are derived with
//! serde, and every error that comes out knows the node (line, column) and the design
//! path where it happened, plus a "did you mean" hint for unknown fields and variants.
//!
//! Errors gather their path on the way up: each map value or list item that an error
//! passes through adds its key or index, so the happy path pays nothing for it.

use std::fmt;

use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, Visitor};

use crate::diag::{did_you_mean, Code, Diagnostic, Location};
use crate::source::node::{DesignPath, Node, Resolved, Seg, Span, Value};

/// A typing error from the deserializer, located once it has left the node it is about.
#[derive(Debug, Clone, PartialEq)]
pub struct DeError {
    pub code: Code,
    pub message: String,
    pub hint: Option<String>,
    pub span: Option<Span>,
    /// Path segments, innermost first.
    rev_path: Vec<Seg>,
}

impl DeError {
    fn new(code: Code, message: String) -> Self {
        DeError {
            code,
            message,
            hint: None,
            span: None,
            rev_path: Vec::new(),
        }
    }

    fn locate(mut self, span: Span) -> Self {
        if self.span.is_none() {
            self.span = Some(span);
        }
        self
    }

    fn through(mut self, seg: Seg) -> Self {
        self.rev_path.push(seg);
        self
    }

    /// Into a located diagnostic, with `prefix` being the path of the node deserialized.
    pub fn into_diagnostic(self, prefix: &DesignPath) -> Diagnostic {
        let mut path = prefix.clone();
        path.0.extend(self.rev_path.into_iter().rev());
        let mut d = Diagnostic::error(self.code, self.message)
            .with_path(&path)
            .with_hint_opt(self.hint);
        if let Some(span) = self.span {
            d = d.at(Location::of(span.start));
        }
        d
    }
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError::new(Code::InvalidValue, msg.to_string())
    }

    fn invalid_type(unexp: de::Unexpected, exp: &dyn de::Expected) -> Self {
        DeError::new(
            Code::WrongType,
            format!("expected {exp}, found {}", unexpected(unexp)),
        )
    }

    fn invalid_value(unexp: de::Unexpected, exp: &dyn de::Expected) -> Self {
        DeError::new(
            Code::InvalidValue,
            format!("expected {exp}, found {}", unexpected(unexp)),
        )
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        let mut e = DeError::new(Code::UnknownField, format!("unknown field `{field}`"));
        e.hint = did_you_mean(field, expected.iter().copied()).or_else(|| {
            Some(format!(
                "the fields allowed here are: {}",
                expected.join(", ")
            ))
        });
        e
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        let mut e = DeError::new(Code::UnknownValue, format!("unknown value `{variant}`"));
        e.hint = did_you_mean(variant, expected.iter().copied())
            .or_else(|| Some(format!("one of: {}", expected.join(", "))));
        e
    }

    fn missing_field(field: &'static str) -> Self {
        DeError::new(Code::MissingField, format!("missing field `{field}`"))
    }

    fn duplicate_field(field: &'static str) -> Self {
        DeError::new(Code::DuplicateKey, format!("duplicate field `{field}`"))
    }
}

/// What a node is, as serde names it in a type error.
fn unexpected_of(node: &Node) -> de::Unexpected<'_> {
    match &node.value {
        Value::Seq(_) => de::Unexpected::Seq,
        Value::Map(_) => de::Unexpected::Map,
        Value::Scalar { .. } => match node.resolve() {
            Some(Resolved::Bool(b)) => de::Unexpected::Bool(b),
            Some(Resolved::Int(i)) => de::Unexpected::Signed(i),
            Some(Resolved::Float(f)) => de::Unexpected::Float(f),
            Some(Resolved::Str(s)) => de::Unexpected::Str(s),
            Some(Resolved::Null) | None => de::Unexpected::Unit,
        },
    }
}

fn unexpected(u: de::Unexpected) -> String {
    match u {
        de::Unexpected::Str(s) => format!("the string \"{s}\""),
        de::Unexpected::Signed(i) => format!("the number {i}"),
        de::Unexpected::Unsigned(i) => format!("the number {i}"),
        de::Unexpected::Float(f) => format!("the number {f}"),
        de::Unexpected::Bool(b) => format!("`{b}`"),
        de::Unexpected::Unit => "nothing (null)".into(),
        de::Unexpected::Seq => "a list".into(),
        de::Unexpected::Map => "a map".into(),
        other => other.to_string(),
    }
}

/// Deserializes `T` from `node`, turning a failure into a diagnostic located inside it.
pub fn from_node<T: DeserializeOwned>(node: &Node, path: &DesignPath) -> Result<T, Diagnostic> {
    T::deserialize(NodeDe(node, None)).map_err(|e| e.locate(node.span).into_diagnostic(path))
}

/// As [`from_node`], for a map node whose `skip` keys belong to the caller (a resource's
/// `kind` and the fields common to every kind), without copying the map.
pub fn from_node_skipping<T: DeserializeOwned>(
    node: &Node,
    path: &DesignPath,
    skip: &'static [&'static str],
) -> Result<T, Diagnostic> {
    T::deserialize(NodeDe(node, Some(skip))).map_err(|e| e.locate(node.span).into_diagnostic(path))
}

/// The deserializer for one node; the second field lists keys of a map node to pass over.
#[derive(Clone, Copy)]
pub struct NodeDe<'a>(pub &'a Node, pub Option<&'static [&'static str]>);

impl<'de, 'a> de::Deserializer<'de> for NodeDe<'a> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let node = self.0;
        let result = match &node.value {
            Value::Seq(items) => visitor.visit_seq(SeqAccess {
                items: items.iter(),
                index: 0,
            }),
            Value::Map(entries) => visitor.visit_map(MapAccess {
                entries: entries.iter(),
                pending: None,
                skip: self.1,
            }),
            Value::Scalar { .. } => match node.resolve() {
                Some(Resolved::Null) => visitor.visit_unit(),
                Some(Resolved::Bool(b)) => visitor.visit_bool(b),
                Some(Resolved::Int(i)) => visitor.visit_i64(i),
                Some(Resolved::Float(f)) => visitor.visit_f64(f),
                Some(Resolved::Str(s)) => visitor.visit_str(s),
                None => visitor.visit_unit(),
            },
        };
        result.map_err(|e| e.locate(node.span))
    }

    /// Strings accept any scalar as its text (`zone: 1`, `version: "1"`), as YAML users expect.
    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.0.value {
            Value::Scalar { text, plain }
                if !(*plain && matches!(self.0.resolve(), Some(Resolved::Null))) =>
            {
                visitor
                    .visit_str(text)
                    .map_err(|e: DeError| e.locate(self.0.span))
            }
            _ => self.deserialize_any(visitor),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.0.resolve() {
            Some(Resolved::Null) => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match &self.0.value {
            Value::Scalar { text, .. } => visitor
                .visit_enum(text.as_str().into_deserializer())
                .map_err(|e: DeError| e.locate(self.0.span)),
            Value::Map(entries) if matches!(entries.as_slice(), [_]) => visitor
                .visit_enum(EnumAccess(&entries[..]))
                .map_err(|e| e.locate(self.0.span)),
            _ => Err(DeError::new(
                Code::WrongType,
                format!("expected a name, found {}", self.0.describe()),
            )
            .locate(self.0.span)),
        }
    }

    /// A struct is a map in the format, never a list: only the map half of a derived
    /// visitor is reachable, so the (unused) list half of every struct's deserializer is
    /// left out of the build. The error is the one `deserialize_any` would give.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let node = self.0;
        match &node.value {
            Value::Map(entries) => visitor
                .visit_map(MapAccess {
                    entries: entries.iter(),
                    pending: None,
                    skip: self.1,
                })
                .map_err(|e| e.locate(node.span)),
            _ => Err(de::Error::invalid_type(unexpected_of(node), &visitor))
                .map_err(|e: DeError| e.locate(node.span)),
        }
    }

    /// A field name is the key's text as written (`80:` names the field `80`, not the
    /// 81st field by index), so derived field visitors need only their string half.
    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.0.value {
            Value::Scalar { text, .. } => visitor
                .visit_str(text)
                .map_err(|e: DeError| e.locate(self.0.span)),
            _ => self.deserialize_any(visitor),
        }
    }

    /// A list is only a list: the other halves of a list visitor are never reached.
    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let node = self.0;
        match &node.value {
            Value::Seq(items) => visitor
                .visit_seq(SeqAccess {
                    items: items.iter(),
                    index: 0,
                })
                .map_err(|e| e.locate(node.span)),
            _ => Err(de::Error::invalid_type(unexpected_of(node), &visitor))
                .map_err(|e: DeError| e.locate(node.span)),
        }
    }

    /// A map is only a map (as for structs).
    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let node = self.0;
        match &node.value {
            Value::Map(entries) => visitor
                .visit_map(MapAccess {
                    entries: entries.iter(),
                    pending: None,
                    skip: self.1,
                })
                .map_err(|e| e.locate(node.span)),
            _ => Err(de::Error::invalid_type(unexpected_of(node), &visitor))
                .map_err(|e: DeError| e.locate(node.span)),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char
        bytes byte_buf unit unit_struct tuple
        tuple_struct ignored_any
    }
}

struct SeqAccess<'a> {
    items: std::slice::Iter<'a, Node>,
    index: usize,
}

impl<'de, 'a> de::SeqAccess<'de> for SeqAccess<'a> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        let Some(item) = self.items.next() else {
            return Ok(None);
        };
        let index = self.index;
        self.index += 1;
        seed.deserialize(NodeDe(item, None))
            .map(Some)
            .map_err(|e| e.locate(item.span).through(Seg::Index(index)))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct MapAccess<'a> {
    entries: std::slice::Iter<'a, (Node, Node)>,
    pending: Option<&'a (Node, Node)>,
    skip: Option<&'static [&'static str]>,
}

impl<'de, 'a> de::MapAccess<'de> for MapAccess<'a> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        let skip = self.skip;
        let Some(entry) = self
            .entries
            .find(|(k, _)| !skip.is_some_and(|s| k.scalar_text().is_some_and(|t| s.contains(&t))))
        else {
            return Ok(None);
        };
        self.pending = Some(entry);
        let key = &entry.0;
        seed.deserialize(NodeDe(key, None)).map(Some).map_err(|e| {
            let seg = Seg::Key(key.scalar_text().unwrap_or_default().to_string());
            e.locate(key.span).through(seg)
        })
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let Some((key, value)) = self.pending.take() else {
            return Err(DeError::new(
                Code::InvalidValue,
                "value without a key".into(),
            ));
        };
        seed.deserialize(NodeDe(value, None)).map_err(|e| {
            let seg = Seg::Key(key.scalar_text().unwrap_or_default().to_string());
            e.locate(value.span).through(seg)
        })
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// The single entry of a `{ variant: value }` map.
struct EnumAccess<'a>(&'a [(Node, Node)]);

impl<'de, 'a> de::EnumAccess<'de> for EnumAccess<'a> {
    type Error = DeError;
    type Variant = NodeDe<'a>;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, Self::Variant), DeError> {
        let Some((key, value)) = self.0.first() else {
            return Err(DeError::new(
                Code::WrongType,
                "expected a one-entry map".into(),
            ));
        };
        let v = seed
            .deserialize(NodeDe(key, None))
            .map_err(|e| e.locate(key.span))?;
        Ok((v, NodeDe(value, None)))
    }
}

impl<'de, 'a> de::VariantAccess<'de> for NodeDe<'a> {
    type Error = DeError;

    fn unit_variant(self) -> Result<(), DeError> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, DeError> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, DeError> {
        de::Deserializer::deserialize_seq(self, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        de::Deserializer::deserialize_map(self, visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::node::parse;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Db {
        engine: String,
        multi_az: Option<bool>,
        storage: Option<Storage>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Storage {
        size_gb: u32,
    }

    fn err(text: &str) -> Diagnostic {
        let node = parse(text).unwrap();
        from_node::<Db>(&node, &DesignPath::parse("resources.db")).unwrap_err()
    }

    #[test]
    fn unknown_field_is_located_with_a_hint() {
        let d = err("engine: mysql\nmulti_azz: true\n");
        assert_eq!(d.code, "unknown-field");
        assert_eq!((d.line, d.column), (Some(2), Some(1)));
        assert_eq!(d.path, "resources.db.multi_azz");
        assert_eq!(d.hint.as_deref(), Some("did you mean `multi_az`?"));
    }

    #[test]
    fn wrong_type_is_located_at_the_value() {
        let d = err("engine: mysql\nstorage:\n  size_gb: lots\n");
        assert_eq!(d.code, "wrong-type");
        assert_eq!((d.line, d.column), (Some(3), Some(12)));
        assert_eq!(d.path, "resources.db.storage.size_gb");
    }

    #[test]
    fn missing_field_points_at_the_map() {
        let d = err("multi_az: true\n");
        assert_eq!(d.code, "missing-field");
        assert_eq!(d.line, Some(1));
    }
}
