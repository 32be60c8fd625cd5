//! Worked readiness cases. Every expected figure is derived in the comments from the named
//! parameters of `readiness::params` (defaults): multi_az_failover 2, aurora_failover 2,
//! pitr_log_lag 5, aurora_global_lag 1/60, replica_lag 5, replica_promotion 10, restore_base 20,
//! restore_minutes_per_100gb 10, detection 1.5, capacity_* 240 / 30 / 10 / 0. A 100 GB
//! database restores in 20 + 100/100 × 10 = 30 minutes. DNS failover with a 60 s TTL adds
//! detection 1.5 + TTL 1 = 2.5 minutes.

use planwright_core::report::ScenarioReport;
use planwright_core::{evaluate_text, Options};

fn scenarios(design: &str) -> Vec<ScenarioReport> {
    let text = format!("version: 1\nname: dr\nregion: ap-northeast-2\nenvironment: prod\n{design}");
    evaluate_text(&text, &Options::default())
        .unwrap_or_else(|e| panic!("{e:?}"))
        .readiness
        .scenarios
}

fn get<'a>(s: &'a [ScenarioReport], name: &str) -> &'a ScenarioReport {
    s.iter().find(|x| x.scenario.as_str() == name).unwrap()
}

const DNS: &str = "  dns_failover: { ttl: 60s, automatic: true }\n";

#[test]
fn multi_az_mysql_with_logs_incrementals_and_a_remote_replica_meets_4h_1h() {
    let s = scenarios(&format!(
        "dr:\n  targets: {{ rto: 4h, rpo: 1h }}\n  secondary_region: ap-northeast-1\n{DNS}resources:\n  db: {{ kind: database, engine: mysql, instance_class: db.t3.medium, multi_az: true, storage: {{ size_gb: 100 }}, backup: {{ retention_days: 7, full: daily, incremental_every: 6h, continuous_log: true }}, replicas: [ {{ region: ap-northeast-1 }} ] }}\n"
    ));
    // instance / zone: the synchronous standby takes over: RPO 0, RTO multi_az_failover 2.
    for z in ["instance", "zone"] {
        assert_eq!(
            (get(&s, z).rpo_minutes, get(&s, z).rto_minutes),
            (Some(0.0), Some(2.0)),
            "{z}"
        );
    }
    // region: the replica in Tokyo: RPO replica_lag 5; RTO promotion 10 + DNS 2.5 = 12.5.
    assert_eq!(
        (get(&s, "region").rpo_minutes, get(&s, "region").rto_minutes),
        (Some(5.0), Some(12.5))
    );
    // corruption: the replica copies it; point-in-time logs: RPO 5; RTO detection 1.5 + restore 30 = 31.5.
    assert_eq!(
        (
            get(&s, "corruption").rpo_minutes,
            get(&s, "corruption").rto_minutes
        ),
        (Some(5.0), Some(31.5))
    );
    assert!(s.iter().all(|x| x.meets && x.suggestions.is_empty()));
}

#[test]
fn hourly_incrementals_without_logs_fail_corruption_on_rpo_and_pitr_fixes_it_at_its_real_cost() {
    let s = scenarios(&format!(
        "dr:\n  targets: {{ rto: 1h, rpo: 15m }}\n  secondary_region: ap-northeast-1\n{DNS}resources:\n  db: {{ kind: database, engine: mysql, instance_class: db.t3.medium, multi_az: true, storage: {{ size_gb: 100 }}, backup: {{ retention_days: 7, full: daily, incremental_every: 1h, continuous_log: false }}, replicas: [ {{ region: ap-northeast-1 }} ] }}\n"
    ));
    // region: replica lag 5 ≤ 15 and RTO 12.5 ≤ 60: met.
    assert!(get(&s, "region").meets);
    // corruption: the hourly incremental is the best restore point: RPO 60 > 15 (fails);
    // RTO 1.5 + 30 = 31.5 ≤ 60.
    let c = get(&s, "corruption");
    assert_eq!(
        (c.rpo_minutes, c.rto_minutes, c.meets),
        (Some(60.0), Some(31.5), false)
    );
    // The fix: point-in-time recovery, RPO pitr_log_lag 5. Its real cost: the logs are backup
    // storage, free up to the provisioned size, so $0.00 a month for this design.
    let fix = &c.suggestions[0];
    assert!(fix.change.contains("point-in-time recovery"), "{fix:?}");
    assert!(fix.closes_gap);
    assert_eq!(fix.rpo_minutes, Some(5.0));
    assert_eq!(fix.monthly_delta.to_string(), "0.00");
}

