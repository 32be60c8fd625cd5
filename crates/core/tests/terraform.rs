//! Terraform in: our `.tf` fixtures (tests/fixtures/terraform/<name>/) imported into designs,
//! evaluated through the one pipeline, and every item of the report located in the `.tf`.
//! Goldens: `expected.design.yaml` (the imported design) and `expected.findings.json` (each
//! finding and diagnostic with its file and line); `UPDATE_GOLDEN=1` rewrites them.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use planwright_core::import::{self, Imported, Limits, ModuleOptions, Options};
use planwright_core::resources::REGISTRY;
use planwright_core::Report;

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

fn read_dir(dir: &Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    files_under(dir, dir, &mut files);
    files
}

fn import_with(dir: &Path, module: &ModuleOptions) -> Imported {
    let files = read_dir(dir);
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    import::import_module(
        &refs,
        module,
        &Options {
            name: dir.file_name().unwrap().to_string_lossy().into(),
            ..Default::default()
        },
    )
}

fn import_dir(dir: &Path) -> Imported {
    import_with(dir, &ModuleOptions::default())
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/terraform")
}

fn fixture(name: &str) -> PathBuf {
    fixtures().join(name)
}

/// The Terraform crate's own AWS stack (modules, tfvars, for_each), read here as a user's.
fn aws_stack() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../terraform/tests/fixtures/aws_stack")
}

fn evaluate(imported: &Imported) -> Report {
    import::evaluate(imported, &Default::default()).unwrap_or_else(|e| panic!("{e:#?}"))
}

/// Findings and diagnostics as the golden records them: what, where (file:line), message.
fn located(report: &Report) -> serde_json::Value {
    let findings: Vec<_> = report
        .findings
        .iter()
        .map(|f| {
            serde_json::json!({
                "rule": f.rule, "resource": f.resource,
                "at": format!("{}:{}", f.file.as_deref().unwrap_or("<design>"), f.line.unwrap_or(0)),
                "message": f.message,
            })
        })
        .collect();
    let diagnostics: Vec<_> = report
        .diagnostics
        .iter()
        .map(|d| {
            serde_json::json!({
                "code": d.code, "level": d.level,
                "at": format!("{}:{}", d.file.as_deref().unwrap_or("<design>"), d.line.unwrap_or(0)),
                "message": d.message,
            })
        })
        .collect();
    serde_json::json!({ "findings": findings, "diagnostics": diagnostics })
}

fn golden(path: &Path, actual: &str) {
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        fs::write(path, actual).unwrap();
        return;
    }
    let expected = fs::read_to_string(path).unwrap_or_else(|_| {
        panic!(
            "missing golden {}; run with UPDATE_GOLDEN=1",
            path.display()
        )
    });
    assert_eq!(
        expected,
        actual,
        "{} differs; rerun with UPDATE_GOLDEN=1 and review the diff",
        path.display()
    );
}

#[test]
fn goldens() {
    for (name, dir) in [
        ("web_stack", fixture("web_stack")),
        ("partial", fixture("partial")),
        ("aws_stack", aws_stack()),
    ] {
        let imported = import_dir(&dir);
        let out = fixtures().join(format!("{name}.expected.design.yaml"));
        golden(&out, &imported.text);
        let report = evaluate(&imported);
        let text = serde_json::to_string_pretty(&located(&report)).unwrap() + "\n";
        golden(
            &fixtures().join(format!("{name}.expected.findings.json")),
            &text,
        );
    }
}

#[test]
fn every_mapped_type_is_in_a_fixture() {
    let imported = import_dir(&fixture("web_stack"));
    let types: Vec<&str> = imported
        .resources
        .iter()
        .map(|s| s.resource_type.as_str())
        .collect();
    for kind in REGISTRY {
        for ty in kind.terraform {
            assert!(
                types.contains(ty),
                "{ty} (kind {}) is mapped but no fixture resource of it is imported",
                kind.name
            );
        }
    }
}

#[test]
fn the_imported_design_reads_back_and_prices() {
    let imported = import_dir(&fixture("web_stack"));
    let report = evaluate(&imported);
    assert_eq!(report.cost.resources.len(), imported.resources.len());
    for r in &report.cost.resources {
        assert!(
            imported.resources.iter().any(|s| s.name == r.name),
            "{} is not an imported resource",
            r.name
        );
    }
    assert!(report.cost.monthly.expected > rust_decimal::Decimal::ZERO);
}

