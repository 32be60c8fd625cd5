//! Changes to a design made on its text, keeping everything else as the author wrote it.
//!
//! The form editor and the readiness "apply" button change the design through these, not by
//! re-serializing it: comments, key order, quoting, blank lines and anchors elsewhere in the
//! file survive, and the undo history is a history of texts. Each change re-reads the text
//! and splices a span of it, so a change is as safe as the parser: on a text that does not
//! read, or a path that cannot be reached, the change is refused with a reason and the text
//! is left alone.
//!
//! Block YAML gets block YAML; flow collections (and so JSON documents) get JSON, which is
//! valid in both.

use serde_json::Value as Json;

use super::node::{self, resolve_plain, DesignPath, Node, Resolved, Seg, Value};

/// One change at a design path.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// Sets the value at `path`, creating the maps on the way that are missing.
    Set { path: DesignPath, value: Json },
    /// Removes a map entry or a list item (nothing happens if it is not there).
    Remove { path: DesignPath },
    /// Renames the map key at `path` to `to`, keeping its value.
    Rename { path: DesignPath, to: String },
    /// Adds an item to the end of the list at `path`, creating the list if it is missing.
    Append { path: DesignPath, value: Json },
}

/// Why a change was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditError(pub String);

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn refuse<T>(why: impl Into<String>) -> Result<T, EditError> {
    Err(EditError(why.into()))
}

/// Applies `changes` in order, each to the text the previous one produced.
pub fn apply(text: &str, changes: &[Change]) -> Result<String, EditError> {
    let mut text = text.to_string();
    for change in changes {
        text = apply_one(&text, change)?;
    }
    Ok(text)
}

fn apply_one(text: &str, change: &Change) -> Result<String, EditError> {
    let root = node::parse(text).map_err(|d| {
        EditError(format!(
            "the design has an error to fix first: {}",
            d.message
        ))
    })?;
    let doc = Doc::new(text);
    let splice = match change {
        Change::Set { path, value } => doc.set(&root, path, value)?,
        Change::Remove { path } => match doc.remove(&root, path)? {
            Some(s) => s,
            None => return Ok(text.to_string()),
        },
        Change::Rename { path, to } => doc.rename(&root, path, to)?,
        Change::Append { path, value } => match find(&root, path) {
            Some(list) => doc.append(list, value)?,
            None => doc.set(&root, path, &Json::Array(vec![value.clone()]))?,
        },
    };
    Ok(splice.apply(text))
}

/// Replace the bytes `start..end` with `with`.
struct Splice {
    start: usize,
    end: usize,
    with: String,
}

impl Splice {
    fn apply(self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + self.with.len());
        out.push_str(text.get(..self.start).unwrap_or(text));
        out.push_str(&self.with);
        out.push_str(text.get(self.end..).unwrap_or(""));
        out
    }
}

fn find<'n>(root: &'n Node, path: &DesignPath) -> Option<&'n Node> {
    root.at(path)
}

/// The text with a table from the parser's character offsets to byte offsets.
struct Doc<'t> {
    text: &'t str,
    /// The document is JSON (a flow map at its root): everything written is JSON.
    json: bool,
    /// Byte offset of each character, plus the text's length at the end.
    bytes: Vec<usize>,
}

impl<'t> Doc<'t> {
    fn new(text: &'t str) -> Self {
        let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bytes.push(text.len());
        let json = text.trim_start().starts_with('{');
        Doc { text, json, bytes }
    }

    /// A value inside a flow collection: JSON in a JSON document, flow YAML otherwise.
    fn flow_value(&self, value: &Json) -> String {
        if self.json {
            json_text(value)
        } else {
            yaml_flow(value)
        }
    }

    fn flow_key(&self, key: &str) -> String {
        if self.json {
            json_key(key)
        } else {
            yaml_flow(&Json::String(key.to_string()))
        }
    }

    fn byte(&self, char_offset: u32) -> usize {
        self.bytes
            .get(char_offset as usize)
            .copied()
            .unwrap_or(self.text.len())
    }

