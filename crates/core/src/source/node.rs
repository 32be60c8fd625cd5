//! A YAML / JSON document as a tree of nodes that remember where they came from.
//!
//! Why not deserialize straight from text: every error Planwright reports carries the
//! line, column and design path of the value it is about, duplicate keys are errors, and
//! alias expansion is bounded. A tree of spanned nodes built from the parser's event
//! stream gives all three, and environment overrides can be merged on it before typing.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle};

use crate::diag::{Code, Diagnostic, Location};
use crate::limits;
pub use crate::path::{DesignPath, Seg};

/// A position in the source text: 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
    /// Character offset from the start of the text.
    pub offset: u32,
}

/// The start and end of a node in the source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pub start: Pos,
    pub end: Pos,
}

/// One value of the document with its span.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub span: Span,
}

/// The value of a node. Scalars keep their text; their type is resolved on use, so
/// exact decimals (prices) never pass through a float.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A scalar: `plain` is false for quoted and block scalars, which are always strings.
    Scalar {
        text: String,
        plain: bool,
    },
    Seq(Vec<Node>),
    /// Entries in document order; keys are unique (duplicates are rejected on load).
    Map(Vec<(Node, Node)>),
}

/// A plain scalar resolved by the YAML 1.2 core schema.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Resolved<'a> {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(&'a str),
}

impl Node {
    pub fn as_map(&self) -> Option<&[(Node, Node)]> {
        match &self.value {
            Value::Map(entries) => Some(entries),
            _ => None,
        }
    }

    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Seq(items) => Some(items),
            _ => None,
        }
    }

    /// The text of a scalar node, whatever its resolved type.
    pub fn scalar_text(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// The value under `key` in a map node.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.as_map()?
            .iter()
            .find(|(k, _)| k.scalar_text() == Some(key))
            .map(|(_, v)| v)
    }

    /// The key node of `key` in a map node (to point at a key rather than its value).
    pub fn key_node(&self, key: &str) -> Option<&Node> {
        self.as_map()?
            .iter()
            .find(|(k, _)| k.scalar_text() == Some(key))
            .map(|(k, _)| k)
    }

    pub fn resolve(&self) -> Option<Resolved<'_>> {
        match &self.value {
            Value::Scalar { text, plain } => Some(if *plain {
                resolve_plain(text)
            } else {
                Resolved::Str(text)
            }),
            _ => None,
        }
    }

    /// What kind of value this is, for "expected X, found Y" messages.
    pub fn describe(&self) -> &'static str {
        match self.resolve() {
            None => match self.value {
                Value::Seq(_) => "a list",
                _ => "a map",
            },
            Some(Resolved::Null) => "nothing (null)",
            Some(Resolved::Bool(_)) => "a boolean",
            Some(Resolved::Int(_)) | Some(Resolved::Float(_)) => "a number",
            Some(Resolved::Str(_)) => "a string",
        }
    }

    /// Follows a design path (`resources.web.volumes[0].size_gb`) to the deepest node that
    /// exists, so a diagnostic about a path can still point somewhere useful.
    /// The node at `path`, when the tree has it.
    pub fn at(&self, path: &DesignPath) -> Option<&Node> {
        path.0.iter().try_fold(self, |node, seg| match seg {
            Seg::Key(k) => node.get(k),
            Seg::Index(i) => node.as_seq()?.get(*i),
        })
    }

    pub fn locate(&self, path: &DesignPath) -> Span {
        let mut node = self;
        for seg in &path.0 {
            let next = match seg {
                Seg::Key(k) => node.get(k),
                Seg::Index(i) => node.as_seq().and_then(|items| items.get(*i)),
            };
            match next {
                Some(n) => node = n,
                None => break,
            }
        }
        node.span
    }

    /// The value as JSON, scalars resolved by the YAML 1.2 core schema (export to JSON).
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match &self.value {
            Value::Map(entries) => J::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.scalar_text().unwrap_or_default().to_string(), v.to_json()))
                    .collect(),
            ),
            Value::Seq(items) => J::Array(items.iter().map(Node::to_json).collect()),
            Value::Scalar { text, .. } => match self.resolve() {
                Some(Resolved::Null) => J::Null,
                Some(Resolved::Bool(b)) => J::Bool(b),
                Some(Resolved::Int(i)) => J::from(i),
                Some(Resolved::Float(f)) => serde_json::Number::from_f64(f)
                    .map_or_else(|| J::String(text.clone()), J::Number),
                _ => J::String(text.clone()),
            },
        }
    }

    /// The number of values in the tree (keys included), as the node limit counts them.
    pub fn count(&self) -> usize {
        match &self.value {
            Value::Scalar { .. } => 1,
            Value::Seq(items) => 1 + items.iter().map(Node::count).sum::<usize>(),
            Value::Map(entries) => {
                1 + entries
                    .iter()
                    .map(|(k, v)| k.count() + v.count())
                    .sum::<usize>()
            }
        }
    }
}

