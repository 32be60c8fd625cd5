//! Hand-worked figures: each assertion's arithmetic is in the comment beside it, from the
//! catalog prices, so a change in the engine that moves a number is caught here first.

use planwright_core::{evaluate_text, Options};

fn total(design: &str) -> String {
    evaluate_text(design, &Options::default())
        .unwrap()
        .cost
        .monthly
        .expected
        .to_string()
}

#[test]
fn scaling_schedule_is_integrated_over_the_week() {
    // See fixtures/designs/scaling_schedule.yaml for the derivation:
    // 438 instance-hours a week × 730/168 × $0.0416 = $79.17
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/designs/scaling_schedule.yaml"
    ))
    .unwrap();
    let r = evaluate_text(&text, &Options::default()).unwrap();
    assert_eq!(r.cost.monthly.low.to_string(), "79.17");
    assert_eq!(r.cost.monthly.expected.to_string(), "79.17");
    // 6 × 730 × $0.0416 = $182.208
    assert_eq!(r.cost.monthly.high.to_string(), "182.21");
    assert_eq!(
        r.cost.resources[0].lines[0].quantity.to_string(),
        "1903.2143"
    );
}

#[test]
fn multi_az_database_bills_two_instances_and_double_storage() {
    // 2 × 730 h × $0.068 = $99.28; storage 100 GB × 2 × $0.115 = $23.00
    let d = "version: 1\nname: x\nregion: us-east-1\nresources:\n  db: { kind: database, engine: mysql, instance_class: db.t3.medium, multi_az: true, storage: { type: gp3, size_gb: 100 } }\n";
    assert_eq!(total(d), "122.28");
}

#[test]
fn fargate_tasks_price_vcpu_and_memory_hours() {
    // 2 tasks × 730 h = 1460 task-hours; × 0.5 vCPU × $0.04048 = $29.55 (29.5504);
    // × 1 GB × $0.004445 = $6.49 (6.4897). Total $36.04.
    let d = "version: 1\nname: x\nregion: us-east-1\nresources:\n  api: { kind: container, cpu: 0.5, memory_gb: 1, count: 2 }\n";
    assert_eq!(total(d), "36.04");
}

#[test]
fn seoul_nat_gateway() {
    // 730 h × $0.059 = $43.07; 200 GB × $0.059 = $11.80
    let d = "version: 1\nname: x\nregion: ap-northeast-2\nresources:\n  nat: { kind: nat_gateway, usage: { processed_gb: 200 } }\n";
    assert_eq!(total(d), "54.87");
}

#[test]
fn egress_tiers() {
    // 12,000 GB in us-east-1: first 10,240 GB × $0.09 = $921.60; next 1,760 × $0.085 = $149.60
    let d = "version: 1\nname: x\nregion: us-east-1\nresources: {}\ntransfer: { internet_egress_gb: 12000 }\n";
    assert_eq!(total(d), "1071.20");
}

#[test]
fn unknown_instance_type_is_a_located_warning_and_marks_the_total_incomplete() {
    let d = "version: 1\nname: x\nregion: us-east-1\nresources:\n  web: { kind: compute, instance_type: t3.mediun }\n";
    let r = evaluate_text(d, &Options::default()).unwrap();
    assert!(!r.cost.complete);
    let w = &r.diagnostics[0];
    assert_eq!(w.code, "unknown-instance-type");
    assert_eq!(w.path, "resources.web.instance_type");
    assert_eq!((w.line, w.column), (Some(5), Some(40)));
    assert!(w.hint.as_deref().unwrap().contains("t3.medium"));
}

#[test]
fn all_errors_are_reported_not_the_first() {
    let d = "version: 1\nname: x\nregion: us-east-1\nresources:\n  a: { kind: compute, instance_type: t3.micro, cont: 2 }\n  b: { kind: cahce }\n  c: { kind: cdn, origin: nowhere }\n";
    let errors = evaluate_text(d, &Options::default()).unwrap_err();
    let codes: Vec<&str> = errors.iter().map(|e| e.code.as_str()).collect();
    assert_eq!(
        codes,
        ["unknown-field", "unknown-kind", "dangling-reference"]
    );
}

