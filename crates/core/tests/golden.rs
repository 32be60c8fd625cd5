//! Golden tests: every design under `fixtures/designs/` and `www/examples/` is evaluated
//! and its JSON report compared with `fixtures/expected/<name>/`, split by concern so that a
//! price change does not churn policy goldens: `cost.json` (the cost section), `findings.json`,
//! `readiness.json` and `diagnostics.json` (the report's header and diagnostics); every design under
//! `fixtures/errors/` must fail with the diagnostics in `fixtures/expected/errors/<name>.json`.
//!
//! A new case is a new file. After an intended change, regenerate with
//! `UPDATE_GOLDEN=1 cargo test -p planwright-core --test golden` and review the diff.

use std::fs;
use std::path::{Path, PathBuf};

use planwright_core::{evaluate_text, Options};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("yaml" | "yml" | "json")
            )
        })
        .collect();
    files.sort();
    files
}

/// Compares `actual` with the golden file, or writes it when UPDATE_GOLDEN is set.
/// Returns a description of the mismatch, if any.
fn check(expected_path: &Path, actual: &str) -> Option<String> {
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        fs::create_dir_all(expected_path.parent().unwrap()).unwrap();
        fs::write(expected_path, actual).unwrap();
        return None;
    }
    match fs::read_to_string(expected_path) {
        Ok(expected) if expected == actual => None,
        Ok(_) => Some(format!(
            "{} differs (run with UPDATE_GOLDEN=1 to see the change in git diff)",
            expected_path.display()
        )),
        Err(_) => Some(format!(
            "{} is missing (run with UPDATE_GOLDEN=1)",
            expected_path.display()
        )),
    }
}

fn cases() -> Vec<(String, PathBuf, Option<String>)> {
    let mut out = Vec::new();
    for p in yaml_files(&root().join("tests/fixtures/designs")) {
        let stem = p.file_stem().unwrap().to_string_lossy().to_string();
        out.push((stem, p, None));
    }
    for p in yaml_files(&root().join("../../www/examples")) {
        let stem = p.file_stem().unwrap().to_string_lossy().to_string();
        out.push((format!("example-{stem}"), p.clone(), None));
        let text = fs::read_to_string(&p).unwrap();
        let loaded = planwright_core::load(&text, None).unwrap();
        for env in loaded.environments {
            out.push((format!("example-{stem}.{env}"), p.clone(), Some(env)));
        }
    }
    out
}

#[test]
fn designs_match_their_golden_reports() {
    let mut failures = Vec::new();
    let cases = cases();
    assert!(cases.len() >= 20, "only {} golden cases", cases.len());
    for (name, path, env) in cases {
        let text = fs::read_to_string(&path).unwrap();
        let report = match evaluate_text(
            &text,
            &Options {
                env: env.as_deref(),
                catalog: None,
                today: None,
                pack: None,
            },
        ) {
            Ok(r) => r,
            Err(e) => {
                failures.push(format!("{name}: did not evaluate: {e:?}"));
                continue;
            }
        };
        let value = serde_json::to_value(&report).unwrap();
        let dir = root().join(format!("tests/fixtures/expected/{name}"));
        let header = serde_json::json!({
            "version": value["version"],
            "design": value["design"],
            "environment": value["environment"],
            "diagnostics": value["diagnostics"],
        });
        for (file, part) in [
            ("cost.json", &value["cost"]),
            ("findings.json", &value["findings"]),
            ("readiness.json", &value["readiness"]),
            ("diagnostics.json", &header),
        ] {
            let json = serde_json::to_string_pretty(part).unwrap() + "\n";
            if let Some(f) = check(&dir.join(file), &json) {
                failures.push(f);
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn bad_designs_fail_with_their_golden_diagnostics() {
    let mut failures = Vec::new();
    for path in yaml_files(&root().join("tests/fixtures/errors")) {
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let text = fs::read_to_string(&path).unwrap();
        match evaluate_text(&text, &Options::default()) {
            Ok(_) => failures.push(format!("{name}: evaluated, expected errors")),
            Err(errors) => {
                assert!(
                    errors.iter().all(|d| d.line.is_some()),
                    "{name}: an error without a line: {errors:?}"
                );
                let json = serde_json::to_string_pretty(&errors).unwrap() + "\n";
                if let Some(f) = check(
                    &root().join(format!("tests/fixtures/expected/errors/{name}.json")),
                    &json,
                ) {
                    failures.push(f);
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