#[test]
fn single_az_database_with_snapshot_only_daily_backups() {
    let s = scenarios(
        "dr: { targets: { rto: 4h, rpo: 1h } }\nresources:\n  db: { kind: database, engine: mysql, instance_class: db.t3.medium, storage: { size_gb: 100 }, backup: { retention_days: 7, full: daily, continuous_log: false } }\n",
    );
    // instance: the host is replaced, storage kept: RPO 0, RTO restore_base 20.
    assert_eq!(
        (
            get(&s, "instance").rpo_minutes,
            get(&s, "instance").rto_minutes
        ),
        (Some(0.0), Some(20.0))
    );
    // zone: restore the daily snapshot elsewhere: RPO 1440, RTO 1.5 + 30 = 31.5.
    assert_eq!(
        (get(&s, "zone").rpo_minutes, get(&s, "zone").rto_minutes),
        (Some(1440.0), Some(31.5))
    );
    // region: no copy outside the region: unbounded, and said so.
    let r = get(&s, "region");
    assert_eq!((r.rpo_minutes, r.rto_minutes, r.meets), (None, None, false));
    assert_eq!(r.critical_path, ["db"]);
    assert!(r.components[0].how.contains("no replica or backup copy"));
    // corruption: RPO 1440 (daily), RTO 31.5.
    assert_eq!(
        (
            get(&s, "corruption").rpo_minutes,
            get(&s, "corruption").rto_minutes
        ),
        (Some(1440.0), Some(31.5))
    );
    // Suggestions are priced by re-running the cost model: a replica in Tokyo costs money.
    let region_fixes = &r.suggestions;
    assert!(region_fixes.iter().any(
        |x| x.change.contains("read replica") && x.monthly_delta > rust_decimal::Decimal::ZERO
    ));
}

#[test]
fn active_active_with_aurora_global() {
    let s = scenarios(&format!(
        "network:\n  vpc: 10.0.0.0/16\n  subnets:\n    a: {{ cidr: 10.0.1.0/24, zone: a }}\n    c: {{ cidr: 10.0.2.0/24, zone: c }}\ndr:\n  targets: {{ rto: 15m, rpo: 1m }}\n  strategy: active_active\n  secondary_region: ap-northeast-1\n{DNS}resources:\n  web: {{ kind: compute, instance_type: t3.medium, subnets: [a, c], scaling: {{ min: 2, max: 6 }} }}\n  db: {{ kind: database, engine: aurora-mysql, instance_class: db.r5.large, instances: 2, storage: {{ size_gb: 100 }}, backup: {{ retention_days: 7, continuous_log: true }}, replicas: [ {{ region: ap-northeast-1 }} ] }}\n"
    ));
    // instance: web keeps serving (0); Aurora fails over to its second instance: 2.
    assert_eq!(get(&s, "instance").rto_minutes, Some(2.0));
    // region: web is already live elsewhere: capacity 0 + DNS 2.5 = 2.5. Aurora Global Database:
    // RPO 1/60 min (rounded to 0.0), RTO aurora_failover 2 + DNS 2.5 = 4.5: the critical path.
    let r = get(&s, "region");
    assert_eq!((r.rpo_minutes, r.rto_minutes), (Some(0.0), Some(4.5)));
    assert_eq!(r.critical_path, ["db"]);
    assert!(r.meets);
    // corruption still needs backups: PITR, RPO 5 > 1: the design misses that target, honestly.
    assert!(!get(&s, "corruption").meets);
}

#[test]
fn assumptions_override_the_parameters() {
    let s = scenarios(&format!(
        "dr:\n  targets: {{ rto: 4h, rpo: 1h }}\n  assumptions: {{ replica_promotion: 3m, replica_lag: 30s }}\n{DNS}resources:\n  db: {{ kind: database, engine: mysql, instance_class: db.t3.medium, multi_az: true, replicas: [ {{ region: ap-northeast-1 }} ] }}\n"
    ));
    // RTO 3 + 2.5 = 5.5; RPO 0.5.
    assert_eq!(
        (get(&s, "region").rpo_minutes, get(&s, "region").rto_minutes),
        (Some(0.5), Some(5.5))
    );
}

