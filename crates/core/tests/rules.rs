//! Every built-in rule: a stable, well-formed ID, and good and bad examples that behave;
//! docs/rules.md generated from the rules themselves.

use planwright_core::policy::{rules, rules_markdown, DOCS, RULES};
use planwright_core::{evaluate_text, Options};

/// The examples leave out the top-level boilerplate; add it back.
fn design(example: &str) -> String {
    let mut s = String::from("version: 1\nname: example\n");
    if !example.lines().any(|l| l.starts_with("region:")) {
        s += "region: us-east-1\n";
    }
    s + example
}

fn rule_ids_for(example: &str) -> Vec<(String, bool)> {
    let text = design(example);
    let report = evaluate_text(
        &text,
        &Options {
            today: Some("2026-06-01"),
            ..Default::default()
        },
    )
    .unwrap_or_else(|e| panic!("example does not load: {e:?}\n{text}"));
    report
        .findings
        .into_iter()
        .map(|f| (f.rule.into_owned(), f.waived))
        .collect()
}

#[test]
fn ids_are_unique_and_well_formed() {
    let mut seen = std::collections::BTreeSet::new();
    for r in RULES {
        assert!(seen.insert(r.id), "duplicate rule ID {}", r.id);
        let (prefix, num) = r.id.split_once('-').unwrap_or_default();
        assert!(
            ["NET", "ENC", "BAK", "HA", "TAG", "GOV", "COST", "POL", "DR"].contains(&prefix),
            "{}",
            r.id
        );
        assert!(
            num.len() == 3 && num.chars().all(|c| c.is_ascii_digit()),
            "{}",
            r.id
        );
        assert!(!r.title.is_empty() && !r.fix.is_empty(), "{}", r.id);
    }
}

#[test]
fn every_bad_example_fails_its_rule_and_every_good_one_passes() {
    assert_eq!(RULES.len(), DOCS.len());
    for (r, d) in RULES.iter().zip(DOCS) {
        assert!(!d.explanation.is_empty(), "{}", r.id);
        let bad = rule_ids_for(d.bad);
        assert!(
            bad.iter().any(|(id, waived)| id == r.id && !waived),
            "{}: the bad example raises no unwaived {} finding; got {bad:?}",
            r.id,
            r.id
        );
        let good = rule_ids_for(d.good);
        assert!(
            !good.iter().any(|(id, waived)| id == r.id && !waived),
            "{}: the good example raises {}; got {good:?}",
            r.id,
            r.id
        );
    }
}

#[test]
fn waived_findings_stay_visible() {
    let findings = rule_ids_for(waiver_unused_good());
    assert!(
        findings.contains(&("NET-004".to_string(), true)),
        "{findings:?}"
    );
}

fn waiver_unused_good() -> &'static str {
    rules::waiver_unused::DOCS.good
}

#[test]
fn docs_rules_md_is_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/rules.md");
    let fresh = rules_markdown();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(path, &fresh).unwrap();
        return;
    }
    let on_disk = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        on_disk == fresh,
        "docs/rules.md is stale: run UPDATE_GOLDEN=1 cargo test -p planwright-core"
    );
}

/// A user rule requiring a tag sees the design-level `tags:` merged into every resource,
/// the resource's own value winning (a real design had 36 false findings without it).
#[test]
fn user_rules_see_inherited_tags() {
    let design = "version: 1\nname: tags\nregion: us-east-1\ntags: { Owner: platform, Env: prod }\npolicy:\n  rules:\n    - { id: ORG-001, title: Owned, severity: high, require: [ { path: tags.Owner, exists: true } ] }\n    - { id: ORG-002, title: Prod tag, severity: low, require: [ { path: tags.Env, equals: prod } ] }\nresources:\n  web: { kind: compute, instance_type: t3.micro }\n  batch: { kind: compute, instance_type: t3.micro, tags: { Env: dev } }\n";
    let report = planwright_core::evaluate_text(design, &planwright_core::Options::default())
        .unwrap_or_else(|e| panic!("{e:?}"));
    let hits: Vec<(String, String)> = report
        .findings
        .iter()
        .filter(|f| f.rule.starts_with("ORG-"))
        .map(|f| (f.rule.to_string(), f.resource.clone()))
        .collect();
    assert_eq!(hits, [("ORG-002".to_string(), "batch".to_string())]);
}