#[test]
fn subnets_are_public_by_their_route_to_an_internet_gateway() {
    let imported = import_dir(&fixture("web_stack"));
    let design = planwright_core::load::load(&imported.text, None)
        .unwrap()
        .design;
    let net = design.network.unwrap();
    for (name, subnet) in &net.subnets {
        assert_eq!(
            subnet.public,
            name.starts_with("aws_subnet.public"),
            "{name} public = {}",
            subnet.public
        );
    }
}

#[test]
fn a_finding_points_at_the_tf_rule_that_opens_the_port() {
    let report = evaluate(&import_dir(&fixture("web_stack")));
    let ssh = report
        .findings
        .iter()
        .find(|f| f.rule == "NET-001")
        .expect("SSH open to the internet is found");
    assert_eq!(ssh.file.as_deref(), Some("security.tf"));
    let text = fs::read_to_string(fixture("web_stack").join("security.tf")).unwrap();
    let line = text.lines().nth(ssh.line.unwrap() as usize - 1).unwrap();
    assert!(
        line.contains("from_port") && line.contains("22"),
        "NET-001 at {line:?}"
    );
    // With the admin CIDR set, the port is no longer open.
    let fixed = import_with(
        &fixture("web_stack"),
        &ModuleOptions {
            vars: vec![("admin_cidr".into(), "203.0.113.7/32".into())],
            ..Default::default()
        },
    );
    assert!(!evaluate(&fixed)
        .findings
        .iter()
        .any(|f| f.rule == "NET-001"));
}

#[test]
fn every_located_item_is_inside_its_tf_file() {
    let dir = fixture("web_stack");
    let files: BTreeMap<String, String> = read_dir(&dir).into_iter().collect();
    let report = evaluate(&import_dir(&dir));
    let mut checked = 0;
    let items = report
        .findings
        .iter()
        .map(|f| (&f.file, f.line))
        .chain(report.diagnostics.iter().map(|d| (&d.file, d.line)));
    for (file, line) in items {
        let file = file.as_ref().expect("located in a .tf file");
        let text = files
            .get(&**file)
            .unwrap_or_else(|| panic!("{file} is not an input"));
        let line = line.unwrap() as usize;
        assert!(line >= 1 && line <= text.lines().count(), "{file}:{line}");
        checked += 1;
    }
    assert!(checked > 5);
}

#[test]
fn unsupported_types_are_counted_and_an_unknown_price_leaves_the_total_incomplete() {
    let imported = import_dir(&fixture("web_stack"));
    assert_eq!(imported.unsupported.get("aws_sqs_queue"), Some(&1));
    assert_eq!(imported.unsupported.get("aws_iam_role"), Some(&1));
    assert_eq!(imported.unpriced(), 1, "IAM is free; SQS is not priced");
    let report = evaluate(&imported);
    assert!(!report.cost.complete);
    assert!(report
        .diagnostics
        .iter()
        .any(|d| d.message.contains("aws_sqs_queue") && d.message.contains("not priced")));
}

#[test]
fn folded_resources_become_part_of_their_owner() {
    let imported = import_dir(&fixture("web_stack"));
    let names: Vec<&str> = imported.resources.iter().map(|s| s.name.as_str()).collect();
    for folded in [
        "aws_lb_listener.https",
        "aws_launch_template.web",
        "aws_db_instance.orders_replica",
        "aws_rds_cluster_instance.catalog[0]",
        "aws_s3_bucket_versioning.assets",
        "aws_ecs_task_definition.api",
        "aws_autoscaling_schedule.peak_start",
    ] {
        assert!(
            !names.contains(&folded),
            "{folded} should fold into its owner"
        );
        assert!(!imported
            .unsupported
            .contains_key(folded.split('.').next().unwrap()));
    }
    let design = planwright_core::load::load(&imported.text, None)
        .unwrap()
        .design;
    let text = &imported.text;
    assert!(
        text.contains("hours: \"08:00-20:00\""),
        "ASG schedule window"
    );
    assert!(text.contains("tls_policy: ELBSecurityPolicy-TLS13-1-2-2021-06"));
    assert!(design.resources.len() == imported.resources.len());
}

