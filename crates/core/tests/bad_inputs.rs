//! The bad-input corpus (`tests/bad-inputs/`): every case must come back as located errors
//! (or a report, for the cases named `*-ok` / `*-warns-only`), never a panic, and match its
//! expected file `<case>.expected.json` (first diagnostic's code, line, column; or the
//! report's warning codes). Generated cases (10 MB, billion laughs, deep nesting, 100,000
//! resources) are built here rather than stored.
//!
//! Regenerate expectations after an intended change: `UPDATE_GOLDEN=1 cargo test -p
//! planwright-core --test bad_inputs`, then review the diff.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use planwright_core::{evaluate_text, Options};
use serde_json::json;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/bad-inputs")
}

/// What a case must produce, as stable JSON.
fn outcome(text: &str) -> serde_json::Value {
    match evaluate_text(text, &Options::default()) {
        Ok(report) => json!({
            "evaluates": true,
            "complete": report.cost.complete,
            "warnings": report.diagnostics.iter().map(|d| json!({ "code": d.code, "line": d.line, "column": d.column })).collect::<Vec<_>>(),
        }),
        Err(errors) => {
            assert!(!errors.is_empty());
            for e in &errors {
                assert!(
                    e.line.is_some() && e.column.is_some(),
                    "unlocated error: {e:?}"
                );
                assert!(!e.message.is_empty());
            }
            let first = &errors[0];
            json!({
                "evaluates": false,
                "errors": errors.len(),
                "first": { "code": first.code, "line": first.line, "column": first.column, "path": first.path, "hint": first.hint },
            })
        }
    }
}

#[test]
fn every_stored_case_gives_its_expected_located_outcome() {
    let mut cases: Vec<PathBuf> = fs::read_dir(dir())
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 50, "only {} bad-input cases", cases.len());
    let mut failures = Vec::new();
    for case in cases {
        let name = case.file_stem().unwrap().to_string_lossy().to_string();
        let text = fs::read_to_string(&case).unwrap();
        let got = serde_json::to_string_pretty(&outcome(&text)).unwrap() + "\n";
        let should_evaluate = name.ends_with("-ok") || name.ends_with("-warns-only");
        if got.contains("\"evaluates\": true") != should_evaluate {
            failures.push(format!(
                "{name}: evaluates = {}, expected {should_evaluate}",
                !should_evaluate
            ));
        }
        let expected_path = case.with_extension("expected.json");
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            fs::write(&expected_path, &got).unwrap();
        } else if fs::read_to_string(&expected_path).ok().as_deref() != Some(got.as_str()) {
            failures.push(format!(
                "{name}: outcome differs from {}:\n{got}",
                expected_path.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Generated cases: each is a located error with its limit's code, and is quick. (Timings are
/// printed, not asserted: performance is measured in benchmarks.)
#[test]
fn generated_cases_hit_their_limits() {
    let header = "version: 1\nname: x\nregion: us-east-1\n";
    let mut laughs = String::from(header);
    laughs.push_str("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..10 {
        laughs.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n",
            p = i - 1
        ));
    }
    let ten_mb = format!(
        "{header}resources:\n{}",
        "  # padding padding padding padding padding padding padding\n".repeat(180_000)
    );
    let deep = format!("{header}x: {}{}\n", "[".repeat(200), "]".repeat(200));
    let resources = |n: usize| {
        let mut s = String::from(header);
        s.push_str("resources:\n");
        for i in 0..n {
            s.push_str(&format!("  r{i}: {{ kind: custom, monthly_usd: 1 }}\n"));
        }
        s
    };
    let cases = [
        ("billion laughs", laughs, "alias-expansion-limit"),
        ("10 MB document", ten_mb, "design-too-large"),
        ("200 levels of nesting", deep, "nesting-too-deep"),
        ("25,000 resources", resources(25_000), "too-many-resources"),
        (
            "100,000 resources (4.2 MB)",
            resources(100_000),
            "design-too-large",
        ),
    ];
    for (what, text, code) in cases {
        let t = Instant::now();
        let errors = evaluate_text(&text, &Options::default()).expect_err(what);
        println!("{what}: {} in {:?}", errors[0].code, t.elapsed());
        assert!(errors.iter().any(|e| e.code == code), "{what}: {errors:?}");
        assert!(errors.iter().all(|e| e.line.is_some()), "{what}: unlocated");
    }
}

/// One bad value, one error: a typo inside a security group or a subnet is reported where it
/// is, and the references to the group, the subnet or a broken resource still resolve (no
/// "does not exist" at each of them).
#[test]
fn one_bad_value_is_one_error() {
    let text = "version: 1\nname: one\nregion: us-east-1\nnetwork:\n  vpc: 10.0.0.0/16\n  subnets:\n    app-a: { cidr: 10.0.1.0/24, zone: a, public: maybe }\n  security_groups:\n    web:\n      ingress:\n        - { ports: 22x, from: 10.0.0.0/8 }\n        - { ports: 443, from: 0.0.0.0/0 }\n    db:\n      ingress:\n        - { ports: 5432, from: web }\nresources:\n  api: { kind: compute, instance_type: t3.micro, subnets: [app-a], security_groups: [web] }\n  worker: { kind: compute, instance_type: t3.micro, subnets: [app-a], security_groups: [web] }\n  assets: { kind: object_storage, versioning: perhaps }\n  cdn: { kind: cdn, origin: assets }\n";
    let errors = evaluate_text(text, &Options::default()).expect_err("the design has errors");
    let lines: Vec<(Option<u32>, String)> =
        errors.iter().map(|e| (e.line, e.message.clone())).collect();
    assert!(
        errors.iter().all(|e| !e.message.contains("does not exist")),
        "{lines:#?}"
    );
    let mut at: Vec<u32> = errors.iter().filter_map(|e| e.line).collect();
    at.sort_unstable();
    assert_eq!(at, [7, 11, 19], "{lines:#?}");
}