/// Resolves many design paths to spans over one tree, indexing each large map the first
/// time it is searched, so locating every finding of a large design stays linear.
pub struct Locator<'a> {
    root: &'a Node,
    index: HashMap<*const Node, HashMap<&'a str, &'a Node>>,
}

impl<'a> Locator<'a> {
    pub fn new(root: &'a Node) -> Self {
        Locator {
            root,
            index: HashMap::new(),
        }
    }

    fn child(&mut self, node: &'a Node, key: &str) -> Option<&'a Node> {
        let entries = node.as_map()?;
        if entries.len() <= INDEXED_MAP {
            return node.get(key);
        }
        let idx = self.index.entry(node as *const Node).or_insert_with(|| {
            entries
                .iter()
                .filter_map(|(k, v)| k.scalar_text().map(|t| (t, v)))
                .collect()
        });
        idx.get(key).copied()
    }

    /// As [`Node::locate`]: the span of the deepest node that exists along `path`.
    pub fn locate(&mut self, path: &DesignPath) -> Span {
        let mut node = self.root;
        for seg in &path.0 {
            let next = match seg {
                Seg::Key(k) => self.child(node, k),
                Seg::Index(i) => node.as_seq().and_then(|items| items.get(*i)),
            };
            match next {
                Some(n) => node = n,
                None => break,
            }
        }
        node.span
    }
}

/// YAML 1.2 core schema resolution of a plain scalar (JSON's literals included).
pub fn resolve_plain(text: &str) -> Resolved<'_> {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Resolved::Null,
        "true" | "True" | "TRUE" => return Resolved::Bool(true),
        "false" | "False" | "FALSE" => return Resolved::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Resolved::Float(f64::INFINITY)
        }
        "-.inf" | "-.Inf" | "-.INF" => return Resolved::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Resolved::Float(f64::NAN),
        _ => {}
    }
    if looks_numeric(text) {
        if let Ok(i) = text.parse::<i64>() {
            return Resolved::Int(i);
        }
        if let Ok(f) = text.parse::<f64>() {
            return Resolved::Float(f);
        }
    }
    Resolved::Str(text)
}

/// Only digits, sign, dot and exponent: Rust's float parser would also accept "inf" and
/// "NaN", which in YAML are strings.
fn looks_numeric(text: &str) -> bool {
    let body = text.strip_prefix(['-', '+']).unwrap_or(text);
    body.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '-' | '+'))
        && body.chars().any(|c| c.is_ascii_digit())
}

// Diagnostics sit below the text they point into: what ties a diagnostic to a place in
// the tree is defined here, on the tree's side.
impl Location {
    pub fn of(pos: Pos) -> Self {
        Location {
            line: pos.line,
            column: pos.column,
        }
    }
}

impl Diagnostic {
    /// Sets the path and the location of the deepest node of `root` along it.
    pub fn located(self, root: &Node, path: &DesignPath) -> Self {
        let span = root.locate(path);
        self.with_path(path).at(Location::of(span.start))
    }
}