/// The page's "apply" edits the text; the suggestion was priced on `Edit::apply`'s design.
/// The two must be the same design, for every suggestion of every scenario, in block YAML
/// and in flow style.
#[test]
fn applying_a_suggestion_to_the_text_gives_the_design_it_was_priced_on() {
    use planwright_core::load;
    use planwright_core::source::edit::apply;
    use planwright_core::source::node::DesignPath;
    let block = "version: 1\nname: dr\nregion: ap-northeast-2\nenvironment: prod\n\
        dr:\n  targets:\n    rto: 30m\n    rpo: 1m\n  secondary_region: ap-northeast-1\n\
        resources:\n  # the database\n  db:\n    kind: database\n    engine: mysql\n    instance_class: db.t3.medium\n    storage:\n      size_gb: 100\n\
        \x20 web:\n    kind: compute\n    instance_type: t3.micro\n\
        \x20 api:\n    kind: compute\n    instance_type: t3.micro\n    scaling: { min: 1, max: 3 }\n\
        \x20 files:\n    kind: object_storage\n    usage: { stored_gb: 50 }\n\
        \x20 jobs:\n    kind: queue\n    engine: activemq\n    instance_type: mq.m5.large\n";
    let flow = "version: 1\nname: dr\nregion: ap-northeast-2\nenvironment: prod\n\
        dr: { targets: { rto: 30m, rpo: 1m }, secondary_region: ap-northeast-1 }\n\
        resources:\n  db: { kind: database, engine: mysql, instance_class: db.t3.medium, storage: { size_gb: 100 }, backup: { retention_days: 3, full: daily } }\n  jobs: { kind: queue, engine: rabbitmq, instance_type: mq.m5.large }\n";
    let shop = include_str!("../../../www/examples/shop-web-app.yaml");
    let mut applied = 0;
    for text in [block, flow, shop] {
        let report = evaluate_text(text, &Options::default()).unwrap();
        let design = load(text, None).unwrap().design;
        for s in &report.readiness.scenarios {
            for sug in &s.suggestions {
                let changes = sug.edit.changes(&design, &DesignPath::root());
                let edited =
                    apply(text, &changes).unwrap_or_else(|e| panic!("{}: {e}", sug.change));
                let got = load(&edited, None)
                    .unwrap_or_else(|e| panic!("{}: {e:?}\n{edited}", sug.change))
                    .design;
                assert_eq!(got, sug.edit.apply(&design), "{}\n{edited}", sug.change);
                assert!(edited.contains("# the database") || !text.contains("# the database"));
                applied += 1;
            }
        }
    }
    assert!(applied >= 8, "only {applied} suggestions were tried");
}

