//! Golden fixture tests: each directory under `tests/fixtures/` is a configuration (or a
//! `plan.json`) whose evaluated resources, warnings and errors are compared with
//! `expected.json`. Regenerate with `UPDATE_GOLDEN=1 cargo test -p planwright-terraform`.
//!
//! An optional `options.json` holds `{"vars": [["name", "value"]], "var_files": [...],
//! "root_dir": "...", "limits": {"max_instances": 5, ...}}`.

use planwright_terraform::{
    evaluate_module, evaluate_plan, Diagnostic, Evaluated, Limits, Options, Span, Spanned, Value,
};
use serde_json::{json, Map as JMap, Value as J};
use std::fs;
use std::path::{Path, PathBuf};

fn span_str(s: &Span) -> String {
    format!(
        "{}:{}:{}-{}:{}",
        s.file, s.line, s.column, s.end_line, s.end_column
    )
}

fn spans(path: &str, v: &Spanned<Value>, parent: Option<&Span>, out: &mut JMap<String, J>) {
    if parent != Some(&v.span) {
        out.insert(path.to_string(), J::String(span_str(&v.span)));
    }
    match &v.value {
        Value::List(l) => {
            for (i, e) in l.iter().enumerate() {
                spans(&format!("{path}[{i}]"), e, Some(&v.span), out);
            }
        }
        Value::Object(m) => {
            for (k, e) in m {
                spans(&format!("{path}.{k}"), e, Some(&v.span), out);
            }
        }
        _ => {}
    }
}

fn diag(d: &Diagnostic) -> J {
    let mut o = json!({"code": d.code, "message": d.message, "span": span_str(&d.span)});
    if let Some(h) = &d.hint {
        o["hint"] = J::String(h.clone());
    }
    o
}

pub fn render(ev: &Evaluated) -> J {
    let resources: Vec<J> = ev
        .resources
        .iter()
        .map(|r| {
            let mut sp = JMap::new();
            for (k, v) in r.attrs.iter_object() {
                spans(k, v, None, &mut sp);
            }
            json!({
                "address": r.address,
                "mode": r.mode,
                "type": r.resource_type,
                "name": r.name,
                "module": r.module_address(),
                "index": r.index,
                "provider": r.provider,
                "span": span_str(&r.span),
                "attrs": r.attrs.to_json(),
                "spans": sp,
            })
        })
        .collect();
    json!({
        "resources": resources,
        "warnings": ev.warnings.iter().map(diag).collect::<Vec<_>>(),
        "errors": ev.errors.iter().map(diag).collect::<Vec<_>>(),
    })
}

fn collect(dir: &Path, base: &Path, out: &mut Vec<(String, String)>) {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, base, out);
        } else {
            let rel = p
                .strip_prefix(base)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if rel == "expected.json" || rel == "options.json" {
                continue;
            }
            out.push((rel, fs::read_to_string(&p).unwrap()));
        }
    }
}

fn options(dir: &Path) -> Options {
    let mut o = Options::default();
    let Ok(text) = fs::read_to_string(dir.join("options.json")) else {
        return o;
    };
    let j: J = serde_json::from_str(&text).unwrap();
    if let Some(vars) = j["vars"].as_array() {
        for v in vars {
            o.vars
                .push((v[0].as_str().unwrap().into(), v[1].as_str().unwrap().into()));
        }
    }
    if let Some(files) = j["var_files"].as_array() {
        o.var_files = files
            .iter()
            .map(|f| f.as_str().unwrap().to_string())
            .collect();
    }
    if let Some(r) = j["root_dir"].as_str() {
        o.root_dir = r.into();
    }
    if let Some(l) = j["limits"].as_object() {
        let mut limits = Limits::default();
        for (k, v) in l {
            let n = v.as_u64().unwrap();
            match k.as_str() {
                "max_files" => limits.max_files = n as usize,
                "max_total_bytes" => limits.max_total_bytes = n as usize,
                "max_module_depth" => limits.max_module_depth = n as usize,
                "max_instances" => limits.max_instances = n as usize,
                "max_expr_depth" => limits.max_expr_depth = n as usize,
                "max_string_len" => limits.max_string_len = n as usize,
                "max_value_size" => limits.max_value_size = n as usize,
                "max_steps" => limits.max_steps = n,
                other => panic!("unknown limit {other}"),
            }
        }
        o.limits = limits;
    }
    o
}

pub fn evaluate_fixture(dir: &Path) -> Evaluated {
    let mut files = Vec::new();
    collect(dir, dir, &mut files);
    if let Some((_, plan)) = files.iter().find(|(p, _)| p == "plan.json") {
        return evaluate_plan("plan.json", plan, &Limits::default());
    }
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    evaluate_module(&refs, &options(dir))
}

#[test]
fn golden_fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut dirs: Vec<PathBuf> = fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(!dirs.is_empty());
    let mut failures = Vec::new();
    for dir in dirs {
        let got = render(&evaluate_fixture(&dir));
        let text = serde_json::to_string_pretty(&got).unwrap() + "\n";
        let expected_path = dir.join("expected.json");
        if update {
            fs::write(&expected_path, &text).unwrap();
            continue;
        }
        match fs::read_to_string(&expected_path) {
            Ok(want) if want == text => {}
            Ok(_) => failures.push(format!(
                "{}: output differs from expected.json (UPDATE_GOLDEN=1 to accept)",
                dir.display()
            )),
            Err(_) => failures.push(format!(
                "{}: no expected.json (UPDATE_GOLDEN=1 to create)",
                dir.display()
            )),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