/// HA-002 beyond EC2: one Fargate task, a node group of one node and a single-instance
/// broker are single points of failure in prod; subnets that name no zone are not a spread.
#[test]
fn single_points_of_failure_beyond_ec2() {
    let text = design("environment: prod\nnetwork:\n  vpc: 10.0.0.0/16\n  subnets:\n    a: { cidr: 10.0.1.0/24, zone: a }\n    c: { cidr: 10.0.2.0/24, zone: c }\n    x: { cidr: 10.0.3.0/24 }\n    y: { cidr: 10.0.4.0/24 }\nresources:\n  api: { kind: container, cpu: 0.5, memory_gb: 1, count: 1, subnets: [a, c] }\n  eks: { kind: kubernetes, subnets: [a, c], node_groups: [ { instance_type: t3.large, min: 1, max: 3 }, { instance_type: t3.large, min: 2, max: 3 } ] }\n  mq: { kind: queue, engine: rabbitmq, instance_type: mq.m5.large, subnets: [a] }\n  web: { kind: compute, instance_type: t3.micro, count: 2, subnets: [x, y] }\n  ok: { kind: container, cpu: 0.5, memory_gb: 1, tasks: { min: 2, max: 4 }, subnets: [a, c] }\n");
    let report = evaluate_text(&text, &Options::default()).unwrap_or_else(|e| panic!("{e:?}"));
    let mut hits: Vec<(String, String)> = report
        .findings
        .iter()
        .filter(|f| f.rule == "HA-002")
        .map(|f| (f.resource.clone(), f.path.to_string()))
        .collect();
    hits.sort();
    let want = [
        ("api", "resources.api.count"),
        ("eks", "resources.eks.node_groups[0].min"),
        ("mq", "resources.mq.deployment"),
        ("web", "resources.web.subnets"),
    ];
    assert_eq!(
        hits,
        want.map(|(a, b)| (a.to_string(), b.to_string())),
        "{:#?}",
        report.findings
    );
    // Readiness does not count the zoneless subnets as several zones either.
    let zone = report
        .readiness
        .scenarios
        .iter()
        .find(|s| s.scenario.as_str() == "zone")
        .unwrap();
    let web = zone
        .components
        .iter()
        .find(|c| c.component == "web")
        .unwrap();
    assert!(web.how.contains("name no zone"), "{web:?}");
    assert!(web.rto_minutes > Some(0.0), "{web:?}");
}

/// NET-004 speaks of internet traffic only where it can arrive: a resource in private
/// subnets with no public address is not reported, one in a public subnet is.
#[test]
fn internet_ingress_needs_a_route() {
    let text = design("network:\n  vpc: 10.0.0.0/16\n  subnets:\n    pub-a: { cidr: 10.0.1.0/24, zone: a, public: true }\n    priv-a: { cidr: 10.0.2.0/24, zone: a }\n  security_groups:\n    app: { ingress: [ { ports: 8080, from: 0.0.0.0/0 } ] }\nresources:\n  inside: { kind: compute, instance_type: t3.micro, subnets: [priv-a], security_groups: [app] }\n  outside: { kind: compute, instance_type: t3.micro, subnets: [pub-a], security_groups: [app] }\n");
    let report = evaluate_text(&text, &Options::default()).unwrap_or_else(|e| panic!("{e:?}"));
    let hits: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.rule == "NET-004")
        .map(|f| f.resource.as_str())
        .collect();
    assert_eq!(hits, ["outside"]);
}

/// A user rule sees each resource as it will be deployed, its defaults filled in: a
/// database whose storage type is not written is gp3 (the format's default), so a rule
/// requiring gp3 holds, and one forbidding it fails. (Testing the text as written instead
/// would report the default as missing: a wrong verdict.)
#[test]
fn user_rules_see_the_defaults_of_what_is_not_written() {
    let design = |op: &str| {
        format!(
            "version: 1\nname: t\nregion: us-east-1\nresources:\n  db: {{ kind: database, engine: postgres, instance_class: db.t3.micro, storage: {{ size_gb: 20 }} }}\npolicy:\n  rules:\n    - id: OWN-001\n      title: gp3\n      severity: low\n      kinds: [database]\n      require: [ {{ path: storage.type, {op}: gp3 }} ]\n"
        )
    };
    let findings = |op: &str| {
        evaluate_text(&design(op), &Options::default())
            .unwrap_or_else(|e| panic!("{e:?}"))
            .findings
            .iter()
            .filter(|f| f.rule == "OWN-001")
            .count()
    };
    assert_eq!(findings("equals"), 0);
    assert_eq!(findings("not_equals"), 1);
}