#[test]
fn environment_overrides_merge_onto_the_base() {
    let d = "version: 1\nname: x\nregion: us-east-1\nresources:\n  web: { kind: compute, instance_type: m5.large, count: 4 }\nenvironments:\n  dev: { environment: dev, resources: { web: { instance_type: t3.micro, count: 1 } } }\n";
    let dev = evaluate_text(
        d,
        &Options {
            env: Some("dev"),
            catalog: None,
            today: None,
            pack: None,
        },
    )
    .unwrap();
    // 730 × $0.0104 = $7.592
    assert_eq!(dev.cost.monthly.expected.to_string(), "7.59");
    assert_eq!(dev.environment, "dev");
    let e = evaluate_text(
        d,
        &Options {
            env: Some("prd"),
            catalog: None,
            today: None,
            pack: None,
        },
    )
    .unwrap_err();
    assert_eq!(e[0].code, "unknown-environment");
}

#[test]
fn a_user_catalog_adds_reserved_rates() {
    let user = planwright_core::Catalog::parse(
        "format: planwright-catalog\nversion: 1\nregion: us-east-1\nsources: { ri: { page: https://aws.amazon.com/ec2/pricing/reserved-instances/pricing/, read: 2026-11-01 } }\ngroups:\n  ec2-ri-1y: { source: ri, unit: hours, prices: { t3.medium: 0.026 } }\n",
    )
    .unwrap();
    let cat = planwright_core::Catalog::embedded().merged_with(&user);
    let d = "version: 1\nname: x\nregion: us-east-1\nresources:\n  web: { kind: compute, instance_type: t3.medium, purchase: reserved_1y }\n";
    let r = evaluate_text(
        d,
        &Options {
            env: None,
            catalog: Some(&cat),
            today: None,
            pack: None,
        },
    )
    .unwrap();
    // 730 × $0.026 = $18.98
    assert_eq!(r.cost.monthly.expected.to_string(), "18.98");
    // Without the user catalog: priced on demand, with a warning.
    let r = evaluate_text(d, &Options::default()).unwrap();
    assert_eq!(r.cost.monthly.expected.to_string(), "30.37");
    assert_eq!(r.diagnostics[0].code, "no-reserved-rate");
}

#[test]
fn absurd_numbers_are_located_errors_not_overflows() {
    // A decimal overflow would panic (and kill the page in wasm): the limits stop it first.
    let d = "version: 1\nname: x\nregion: us-east-1\npricing: { hours_per_month: 100000 }\nresources:\n  v: { kind: volume, size_gb: 1e300, count: 4000000000 }\n  w: { kind: compute, instance_type: t3.micro, count: 4294967295, volumes: [ { size_gb: 999999999, iops: 999999999 } ] }\n";
    let errors = evaluate_text(d, &Options::default()).unwrap_err();
    let codes: Vec<&str> = errors.iter().map(|e| e.code.as_str()).collect();
    assert_eq!(
        codes,
        [
            "invalid-value",
            "number-too-large",
            "number-too-large",
            "number-too-large"
        ],
        "{errors:?}"
    );
    // The largest values that pass still price without overflow.
    let d = "version: 1\nname: x\nregion: us-east-1\npricing: { hours_per_month: 744 }\nresources:\n  w: { kind: compute, instance_type: g5.xlarge, count: 1000000000, volumes: [ { type: io1, size_gb: 1000000000, iops: 1000000000 } ] }\ntransfer: { internet_egress_gb: 1000000000, inter_az_gb: 1000000000 }\n";
    let r = evaluate_text(d, &Options::default()).unwrap();
    assert!(r.cost.monthly.high > rust_decimal::Decimal::ZERO);
}