    fn start(&self, n: &Node) -> usize {
        self.byte(n.span.start.offset)
    }

    /// Where a node really ends: the parser closes block collections at the next token,
    /// so their end is that of their last descendant.
    fn end(&self, n: &Node) -> usize {
        if self.is_flow(n) {
            return self.byte(n.span.end.offset);
        }
        match &n.value {
            Value::Scalar { .. } => self.byte(n.span.end.offset),
            Value::Seq(items) => items
                .last()
                .map_or_else(|| self.byte(n.span.end.offset), |last| self.end(last)),
            Value::Map(entries) => entries.last().map_or_else(
                || self.byte(n.span.end.offset),
                |(k, v)| self.entry_end(k, v),
            ),
        }
    }

    fn entry_end(&self, key: &Node, value: &Node) -> usize {
        // `key:` with nothing after it: an empty scalar that the parser may place at the
        // next token, so the entry ends with its key (and colon).
        if matches!(&value.value, Value::Scalar { text, plain: true } if text.is_empty()) {
            let after_key = self.end(key);
            let rest = self.text.get(after_key..).unwrap_or("");
            let colon = rest.find(':').map_or(0, |i| i + 1);
            return after_key + colon;
        }
        self.end(value).max(self.end(key))
    }

    fn is_flow(&self, n: &Node) -> bool {
        !matches!(n.value, Value::Scalar { .. })
            && matches!(
                self.text
                    .get(self.byte(n.span.start.offset)..)
                    .and_then(|s| s.chars().next()),
                Some('{' | '[')
            )
    }

    /// The start of the line holding byte `at`.
    fn line_start(&self, at: usize) -> usize {
        self.text
            .get(..at)
            .and_then(|s| s.rfind('\n'))
            .map_or(0, |i| i + 1)
    }

    /// The end of the line holding byte `at` (before its newline).
    fn line_end(&self, at: usize) -> usize {
        self.text
            .get(at..)
            .and_then(|s| s.find('\n'))
            .map_or(self.text.len(), |i| at + i)
    }

    /// Column (in bytes, spaces) of byte `at` within its line.
    fn column(&self, at: usize) -> usize {
        at - self.line_start(at)
    }

    /// Only spaces (or a list dash) before `at` on its line.
    fn first_on_line(&self, at: usize) -> bool {
        self.text
            .get(self.line_start(at)..at)
            .is_some_and(|s| s.chars().all(|c| c == ' ' || c == '\t'))
    }

    fn set(&self, root: &Node, path: &DesignPath, value: &Json) -> Result<Splice, EditError> {
        // The deepest node that exists, and the parts of the path below it.
        let mut node = root;
        let mut flow_ancestor = self.is_flow(root);
        let mut rest: &[Seg] = &path.0;
        let mut key_of: Option<&Node> = None;
        while let Some((seg, tail)) = rest.split_first() {
            let next = match seg {
                Seg::Key(k) => node
                    .as_map()
                    .and_then(|m| m.iter().find(|(key, _)| key.scalar_text() == Some(k))),
                Seg::Index(i) => match node.as_seq().and_then(|s| s.get(*i)) {
                    Some(item) => {
                        node = item;
                        key_of = None;
                        flow_ancestor |= self.is_flow(node);
                        rest = tail;
                        continue;
                    }
                    None => return refuse(format!("`{path}` has no item {i}")),
                },
            };
            match next {
                Some((k, v)) => {
                    node = v;
                    key_of = Some(k);
                    flow_ancestor |= self.is_flow(node);
                    rest = tail;
                }
                None => break,
            }
        }
        let mut nested = value.clone();
        for seg in rest.iter().skip(1).rev() {
            match seg {
                Seg::Key(k) => {
                    let mut m = serde_json::Map::new();
                    m.insert(k.clone(), nested);
                    nested = Json::Object(m);
                }
                Seg::Index(_) => return refuse(format!("`{path}` names a list that is missing")),
            }
        }
        match rest.first() {
            // The whole path exists: replace the value.
            None => self.replace(node, key_of, value, flow_ancestor),
            Some(Seg::Key(k)) => match &node.value {
                Value::Map(_) => self.insert(node, k, &nested),
                Value::Scalar { .. } if matches!(node.resolve(), Some(Resolved::Null)) => {
                    let mut m = serde_json::Map::new();
                    m.insert(k.clone(), nested);
                    self.replace(node, key_of, &Json::Object(m), flow_ancestor)
                }
                _ => refuse(format!(
                    "`{path}` goes through {}, not a map",
                    node.describe()
                )),
            },
            Some(Seg::Index(_)) => refuse(format!("`{path}` names a list that is missing")),
        }
    }

