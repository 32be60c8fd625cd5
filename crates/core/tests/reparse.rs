//! `reparse` must return exactly what a full parse returns — the same values and the same
//! positions — for any edit. Checked on chains of random edits over every example, a
//! generated flow-style design and a block-style fixture with comments, lists and block
//! scalars; and the splice (not the fallback) must do most of the work for typical typing.

use planwright_core::source::node::{parse, Node};
use planwright_core::source::reparse::{reparse, splice};

mod common;

fn fixtures() -> Vec<(String, String)> {
    let mut out = common::example_designs();
    out.push(("generated".into(), planwright_core::sample::generate(40)));
    // Always parsed whole (a flow root, carriage returns, anchors), and still equal.
    out.push((
        "json".into(),
        "{\"version\": 1, \"name\": \"j\", \"region\": \"us-east-1\",\n \"resources\": {\"web\": {\"kind\": \"compute\", \"count\": 2}}}\n".into(),
    ));
    out.push((
        "crlf".into(),
        "version: 1\r\nname: c\r\nresources:\r\n  web:\r\n    kind: compute\r\n    count: 2\r\n"
            .into(),
    ));
    out.push((
        "anchors".into(),
        "version: 1\nbase: &b { kind: compute, count: 2 }\nresources:\n  web: *b\n  api:\n    kind: compute\n    count: 3\n".into(),
    ));
    out.push((
        "block".into(),
        "\
# A design written by hand.
version: 1
name: hand   # trailing comment
region: us-east-1
resources:
  web:
    kind: compute
    instance_type: m5.large
    volumes:
      - size_gb: 50
        type: gp3
      - { size_gb: 20 }
    notes: |
      two lines
      of text

  # between resources
  db:
    kind: database
    engine: postgres
    description: >
      folded
      text
    tags: [a, b]
# at the margin
  cache:
    kind: cache
    nodes: 2
dr:
  targets: { rpo: 5m, rto: 1h }
"
        .into(),
    ));
    out
}

/// A small deterministic generator (no dependency needed for this).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn char_boundary_at(text: &str, rng: &mut Rng) -> usize {
    let mut at = rng.below(text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .filter(|i| *i < text.len())
        .collect()
}

/// One random edit of the kinds typing makes (and some it rarely does).
fn edit(text: &str, rng: &mut Rng) -> String {
    let mut t = text.to_string();
    let pieces = [
        " ", "\n", "a", "7", ":", "-", "#", "\"", "{", "}", "[", "]", ",", "|", "é", "x: 1",
    ];
    match rng.below(9) {
        0 => {
            // Type over a digit: the common keystroke.
            let digits: Vec<usize> = t
                .match_indices(|c: char| c.is_ascii_digit())
                .map(|(i, _)| i)
                .collect();
            if let Some(&at) = digits.get(rng.below(digits.len())) {
                let d = (b'0' + rng.below(10) as u8) as char;
                t.replace_range(at..at + 1, &d.to_string());
            }
        }
        1 => {
            let at = char_boundary_at(&t, rng);
            t.insert_str(at, pieces[rng.below(pieces.len())]);
        }
        2 => {
            let at = char_boundary_at(&t, rng);
            if let Some(c) = t[at..].chars().next() {
                t.replace_range(at..at + c.len_utf8(), "");
            }
        }
        3 => {
            // Delete a line.
            let starts = line_starts(&t);
            let s = starts[rng.below(starts.len())];
            let e = t[s..].find('\n').map_or(t.len(), |i| s + i + 1);
            t.replace_range(s..e, "");
        }
        4 => {
            // Duplicate a line (a duplicate key, or a second list item).
            let starts = line_starts(&t);
            let s = starts[rng.below(starts.len())];
            let e = t[s..].find('\n').map_or(t.len(), |i| s + i + 1);
            let line = t[s..e].to_string();
            t.insert_str(e, &line);
        }
        5 => {
            // Add a field at a line start, at some indentation.
            let starts = line_starts(&t);
            let s = starts[rng.below(starts.len())];
            let indent = " ".repeat(rng.below(4) * 2);
            t.insert_str(s, &format!("{indent}extra_{}: 3\n", rng.below(100)));
        }
        6 => {
            // Indent or outdent a line.
            let starts = line_starts(&t);
            let s = starts[rng.below(starts.len())];
            if rng.below(2) == 0 {
                t.insert(s, ' ');
            } else if t[s..].starts_with(' ') {
                t.remove(s);
            }
        }
        7 => {
            // A blank or comment line.
            let starts = line_starts(&t);
            let s = starts[rng.below(starts.len())];
            t.insert_str(
                s,
                if rng.below(2) == 0 {
                    "\n"
                } else {
                    "  # note\n"
                },
            );
        }
        _ => {
            // Rename a key: change a letter just before a colon.
            let colons: Vec<usize> = t
                .match_indices(':')
                .map(|(i, _)| i)
                .filter(|i| *i > 0)
                .collect();
            if let Some(&at) = colons.get(rng.below(colons.len())) {
                if t[..at].ends_with(|c: char| c.is_ascii_alphabetic()) {
                    t.replace_range(at - 1..at, "q");
                }
            }
        }
    }
    t
}

