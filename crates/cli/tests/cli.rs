//! The `planwright` binary end to end: formats, exit codes, diff, schema, located errors.

use std::path::PathBuf;
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_planwright"))
}

fn example(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../www/examples")
        .join(name)
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("runs")
}

fn text(out: &[u8]) -> String {
    String::from_utf8_lossy(out).into_owned()
}

fn tmp(name: &str, content: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("planwright-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, content).unwrap();
    p
}

#[test]
fn evaluate_prints_a_table_with_the_band_and_exits_0() {
    let out = run(&["evaluate", example("shop-web-app.yaml").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    assert!(s.contains("Total per month: $"), "{s}");
    assert!(s.contains("Band: low $"), "{s}");
    assert!(s.contains("main-db (database)"), "{s}");
    assert!(s.contains("₩"), "KRW display: {s}");
}

#[test]
fn json_follows_the_report_contract() {
    let out = run(&[
        "evaluate",
        example("fargate-api.yaml").to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in [
        "version",
        "design",
        "environment",
        "cost",
        "findings",
        "readiness",
        "diagnostics",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    let cost = &v["cost"];
    assert_eq!(cost["currency"], "USD");
    assert!(cost["monthly"]["expected"].as_f64().unwrap() > 0.0);
    let line = &cost["resources"][0]["lines"][0];
    for key in [
        "description",
        "quantity",
        "unit",
        "unit_price",
        "monthly",
        "source",
    ] {
        assert!(line.get(key).is_some(), "line lacks {key}");
    }
}

#[test]
fn markdown_and_csv() {
    let md = text(
        &run(&[
            "evaluate",
            example("k8s-gpu-inference.yaml").to_str().unwrap(),
            "--format",
            "markdown",
        ])
        .stdout,
    );
    assert!(
        md.contains("| Resource | Item |") && md.contains("**Total:"),
        "{md}"
    );
    let csv = text(
        &run(&[
            "evaluate",
            example("k8s-gpu-inference.yaml").to_str().unwrap(),
            "--format",
            "csv",
        ])
        .stdout,
    );
    assert!(csv.starts_with(
        "resource,kind,description,quantity,unit,unit_price_usd,monthly_usd,source\n"
    ));
    assert!(csv.lines().last().unwrap().starts_with("TOTAL,"));
}

#[test]
fn env_selects_a_variant() {
    let prod = text(
        &run(&[
            "evaluate",
            example("multi-env.yaml").to_str().unwrap(),
            "--format",
            "csv",
        ])
        .stdout,
    );
    let dev = text(
        &run(&[
            "evaluate",
            example("multi-env.yaml").to_str().unwrap(),
            "--env",
            "dev",
            "--format",
            "csv",
        ])
        .stdout,
    );
    assert_ne!(prod, dev);
    assert!(dev.contains("t3.small"));
    let out = run(&[
        "evaluate",
        example("multi-env.yaml").to_str().unwrap(),
        "--env",
        "prd",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("did you mean `prod`?")
            || text(&out.stderr).contains("unknown-environment")
    );
}

#[test]
fn unreadable_design_exits_2_with_located_errors() {
    let p = tmp("bad.yaml", "version: 1\nname: x\nregion: us-east-1\nresources:\n  db: { kind: database, engine: mysql, instance_class: db.t3.micro, multi_azz: true }\n");
    let out = run(&["evaluate", p.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("error[unknown-field]: unknown field `multi_azz`"),
        "{err}"
    );
    assert!(
        err.contains("bad.yaml:5:69 (resources.db.multi_azz)"),
        "{err}"
    );
    assert!(err.contains("hint: did you mean `multi_az`?"), "{err}");
    let out = run(&["evaluate", "/nonexistent/design.yaml"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn invalid_utf8_is_a_clear_error() {
    let dir = std::env::temp_dir().join(format!("planwright-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("latin1.yaml");
    std::fs::write(&p, b"version: 1\nname: caf\xe9\n").unwrap();
    let out = run(&["evaluate", p.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("not UTF-8"));
}

#[test]
fn unknown_prices_warn_but_do_not_fail() {
    let p = tmp("unknown.yaml", "version: 1\nname: x\nregion: us-east-1\nenvironment: dev\nresources:\n  w: { kind: compute, instance_type: t3.mediun }\n");
    let out = run(&["evaluate", p.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("INCOMPLETE"));
    assert!(text(&out.stderr).contains("warning[unknown-instance-type]"));
    assert!(text(&out.stderr).contains("t3.medium"));
}

#[test]
fn diff_is_markdown_for_a_pull_request() {
    let old = tmp("old.yaml", "version: 1\nname: x\nregion: us-east-1\nresources:\n  web: { kind: compute, instance_type: t3.medium, count: 2 }\n  gone: { kind: custom, monthly_usd: 5 }\n");
    let new = tmp("new.yaml", "version: 1\nname: x\nregion: us-east-1\nresources:\n  web: { kind: compute, instance_type: t3.medium, count: 3 }\n  db: { kind: database, engine: mysql, instance_class: db.t3.micro }\n");
    let out = run(&["diff", old.to_str().unwrap(), new.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let md = text(&out.stdout);
    // web: 2 → 3 × 730 × $0.0416: $60.74 → $91.10 (+$30.36); db: 730 × $0.017 = $12.41
    assert!(
        md.contains("| web | compute | $60.74 | $91.10 | +$30.36 |"),
        "{md}"
    );
    assert!(
        md.contains("| db | database | — | $12.41 | +$12.41 |"),
        "{md}"
    );
    assert!(
        md.contains("| gone | custom | $5.00 | removed | -$5.00 |"),
        "{md}"
    );
    assert!(md.contains("$65.74 → $103.51"), "{md}");
    // The reviewer also sees what the new database brings: its findings and the verdicts.
    assert!(md.contains("#### Policy findings: "), "{md}");
    assert!(md.contains("| new | ") && md.contains("| db | "), "{md}");
    assert!(md.contains("#### Readiness"), "{md}");
}

/// One design, two environments: `--env` twice compares the first (old) with the second;
/// the base's own environment (`prod` here) names the base.
#[test]
fn diff_compares_two_environments_of_one_design() {
    let design = example("multi-env.yaml");
    let out = run(&[
        "diff",
        design.to_str().unwrap(),
        "--env",
        "staging",
        "--env",
        "prod",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let md = text(&out.stdout);
    assert!(md.contains("(staging)") && md.contains("(prod)"), "{md}");
    let lone = run(&["diff", design.to_str().unwrap()]);
    assert_eq!(lone.status.code(), Some(2));
}

#[test]
fn schema_is_json_schema_of_the_format() {
    let out = run(&["schema"]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["$schema"].as_str().unwrap().contains("json-schema.org"));
    let s = text(&out.stdout);
    for field in [
        "multi_az",
        "instance_type",
        "node_groups",
        "lifecycle",
        "internet_egress_gb",
    ] {
        assert!(s.contains(field), "schema lacks {field}");
    }
}

#[test]
fn a_user_catalog_is_merged_and_a_bad_one_is_located() {
    let cat = tmp("ri.yaml", "format: planwright-catalog\nversion: 1\nregion: us-east-1\nsources: { ri: { page: https://aws.amazon.com/ec2/pricing/reserved-instances/pricing/, read: 2026-11-01 } }\ngroups:\n  ec2-ri-1y: { source: ri, unit: hours, prices: { t3.medium: 0.026 } }\n");
    let d = tmp("ri-design.yaml", "version: 1\nname: x\nregion: us-east-1\nenvironment: dev\nresources:\n  w: { kind: compute, instance_type: t3.medium, purchase: reserved_1y }\n");
    let out = run(&[
        "evaluate",
        d.to_str().unwrap(),
        "--catalog",
        cat.to_str().unwrap(),
        "--format",
        "csv",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("TOTAL,,,,,,18.98,"));
    let bad = tmp(
        "bad-cat.yaml",
        "format: planwright-catalog\nversion: 1\nregion: us-east-1\nsources: {}\ngroups:\n  ec2: { unit: hours, prices: { x: 1 } }\n",
    );
    let out = run(&[
        "evaluate",
        d.to_str().unwrap(),
        "--catalog",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("bad-cat.yaml:6:"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn fail_on_sets_the_exit_code() {
    let mvp = example("mvp-review.yaml");
    let mvp = mvp.to_str().unwrap();
    // Critical findings: exit 1 at the default threshold (high) and at critical.
    assert_eq!(
        run(&["evaluate", mvp, "--format", "csv"]).status.code(),
        Some(1)
    );
    assert_eq!(
        run(&["evaluate", mvp, "--format", "csv", "--fail-on", "critical"])
            .status
            .code(),
        Some(1)
    );
    // The shop example has medium findings only.
    let shop = example("shop-web-app.yaml");
    let shop = shop.to_str().unwrap();
    assert_eq!(
        run(&["evaluate", shop, "--format", "csv"]).status.code(),
        Some(0)
    );
    assert_eq!(
        run(&["evaluate", shop, "--format", "csv", "--fail-on", "medium"])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn sarif_annotates_the_design_file() {
    let mvp = example("mvp-review.yaml");
    let out = run(&[
        "evaluate",
        mvp.to_str().unwrap(),
        "--format",
        "sarif",
        "--today",
        "2026-11-24",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let run0 = &v["runs"][0];
    assert!(run0["tool"]["driver"]["rules"].as_array().unwrap().len() >= 30);
    let results = run0["results"].as_array().unwrap();
    let ssh = results
        .iter()
        .find(|r| r["ruleId"] == "NET-001")
        .expect("an SSH finding");
    assert_eq!(ssh["level"], "error");
    let region = &ssh["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 18);
    assert!(
        ssh["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap()
            .ends_with("mvp-review.yaml")
    );
    // Waived findings are reported as suppressed, not dropped.
    assert!(results
        .iter()
        .any(|r| r["ruleId"] == "TAG-001" && r["suppressions"].is_array()));
}

#[test]
fn waivers_expire_by_the_date_given() {
    let mvp = example("mvp-review.yaml");
    let mvp = mvp.to_str().unwrap();
    let rules = |today: &str| -> Vec<String> {
        let out = run(&["evaluate", mvp, "--format", "json", "--today", today]);
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                format!(
                    "{}{}",
                    f["rule"].as_str().unwrap(),
                    if f["waived"] == true { "~" } else { "" }
                )
            })
            .collect()
    };
    let before = rules("2026-06-01");
    assert!(!before.contains(&"POL-001".to_string()), "{before:?}");
    assert!(before.contains(&"NET-004~".to_string()), "{before:?}");
    let after = rules("2026-11-24");
    assert!(after.contains(&"POL-001".to_string()), "{after:?}");
    assert!(!after.contains(&"NET-004~".to_string()), "{after:?}");
}

#[test]
fn a_policy_pack_adds_rules_and_thresholds() {
    let pack =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../www/policies/acme-platform.yaml");
    let shop = example("shop-web-app.yaml");
    let out = run(&[
        "evaluate",
        shop.to_str().unwrap(),
        "--policy",
        pack.to_str().unwrap(),
        "--format",
        "json",
        "--today",
        "2026-11-24",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = v["findings"].as_array().unwrap();
    let by = |rule: &str| findings.iter().filter(|f| f["rule"] == rule).count();
    // The shop's caches keep no snapshots (ACME-003), and its 7-day backups are under the
    // pack's 14-day minimum (BAK-002 with the pack's threshold).
    assert_eq!(by("ACME-003"), 1, "{findings:#?}");
    assert_eq!(by("BAK-002"), 1);
    let k8s = example("k8s-gpu-inference.yaml");
    let out = run(&[
        "evaluate",
        k8s.to_str().unwrap(),
        "--policy",
        pack.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let acme2: Vec<&serde_json::Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "ACME-002")
        .collect();
    assert_eq!(acme2.len(), 2, "two GPU instances are not t3");
    assert_eq!(acme2[0]["severity"], "high");
    assert!(acme2[0]["line"].as_u64().unwrap() > 0);
    assert_eq!(out.status.code(), Some(1), "high findings fail the build");
}

#[test]
fn a_broken_pack_is_located() {
    let bad = tmp(
        "bad-pack.yaml",
        "rules:\n  - id: NET-001\n    title: x\n    severity: severe\n    require: []\n",
    );
    let out = run(&[
        "evaluate",
        example("shop-web-app.yaml").to_str().unwrap(),
        "--policy",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("bad-pack.yaml:4:15"), "{err}");
    assert!(err.contains("unknown value `severe`"), "{err}");
    let bad = tmp(
        "bad-pack2.yaml",
        "rules:\n  - id: NET-001\n    title: x\n    severity: low\n    require: [ { path: a } ]\n",
    );
    let err = text(
        &run(&[
            "evaluate",
            example("shop-web-app.yaml").to_str().unwrap(),
            "--policy",
            bad.to_str().unwrap(),
        ])
        .stderr,
    );
    assert!(
        err.contains("rule-id-taken") && err.contains("bad-pack2.yaml:2:9"),
        "{err}"
    );
    assert!(err.contains("a condition needs an operator"), "{err}");
}

#[test]
fn prices_sync_writes_catalogs_that_evaluate_reads() {
    let offers = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../prices/tests/fixtures/offers");
    let out_dir = std::env::temp_dir().join(format!("planwright-cli-sync-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out_dir);
    let out = run(&[
        "prices",
        "sync",
        "--from",
        offers.to_str().unwrap(),
        "--region",
        "us-west-2",
        "--out",
        out_dir.to_str().unwrap(),
        "--quiet",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    assert!(s.contains("wrote ") && s.contains("us-west-2.json"), "{s}");
    assert!(
        s.contains("read AmazonEC2 us-west-2") && s.contains("version 20261101120000"),
        "{s}"
    );

    let d = tmp(
        "oregon.yaml",
        "version: 1\nname: oregon\nregion: us-west-2\nenvironment: dev\npolicy: { budget: { monthly_usd: 50 } }\nresources:\n  w: { kind: compute, instance_type: t3.medium }\n",
    );
    let d = d.to_str().unwrap();
    // The embedded catalog has no us-west-2: the total is incomplete and the budget fails
    // closed (a high finding: exit 1), never a $0 pass.
    let out = run(&["evaluate", d, "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    assert!(
        s.contains("\"complete\": false") && s.contains("COST-003"),
        "{s}"
    );
    assert!(s.contains("\"regions_unpriced\""), "{s}");
    let out = run(&[
        "evaluate",
        d,
        "--format",
        "markdown",
        "--fail-on",
        "critical",
    ]);
    assert!(text(&out.stdout).contains("**incomplete**: 1 line unpriced (no prices for us-west-2)"));
    let out = run(&["evaluate", d, "--format", "sarif", "--fail-on", "critical"]);
    assert!(text(&out.stdout).contains("cost-incomplete"));
    let out = run(&[
        "evaluate",
        d,
        "--format",
        "csv",
        "--fail-on",
        "critical",
        "--fail-on-incomplete",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("--fail-on-incomplete"),
        "{}",
        text(&out.stderr)
    );

    // With the synced directory: priced (730 h × 0.0301), complete, under budget.
    let out = run(&[
        "evaluate",
        d,
        "--catalog",
        out_dir.to_str().unwrap(),
        "--format",
        "csv",
        "--fail-on-incomplete",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("TOTAL,,,,,,21.97,"),
        "{}",
        text(&out.stdout)
    );

    // A bad catalog file in the directory is located, and nothing is evaluated.
    std::fs::write(
        out_dir.join("broken.json"),
        "{ \"format\": \"planwright-catalog\", \"version\": 1, \"region\": \"x\" ",
    )
    .unwrap();
    let out = run(&["evaluate", d, "--catalog", out_dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("broken.json:2:1"),
        "{}",
        text(&out.stderr)
    );
}