#[test]
fn a_stack_read_on_its_own_warns_and_reads_the_rest() {
    let imported = import_with(
        &fixture("partial"),
        &ModuleOptions {
            vars: vec![("subnet_ids".into(), "[\"subnet-1\", \"subnet-2\"]".into())],
            ..Default::default()
        },
    );
    assert!(!imported.has_errors(), "{:#?}", imported.diagnostics);
    let names: Vec<&str> = imported.resources.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["aws_instance.app[0]", "aws_instance.app[1]"]);
    assert_eq!(imported.region, "ap-northeast-2");
    let unknown = imported
        .diagnostics
        .iter()
        .find(|d| d.message.contains("aws_instance.unknown_type"))
        .expect("the unknown instance type is a located warning");
    assert_eq!(unknown.file.as_deref(), Some("main.tf"));
    assert!(imported
        .diagnostics
        .iter()
        .any(|d| d.message.contains("not declared in these files")));
    assert_eq!(imported.unsupported.get("aws_lambda_function"), Some(&1));
    let report = evaluate(&imported);
    assert!(!report.cost.complete);
}

#[test]
fn a_syntax_error_is_located_and_nothing_is_evaluated() {
    let imported = import_dir(&fixture("broken"));
    assert!(imported.has_errors());
    let errors = import::evaluate(&imported, &Default::default()).unwrap_err();
    let e = errors.iter().find(|d| d.is_error()).unwrap();
    assert_eq!(e.file.as_deref(), Some("main.tf"));
    assert!(e.line.is_some() && e.column.is_some());
    assert!(e.message.starts_with("TF-PARSE"), "{}", e.message);
}

#[test]
fn a_plan_json_imports_with_its_region() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../terraform/tests/fixtures/plan_changes/plan.json");
    let json = fs::read_to_string(&path).unwrap();
    assert!(import::is_plan_json(&json));
    let imported = import::import_plan(
        "plan.json",
        &json,
        &Limits::default(),
        &Options {
            name: "plan".into(),
            region: Some("us-east-1".into()),
            usage: None,
        },
    );
    assert!(!imported.has_errors(), "{:#?}", imported.diagnostics);
    let names: Vec<&str> = imported.resources.iter().map(|s| s.name.as_str()).collect();
    assert!(names.contains(&"aws_lb.app"), "{names:?}");
    assert!(
        names.contains(&"module.db.aws_db_instance.this"),
        "{names:?}"
    );
    let report = evaluate(&imported);
    for f in &report.findings {
        assert_eq!(f.file.as_deref(), Some("plan.json"), "{f:?}");
    }
}

#[test]
fn the_region_comes_from_the_provider_or_the_caller() {
    let imported = import_with(
        &fixture("web_stack"),
        &ModuleOptions {
            vars: vec![("region".into(), "ap-northeast-2".into())],
            ..Default::default()
        },
    );
    assert_eq!(imported.region, "ap-northeast-2");
    assert!(imported.text.contains("\nregion: ap-northeast-2\n"));
}