/// A target may name its scenarios, and single resources may have their own. Same database
/// as `single_az_database_with_snapshot_only_daily_backups` (figures derived there): instance RTO 20
/// / RPO 0; zone RTO 31.5 / RPO 1440; region unbounded; corruption RTO 31.5 / RPO 1440.
#[test]
fn targets_per_scenario_and_per_resource() {
    let design = "dr:\n  targets: { rto: 1h, rpo: 1h, scenarios: [instance] }\n  resource_targets:\n    db: { rpo: 12h, scenarios: [corruption] }\n    web: { rto: 10m }\nresources:\n  db: { kind: database, engine: mysql, instance_class: db.t3.medium, storage: { size_gb: 100 }, backup: { retention_days: 7, full: daily, continuous_log: false } }\n  web: { kind: compute, instance_type: t3.micro, count: 2 }\n";
    let s = scenarios(design);
    // instance: the design target applies: RTO 20 ≤ 60, RPO 0 ≤ 60. web (stateless) meets 10m.
    let i = get(&s, "instance");
    assert!(i.meets, "{i:?}");
    assert_eq!(i.target.as_ref().unwrap().rto_minutes, Some(60.0));
    // zone: no design target applies (it names only `instance`); web's own target does.
    let z = get(&s, "zone");
    assert!(z.target.is_none());
    assert!(z.meets, "{z:?}");
    // region: unbounded, but no target covers it except web's RTO 10m: web is stateless and
    // recovers with the application, which cannot recover (unbounded): missed.
    let r = get(&s, "region");
    assert!(!r.meets);
    assert_eq!(r.resource_targets.len(), 1);
    assert_eq!(r.resource_targets[0].resource, "web");
    // corruption: db's own target RPO 12h = 720 < 1440: missed, and the fix ranked first
    // is one that brings db's RPO under 720 (point-in-time recovery, RPO 5).
    let c = get(&s, "corruption");
    assert!(!c.meets);
    let db = c
        .resource_targets
        .iter()
        .find(|t| t.resource == "db")
        .unwrap();
    assert_eq!(
        (db.rpo_minutes, db.target.rpo_minutes, db.meets),
        (Some(1440.0), Some(720.0), false)
    );
    assert!(c.suggestions[0].closes_gap, "{:?}", c.suggestions[0]);
    // DR-001 names the resource and points at its target.
    let report = evaluate_text(
        &format!("version: 1\nname: dr\nregion: ap-northeast-2\nenvironment: prod\n{design}"),
        &Options::default(),
    )
    .unwrap();
    let hit = report
        .findings
        .iter()
        .find(|f| f.rule == "DR-001" && f.path == "dr.resource_targets.db")
        .expect("a finding for db's own target");
    assert!(
        hit.message.contains("corruption loss: `db`"),
        "{}",
        hit.message
    );
    assert_eq!(hit.line, Some(8));
}

#[test]
fn unknown_scenarios_and_resources_in_targets_are_located_with_hints() {
    let text = "version: 1\nname: x\nregion: us-east-1\ndr:\n  targets: { rto: 1h, scenarios: [regoin] }\n  resource_targets:\n    dbb: { rpo: 1m }\nresources:\n  db: { kind: database, engine: mysql, instance_class: db.t3.micro, storage: { size_gb: 20 } }\n";
    let errors = evaluate_text(text, &Options::default()).unwrap_err();
    let scenario = errors
        .iter()
        .find(|e| e.code == "unknown-scenario")
        .unwrap();
    assert_eq!(
        (scenario.line, scenario.hint.as_deref()),
        (Some(5), Some("did you mean `region`?"))
    );
    let resource = errors
        .iter()
        .find(|e| e.code == "unknown-resource")
        .unwrap();
    assert_eq!(
        (resource.line, resource.hint.as_deref()),
        (Some(7), Some("did you mean `db`?"))
    );
}

/// An Aurora cluster in one region, region loss: the fix is an Aurora Global Database, its
/// RPO aurora_global_lag (1/60 min, about a second) and its cost the secondary cluster's
/// instances in the other region, re-priced. The embedded catalog has Aurora prices for
/// us-east-1 only, so a Tokyo secondary is unpriced: the suggestion says so instead of
/// showing a silent +$0. Applied to the text, it is the priced design.
#[test]
fn an_aurora_cluster_is_offered_an_aurora_global_database() {
    use planwright_core::load;
    use planwright_core::source::edit::apply;
    use planwright_core::source::node::DesignPath;
    let design = "dr: { targets: { rto: 1h, rpo: 1m }, secondary_region: ap-northeast-1 }\nresources:\n  db: { kind: database, engine: aurora-postgres, instance_class: db.r5.large, instances: 2, storage: { size_gb: 100 }, backup: { retention_days: 7, continuous_log: true } }\n";
    let s = scenarios(design);
    let r = get(&s, "region");
    assert_eq!((r.rpo_minutes, r.meets), (None, false));
    let global = r
        .suggestions
        .iter()
        .find(|x| x.change.contains("Aurora Global Database"))
        .unwrap_or_else(|| panic!("{:?}", r.suggestions));
    assert!(global
        .change
        .contains("secondary cluster in ap-northeast-1"));
    assert!(
        global
            .change
            .contains("prices are missing from the catalog"),
        "{}",
        global.change
    );
    assert!(global.rpo_minutes.unwrap() < 1.0, "{global:?}");
    let text = format!("version: 1\nname: dr\nregion: ap-northeast-2\nenvironment: prod\n{design}");
    let base = load(&text, None).unwrap().design;
    let edited = apply(&text, &global.edit.changes(&base, &DesignPath::root())).unwrap();
    assert_eq!(
        load(&edited, None).unwrap().design,
        global.edit.apply(&base)
    );
}

