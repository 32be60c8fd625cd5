//! A reader for designs written as strict JSON, into the same spanned tree as the YAML
//! reader builds (JSON is YAML: the YAML reader reads it too, but at several times the cost
//! of a JSON parse, having to consider everything YAML allows).
//!
//! It accepts exactly RFC 8259 JSON and gives up (`None`) on anything else (comments,
//! trailing commas, single quotes, unquoted keys: YAML flow syntax), so the YAML reader
//! reads that and reports its errors as it always has. What it builds goes through the
//! YAML reader's builder, so the limits (depth, values), duplicate-key errors and spans
//! are the same: strings are quoted scalars, numbers, `true`, `false` and `null` plain ones.

use super::node::{Builder, Node, Open, Pos, Span, Value};
use crate::diag::Diagnostic;

/// The tree of `text` if it is strict JSON; `Some(Err)` when it is JSON the design
/// format refuses (too deep, too many values, a duplicate key).
pub(crate) fn parse(text: &str, depth: usize) -> Option<Result<Node, Diagnostic>> {
    let mut reader = Reader {
        bytes: text.as_bytes(),
        text,
        at: 0,
        pos: Pos {
            line: 1,
            column: 1,
            offset: 0,
        },
        builder: Builder::nested(depth),
    };
    reader.space();
    if let Err(stop) = reader.value() {
        return match stop {
            Stop::NotJson => None,
            Stop::Refused(d) => Some(Err(d)),
        };
    }
    reader.space();
    if reader.at != reader.bytes.len() {
        return None;
    }
    reader.builder.root.take().map(Ok)
}

enum Stop {
    /// Not strict JSON: the YAML reader decides.
    NotJson,
    /// JSON, refused by the format's limits.
    Refused(Diagnostic),
}