/// Parses YAML (or JSON, which YAML 1.2 reads as well) into one spanned tree.
///
/// Rejects, each with its location: syntax errors, duplicate keys, non-scalar keys,
/// unknown aliases, more than one document, and documents over the size, depth or
/// alias-expansion limits of [`crate::limits`].
pub fn parse(text: &str) -> Result<Node, Diagnostic> {
    parse_with_size_limit(text, limits::MAX_DESIGN_BYTES)
}

/// As [`parse`], with another size limit (the page's own stored data, which can hold several
/// designs); the depth and value limits stay.
pub fn parse_with_size_limit(text: &str, max_bytes: usize) -> Result<Node, Diagnostic> {
    parse_nested(text, max_bytes, 0)
}

/// As [`parse_with_size_limit`], for text that will sit `depth` collections deep in a larger
/// document (a block-map entry re-read on its own after an edit): the depth limit counts the
/// collections around it.
pub(crate) fn parse_nested(text: &str, max_bytes: usize, depth: usize) -> Result<Node, Diagnostic> {
    if text.len() > max_bytes {
        return Err(Diagnostic::error(
            Code::DesignTooLarge,
            format!(
                "the design is {} bytes; the limit is {} bytes",
                text.len(),
                max_bytes
            ),
        )
        .at(Location::start()));
    }
    // Strict JSON is read by its own reader (several times faster); anything else, and
    // JSON that is not strict, by the YAML reader. Not in WebAssembly: the page's designs
    // are YAML, and the first-paint bundle has no room for a second reader (+2.1 KB gzip).
    #[cfg(not(target_arch = "wasm32"))]
    if matches!(text.trim_start().as_bytes().first(), Some(b'{' | b'[')) {
        if let Some(read) = super::json::parse(text, depth) {
            return read;
        }
    }
    parse_yaml(text, depth)
}

/// The YAML reader (any YAML, JSON included), without the size check.
pub(crate) fn parse_yaml(text: &str, depth: usize) -> Result<Node, Diagnostic> {
    let mut builder = Builder {
        depth,
        ..Builder::default()
    };
    let mut parser = Parser::new_from_str(text);
    let mut documents = 0;
    while let Some(event) = parser.next_event() {
        let (event, span) = event.map_err(|e| {
            let m = e.marker();
            Diagnostic::error(Code::Syntax, format!("syntax error: {}", e.info()))
                .at(Location::new(m.line() as u32, m.col() as u32 + 1))
                .with_hint("check the indentation and quoting on this line and the line above")
        })?;
        let span = convert_span(span);
        match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return Err(Diagnostic::error(
                        Code::MultipleDocuments,
                        "a design file holds one YAML document; found a second `---`",
                    )
                    .at(Location::of(span.start)));
                }
            }
            Event::Scalar(text, style, anchor, _tag) => {
                let plain = matches!(style, ScalarStyle::Plain);
                builder.push_node(
                    Node {
                        value: Value::Scalar {
                            text: text.into_owned(),
                            plain,
                        },
                        span,
                    },
                    anchor,
                )?;
            }
            Event::Alias(id) => {
                let node = builder.anchors.get(&id).cloned().ok_or_else(|| {
                    Diagnostic::error(Code::UnknownAlias, "this alias refers to no anchor")
                        .at(Location::of(span.start))
                })?;
                let (node, size) = node;
                builder.expanded += size;
                if builder.expanded > limits::MAX_NODES {
                    return Err(alias_limit(span));
                }
                builder.push_node(node, 0)?;
            }
            Event::SequenceStart(anchor, _) => builder.open(Open::Seq(Vec::new()), span, anchor)?,
            Event::MappingStart(anchor, _) => {
                builder.open(Open::Map(Vec::new(), None, None), span, anchor)?
            }
            Event::SequenceEnd | Event::MappingEnd => builder.close(span)?,
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => {}
        }
    }
    builder.root.ok_or_else(|| {
        Diagnostic::error(Code::EmptyDesign, "the design is empty")
            .at(Location::start())
            .with_hint("start with `version: 1` and a `name:`")
    })
}

