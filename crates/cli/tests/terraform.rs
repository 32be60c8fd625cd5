//! `planwright evaluate / import / diff` on Terraform: directories, plans, variables, SARIF.

use std::path::PathBuf;
use std::process::{Command, Output};

fn tf(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../core/tests/fixtures/terraform")
        .join(name)
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_planwright"))
        .args(args)
        .output()
        .expect("runs")
}

fn text(out: &[u8]) -> String {
    String::from_utf8_lossy(out).into_owned()
}

#[test]
fn evaluate_a_terraform_directory_locates_findings_in_tf_files() {
    let dir = tf("web_stack");
    let out = run(&["evaluate", dir.to_str().unwrap(), "--format", "json"]);
    // SSH open to the internet is critical: exit 1 under the default --fail-on high.
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ssh = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "NET-001")
        .expect("NET-001");
    assert_eq!(ssh["file"], "security.tf");
    assert_eq!(ssh["line"], 45);
    assert_eq!(
        report["cost"]["complete"], false,
        "aws_sqs_queue is not priced"
    );
}

#[test]
fn variables_change_what_is_read() {
    let dir = tf("web_stack");
    let out = run(&[
        "evaluate",
        dir.to_str().unwrap(),
        "--var",
        "admin_cidr=203.0.113.7/32",
        "--format",
        "json",
    ]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["rule"] == "NET-001"));
    let bad = run(&["evaluate", dir.to_str().unwrap(), "--var", "no-equals"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr).contains("NAME=VALUE"));
}

#[test]
fn sarif_regions_point_at_the_tf_files() {
    let dir = tf("web_stack");
    let out = run(&["evaluate", dir.to_str().unwrap(), "--format", "sarif"]);
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let uris: Vec<String> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert!(!uris.is_empty());
    assert!(uris.iter().all(|u| u.ends_with(".tf")), "{uris:?}");
    assert!(uris.iter().any(|u| u.ends_with("web_stack/security.tf")));
}

#[test]
fn import_writes_a_design_that_evaluates_the_same() {
    let dir = tf("web_stack");
    let out_file =
        std::env::temp_dir().join(format!("planwright-import-{}.yaml", std::process::id()));
    let out = run(&[
        "import",
        dir.to_str().unwrap(),
        "-o",
        out_file.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let design = std::fs::read_to_string(&out_file).unwrap();
    assert!(design.contains("# aws_instance.bastion (compute.tf:88)"));
    let a = run(&["evaluate", out_file.to_str().unwrap(), "--format", "json"]);
    let b = run(&["evaluate", dir.to_str().unwrap(), "--format", "json"]);
    let a: serde_json::Value = serde_json::from_slice(&a.stdout).unwrap();
    let b: serde_json::Value = serde_json::from_slice(&b.stdout).unwrap();
    assert_eq!(
        a["findings"].as_array().unwrap().len(),
        b["findings"].as_array().unwrap().len()
    );
    assert_eq!(a["cost"]["resources"], b["cost"]["resources"]);
}

#[test]
fn a_syntax_error_prints_at_its_tf_line_and_exits_2() {
    let out = run(&["evaluate", tf("broken").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("TF-PARSE"), "{err}");
    assert!(err.contains("broken/main.tf:"), "{err}");
}

#[test]
fn diff_of_two_terraform_directories() {
    let out = run(&[
        "diff",
        tf("partial").to_str().unwrap(),
        tf("web_stack").to_str().unwrap(),
        "--format",
        "json",
        "--var",
        "subnet_ids=[\"a\",\"b\"]",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let d: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(d.to_string().contains("aws_lb.web"), "{d}");
}

/// A repository's `.zip` (as a code host serves it: one top folder, other files beside the
/// Terraform) reads as its directory does; a damaged one is refused, named.
#[test]
fn evaluate_a_zip_of_a_repository() {
    use std::io::Write;
    let dir = tf("web_stack");
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    w.start_file("shop-main/README.md", opts).unwrap();
    w.write_all(b"# the shop\n").unwrap();
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "tf"))
        .collect();
    names.sort();
    for p in names {
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        w.start_file(format!("shop-main/infra/{name}"), opts)
            .unwrap();
        w.write_all(&std::fs::read(&p).unwrap()).unwrap();
    }
    let bytes = w.finish().unwrap().into_inner();
    let zip_path = std::env::temp_dir().join(format!("planwright-{}-shop.zip", std::process::id()));
    std::fs::write(&zip_path, &bytes).unwrap();
    let out = run(&["evaluate", zip_path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ssh = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "NET-001")
        .expect("NET-001");
    // Inside the archive, below its top folder.
    assert_eq!(ssh["file"], "infra/security.tf");
    assert_eq!(ssh["line"], 45);

    std::fs::write(&zip_path, b"PK\x03\x04 not really").unwrap();
    let out = run(&["evaluate", zip_path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stdout));
    let err = text(&out.stderr);
    assert!(
        err.contains("shop.zip") && err.contains("not a readable .zip"),
        "{err}"
    );
    let _ = std::fs::remove_file(&zip_path);
}
