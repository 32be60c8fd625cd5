//! Re-reading a design after an edit without parsing all of it again.
//!
//! A keystroke changes a few characters of one entry, but parsing the YAML is the largest
//! part of evaluating a design (200 resources: about half of parse + type + evaluate). So
//! [`reparse`] finds the innermost block-map entry (a line `  web:` and everything under it,
//! up to the next line at its indentation or less) that holds the whole edit, parses only
//! that entry's text, and splices it into the previous tree, moving the positions of
//! everything after it.
//!
//! The result is always exactly what [`node::parse`] returns for the new text. Whenever an
//! edit could change how the text around the entry reads — anchors and aliases, tabs or
//! carriage returns, a line less indented than the entry, a second entry, a key renamed to a
//! sibling's name, a position the splice cannot place — or the entry's text does not parse
//! on its own, the whole text is parsed instead (so errors keep their full-document
//! locations). `tests/reparse.rs` compares the two on thousands of random edits.

use std::cell::Cell;

use super::node::{self, Node, Pos, Span, Value};
use crate::diag::Diagnostic;
use crate::limits;

/// The tree of `new_text`, given `old_tree`, the tree of `old_text`: the same result as
/// `node::parse(new_text)`, usually without parsing most of it.
pub fn reparse(old_text: &str, old_tree: &Node, new_text: &str) -> Result<Node, Diagnostic> {
    match splice(old_text, old_tree, new_text) {
        Some(tree) => Ok(tree),
        None => node::parse(new_text),
    }
}

/// The tree of `new_text` built from `old_tree` by parsing only the entry the edit falls in,
/// or `None` when the edit needs the whole text read again.
pub fn splice(old_text: &str, old_tree: &Node, new_text: &str) -> Option<Node> {
    if new_text.len() > limits::MAX_DESIGN_BYTES {
        return None;
    }
    if old_text == new_text {
        return Some(old_tree.clone());
    }
    let old = Text::new(old_text);
    let new = Text::new(new_text);
    let edit = Edit::between(&old, &new);
    // Innermost first: the smallest text to parse. A wider entry can take an edit the
    // narrower one cannot (a key added inside a resource).
    for entry in entries_around(&old, old_tree, &edit).iter().rev() {
        match splice_entry(&old, old_tree, &new, entry) {
            Attempt::Done(tree) => return Some(tree),
            Attempt::Wider => {}
            Attempt::Whole => return None,
        }
    }
    None
}

enum Attempt {
    Done(Node),
    /// This entry cannot take the edit; an entry around it may.
    Wider,
    /// Parse the whole text.
    Whole,
}

/// A text with its character offsets (node positions count characters) mapped to bytes.
struct Text<'a> {
    text: &'a str,
    ascii: bool,
}

impl<'a> Text<'a> {
    fn new(text: &'a str) -> Self {
        Text {
            text,
            ascii: text.is_ascii(),
        }
    }

    fn byte(&self, char_offset: u32) -> Option<usize> {
        let at = char_offset as usize;
        if self.ascii {
            return (at <= self.text.len()).then_some(at);
        }
        self.text
            .char_indices()
            .map(|(b, _)| b)
            .chain(std::iter::once(self.text.len()))
            .nth(at)
    }
}

fn chars(s: &str) -> u32 {
    if s.is_ascii() {
        s.len() as u32
    } else {
        s.chars().count() as u32
    }
}

fn newlines(s: &str) -> u32 {
    s.bytes().filter(|b| *b == b'\n').count() as u32
}

/// The changed span: the texts agree before `start` and after `old_end` / `new_end` (bytes).
struct Edit {
    start_char: u32,
    old_end_char: u32,
}

impl Edit {
    fn between(old: &Text, new: &Text) -> Edit {
        let (a, b) = (old.text.as_bytes(), new.text.as_bytes());
        let mut start = a.iter().zip(b).take_while(|(x, y)| x == y).count();
        while !old.text.is_char_boundary(start) {
            start -= 1;
        }
        let room = a.len().min(b.len()) - start;
        let mut tail = a
            .iter()
            .rev()
            .zip(b.iter().rev())
            .take(room)
            .take_while(|(x, y)| x == y)
            .count();
        while !old.text.is_char_boundary(a.len() - tail)
            || !new.text.is_char_boundary(b.len() - tail)
        {
            tail -= 1;
        }
        let start_char = chars(&old.text[..start]);
        Edit {
            start_char,
            old_end_char: start_char + chars(&old.text[start..a.len() - tail]),
        }
    }
}