/// Automated backups give RDS and Aurora point-in-time recovery (restorable to within about
/// 5 minutes): a database with a retention and no `continuous_log` is not "24 h of data
/// lost", and no "no point-in-time recovery" finding fires on it. `continuous_log: false`
/// says snapshot-only, and retention 0 turns backups off.
#[test]
fn automated_backups_are_point_in_time_recovery() {
    let db = |backup: &str| {
        format!("resources:\n  db: {{ kind: database, engine: postgres, instance_class: db.t3.medium, storage: {{ size_gb: 100 }}, backup: {backup} }}\n  aurora: {{ kind: database, engine: aurora-postgres, instance_class: db.r6g.large, instances: 2, backup: {backup} }}\n")
    };
    for (backup, pitr) in [
        ("{ retention_days: 7 }", true),
        ("{ retention_days: 1, window: \"03:00-04:00\" }", true),
        ("{ retention_days: 7, continuous_log: true }", true),
        ("{ retention_days: 7, continuous_log: false }", false),
        ("{ retention_days: 0 }", false),
    ] {
        let text = db(backup);
        let s = scenarios(&text);
        let c = get(&s, "corruption");
        for name in ["db", "aurora"] {
            let comp = c.components.iter().find(|o| o.component == name).unwrap();
            if pitr {
                assert_eq!(comp.rpo_minutes, Some(5.0), "{backup}: {comp:?}");
                assert!(comp.how.contains("point-in-time"), "{backup}: {comp:?}");
            } else {
                assert_ne!(comp.rpo_minutes, Some(5.0), "{backup}: {comp:?}");
            }
        }
        let whole =
            format!("version: 1\nname: dr\nregion: ap-northeast-2\nenvironment: prod\n{text}");
        let report = evaluate_text(&whole, &Options::default()).unwrap();
        let bak003 = report
            .findings
            .iter()
            .filter(|f| f.rule == "BAK-003")
            .count();
        assert_eq!(bak003, if pitr { 0 } else { 2 }, "{backup}");
    }
}

/// A scenario no target covers says so: never "meets" (an unbounded recovery with no
/// target is not a pass); one a target covers meets or misses it.
#[test]
fn no_target_is_its_own_verdict() {
    use planwright_core::readiness::Verdict;
    let none = scenarios(
        "resources:\n  db: { kind: database, engine: postgres, instance_class: db.t3.micro }\n",
    );
    assert!(
        none.iter().all(|s| s.verdict == Verdict::NoTarget),
        "{none:?}"
    );
    let some = scenarios("dr: { targets: { rpo: 1h, scenarios: [region] } }\nresources:\n  db: { kind: database, engine: postgres, instance_class: db.t3.micro }\n");
    assert_eq!(get(&some, "region").verdict, Verdict::Misses);
    assert_eq!(get(&some, "zone").verdict, Verdict::NoTarget);
    let md = planwright_core::render::readiness_markdown(
        &evaluate_text(
            "version: 1\nname: dr\nregion: ap-northeast-2\nresources:\n  db: { kind: database, engine: postgres, instance_class: db.t3.micro }\n",
            &Options::default(),
        )
        .unwrap(),
    );
    assert!(md.contains("no target") && !md.contains("| met |"), "{md}");
}