fn describe(tree: &Result<Node, planwright_core::Diagnostic>) -> String {
    format!("{tree:?}")
}

/// The first place two trees differ, for a readable failure.
fn first_difference(a: &Node, b: &Node, at: &str) -> Option<String> {
    use planwright_core::source::node::Value;
    if a.span != b.span {
        return Some(format!("{at}: span {:?} vs {:?}", a.span, b.span));
    }
    match (&a.value, &b.value) {
        (Value::Map(x), Value::Map(y)) if x.len() == y.len() => {
            x.iter().zip(y).find_map(|((ka, va), (kb, vb))| {
                let key = ka.scalar_text().unwrap_or("?");
                first_difference(ka, kb, &format!("{at}.{key}(key)"))
                    .or_else(|| first_difference(va, vb, &format!("{at}.{key}")))
            })
        }
        (Value::Seq(x), Value::Seq(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (p, q))| first_difference(p, q, &format!("{at}[{i}]"))),
        (x, y) if x == y => None,
        _ => Some(format!("{at}: value differs")),
    }
}

#[test]
fn reparse_is_a_full_parse_for_random_edit_chains() {
    // `REPARSE_STEPS=50000` for a longer search.
    let steps: usize = std::env::var("REPARSE_STEPS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(800);
    // `REPARSE_SEED=n` for other chains.
    let salt: u64 = std::env::var("REPARSE_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .map_or(0, |n: u64| n.wrapping_mul(0x2545_F491_4F6C_DD1D));
    let mut spliced = 0;
    let mut total = 0;
    for (seed, (name, text)) in fixtures().into_iter().enumerate() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ (seed as u64 + 1) ^ salt);
        let mut current = text.clone();
        let mut tree = parse(&current).unwrap_or_else(|e| panic!("{name} must parse: {e:?}"));
        for step in 0..steps {
            let next = edit(&current, &mut rng);
            let full = parse(&next);
            let quick = reparse(&current, &tree, &next);
            total += 1;
            if splice(&current, &tree, &next).is_some() {
                spliced += 1;
            }
            if describe(&full) != describe(&quick) {
                let difference = match (&full, &quick) {
                    (Ok(a), Ok(b)) => first_difference(a, b, "").unwrap_or_default(),
                    _ => format!("{}\nvs\n{}", describe(&full), describe(&quick)),
                };
                let same = current
                    .bytes()
                    .zip(next.bytes())
                    .take_while(|(a, b)| a == b)
                    .count();
                panic!(
                    "{name}, step {step}: reparse differs from a full parse\n--- before\n{current}\n--- after\n{next}\n--- the texts part at byte {same}: {:?} / {:?}\n--- first difference (full vs reparse)\n{difference}",
                    &current[same.saturating_sub(20).min(current.len())..(same + 20).min(current.len())],
                    &next[same.saturating_sub(20).min(next.len())..(same + 20).min(next.len())]
                );
            }
            match quick {
                Ok(t) => {
                    tree = t;
                    current = next;
                }
                // A broken text is not kept: the next edit starts again from the last good
                // one, as the page does.
                Err(_) => {}
            }
            // Now and then back to the fixture, so edits do not pile up into noise.
            if step % 100 == 99 {
                current = text.clone();
                tree = parse(&current).unwrap();
            }
        }
    }
    eprintln!("spliced {spliced} of {total} edits");
    assert!(
        spliced * 3 > total,
        "the splice took only {spliced} of {total} edits"
    );
}

#[test]
fn typing_a_digit_is_spliced() {
    let whole = ["json", "crlf", "anchors"];
    for (name, text) in fixtures()
        .into_iter()
        .filter(|(n, _)| !whole.contains(&n.as_str()))
    {
        let tree = parse(&text).unwrap();
        let mut rng = Rng(7);
        let mut taken = 0;
        let mut tried = 0;
        let digits: Vec<usize> = text
            .match_indices(|c: char| c.is_ascii_digit())
            .map(|(i, _)| i)
            .collect();
        for _ in 0..50 {
            let at = digits[rng.below(digits.len())];
            // Digits in the top-level scalars (`version: 1`) sit in an entry as wide as the
            // design's first lines; all others are inside a resource or section entry.
            let mut next = text.clone();
            next.replace_range(at..at + 1, if &text[at..at + 1] == "9" { "8" } else { "9" });
            tried += 1;
            if let Some(t) = splice(&text, &tree, &next) {
                assert_eq!(t, parse(&next).unwrap(), "{name}");
                taken += 1;
            }
        }
        assert!(
            taken * 10 >= tried * 8,
            "{name}: only {taken} of {tried} digit edits spliced"
        );
    }
}