    /// Replaces an existing value (`key` is its key, when it is a map value).
    fn replace(
        &self,
        node: &Node,
        key: Option<&Node>,
        value: &Json,
        flow: bool,
    ) -> Result<Splice, EditError> {
        let scalar_value = !matches!(value, Json::Object(m) if !m.is_empty())
            && !matches!(value, Json::Array(a) if !a.is_empty());
        let empty_null =
            matches!(&node.value, Value::Scalar { text, plain: true } if text.is_empty());
        if flow {
            let (start, end) = if empty_null {
                let at = key.map_or(self.start(node), |k| self.entry_end(k, node));
                (at, at)
            } else {
                (self.start(node), self.end(node))
            };
            let lead = if empty_null { " " } else { "" };
            return Ok(Splice {
                start,
                end,
                with: format!("{lead}{}", self.flow_value(value)),
            });
        }
        let Some(key) = key else {
            // A list item or the root: the value starts where the old one did.
            let col = self.column(self.start(node));
            let with = if scalar_value {
                yaml_scalar(value)
            } else {
                block_at(value, col)
            };
            return Ok(Splice {
                start: self.start(node),
                end: self.end(node),
                with,
            });
        };
        // After `key:` — from the colon to the end of the old value.
        let key_end = self.end(key);
        let colon = self
            .text
            .get(key_end..)
            .and_then(|s| s.find(':'))
            .map_or(key_end, |i| key_end + i + 1);
        let end = if empty_null {
            colon
        } else {
            self.end(node).max(colon)
        };
        let key_col = self.column(self.start(key));
        Ok(Splice {
            start: colon,
            end,
            with: after_colon(value, key_col),
        })
    }

    /// Adds `key: value` to an existing map.
    fn insert(&self, map: &Node, key: &str, value: &Json) -> Result<Splice, EditError> {
        let entries = map.as_map().unwrap_or(&[]);
        if self.is_flow(map) {
            let entry = format!("{}: {}", self.flow_key(key), self.flow_value(value));
            let last_end = entries.last().map(|(k, v)| self.entry_end(k, v));
            return Ok(self.flow_add(map, last_end, entry));
        }
        let (Some((first_key, _)), Some((last_k, last_v))) = (entries.first(), entries.last())
        else {
            return refuse("cannot add to an empty block map");
        };
        let col = self.column(self.start(first_key));
        let at = self.line_end(self.entry_end(last_k, last_v));
        Ok(Splice {
            start: at,
            end: at,
            with: format!(
                "\n{}{}:{}",
                " ".repeat(col),
                yaml_key(key),
                after_colon(value, col)
            ),
        })
    }

    /// Adds a member to a flow collection: after its last member (`last_end`), or just inside
    /// its opening bracket when it is empty.
    fn flow_add(&self, collection: &Node, last_end: Option<usize>, member: String) -> Splice {
        let (at, with) = match last_end {
            Some(end) => (end, format!(", {member}")),
            None => (self.start(collection) + 1, member),
        };
        Splice {
            start: at,
            end: at,
            with,
        }
    }