/// A block-map entry of the old tree whose lines hold the whole edit.
struct Entry<'a> {
    /// Entry indices from the root map down to the map holding this entry.
    path: Vec<usize>,
    parent: &'a Node,
    index: usize,
    /// Its lines in the old text, in characters: from the start of the key's line to the
    /// start of the next entry's line (or the end of what holds it).
    start: u32,
    end: u32,
}

/// The character offset of the start of the line a node starts on.
fn line_start(n: &Node) -> u32 {
    n.span.start.offset - (n.span.start.column - 1)
}

fn entries_around<'a>(old: &Text, tree: &'a Node, edit: &Edit) -> Vec<Entry<'a>> {
    let mut found = Vec::new();
    let mut node = tree;
    let mut limit = chars(old.text);
    let mut path = Vec::new();
    while let Some(entries) = node.as_map() {
        // A flow map (`{ ... }`) is read whole with the entry holding it.
        let flow = old
            .byte(node.span.start.offset)
            .and_then(|b| old.text.as_bytes().get(b))
            .is_some_and(|c| *c == b'{');
        if flow {
            break;
        }
        let Some((index, (key, value))) = entries
            .iter()
            .enumerate()
            .rfind(|(_, (k, _))| line_start(k) <= edit.start_char)
        else {
            break;
        };
        let start = line_start(key);
        let end = entries.get(index + 1).map_or(limit, |(k, _)| line_start(k));
        if edit.old_end_char > end {
            break;
        }
        found.push(Entry {
            path: path.clone(),
            parent: node,
            index,
            start,
            end,
        });
        path.push(index);
        limit = end;
        node = value;
    }
    found
}