impl From<Diagnostic> for Stop {
    fn from(d: Diagnostic) -> Self {
        Stop::Refused(d)
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    text: &'a str,
    at: usize,
    pos: Pos,
    builder: Builder,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    /// Moves over one byte, counting lines and characters (not bytes) as the YAML reader
    /// does: a UTF-8 continuation byte is part of the character before it.
    fn bump(&mut self) {
        if let Some(b) = self.peek() {
            self.at += 1;
            if b == b'\n' {
                self.pos.line += 1;
                self.pos.column = 1;
                self.pos.offset += 1;
            } else if b & 0xC0 != 0x80 {
                self.pos.column += 1;
                self.pos.offset += 1;
            }
        }
    }

    fn space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.bump();
        }
    }

    fn expect(&mut self, b: u8) -> Result<(), Stop> {
        if self.peek() == Some(b) {
            self.bump();
            Ok(())
        } else {
            Err(Stop::NotJson)
        }
    }

    fn scalar(&mut self, text: String, plain: bool, start: Pos) -> Result<(), Stop> {
        let node = Node {
            value: Value::Scalar { text, plain },
            span: Span {
                start,
                end: self.pos,
            },
        };
        Ok(self.builder.push_node(node, 0)?)
    }

    fn value(&mut self) -> Result<(), Stop> {
        let start = self.pos;
        match self.peek() {
            Some(b'{') => {
                self.builder.open(Open::map(), self.token(), 0)?;
                self.bump();
                self.space();
                if self.peek() == Some(b'}') {
                    return self.close();
                }
                loop {
                    if self.peek() != Some(b'"') {
                        return Err(Stop::NotJson);
                    }
                    self.string()?;
                    self.space();
                    self.expect(b':')?;
                    self.space();
                    self.value()?;
                    if self.closed_after_item(b'}')? {
                        return Ok(());
                    }
                }
            }
            Some(b'[') => {
                self.builder.open(Open::Seq(Vec::new()), self.token(), 0)?;
                self.bump();
                self.space();
                if self.peek() == Some(b']') {
                    return self.close();
                }
                loop {
                    self.value()?;
                    if self.closed_after_item(b']')? {
                        return Ok(());
                    }
                }
            }
            Some(b'"') => self.string(),
            Some(b't') => self.word("true", start),
            Some(b'f') => self.word("false", start),
            Some(b'n') => self.word("null", start),
            Some(b'-' | b'0'..=b'9') => self.number(start),
            _ => Err(Stop::NotJson),
        }
    }

    /// After an item of a collection: a comma and the next item (false), or the collection's
    /// closing bracket (true, the collection closed).
    fn closed_after_item(&mut self, bracket: u8) -> Result<bool, Stop> {
        self.space();
        match self.peek() {
            Some(b',') => {
                self.bump();
                self.space();
                Ok(false)
            }
            Some(b) if b == bracket => self.close().map(|()| true),
            _ => Err(Stop::NotJson),
        }
    }

    /// The span of the one-character token at the reader (a bracket).
    fn token(&self) -> Span {
        let mut end = self.pos;
        end.column += 1;
        end.offset += 1;
        Span {
            start: self.pos,
            end,
        }
    }

    /// The closing bracket at the reader: the collection ends after it.
    fn close(&mut self) -> Result<(), Stop> {
        let span = self.token();
        self.bump();
        Ok(self.builder.close(span)?)
    }

    fn word(&mut self, word: &str, start: Pos) -> Result<(), Stop> {
        if !self
            .bytes
            .get(self.at..)
            .is_some_and(|b| b.starts_with(word.as_bytes()))
        {
            return Err(Stop::NotJson);
        }
        for _ in 0..word.len() {
            self.bump();
        }
        self.scalar(word.to_string(), true, start)
    }

    fn digits(&mut self) -> usize {
        let from = self.at;
        while let Some(b'0'..=b'9') = self.peek() {
            self.bump();
        }
        self.at - from
    }

    fn number(&mut self, start: Pos) -> Result<(), Stop> {
        let from = self.at;
        if self.peek() == Some(b'-') {
            self.bump();
        }
        match self.peek() {
            Some(b'0') => self.bump(),
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(Stop::NotJson),
        }
        if self.peek() == Some(b'.') {
            self.bump();
            if self.digits() == 0 {
                return Err(Stop::NotJson);
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.bump();
            if let Some(b'+' | b'-') = self.peek() {
                self.bump();
            }
            if self.digits() == 0 {
                return Err(Stop::NotJson);
            }
        }
        let text = self.text.get(from..self.at).ok_or(Stop::NotJson)?;
        self.scalar(text.to_string(), true, start)
    }

    fn string(&mut self) -> Result<(), Stop> {
        let start = self.pos;
        self.bump();
        let mut out = String::new();
        loop {
            // A run of characters needing no escape, copied at once.
            let from = self.at;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.bump();
            }
            out.push_str(self.text.get(from..self.at).ok_or(Stop::NotJson)?);
            match self.peek() {
                Some(b'"') => {
                    self.bump();
                    return self.scalar(out, false, start);
                }
                Some(b'\\') => {
                    self.bump();
                    let c = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.bump();
                            let high = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&high) {
                                self.expect(b'\\')?;
                                self.expect(b'u')?;
                                let low = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&low) {
                                    return Err(Stop::NotJson);
                                }
                                0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                            } else {
                                high
                            };
                            out.push(char::from_u32(code).ok_or(Stop::NotJson)?);
                            continue;
                        }
                        _ => return Err(Stop::NotJson),
                    };
                    self.bump();
                    out.push(c);
                }
                // A control character or the end of the text inside a string.
                _ => return Err(Stop::NotJson),
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, Stop> {
        let digits = self.text.get(self.at..self.at + 4).ok_or(Stop::NotJson)?;
        // Four hex digits exactly (`from_str_radix` alone would take a sign).
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(Stop::NotJson);
        }
        let code = u32::from_str_radix(digits, 16).map_err(|_| Stop::NotJson)?;
        for _ in 0..4 {
            self.bump();
        }
        Ok(code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::node;

    /// The YAML reader's tree of the same text: values and spans.
    fn yaml(text: &str) -> Node {
        node::parse_yaml(text, 0).expect("the YAML reader reads it")
    }

    #[test]
    fn strict_json_reads_as_the_yaml_reader_reads_it() {
        for text in [
            r#"{"version": 1, "name": "shop", "resources": {"web": {"kind": "compute", "count": 2, "public_ip": true, "x": null, "price": -0.125e+2}}}"#,
            "{\n  \"a\": [1, 2.5, \"three\", [], {}],\n  \"b\": \"caf\u{e9} \\u00e9 \\n \\\" tab\\t\",\n  \"\u{d55c}\": \"\u{ae00}\"\n}\n",
            "  [true, false]\n",
            "{}",
        ] {
            let fast = parse(text, 0).expect("strict JSON").expect("reads");
            assert_eq!(fast, yaml(text), "{text}");
        }
        // A character outside the Basic Multilingual Plane as JSON escapes it (a surrogate
        // pair), which the YAML reader refuses.
        let pair = parse(r#"["\ud83d\ude00"]"#, 0)
            .expect("JSON")
            .expect("reads");
        assert_eq!(
            pair.as_seq().and_then(|s| s[0].scalar_text()),
            Some("\u{1f600}")
        );
    }

    #[test]
    fn a_whole_design_as_json_reads_as_the_yaml_reader_reads_it() {
        let example = include_str!("../../../../www/examples/multi-env.yaml");
        let tree = yaml(example);
        for text in [
            serde_json::to_string_pretty(&tree.to_json()).expect("JSON"),
            serde_json::to_string(&tree.to_json()).expect("JSON"),
        ] {
            let fast = parse(&text, 0).expect("strict JSON").expect("reads");
            assert_eq!(fast, yaml(&text));
        }
    }

    #[test]
    fn anything_but_strict_json_is_left_to_the_yaml_reader() {
        for text in [
            "{a: 1}",
            "{\"a\": 1,}",
            "{\"a\": 01}",
            "{\"a\": 'x'}",
            "{\"a\": 1} # comment",
            "name: shop",
            "{\"a\": \"\\x\"}",
            "{\"a\": 1",
            "{\"a\": .5}",
            "{\"a\": \"\\ud800\"}",
        ] {
            assert!(parse(text, 0).is_none(), "{text}");
        }
    }

    #[test]
    fn json_the_format_refuses_is_refused_as_the_yaml_reader_refuses_it() {
        let text = r#"{"a": 1, "b": 2, "a": 3}"#;
        let fast = parse(text, 0).expect("JSON").expect_err("a duplicate key");
        let slow = node::parse_yaml(text, 0).expect_err("a duplicate key");
        assert_eq!(fast.code, slow.code);
        assert_eq!(fast.message, slow.message);
        assert_eq!((fast.line, fast.column), (slow.line, slow.column));
        let deep = format!("{}1{}", "[".repeat(500), "]".repeat(500));
        let e = parse(&deep, 0).expect("JSON").expect_err("too deep");
        assert_eq!(e.code, "nesting-too-deep");
    }
}