    fn append(&self, list: &Node, value: &Json) -> Result<Splice, EditError> {
        let Value::Seq(items) = &list.value else {
            return refuse(format!("expected a list, found {}", list.describe()));
        };
        if self.is_flow(list) {
            let last_end = items.last().map(|last| self.end(last));
            return Ok(self.flow_add(list, last_end, self.flow_value(value)));
        }
        let (Some(first), Some(last)) = (items.first(), items.last()) else {
            return refuse("cannot add to an empty block list");
        };
        // The dash sits before the first item on its line.
        let first_start = self.start(first);
        let dash_col = self
            .text
            .get(self.line_start(first_start)..first_start)
            .and_then(|s| s.rfind('-'))
            .unwrap_or(0);
        let at = self.line_end(self.end(last));
        Ok(Splice {
            start: at,
            end: at,
            with: format!(
                "\n{}- {}",
                " ".repeat(dash_col),
                item_text(value, dash_col + 2)
            ),
        })
    }

    fn remove(&self, root: &Node, path: &DesignPath) -> Result<Option<Splice>, EditError> {
        let Some((last, parent_path)) = path.0.split_last() else {
            return refuse("cannot remove the whole design");
        };
        let Some(parent) = find(root, &DesignPath(parent_path.to_vec())) else {
            return Ok(None);
        };
        // (start, end) of each member of the parent: a map entry or a list item.
        let members: Vec<(usize, usize, bool)> = match &parent.value {
            Value::Map(entries) => entries
                .iter()
                .map(|(k, v)| {
                    let hit = matches!(last, Seg::Key(name) if k.scalar_text() == Some(name));
                    (self.start(k), self.entry_end(k, v), hit)
                })
                .collect(),
            Value::Seq(items) => items
                .iter()
                .enumerate()
                .map(|(i, n)| {
                    let hit = matches!(last, Seg::Index(j) if *j == i);
                    (self.item_start(n), self.end(n), hit)
                })
                .collect(),
            Value::Scalar { .. } => return Ok(None),
        };
        let Some(pos) = members.iter().position(|m| m.2) else {
            return Ok(None);
        };
        let Some(&(start, end, _)) = members.get(pos) else {
            return Ok(None);
        };
        if self.is_flow(parent) {
            // Take the comma after it, or (for the last) the one before it.
            return Ok(Some(match (members.get(pos + 1), pos.checked_sub(1)) {
                (Some(next), _) => Splice {
                    start,
                    end: next.0,
                    with: String::new(),
                },
                (None, Some(prev)) => Splice {
                    start: members.get(prev).map_or(start, |m| m.1),
                    end,
                    with: String::new(),
                },
                (None, None) => Splice {
                    start,
                    end,
                    with: String::new(),
                },
            }));
        }
        if members.len() == 1 {
            // The collection would be left empty: say so explicitly.
            let empty = if matches!(parent.value, Value::Map(_)) {
                "{}"
            } else {
                "[]"
            };
            // A list item's map: the dash stays, the entry becomes `{}`.
            return Ok(Some(Splice {
                start,
                end,
                with: empty.to_string(),
            }));
        }
        if self.first_on_line(start) {
            // Whole lines: from this member's line to the end of its last line.
            let line = self.line_start(start);
            let end_line = self.line_end(end);
            let end_with_newline = (end_line + 1).min(self.text.len());
            return Ok(Some(Splice {
                start: line,
                end: end_with_newline,
                with: String::new(),
            }));
        }
        // The first entry of a list item's map (`- name: x`): the next entry moves up.
        match members.get(pos + 1) {
            Some(next) => Ok(Some(Splice {
                start,
                end: next.0,
                with: String::new(),
            })),
            None => Ok(Some(Splice {
                start,
                end,
                with: "{}".into(),
            })),
        }
    }

    /// A block list item starts at its dash.
    fn item_start(&self, item: &Node) -> usize {
        let start = self.start(item);
        let line = self.line_start(start);
        match self.text.get(line..start).and_then(|s| s.rfind('-')) {
            Some(dash) if !self.is_flow_context_char(start) => line + dash,
            _ => start,
        }
    }

