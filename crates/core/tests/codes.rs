//! Diagnostic codes are an enum (`diag::Code`), each with its meaning; docs/format.md shows
//! the table generated from it (`UPDATE_GOLDEN=1` rewrites it), and no report or expected
//! file holds a code the enum does not have.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use planwright_core::diag::{codes_table, Code};

const START: &str = "<!-- codes:start -->";
const END: &str = "<!-- codes:end -->";

#[test]
fn every_code_has_a_unique_name_and_a_meaning() {
    let mut names = BTreeSet::new();
    for c in Code::ALL {
        assert!(names.insert(c.as_str()), "{} is declared twice", c.as_str());
        assert!(c.doc().len() > 10, "{} has no meaning written", c.as_str());
        assert_eq!(Code::parse(c.as_str()), Some(*c));
        assert_eq!(serde_json::to_value(c).unwrap(), c.as_str());
    }
    assert_eq!(Code::parse("no-such-code"), None);
}

#[test]
fn the_format_docs_show_every_code() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/format.md");
    let text = fs::read_to_string(&path).unwrap();
    let (Some(a), Some(b)) = (text.find(START), text.find(END)) else {
        panic!("docs/format.md lacks the {START} … {END} markers");
    };
    let table = codes_table();
    let current = &text[a + START.len()..b];
    let wanted = format!("\n{table}");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        let updated = format!("{}{START}{wanted}{}", &text[..a], &text[b..]);
        fs::write(&path, updated).unwrap();
        return;
    }
    assert_eq!(current, wanted, "docs/format.md's codes table is stale: UPDATE_GOLDEN=1 cargo test -p planwright-core --test codes");
}

fn codes_in(dir: &Path, out: &mut Vec<(String, String)>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            codes_in(&p, out);
        } else if p.extension().is_some_and(|x| x == "json") {
            let text = fs::read_to_string(&p).unwrap();
            for piece in text.split("\"code\": \"").skip(1) {
                if let Some(code) = piece.split('"').next() {
                    out.push((p.display().to_string(), code.to_string()));
                }
            }
        }
    }
}

#[test]
fn expected_files_hold_only_declared_codes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    codes_in(&root.join("tests/fixtures"), &mut found);
    codes_in(&root.join("../../tests/bad-inputs"), &mut found);
    assert!(found.len() > 50, "the expected files were read");
    for (file, code) in found {
        assert!(
            Code::parse(&code).is_some(),
            "{file}: `{code}` is not a diag::Code"
        );
    }
}
