//! Terraform's JSON configuration syntax (`.tf.json`), read as the HCL it stands for.
//!
//! The JSON syntax is a second spelling of the same blocks and attributes
//! (developer.hashicorp.com/terraform/language/syntax/json): top-level keys are block types,
//! labels are nested keys, and strings are templates (`"${aws_vpc.main.id}"`). This module
//! writes the equivalent HCL with each member on the line and at the column it has in the
//! JSON (on the next free line where a JSON line holds several), so that everything the
//! reader reports about the file points at the JSON the user wrote, with no mapping. Without provider schemas a nested object cannot be told from a
//! nested block; it is written as an object attribute, which the mappings read as a block.

use crate::json::{self, Json, JsonKind};

/// The HCL of a `.tf.json` text, its lines and columns the JSON's where they can be.
/// `Err`: the JSON syntax error's offset and message.
pub(crate) fn to_hcl(text: &str) -> Result<String, (usize, String)> {
    let root = json::parse(text).map_err(|e| (e.offset, e.message))?;
    let mut w = Writer {
        json: text,
        text: String::new(),
        line: 1,
    };
    if !matches!(root.kind, JsonKind::Object(_)) {
        return Err((
            root.range.start,
            "a .tf.json file is one JSON object of blocks".into(),
        ));
    }
    for (kind, key_at, value) in root.members() {
        let at = key_at.start;
        match kind.as_str() {
            // TYPE → NAME → body.
            "resource" | "data" => {
                for (ty, ty_at, named) in value.members() {
                    for (name, name_at, body) in named.members() {
                        let labels = format!("{} {}", quoted(ty), quoted(name));
                        w.blocks(kind, &labels, body, name_at.start.max(ty_at.start), 0);
                    }
                }
            }
            // NAME → body.
            "module" | "provider" | "variable" | "output" => {
                for (name, name_at, body) in value.members() {
                    w.blocks(kind, &quoted(name), body, name_at.start, 0);
                }
            }
            "locals" | "terraform" => w.blocks(kind, "", value, at, 0),
            _ => {}
        }
    }
    Ok(w.text)
}

struct Writer<'a> {
    json: &'a str,
    text: String,
    /// The line the next write starts (1-based).
    line: usize,
}

impl Writer<'_> {
    /// Writes `text` as one line, at the line and column of the JSON offset `at` when that
    /// is still ahead, else on the next line (indented by `depth`).
    fn line(&mut self, depth: usize, text: &str, at: usize) {
        let before = self.json.get(..at).unwrap_or(self.json);
        let json_line = before.matches('\n').count() + 1;
        let json_column = before.rsplit('\n').next().map_or(0, |l| l.chars().count());
        while self.line < json_line {
            self.text.push('\n');
            self.line += 1;
        }
        let indent = if self.line == json_line {
            json_column
        } else {
            depth * 2
        };
        for _ in 0..indent {
            self.text.push(' ');
        }
        self.text.push_str(text);
        self.text.push('\n');
        self.line += 1;
    }

    /// `kind labels { … }` for a body object, or one block per item of an array of them.
    fn blocks(&mut self, kind: &str, labels: &str, body: &Json, at: usize, depth: usize) {
        let bodies: Vec<&Json> = match &body.kind {
            JsonKind::Array(items) => items.iter().collect(),
            _ => vec![body],
        };
        for b in bodies {
            let head = if labels.is_empty() {
                format!("{kind} {{")
            } else {
                format!("{kind} {labels} {{")
            };
            self.line(depth, &head, at.min(b.range.start));
            self.body(kind, b, depth + 1);
            self.line(depth, "}", b.range.end.saturating_sub(1));
        }
    }

    fn body(&mut self, kind: &str, body: &Json, depth: usize) {
        for (key, key_at, value) in body.members() {
            let at = key_at.start;
            match key.as_str() {
                // A comment, in Terraform's JSON convention.
                "//" => {}
                "dynamic" => {
                    for (label, label_at, spec) in value.members() {
                        self.dynamic(&quoted(label), spec, label_at.start, depth);
                    }
                }
                // Meta-blocks the reader does not evaluate.
                "lifecycle" | "provisioner" | "connection" => {}
                // References written as strings in JSON, as bare traversals in HCL.
                "depends_on" => {
                    let refs: Vec<String> = value
                        .as_array()
                        .iter()
                        .filter_map(|v| v.as_str().map(unwrap_interpolation))
                        .collect();
                    self.line(depth, &format!("depends_on = [{}]", refs.join(", ")), at);
                }
                "provider" if kind != "terraform" => {
                    if let Some(r) = value.as_str() {
                        self.line(
                            depth,
                            &format!("provider = {}", unwrap_interpolation(r)),
                            at,
                        );
                    }
                }
                "providers" if kind == "module" => {
                    let pairs: Vec<String> = value
                        .members()
                        .iter()
                        .filter_map(|(k, _, v)| {
                            v.as_str()
                                .map(|r| format!("{k} = {}", unwrap_interpolation(r)))
                        })
                        .collect();
                    self.line(
                        depth,
                        &format!("providers = {{ {} }}", pairs.join(", ")),
                        at,
                    );
                }
                // A type constraint is an expression, not a string.
                "type" if kind == "variable" => {
                    if let Some(t) = value.as_str() {
                        self.line(depth, &format!("type = {t}"), at);
                    }
                }
                _ => self.line(depth, &format!("{} = {}", ident(key), expr(value)), at),
            }
        }
    }

    fn dynamic(&mut self, label: &str, spec: &Json, at: usize, depth: usize) {
        self.line(depth, &format!("dynamic {label} {{"), at);
        for (key, key_at, value) in spec.members() {
            match key.as_str() {
                "content" => {
                    self.line(depth + 1, "content {", key_at.start);
                    self.body("content", value, depth + 2);
                    self.line(depth + 1, "}", value.range.end.saturating_sub(1));
                }
                "iterator" => {
                    if let Some(name) = value.as_str() {
                        self.line(depth + 1, &format!("iterator = {name}"), key_at.start);
                    }
                }
                _ => self.line(
                    depth + 1,
                    &format!("{} = {}", ident(key), expr(value)),
                    key_at.start,
                ),
            }
        }
        self.line(depth, "}", spec.range.end.saturating_sub(1));
    }
}

