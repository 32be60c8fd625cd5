//! Terraform in: fixtures of `.tf` files (ours) imported into designs, evaluated, located.

use std::fs;
use std::path::{Path, PathBuf};

use planwright_core::import::{self, Imported, ModuleOptions, Options};

fn files_under(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files_under(root, &p, out);
        } else if p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.ends_with(".tf") || n.ends_with(".tfvars"))
        {
            let rel = p
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.push((rel, fs::read_to_string(&p).unwrap()));
        }
    }
}

fn import_dir(dir: &Path) -> Imported {
    let mut files = Vec::new();
    files_under(dir, dir, &mut files);
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    import::import_module(
        &refs,
        &ModuleOptions::default(),
        &Options {
            name: dir.file_name().unwrap().to_string_lossy().into(),
            region: None,
        },
    )
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/terraform")
        .join(name)
}

#[test]
fn debug_aws_stack() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../terraform/tests/fixtures/aws_stack");
    let imp = import_dir(&dir);
    println!("{}", imp.text);
    for d in &imp.diagnostics {
        println!(
            "{:?} {} {:?}:{:?} {}",
            d.level, d.code, d.file, d.line, d.message
        );
    }
    let report = import::evaluate(&imp, &Default::default());
    match report {
        Ok(r) => println!("{}", serde_json::to_string_pretty(&r.findings).unwrap()),
        Err(e) => panic!("{e:#?}"),
    }
    let _ = fixture;
}