fn splice_entry(old: &Text, tree: &Node, new: &Text, entry: &Entry) -> Attempt {
    use Attempt::{Whole, Wider};
    let Some(entries) = entry.parent.as_map() else {
        return Wider;
    };
    let Some((key, value)) = entries.get(entry.index) else {
        return Wider;
    };
    let indent = (key.span.start.column - 1) as usize;
    let (Some(start), Some(old_end)) = (old.byte(entry.start), old.byte(entry.end)) else {
        return Whole;
    };
    // Parsing most of the text and copying the rest would cost more than parsing it all.
    if (old_end - start) * 2 > old.text.len() {
        return Whole;
    }
    // The key starts its line, after spaces only (not `- key:` or `? key`).
    if !old
        .text
        .get(start..start + indent)
        .is_some_and(|s| s.bytes().all(|b| b == b' '))
    {
        return Wider;
    }
    let Some(new_end) = (old_end + new.text.len()).checked_sub(old.text.len()) else {
        return Whole;
    };
    let Some(chunk) = new.text.get(start..new_end) else {
        return Whole;
    };
    let at_eof = new_end == new.text.len();
    if !chunk.ends_with('\n') {
        // Joined to the line after it, or the last line without a newline (the end of the
        // text is placed differently then): read around it, or all of it.
        return if at_eof { Whole } else { Wider };
    }
    // A block scalar header (`notes: |`) with no lines after it in the entry: an empty
    // scalar placed by what follows the entry.
    if ends_in_block_scalar_header(chunk) {
        return Wider;
    }
    // Anchors and aliases tie the entry to text elsewhere; tabs, carriage returns and byte
    // order marks read differently once the lines are moved left.
    let ties = |s: &str| s.contains(['&', '*', '\t', '\r', '\u{feff}']);
    if ties(chunk) || ties(&old.text[start..old_end]) {
        return Whole;
    }

    // The entry's lines, moved left by the key's indentation.
    let mut dedented = String::with_capacity(chunk.len());
    let mut removed: Vec<u32> = Vec::new();
    for (n, line) in chunk.split_inclusive('\n').enumerate() {
        let content = line.trim_start_matches(' ');
        let spaces = line.len() - content.len();
        let blank = content.trim_end_matches('\n').is_empty() || content.starts_with('#');
        // The key's line stays first, at its indentation: positions before the key, and
        // what ends there, do not move.
        let strip = if n == 0 && (blank || spaces != indent) {
            return Wider;
        } else if spaces >= indent {
            indent
        } else if blank {
            spaces
        } else {
            // A line less indented than the key ends what holds it.
            return Wider;
        };
        let rest = &line[strip..];
        if rest.starts_with("---") || rest.starts_with("...") || rest.starts_with('%') {
            return Whole;
        }
        dedented.push_str(rest);
        removed.push(strip as u32);
    }
    let Ok(fragment) = node::parse_nested(&dedented, limits::MAX_DESIGN_BYTES, entry.path.len())
    else {
        return Whole;
    };
    let eof = fragment.span.end;
    let fragment_start = fragment.span.start;
    let Value::Map(mut parsed) = fragment.value else {
        return Wider;
    };
    if parsed.len() != 1 {
        return Wider;
    }
    let Some((new_key, new_value)) = parsed.pop() else {
        return Wider;
    };
    // A block map, as around it (a flow map's span starts at its brace, before the key).
    if fragment_start != new_key.span.start {
        return Wider;
    }
    if new_key.scalar_text() != key.scalar_text()
        && entries
            .iter()
            .any(|(k, _)| k.scalar_text() == new_key.scalar_text())
    {
        return Whole;
    }
    if tree.count() - key.count() - value.count() + new_key.count() + new_value.count()
        > limits::MAX_NODES
    {
        return Whole;
    }

    // Where the fragment's positions are in the new text.
    let mut before_line = Vec::with_capacity(removed.len() + 1);
    let mut sum = 0;
    for r in &removed {
        sum += r;
        before_line.push(sum);
    }
    // The entry's text starts on the key's line.
    let base_line = key.span.start.line;
    let place = Place {
        base_line,
        start: entry.start,
        removed: &removed,
        removed_through: &before_line,
    };
    let chunk_end = Pos {
        line: base_line + newlines(chunk),
        column: 1,
        offset: entry.start + chars(chunk),
    };
    // The first token after the entry: where the full parse closes the block collections
    // the fragment's parse closed at its end.
    let next_token = if at_eof {
        place.full(eof)
    } else {
        match first_token(&new.text[new_end..], chunk_end) {
            Some(p) => p,
            None => return Whole,
        }
    };
    let moved = |p: Pos| if p == eof { next_token } else { place.full(p) };
    let new_key = moved_tree(&new_key, &moved, &|_| false);
    let new_value = moved_tree(&new_value, &moved, &|_| false);

    let old_chunk = &old.text[start..old_end];
    let shift = Shift {
        start: entry.start,
        end: entry.end,
        lines: newlines(chunk) as i64 - newlines(old_chunk) as i64,
        chars: chars(chunk) as i64 - chars(old_chunk) as i64,
        old_key: key.span.start,
        new_key: new_key.span.start,
        eof: at_eof.then_some(next_token),
        failed: Cell::new(false),
    };
    let mut replacement = Some((new_key, new_value));
    let rebuilt = rebuild(tree, &entry.path, entry.index, &shift, &mut replacement);
    if shift.failed.get() {
        return Whole;
    }
    Attempt::Done(rebuilt)
}

fn ends_in_block_scalar_header(chunk: &str) -> bool {
    let Some(last) = chunk
        .lines()
        .map(str::trim)
        .rfind(|l| !l.is_empty() && !l.starts_with('#'))
    else {
        return false;
    };
    let code = last.split(" #").next().unwrap_or(last).trim_end();
    let word = code.rsplit(' ').next().unwrap_or(code);
    word.strip_prefix(['|', '>'])
        .is_some_and(|rest| rest.chars().all(|c| matches!(c, '1'..='9' | '+' | '-')))
}

/// Maps a position in the dedented fragment to the new text.
struct Place<'a> {
    base_line: u32,
    start: u32,
    removed: &'a [u32],
    /// Characters removed up to the end of each line.
    removed_through: &'a [u32],
}