fn alias_limit(span: Span) -> Diagnostic {
    Diagnostic::error(
        Code::AliasExpansionLimit,
        format!(
            "the document holds more than {} values (counting each alias expansion)",
            limits::MAX_NODES
        ),
    )
    .at(Location::of(span.start))
    .with_hint(
        "split the design; YAML anchors and aliases are allowed, but not to build exponentially large documents",
    )
}

fn convert_span(span: saphyr_parser::Span) -> Span {
    let pos = |m: saphyr_parser::Marker| Pos {
        line: m.line() as u32,
        column: m.col() as u32 + 1,
        offset: m.index() as u32,
    };
    Span {
        start: pos(span.start),
        end: pos(span.end),
    }
}

pub(crate) enum Open {
    Seq(Vec<Node>),
    /// Entries so far, a key waiting for its value, and (for large maps) an index of the
    /// keys seen, so duplicate detection stays linear.
    Map(
        Vec<(Node, Node)>,
        Option<Node>,
        Option<HashMap<String, u32>>,
    ),
}

impl Open {
    // Used by the JSON reader, which WebAssembly builds leave out.
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))]
    pub(crate) fn map() -> Open {
        Open::Map(Vec::new(), None, None)
    }
}

/// Maps longer than this get a hash index of their keys.
const INDEXED_MAP: usize = 16;

#[derive(Default)]
pub(crate) struct Builder {
    stack: Vec<(Open, Span, usize)>,
    pub(crate) root: Option<Node>,
    /// Anchor id -> (node, its size in values).
    anchors: HashMap<usize, (Node, usize)>,
    /// Values created so far, alias expansions included.
    expanded: usize,
    /// Collections open around the text parsed (0 for a whole document).
    pub(crate) depth: usize,
}

impl Builder {
    /// A builder for text that sits `depth` collections deep (0: a whole document).
    // Used by the JSON reader, which WebAssembly builds leave out.
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))]
    pub(crate) fn nested(depth: usize) -> Builder {
        Builder {
            depth,
            ..Builder::default()
        }
    }

    pub(crate) fn open(&mut self, open: Open, span: Span, anchor: usize) -> Result<(), Diagnostic> {
        if self.depth + self.stack.len() >= limits::MAX_DEPTH {
            return Err(Diagnostic::error(
                Code::NestingTooDeep,
                format!("the design nests deeper than {} levels", limits::MAX_DEPTH),
            )
            .at(Location::of(span.start)));
        }
        self.stack.push((open, span, anchor));
        Ok(())
    }

    pub(crate) fn close(&mut self, end: Span) -> Result<(), Diagnostic> {
        let Some((open, start, anchor)) = self.stack.pop() else {
            return Ok(());
        };
        let span = Span {
            start: start.start,
            end: end.end,
        };
        let value = match open {
            Open::Seq(items) => Value::Seq(items),
            Open::Map(entries, _, _) => Value::Map(entries),
        };
        self.push_node(Node { value, span }, anchor)
    }

    pub(crate) fn push_node(&mut self, node: Node, anchor: usize) -> Result<(), Diagnostic> {
        self.expanded += 1;
        if self.expanded > limits::MAX_NODES {
            return Err(alias_limit(node.span));
        }
        if anchor != 0 {
            let size = node.count();
            self.anchors.insert(anchor, (node.clone(), size));
        }
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some((Open::Seq(items), _, _)) => items.push(node),
            Some((Open::Map(entries, pending, index), _, _)) => match pending.take() {
                None => {
                    let Some(key) = node.scalar_text() else {
                        return Err(Diagnostic::error(
                            Code::ComplexKey,
                            "map keys must be plain names, not lists or maps",
                        )
                        .at(Location::of(node.span.start)));
                    };
                    if index.is_none() && entries.len() >= INDEXED_MAP {
                        *index = Some(
                            entries
                                .iter()
                                .map(|(k, _)| {
                                    (
                                        k.scalar_text().unwrap_or_default().to_string(),
                                        k.span.start.line,
                                    )
                                })
                                .collect(),
                        );
                    }
                    let first = match index {
                        Some(idx) => idx.get(key).copied(),
                        None => entries
                            .iter()
                            .find(|(k, _)| k.scalar_text() == Some(key))
                            .map(|(k, _)| k.span.start.line),
                    };
                    if let Some(first_line) = first {
                        return Err(Diagnostic::error(
                            Code::DuplicateKey,
                            format!("duplicate key `{key}` (first defined on line {first_line})"),
                        )
                        .at(Location::of(node.span.start))
                        .with_hint("remove one of the two, or merge them"));
                    }
                    if let Some(idx) = index {
                        idx.insert(key.to_string(), node.span.start.line);
                    }
                    *pending = Some(node);
                }
                Some(key) => entries.push((key, node)),
            },
        }
        Ok(())
    }
}