/// `${ x }` as `x` (a reference written as a template); anything else as it is.
fn unwrap_interpolation(s: &str) -> String {
    let t = s.trim();
    match t.strip_prefix("${").and_then(|r| r.strip_suffix('}')) {
        Some(inner) if !inner.contains("${") => inner.trim().to_string(),
        _ => t.to_string(),
    }
}

/// An attribute name: as it is when it is an HCL identifier, else quoted (which HCL then
/// reads as an object key, the closest it has).
fn ident(key: &str) -> String {
    let mut chars = key.chars();
    let plain = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if plain {
        key.to_string()
    } else {
        quoted(key)
    }
}

/// A JSON string as an HCL quoted template: escapes kept, interpolations left to HCL.
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A JSON value as an HCL expression, on one line.
fn expr(v: &Json) -> String {
    match &v.kind {
        JsonKind::Null => "null".into(),
        JsonKind::Bool(b) => b.to_string(),
        JsonKind::Number(n) => crate::value::format_number(*n),
        JsonKind::String(s) => quoted(s),
        JsonKind::Array(items) => {
            let parts: Vec<String> = items.iter().map(expr).collect();
            format!("[{}]", parts.join(", "))
        }
        JsonKind::Object(members) => {
            let parts: Vec<String> = members
                .iter()
                .map(|(k, _, v)| format!("{} = {}", quoted(k), expr(v)))
                .collect();
            format!("{{ {} }}", parts.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_attributes_and_references_read_as_their_hcl() {
        let text = r#"{
  "variable": {
    "azs": {
      "type": "list(string)",
      "default": ["a", "b"]
    }
  },
  "resource": {
    "aws_instance": {
      "web": {
        "count": 2,
        "instance_type": "t3.micro",
        "subnet_id": "${aws_subnet.a.id}",
        "tags": { "Name": "web-${count.index}" },
        "root_block_device": { "volume_size": 8 },
        "depends_on": ["aws_subnet.a"],
        "lifecycle": { "create_before_destroy": true }
      }
    }
  }
}"#;
        let hcl = to_hcl(text).unwrap();
        assert!(hcl.contains("type = list(string)"), "{hcl}");
        assert!(hcl.contains("default = [\"a\", \"b\"]"), "{hcl}");
        assert!(hcl.contains("resource \"aws_instance\" \"web\" {"), "{hcl}");
        assert!(hcl.contains("subnet_id = \"${aws_subnet.a.id}\""), "{hcl}");
        assert!(
            hcl.contains("tags = { \"Name\" = \"web-${count.index}\" }"),
            "{hcl}"
        );
        assert!(hcl.contains("depends_on = [aws_subnet.a]"), "{hcl}");
        assert!(!hcl.contains("lifecycle"), "{hcl}");
        assert!(hcl_edit::parser::parse_body(&hcl).is_ok(), "{hcl}");
        // Each member is on its JSON line, at its JSON column.
        let at = |s: &str, needle: &str| {
            let line = s.lines().position(|l| l.contains(needle)).unwrap();
            let column = s.lines().nth(line).unwrap().find(needle).unwrap();
            (line, column)
        };
        // (The JSON key's column is its opening quote's.)
        assert_eq!(at(&hcl, "subnet_id ="), at(text, "\"subnet_id\""));
    }

    #[test]
    fn a_file_that_is_not_an_object_of_blocks_is_refused_at_its_offset() {
        assert!(to_hcl("[1, 2]").is_err());
        let (at, _) = to_hcl("{ \"resource\": ").unwrap_err();
        assert!(at > 0);
    }
}