/// An environment can remove a resource of the base (`name: null`, as a JSON merge patch)
/// and add its own; naming the base's own environment selects the base.
#[test]
fn environments_remove_add_and_name_the_base() {
    let text = "version: 1\nname: envs\nregion: us-east-1\nenvironment: prod\nresources:\n  web: { kind: compute, instance_type: t3.micro, count: 2 }\n  cache: { kind: cache, node_type: cache.t3.micro, nodes: 2 }\nenvironments:\n  staging:\n    environment: staging\n    resources:\n      cache: null\n      scratch: { kind: compute, instance_type: t3.nano }\n";
    let names = |env: Option<&str>| -> Vec<String> {
        planwright_core::load(text, env)
            .unwrap_or_else(|e| panic!("{env:?}: {e:?}"))
            .design
            .resources
            .iter()
            .map(|(n, _)| n.clone())
            .collect()
    };
    assert_eq!(names(Some("staging")), ["web", "scratch"]);
    assert_eq!(names(Some("prod")), names(None));
    assert!(planwright_core::load(text, Some("qa")).is_err());
}

/// Reserved database and cache hours come from the synced `<group>-ri-*` rates (here a user
/// catalog in the price list's group names, its figures invented for the test): a Multi-AZ
/// MySQL db.t3.medium at 730 h × $0.090 and two cache.t3.micro nodes at 2 × 730 h × $0.010.
/// Without the rate: on demand, and a warning at `purchase`. Spot is not sold for RDS.
#[test]
fn reserved_database_and_cache_hours() {
    let user = planwright_core::Catalog::parse(
        "format: planwright-catalog\nversion: 1\nregion: us-east-1\nsources: { rds: { page: https://aws.amazon.com/rds/mysql/pricing/, read: 2026-12-01 } }\ngroups:\n  rds-mysql-multi-az: { source: rds, unit: hours, prices: { db.t3.medium: 0.136 } }\n  rds-mysql-multi-az-ri-1y: { source: rds, unit: hours, prices: { db.t3.medium: 0.090 } }\n  elasticache-ri-3y-all-upfront: { source: rds, unit: hours, prices: { cache.t3.micro: 0.010 } }\n",
    )
    .unwrap();
    let cat = planwright_core::Catalog::embedded().merged_with(&user);
    let d = |purchase: &str| {
        format!("version: 1\nname: x\nregion: us-east-1\nresources:\n  db: {{ kind: database, engine: mysql, instance_class: db.t3.medium, multi_az: true, purchase: {purchase} }}\n  cache: {{ kind: cache, node_type: cache.t3.micro, nodes: 2, purchase: reserved_3y_all_upfront }}\n")
    };
    let with = |text: &str, catalog| {
        evaluate_text(
            text,
            &Options {
                env: None,
                catalog,
                today: None,
                pack: None,
            },
        )
    };
    let r = with(&d("reserved_1y"), Some(&cat)).unwrap();
    let line = |name: &str| {
        r.cost
            .resources
            .iter()
            .find(|c| c.name == name)
            .unwrap()
            .lines[0]
            .clone()
    };
    let db = line("db");
    assert_eq!(db.monthly.to_string(), "65.70");
    assert!(
        db.description.contains("reserved 1y, no upfront"),
        "{}",
        db.description
    );
    assert_eq!(line("cache").monthly.to_string(), "14.60");
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    // The embedded catalog has no reserved rates: on demand, said at `purchase`.
    let r = with(&d("reserved_1y"), None).unwrap();
    let warned: Vec<&str> = r.diagnostics.iter().map(|d| d.path.as_str()).collect();
    assert!(
        warned.contains(&"resources.db.purchase") && warned.contains(&"resources.cache.purchase"),
        "{warned:?}"
    );
    let e = with(&d("spot"), None).unwrap_err();
    assert_eq!(e[0].path, "resources.db.purchase");
    assert!(
        e[0].message.contains("RDS is not sold as spot"),
        "{}",
        e[0].message
    );
}