/// `recovery: none`: a single-instance broker of transient messages holds nothing worth
/// recovering. It leaves the RPO (the figures come from the database alone) and is named
/// with its reason; its RTO still counts.
#[test]
fn a_resource_with_recovery_none_is_left_out_of_the_rpo_and_said() {
    let design = |mark: &str| {
        format!(
            "dr: {{ targets: {{ rto: 4h, rpo: 1h }} }}\nresources:\n  db: {{ kind: database, engine: mysql, instance_class: db.t3.micro, multi_az: true, backup: {{ retention_days: 7 }} }}\n  broker: {{ kind: queue, engine: activemq, deployment: single_instance, instance_type: mq.m5.large{mark} }}\n"
        )
    };
    let before = scenarios(&design(""));
    assert_eq!(
        get(&before, "zone").rpo_minutes,
        None,
        "the broker's messages are lost"
    );
    for mark in [
        ", recovery: none, reason: transient jobs",
        ", recovery: { mode: none, reason: transient jobs }",
    ] {
        let after = scenarios(&design(mark));
        let zone = get(&after, "zone");
        // Multi-AZ MySQL: the standby takes over with RPO 0.
        assert_eq!(zone.rpo_minutes, Some(0.0), "{mark}");
        assert_eq!(zone.rto_minutes, get(&before, "zone").rto_minutes);
        assert_eq!(zone.not_in_rpo.len(), 1);
        assert_eq!(zone.not_in_rpo[0].resource, "broker");
        assert_eq!(zone.not_in_rpo[0].reason.as_deref(), Some("transient jobs"));
    }
}

#[test]
fn recovery_takes_only_none_and_reason_needs_it() {
    let read = |resource: &str| {
        let text =
            format!("version: 1\nname: dr\nregion: us-east-1\nresources:\n  q: {resource}\n");
        evaluate_text(&text, &Options::default()).expect_err("refused")
    };
    // Each error is at the value (or key) named third.
    for (resource, says, at) in [
        (
            "{ kind: queue, recovery: backups }",
            "found `backups`",
            "backups",
        ),
        (
            "{ kind: queue, reason: because }",
            "`reason` explains",
            "reason",
        ),
        (
            "{ kind: queue, recovery: { mode: none, why: x } }",
            "unknown field `why`",
            "why",
        ),
    ] {
        let column = ("  q: ".len() + resource.find(at).unwrap() + 1) as u32;
        let errors = read(resource);
        let e = errors
            .iter()
            .find(|e| e.message.contains(says))
            .unwrap_or_else(|| panic!("{resource}: {errors:?}"));
        assert_eq!(
            (e.line, e.column),
            (Some(5), Some(column)),
            "{resource}: {e:?}"
        );
        assert!(e.hint.is_some());
    }
}

/// A replica broker in another region (ActiveMQ cross-Region data replication on an
/// active/standby pair): losing the region costs broker_replication_lag 5 of messages and
/// takes broker_promotion 10 + DNS 2.5 = 12.5 minutes. Without it the messages are gone.
#[test]
fn a_broker_replica_bounds_losing_the_region() {
    let design = |replica: &str| {
        format!(
            "dr:\n  targets: {{ rto: 4h, rpo: 1h }}\n{DNS}resources:\n  broker: {{ kind: queue, engine: activemq, deployment: active_standby, instance_type: mq.m5.large{replica} }}\n"
        )
    };
    let region = |replica: &str| {
        let s = scenarios(&design(replica));
        let r = get(&s, "region");
        (r.rpo_minutes, r.rto_minutes, r.verdict.as_str())
    };
    assert_eq!(region(""), (None, None, "misses"));
    assert_eq!(
        region(", replica: { region: ap-northeast-1 }"),
        (Some(5.0), Some(12.5), "meets")
    );
    // RabbitMQ: a broker there fed by a shovel, read the same way.
    let rabbit =
        scenarios(&design(", replica: { region: ap-northeast-1 }").replace("activemq", "rabbitmq"));
    let c = &get(&rabbit, "region").components[0];
    assert_eq!((c.rpo_minutes, c.rto_minutes), (Some(5.0), Some(12.5)));
    assert!(c.how.contains("shovel"), "{}", c.how);
}