#[test]
fn an_infracost_usage_file_fills_the_usage() {
    let path = fixtures().join("web_stack.usage.yml");
    let text = fs::read_to_string(&path).unwrap();
    let usage = import::usage::parse_usage("web_stack.usage.yml", &text).unwrap();
    let files = read_dir(&fixture("web_stack"));
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let imported = import::import_module(
        &refs,
        &ModuleOptions::default(),
        &Options {
            name: "web_stack".into(),
            region: None,
            usage: Some(usage),
        },
    );
    let design = planwright_core::load::load(&imported.text, None)
        .unwrap()
        .design;
    let res = |name: &str| {
        let (_, r) = design.resources.iter().find(|(n, _)| n == name).unwrap();
        serde_json::to_value(r).unwrap()
    };
    for nat in ["aws_nat_gateway.nat[0]", "aws_nat_gateway.nat[1]"] {
        assert_eq!(
            res(nat)["usage"]["processed_gb"],
            400.0,
            "{nat}: [*] covers every instance"
        );
    }
    let bucket = res("aws_s3_bucket.assets");
    assert_eq!(bucket["usage"]["stored_gb"], 1000.0);
    assert_eq!(bucket["usage"]["put_k"], 200.0);
    assert_eq!(bucket["usage"]["get_k"], 5000.0);
    // ALB: new 50/s ÷ 25 = 2, active 3000/min ÷ 3000 = 1, 1460 GB/month ÷ 730 = 2 GB/h, 500 ÷ 1000.
    assert_eq!(res("aws_lb.web")["usage"]["lcu"], 2.0);
    let cdn = res("aws_cloudfront_distribution.web");
    assert_eq!(cdn["usage"]["egress_gb"], 1000.0);
    assert_eq!(cdn["usage"]["requests_m"], 3.0);
    assert_eq!(
        res("aws_cloudwatch_log_group.api")["usage"]["ingested_gb"],
        50.0
    );
    assert_eq!(res("aws_autoscaling_group.web")["scaling"]["expected"], 3.0);
    let ignored = imported
        .diagnostics
        .iter()
        .find(|d| d.message.contains("operating_system"))
        .expect("a key Planwright does not read is a warning");
    assert_eq!(ignored.file.as_deref(), Some("web_stack.usage.yml"));
    assert_eq!(ignored.line, Some(27));
}

#[test]
fn a_broken_usage_file_is_a_located_error() {
    let err = import::usage::parse_usage("u.yml", "resource_usage:\n  a: [1,\n").unwrap_err();
    assert_eq!(err[0].file.as_deref(), Some("u.yml"));
    assert!(err[0].line.is_some());
    assert!(import::usage::parse_usage("u.yml", "- 1\n").is_err());
}

mod random {
    //! Mapped resource types with random argument values: the import never panics, and the
    //! design it writes either evaluates or fails with errors located in the `.tf`.
    use super::*;
    use proptest::prelude::*;

    const TYPES: &[(&str, &[&str])] = &[
        (
            "aws_instance",
            &["instance_type", "subnet_id", "associate_public_ip_address"],
        ),
        (
            "aws_autoscaling_group",
            &[
                "min_size",
                "max_size",
                "desired_capacity",
                "vpc_zone_identifier",
            ],
        ),
        (
            "aws_db_instance",
            &[
                "engine",
                "instance_class",
                "allocated_storage",
                "multi_az",
                "backup_retention_period",
                "port",
            ],
        ),
        (
            "aws_rds_cluster",
            &["engine", "engine_mode", "backup_retention_period"],
        ),
        (
            "aws_elasticache_replication_group",
            &["engine", "node_type", "num_cache_clusters"],
        ),
        (
            "aws_mq_broker",
            &["engine_type", "host_instance_type", "deployment_mode"],
        ),
        ("aws_lb", &["load_balancer_type", "internal", "subnets"]),
        (
            "aws_lb_listener",
            &["load_balancer_arn", "port", "protocol", "ssl_policy"],
        ),
        ("aws_ebs_volume", &["size", "type", "iops"]),
        (
            "aws_ecs_service",
            &["launch_type", "task_definition", "desired_count"],
        ),
        ("aws_ecs_task_definition", &["cpu", "memory"]),
        ("aws_eks_node_group", &["instance_types", "capacity_type"]),
        (
            "aws_subnet",
            &["cidr_block", "availability_zone", "map_public_ip_on_launch"],
        ),
        (
            "aws_security_group_rule",
            &[
                "type",
                "from_port",
                "to_port",
                "protocol",
                "cidr_blocks",
                "security_group_id",
            ],
        ),
        ("aws_cloudwatch_log_group", &["retention_in_days"]),
        ("aws_wafv2_web_acl", &["name"]),
    ];