    fn is_flow_context_char(&self, at: usize) -> bool {
        // Inside a flow list the text before an item holds `[` or `,`, not a dash.
        self.text
            .get(self.line_start(at)..at)
            .is_some_and(|s| s.contains('[') || s.contains(','))
    }

    fn rename(&self, root: &Node, path: &DesignPath, to: &str) -> Result<Splice, EditError> {
        let Some((Seg::Key(name), parent_path)) = path.0.split_last() else {
            return refuse(format!("`{path}` does not end with a key"));
        };
        let parent = find(root, &DesignPath(parent_path.to_vec()))
            .ok_or_else(|| EditError(format!("`{path}` does not exist")))?;
        if parent.get(to).is_some() {
            return refuse(format!("`{to}` is already taken"));
        }
        let key = parent
            .key_node(name)
            .ok_or_else(|| EditError(format!("`{path}` does not exist")))?;
        let flow = self.is_flow(parent);
        Ok(Splice {
            start: self.start(key),
            end: self.end(key),
            with: if flow {
                self.flow_key(to)
            } else {
                yaml_key(to)
            },
        })
    }
}

/// A whole document in block YAML (export of a JSON design to YAML).
pub fn to_yaml(value: &Json) -> String {
    format!("{}\n", block_at(value, 0))
}

/// The text after `key:` for a value in block style, the key at column `col`.
fn after_colon(value: &Json, col: usize) -> String {
    match value {
        Json::Object(m) if !m.is_empty() => {
            format!("\n{}{}", " ".repeat(col + 2), block_at(value, col + 2))
        }
        Json::Array(a) if !a.is_empty() => {
            format!("\n{}{}", " ".repeat(col + 2), block_at(value, col + 2))
        }
        _ => format!(" {}", yaml_scalar(value)),
    }
}

/// A block map or list whose first line starts at column `col` (no indent on that line;
/// the following lines are indented to `col`).
fn block_at(value: &Json, col: usize) -> String {
    let pad = " ".repeat(col);
    match value {
        Json::Object(m) if !m.is_empty() => m
            .iter()
            .enumerate()
            .map(|(i, (k, v))| {
                let lead = if i == 0 { "" } else { pad.as_str() };
                format!("{lead}{}:{}", yaml_key(k), after_colon(v, col))
            })
            .collect::<Vec<_>>()
            .join("\n"),
        Json::Array(a) if !a.is_empty() => a
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let lead = if i == 0 { "" } else { pad.as_str() };
                format!("{lead}- {}", item_text(v, col + 2))
            })
            .collect::<Vec<_>>()
            .join("\n"),
        _ => yaml_scalar(value),
    }
}

/// A list item after its `- `, its content at column `col`.
fn item_text(value: &Json, col: usize) -> String {
    match value {
        Json::Object(m) if !m.is_empty() => block_at(value, col),
        Json::Array(a) if !a.is_empty() => yaml_flow(value),
        _ => yaml_scalar(value),
    }
}

