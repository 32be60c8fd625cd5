//! The core's modules are layers, and a module uses only the layers below it (ARCHITECTURE.md,
//! "Layers"). This test reads every `crate::` path in `crates/core/src` (code, not comments;
//! inline test modules included) and fails on one that reaches up or sideways, naming the
//! file and line. A new module must be given a layer here.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// Bottom first. Modules on one line are siblings: neither may use the other.
const LAYERS: &[&[&str]] = &[
    &["limits", "order"],
    &["path", "share", "units"],
    &["diag"],
    &["source"],
    &["model", "refs"],
    &["catalog"],
    &["cost"],
    &["terraform"],
    &["resources"],
    &["design"],
    &["pricing"],
    &["readiness"],
    &["policy"],
    &["report"],
    &["render", "validate", "assist", "diagram"],
    &["load"],
    &["pipeline"],
    &["import"],
    &["sample", "schema", "fuzzing"],
];

fn rank(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .expect("src is readable")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file belongs to (`cost/schedule.rs` -> `cost`, `units.rs` -> `units`).
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).expect("under src");
    let first = rel.components().next().expect("non-empty path");
    let name = first.as_os_str().to_string_lossy();
    name.trim_end_matches(".rs").to_string()
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The first segment of every `crate::` path in a line of code: `crate::cost::Bill` gives
/// `cost`; `crate::{cost::Bill, model}` gives `cost` and `model`.
fn crate_uses(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + "crate::".len()..];
        if before.is_some_and(is_ident) {
            continue; // `planwright_crate::` and the like
        }
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0usize;
            let mut item_start = true;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        rest = &group[i..];
                        break;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 0 => item_start = true,
                    c if item_start && is_ident(c) => {
                        let name: String =
                            group[i..].chars().take_while(|&c| is_ident(c)).collect();
                        out.push(name);
                        item_start = false;
                    }
                    _ => {}
                }
            }
        } else {
            let name: String = rest.chars().take_while(|&c| is_ident(c)).collect();
            if !name.is_empty() {
                out.push(name);
            }
        }
    }
    out
}

/// Code of a line without its `//` comment (doc links are not dependencies).
fn code_of(line: &str) -> &str {
    match line.find("//") {
        Some(i) => &line[..i],
        None => line,
    }
}

#[test]
fn no_module_reaches_a_layer_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut problems = Vec::new();
    let mut unlisted = BTreeMap::new();
    for file in &files {
        let module = module_of(&src, file);
        if module == "lib" {
            continue; // the crate root only declares the modules and re-exports
        }
        let Some(own) = rank(&module) else {
            unlisted.insert(module.clone(), file.display().to_string());
            continue;
        };
        let text = fs::read_to_string(file).expect("readable");
        // Use lists span lines: join each statement's lines before reading it.
        let mut joined = String::new();
        let mut first_line = 0;
        for (n, line) in text.lines().enumerate() {
            let code = code_of(line);
            if joined.is_empty() {
                first_line = n + 1;
            }
            joined.push_str(code);
            joined.push(' ');
            let open = joined.matches('{').count() > joined.matches('}').count();
            if open && joined.trim_start().starts_with("use crate::") {
                continue;
            }
            for used in crate_uses(&joined) {
                if used == module {
                    continue;
                }
                match rank(&used) {
                    Some(r) if r < own => {}
                    Some(r) => problems.push(format!(
                        "{}:{first_line}: `{module}` uses `{used}`, {}",
                        file.strip_prefix(&src).unwrap_or(file).display(),
                        if r == own {
                            "a sibling on its own layer"
                        } else {
                            "a layer above it"
                        },
                    )),
                    None => {} // a re-export at the crate root (`crate::evaluate_text`): checked below
                }
            }
            joined.clear();
        }
    }
    assert!(
        unlisted.is_empty(),
        "modules with no layer (add each to LAYERS in this test and to ARCHITECTURE.md): {unlisted:?}"
    );
    assert!(
        problems.is_empty(),
        "modules reaching up (move the shared type down, or pass a function in; see \
         ARCHITECTURE.md, \"Layers\"):\n{}",
        problems.join("\n")
    );
}

/// Items re-exported at the crate root (`crate::evaluate_text`) belong to the pipeline:
/// only the layers above it may name them that way.
#[test]
fn crate_root_items_are_used_only_from_above_the_pipeline() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let pipeline = rank("pipeline").expect("pipeline has a layer");
    let modules: Vec<String> = LAYERS
        .iter()
        .flat_map(|l| l.iter().map(|m| m.to_string()))
        .collect();
    let mut problems = Vec::new();
    for file in &files {
        let module = module_of(&src, file);
        let Some(own) = rank(&module) else { continue };
        if own > pipeline {
            continue;
        }
        let text = fs::read_to_string(file).expect("readable");
        for (n, line) in text.lines().enumerate() {
            for used in crate_uses(code_of(line)) {
                if !modules.contains(&used) && used != "self" {
                    problems.push(format!(
                        "{}:{}: `{module}` uses the crate root's `{used}`",
                        file.strip_prefix(&src).unwrap_or(file).display(),
                        n + 1
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_reader_sees_grouped_and_plain_paths() {
    assert_eq!(crate_uses("use crate::cost::Bill;"), ["cost"]);
    assert_eq!(
        crate_uses("use crate::{cost::{Bill, Qty}, model, path::DesignPath};"),
        ["cost", "model", "path"]
    );
    assert_eq!(
        crate_uses("let x = crate::units::cents(y) + crate::diag::x();"),
        ["units", "diag"]
    );
    assert_eq!(crate_uses("planwright_crate::x"), Vec::<String>::new());
}