/// The replica is the same brokers again at its region's rates: 2 × 730 h × $0.288 in
/// us-east-1 (embedded) and 2 × 730 h × $0.30 in us-west-2 (the user catalog below), plus
/// 10 GB of storage in each, $0.10 and $0.11.
#[test]
fn a_broker_replica_is_priced_in_its_region() {
    use planwright_core::Catalog;
    let user = Catalog::parse(
        "format: planwright-catalog\nversion: 1\nregion: us-west-2\nsources: { mq: { page: https://aws.amazon.com/amazon-mq/pricing/, read: 2026-12-01 } }\ngroups:\n  mq: { source: mq, unit: hours, prices: { mq.m5.large: 0.30 } }\n  mq-storage: { source: mq, unit: GB-months, prices: { activemq: 0.11 } }\n",
    )
    .unwrap();
    let cat = Catalog::embedded().merged_with(&user);
    let d = "version: 1\nname: x\nregion: us-east-1\nresources:\n  broker: { kind: queue, engine: activemq, deployment: active_standby, instance_type: mq.m5.large, usage: { storage_gb: 10 }, replica: { region: us-west-2 } }\n";
    let r = evaluate_text(
        d,
        &Options {
            catalog: Some(&cat),
            ..Options::default()
        },
    )
    .unwrap();
    // 420.48 + 1.00 + 438.00 + 1.10
    assert_eq!(r.cost.monthly.expected.to_string(), "860.58");
    assert!(r.cost.complete, "{:?}", r.diagnostics);
    // Without us-west-2's prices the replica is unpriced and the total says so.
    let r = evaluate_text(d, &Options::default()).unwrap();
    assert!(!r.cost.complete);
    assert!(
        r.diagnostics
            .iter()
            .any(|d| d.path == "resources.broker.replica.region"),
        "{:?}",
        r.diagnostics
    );
}

#[test]
fn a_broker_replica_aws_does_not_offer_is_a_located_error() {
    let read = |broker: &str| {
        let text = format!("version: 1\nname: x\nregion: us-east-1\nresources:\n  q: {broker}\n");
        evaluate_text(&text, &Options::default()).expect_err("refused")
    };
    let e = read("{ kind: queue, engine: activemq, instance_type: mq.m5.large, replica: { region: us-west-2 } }");
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].message.contains("active/standby"), "{}", e[0].message);
    assert!(e[0]
        .hint
        .as_deref()
        .unwrap_or("")
        .contains("deployment: active_standby"));
    assert_eq!(e[0].path, "resources.q.replica");
    let e = read("{ kind: queue, engine: rabbitmq, instance_type: mq.m5.large, replica: { region: us-east-1 } }");
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].path, "resources.q.replica.region");
    assert_eq!(e[0].line, Some(5));
}

/// Losing the region takes a database without a remote replica and a broker without one:
/// no single change meets the targets, so the first suggestion is the set that does, and it
/// leaves out what the others make unneeded (copying backups, RPO 1 day, once the replica
/// is there). Losing a zone: a single broker's messages go with it; active/standby closes it.
#[test]
fn the_cheapest_set_that_closes_a_gap_comes_first() {
    let s = scenarios(&format!(
        "dr:\n  targets: {{ rto: 4h, rpo: 1h }}\n  secondary_region: ap-northeast-1\n{DNS}resources:\n  db: {{ kind: database, engine: mysql, instance_class: db.t3.medium, multi_az: true, backup: {{ retention_days: 7 }} }}\n  broker: {{ kind: queue, engine: activemq, instance_type: mq.m5.large }}\n"
    ));
    let region = get(&s, "region");
    assert_eq!(region.verdict.as_str(), "misses");
    assert!(
        region.suggestions[1..].iter().all(|x| !x.closes_gap),
        "{:#?}",
        region.suggestions
    );
    let first = &region.suggestions[0];
    assert!(first.closes_gap, "{first:?}");
    let edits = match &first.edit {
        planwright_core::readiness::suggest::Edit::Together { edits } => edits,
        other => panic!("{other:?}"),
    };
    let kinds: Vec<String> = edits
        .iter()
        .map(|e| {
            serde_json::to_value(e).unwrap()["edit"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let mut sorted = kinds.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        ["broker_replica", "cross_region_replica"],
        "{kinds:?}"
    );
    // Both replicas: RPO the larger lag (5), RTO promotion 10 + DNS 2.5.
    assert_eq!(
        (first.rpo_minutes, first.rto_minutes),
        (Some(5.0), Some(12.5))
    );
    assert!(first.change.starts_with("together: "), "{}", first.change);

    let zone = get(&s, "zone");
    assert!(zone.suggestions[0].closes_gap);
    assert!(
        zone.suggestions[0].change.contains("active/standby"),
        "{}",
        zone.suggestions[0].change
    );
}