/// A value in flow YAML: `{ a: 1, b: [x, y] }`, strings plain where they read back as
/// themselves inside brackets.
fn yaml_flow(value: &Json) -> String {
    match value {
        Json::Object(m) if m.is_empty() => "{}".into(),
        Json::Object(m) => format!(
            "{{ {} }}",
            m.iter()
                .map(|(k, v)| format!("{}: {}", yaml_flow(&Json::String(k.clone())), yaml_flow(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Json::Array(a) => format!(
            "[{}]",
            a.iter().map(yaml_flow).collect::<Vec<_>>().join(", ")
        ),
        Json::String(s) if plain_safe(s) && !s.contains([',', '[', ']', '{', '}']) => s.clone(),
        other => json_text(other),
    }
}

fn json_text(value: &Json) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".into())
}

fn json_key(key: &str) -> String {
    json_text(&Json::String(key.to_string()))
}

/// A key: plain when it reads back as the same string, else quoted.
fn yaml_key(key: &str) -> String {
    yaml_scalar(&Json::String(key.to_string()))
}

/// A scalar in YAML: strings plain when they read back as themselves, else double-quoted
/// (a JSON string is a valid YAML double-quoted scalar).
fn yaml_scalar(value: &Json) -> String {
    match value {
        Json::String(s) if plain_safe(s) => s.clone(),
        Json::Object(_) => "{}".into(),
        Json::Array(_) => "[]".into(),
        other => json_text(other),
    }
}

fn plain_safe(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    matches!(resolve_plain(s), Resolved::Str(_))
        && !"-?:,[]{}#&*!|>'\"%@`".contains(first)
        && !s.starts_with(' ')
        && !s.ends_with(' ')
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with(':')
        && !s.chars().any(|c| c.is_control())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn set(text: &str, path: &str, value: Json) -> String {
        apply(
            text,
            &[Change::Set {
                path: DesignPath::parse(path),
                value,
            }],
        )
        .unwrap()
    }

    fn one(text: &str, change: Change) -> String {
        apply(text, &[change]).unwrap()
    }

    const DOC: &str = "\
# a comment that must survive
version: 1
name: shop   # trailing comment
resources:
  web:
    kind: compute
    instance_type: t3.micro
    count: 2
  db:
    kind: database
    engine: postgres
    tags: [a, b]
tail: x
";

    #[test]
    fn replaces_a_scalar_in_place() {
        let out = set(DOC, "resources.web.count", json!(3));
        assert_eq!(out, DOC.replace("count: 2", "count: 3"));
        let out = set(DOC, "name", json!("my shop: v2"));
        assert!(out.contains("name: \"my shop: v2\"   # trailing comment"));
    }

    #[test]
    fn adds_a_key_after_the_last_entry_of_its_map() {
        let out = set(DOC, "resources.web.multi_az", json!(true));
        assert!(
            out.contains("    count: 2\n    multi_az: true\n  db:"),
            "{out}"
        );
    }

    #[test]
    fn creates_missing_maps_as_blocks() {
        let out = set(DOC, "resources.db.backup.continuous_log", json!(true));
        assert!(
            out.contains("    tags: [a, b]\n    backup:\n      continuous_log: true\ntail: x"),
            "{out}"
        );
        let out = set(DOC, "dr.targets.rto", json!("4h"));
        assert!(
            out.ends_with("tail: x\ndr:\n  targets:\n    rto: 4h\n"),
            "{out}"
        );
    }

    #[test]
    fn fills_an_empty_key() {
        let text = "name: x\ndr:\nresources: {}\n";
        let out = set(text, "dr.strategy", json!("pilot_light"));
        assert_eq!(
            out,
            "name: x\ndr:\n  strategy: pilot_light\nresources: {}\n"
        );
    }

    #[test]
    fn edits_flow_collections_in_flow_style() {
        let out = one(
            DOC,
            Change::Append {
                path: DesignPath::parse("resources.db.tags"),
                value: json!("c d"),
            },
        );
        assert!(out.contains("tags: [a, b, c d]"), "{out}");
        let out = set(
            "resources: {}\n",
            "resources.web",
            json!({"kind": "compute", "tags": ["a,b"]}),
        );
        assert_eq!(
            out,
            "resources: {web: { kind: compute, tags: [\"a,b\"] }}\n"
        );
    }

    #[test]
    fn edits_json_documents_as_json() {
        let text = "{\n  \"name\": \"x\",\n  \"resources\": {\"web\": {\"kind\": \"compute\", \"count\": 1}}\n}";
        let out = set(text, "resources.web.count", json!(4));
        assert!(out.contains("\"count\": 4"), "{out}");
        let out = set(text, "resources.web.multi_az", json!(true));
        assert!(out.contains("\"count\": 1, \"multi_az\": true}"), "{out}");
        let out = one(
            text,
            Change::Remove {
                path: DesignPath::parse("resources.web.count"),
            },
        );
        assert!(out.contains("{\"kind\": \"compute\"}"), "{out}");
        serde_json::from_str::<Json>(&out).unwrap();
        let out = one(
            text,
            Change::Rename {
                path: DesignPath::parse("resources.web"),
                to: "api".into(),
            },
        );
        assert!(out.contains("{\"api\": {"), "{out}");
    }

    #[test]
    fn removes_whole_lines_of_a_block_entry() {
        let out = one(
            DOC,
            Change::Remove {
                path: DesignPath::parse("resources.web"),
            },
        );
        assert_eq!(
            out,
            DOC.replace(
                "  web:\n    kind: compute\n    instance_type: t3.micro\n    count: 2\n",
                ""
            )
        );
        // Removing what is not there changes nothing.
        let out = one(
            DOC,
            Change::Remove {
                path: DesignPath::parse("resources.nope"),
            },
        );
        assert_eq!(out, DOC);
    }

    #[test]
    fn list_items_in_block_style() {
        let text = "rules:\n  - port: 80\n    from: 0.0.0.0/0\n  - port: 443\n    from: 0.0.0.0/0\nafter: 1\n";
        let out = one(
            text,
            Change::Append {
                path: DesignPath::parse("rules"),
                value: json!({"port": 22, "from": "10.0.0.0/8"}),
            },
        );
        assert!(
            out.contains("    from: 0.0.0.0/0\n  - port: 22\n    from: 10.0.0.0/8\nafter: 1"),
            "{out}"
        );
        let out = one(
            text,
            Change::Remove {
                path: DesignPath::parse("rules[0]"),
            },
        );
        assert_eq!(
            out,
            "rules:\n  - port: 443\n    from: 0.0.0.0/0\nafter: 1\n"
        );
        let out = one(
            text,
            Change::Remove {
                path: DesignPath::parse("rules[1].port"),
            },
        );
        assert_eq!(
            out,
            "rules:\n  - port: 80\n    from: 0.0.0.0/0\n  - from: 0.0.0.0/0\nafter: 1\n"
        );
        let out = set(text, "rules[1].port", json!(8443));
        assert!(out.contains("- port: 8443"));
    }

    #[test]
    fn renames_keep_the_value_and_refuse_taken_names() {
        let out = one(
            DOC,
            Change::Rename {
                path: DesignPath::parse("resources.web"),
                to: "frontend".into(),
            },
        );
        assert_eq!(out, DOC.replace("  web:", "  frontend:"));
        let err = apply(
            DOC,
            &[Change::Rename {
                path: DesignPath::parse("resources.web"),
                to: "db".into(),
            }],
        )
        .unwrap_err();
        assert!(err.0.contains("already taken"));
    }

    #[test]
    fn non_ascii_text_before_the_edit() {
        let text = "name: 쇼핑몰 — 서울\nresources:\n  웹:\n    count: 1\n";
        let out = set(text, "resources.웹.count", json!(2));
        assert_eq!(out, text.replace("count: 1", "count: 2"));
    }

    #[test]
    fn strings_that_would_read_as_other_types_are_quoted() {
        for (s, want) in [
            ("true", "\"true\""),
            ("123", "\"123\""),
            ("", "\"\""),
            ("- x", "\"- x\""),
            ("a # b", "\"a # b\""),
            ("t3.micro", "t3.micro"),
        ] {
            assert_eq!(yaml_scalar(&json!(s)), want);
        }
    }

    #[test]
    fn json_exports_to_yaml_that_reads_back_the_same() {
        let text = include_str!("../../../../www/examples/multi-env.yaml");
        let data = node::parse(text).unwrap().to_json();
        let yaml = to_yaml(&data);
        assert_eq!(node::parse(&yaml).unwrap().to_json(), data, "{yaml}");
    }

    #[test]
    fn refuses_text_that_does_not_read() {
        assert!(apply(
            "a: [",
            &[Change::Remove {
                path: DesignPath::parse("a")
            }]
        )
        .is_err());
    }
}