/// Deep-merges `overlay` onto `base`: maps merge key by key, anything else replaces.
/// Used for `environments:` variants; merged values keep the overlay's spans, so an error
/// in an override points at the override.
pub fn merge(base: &Node, overlay: &Node) -> Node {
    match (&base.value, &overlay.value) {
        (Value::Map(b), Value::Map(o)) => {
            let mut entries = b.clone();
            for (ok, ov) in o {
                // `key: null` in an overlay removes the key (as a JSON merge patch does):
                // an environment can drop a resource of the base.
                if matches!(ov.resolve(), Some(Resolved::Null)) {
                    entries.retain(|(k, _)| k.scalar_text() != ok.scalar_text());
                    continue;
                }
                match entries
                    .iter_mut()
                    .find(|(k, _)| k.scalar_text() == ok.scalar_text())
                {
                    Some((_, bv)) => *bv = merge(bv, ov),
                    None => entries.push((ok.clone(), ov.clone())),
                }
            }
            Node {
                value: Value::Map(entries),
                span: base.span,
            }
        }
        _ => overlay.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_one_based() {
        let n = parse("a: 1\nb:\n  c: x\n").unwrap();
        let c = n.get("b").unwrap().get("c").unwrap();
        assert_eq!((c.span.start.line, c.span.start.column), (3, 6));
    }

    #[test]
    fn duplicate_keys_are_errors() {
        let e = parse("a: 1\nb: 2\na: 3\n").unwrap_err();
        assert_eq!(e.code, "duplicate-key");
        assert_eq!(e.line, Some(3));
    }

    #[test]
    fn json_is_read_too() {
        let n = parse(r#"{"a": [1, 2.5, "x"], "b": null}"#).unwrap();
        let a = n.get("a").unwrap().as_seq().unwrap();
        assert_eq!(a[1].resolve(), Some(Resolved::Float(2.5)));
        assert_eq!(a[2].resolve(), Some(Resolved::Str("x")));
    }

    #[test]
    fn billion_laughs_is_bounded() {
        let mut doc = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let prev = i - 1;
            doc.push_str(&format!(
                "a{i}: &a{i} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"
            ));
        }
        assert_eq!(parse(&doc).unwrap_err().code, "alias-expansion-limit");
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let doc = format!("{}{}", "[".repeat(80), "]".repeat(80));
        assert_eq!(parse(&doc).unwrap_err().code, "nesting-too-deep");
    }

    #[test]
    fn inf_and_nan_words_are_strings() {
        assert_eq!(resolve_plain("inf"), Resolved::Str("inf"));
        assert_eq!(resolve_plain("1e3"), Resolved::Float(1000.0));
        assert_eq!(resolve_plain("-3"), Resolved::Int(-3));
    }

    #[test]
    fn paths_display_and_parse() {
        let p = DesignPath::parse("network.security_groups.web.ingress[1]");
        assert_eq!(p.to_string(), "network.security_groups.web.ingress[1]");
    }
}