    fn value() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("\"t3.micro\"".to_string()),
            Just("\"postgres\"".to_string()),
            Just("\"FARGATE\"".to_string()),
            Just("\"10.0.0.0/24\"".to_string()),
            Just("\"\"".to_string()),
            Just("true".to_string()),
            Just("null".to_string()),
            Just("[]".to_string()),
            Just("[\"0.0.0.0/0\"]".to_string()),
            Just("aws_subnet.r0.id".to_string()),
            Just("aws_lb.r1.arn".to_string()),
            Just("aws_ecs_task_definition.r2.arn".to_string()),
            Just("[aws_subnet.r0.id, aws_subnet.r3.id]".to_string()),
            Just("var.nothing".to_string()),
            (-5i64..70000).prop_map(|n| n.to_string()),
            "[a-z0-9.-]{0,12}".prop_map(|s| format!("\"{s}\"")),
        ]
    }

    fn block() -> impl Strategy<Value = (usize, Vec<(usize, String)>)> {
        (
            0..TYPES.len(),
            prop::collection::vec((0..6usize, value()), 0..6),
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]
        #[test]
        fn never_panics_and_errors_are_located(blocks in prop::collection::vec(block(), 1..8)) {
            let mut tf = String::from("variable \"nothing\" {}\n");
            for (i, (t, attrs)) in blocks.iter().enumerate() {
                let (ty, names) = TYPES[*t];
                tf += &format!("resource \"{ty}\" \"r{i}\" {{\n");
                let mut seen = std::collections::BTreeSet::new();
                for (a, v) in attrs {
                    let name = names[a % names.len()];
                    if seen.insert(name) {
                        tf += &format!("  {name} = {v}\n");
                    }
                }
                tf += "}\n";
            }
            let imported = import::import_module(&[("main.tf", tf.as_str())], &ModuleOptions::default(), &Options::default());
            match import::evaluate(&imported, &Default::default()) {
                Ok(_) => {}
                Err(errors) => {
                    for e in errors.iter().filter(|d| d.is_error()) {
                        prop_assert!(e.file.is_some(), "unlocated error {e:?} for\n{tf}\n{}", imported.text);
                    }
                }
            }
        }
    }
}

/// Terraform's JSON syntax (`main.tf.json`) reads like the HCL it stands for: the resources,
/// the references between them, a variable's default, and every finding at its JSON line.
#[test]
fn a_tf_json_configuration_is_read_at_its_json_lines() {
    let json = r#"{
  "variable": {
    "open_to": {
      "default": "0.0.0.0/0"
    }
  },
  "resource": {
    "aws_security_group": {
      "admin": {
        "name": "admin",
        "ingress": [
          {
            "from_port": 22,
            "to_port": 22,
            "protocol": "tcp",
            "cidr_blocks": ["${var.open_to}"]
          }
        ]
      }
    },
    "aws_instance": {
      "bastion": {
        "ami": "ami-0123456789abcdef0",
        "instance_type": "t3.micro",
        "associate_public_ip_address": true,
        "vpc_security_group_ids": ["${aws_security_group.admin.id}"]
      }
    }
  }
}
"#;
    let imported = import::import_module(
        &[("main.tf.json", json)],
        &ModuleOptions::default(),
        &Options {
            name: "json".into(),
            region: Some("us-east-1".into()),
            ..Default::default()
        },
    );
    assert!(!imported.has_errors(), "{:#?}", imported.diagnostics);
    assert!(
        imported.text.contains("\"aws_instance.bastion\":"),
        "{}",
        imported.text
    );
    assert!(
        imported.text.contains("instance_type: t3.micro"),
        "{}",
        imported.text
    );
    let report = evaluate(&imported);
    let ssh = report
        .findings
        .iter()
        .find(|f| f.rule == "NET-001")
        .unwrap_or_else(|| panic!("{:#?}", report.findings));
    assert_eq!(ssh.file.as_deref(), Some("main.tf.json"));
    let line = json.lines().nth(ssh.line.unwrap() as usize - 1).unwrap();
    assert!(
        line.contains("from_port") || line.contains('{') || line.contains("ingress"),
        "NET-001 at {line:?}"
    );
    // A syntax error is located in the JSON.
    let broken = import::import_module(
        &[(
            "main.tf.json",
            "{\n  \"resource\": {\n    \"aws_instance\": \n}\n",
        )],
        &ModuleOptions::default(),
        &Options::default(),
    );
    let e = broken
        .diagnostics
        .iter()
        .find(|d| d.is_error())
        .expect("an error");
    assert_eq!(e.file.as_deref(), Some("main.tf.json"));
    assert_eq!(e.line, Some(4), "{e:?}");
}