impl Place<'_> {
    fn full(&self, p: Pos) -> Pos {
        let line = p.line.saturating_sub(1) as usize;
        let total = self.removed_through.last().copied().unwrap_or(0);
        Pos {
            line: self.base_line + p.line - 1,
            column: p.column + self.removed.get(line).copied().unwrap_or(0),
            offset: self.start
                + p.offset
                + self.removed_through.get(line).copied().unwrap_or(total),
        }
    }
}

/// The position of the first character after `from` that is not a space, a line break or a
/// comment; at the end of the text, the end-of-text position (only after a final newline).
fn first_token(rest: &str, from: Pos) -> Option<Pos> {
    let mut p = from;
    let mut comment = false;
    for c in rest.chars() {
        match c {
            '\n' => {
                p.line += 1;
                p.column = 1;
                comment = false;
            }
            ' ' => p.column += 1,
            '\t' | '\r' if !comment => return None,
            '#' if !comment => {
                comment = true;
                p.column += 1;
            }
            _ if comment => p.column += 1,
            _ => return Some(p),
        }
        p.offset += 1;
    }
    rest.ends_with('\n').then_some(p)
}

/// A copy of `n` with every position moved; subtrees `unmoved` says keep their positions are
/// cloned as they are (faster than moving each position to itself).
fn moved_tree(n: &Node, moved: &dyn Fn(Pos) -> Pos, unmoved: &dyn Fn(&Node) -> bool) -> Node {
    if unmoved(n) {
        return n.clone();
    }
    let copy = |n: &Node| moved_tree(n, moved, unmoved);
    let value = match &n.value {
        Value::Scalar { .. } => n.value.clone(),
        Value::Seq(items) => Value::Seq(items.iter().map(copy).collect()),
        Value::Map(entries) => {
            Value::Map(entries.iter().map(|(k, v)| (copy(k), copy(v))).collect())
        }
    };
    Node {
        value,
        span: Span {
            start: moved(n.span.start),
            end: moved(n.span.end),
        },
    }
}

/// How positions of the old tree outside the replaced entry move.
struct Shift {
    start: u32,
    end: u32,
    lines: i64,
    chars: i64,
    old_key: Pos,
    new_key: Pos,
    /// When the entry runs to the end of the text: where the text now ends. What ended
    /// there before (the collections around the entry) ends there now; the end is not a
    /// plain shift, as it depends on whether the last line ends with a newline.
    eof: Option<Pos>,
    failed: Cell<bool>,
}

impl Shift {
    fn pos(&self, p: Pos) -> Pos {
        if p.offset < self.start {
            p
        } else if let (Some(eof), true) = (self.eof, p.offset >= self.end) {
            eof
        } else if p.offset >= self.end {
            Pos {
                line: (p.line as i64 + self.lines) as u32,
                column: p.column,
                offset: (p.offset as i64 + self.chars) as u32,
            }
        } else if p == self.old_key && p == self.new_key {
            // The end of what precedes the entry (closed by its key), or the start of the map
            // the key opens. Had lines been added before the key, what precedes might now
            // end at one of them (a block scalar ends at a less indented comment).
            p
        } else {
            self.failed.set(true);
            p
        }
    }

    /// A copy of `n` with its positions moved (what ends before the entry stays).
    fn copy(&self, n: &Node) -> Node {
        moved_tree(n, &|p| self.pos(p), &|n| n.span.end.offset < self.start)
    }
}

/// A copy of `n` with the entry at `path` / `index` replaced and every other position moved.
fn rebuild(
    n: &Node,
    path: &[usize],
    index: usize,
    shift: &Shift,
    replacement: &mut Option<(Node, Node)>,
) -> Node {
    let Value::Map(entries) = &n.value else {
        return shift.copy(n);
    };
    let entries = entries
        .iter()
        .enumerate()
        .map(|(i, (k, v))| match path.split_first() {
            Some((&next, rest)) if next == i => {
                (shift.copy(k), rebuild(v, rest, index, shift, replacement))
            }
            None if i == index => replacement
                .take()
                .unwrap_or_else(|| (shift.copy(k), shift.copy(v))),
            _ => (shift.copy(k), shift.copy(v)),
        })
        .collect();
    Node {
        value: Value::Map(entries),
        span: Span {
            start: shift.pos(n.span.start),
            end: shift.pos(n.span.end),
        },
    }
}
