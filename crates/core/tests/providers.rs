//! The provider layer: a design's region is checked against its provider's regions, and a
//! catalog file names the provider of its prices.

use planwright_core::catalog::file;
use planwright_core::model::Provider;
use planwright_core::{evaluate_text, Catalog, Options};

const FILE: &str = r#"{
  "format": "planwright-catalog",
  "version": 1,
  PROVIDER
  "region": "us-west-2",
  "sources": { "s": { "page": "https://aws.amazon.com/ec2/pricing/on-demand/", "read": "2026-12-04" } },
  "groups": { "ec2": { "source": "s", "unit": "hour", "prices": { "t3.micro": "0.0104" } } }
}"#;

#[test]
fn a_misspelt_region_is_told_apart_from_an_unpriced_one() {
    let text = "version: 1\nname: t\nregion: us-east1\nresources:\n  x: { kind: custom, monthly_usd: 1 }\n";
    let report = evaluate_text(text, &Options::default()).unwrap();
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.code == "unknown-region")
        .expect("a warning on the region");
    assert_eq!(
        d.hint.as_deref(),
        Some("`us-east1` is not one of AWS's regions: did you mean `us-east-1`?")
    );
    assert_eq!(d.line, Some(3));

    // A real region whose prices are not loaded says so, without calling it a typo.
    let text = text.replace("us-east1", "eu-north-1");
    let report = evaluate_text(&text, &Options::default()).unwrap();
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.code == "unknown-region")
        .unwrap();
    assert!(
        d.message.contains("no prices for region `eu-north-1`"),
        "{}",
        d.message
    );
}

#[test]
fn a_catalog_file_names_its_provider() {
    let aws = FILE.replace("PROVIDER", r#""provider": "aws","#);
    let f = file::read(&aws).unwrap();
    assert_eq!(f.provider, Provider::Aws);
    // Absent means AWS, and AWS files are written as before providers were named.
    let plain = FILE.replace("PROVIDER\n", "");
    assert_eq!(file::read(&plain).unwrap().provider, Provider::Aws);
    let cat = Catalog::from_files([("us-west-2.json", aws.as_str())]).unwrap();
    assert_eq!(cat.provider_of("us-west-2"), Provider::Aws);
    let written = cat.to_files();
    assert!(written
        .iter()
        .all(|(_, text)| !text.contains("\"provider\"")));

    let other = FILE.replace("PROVIDER", r#""provider": "oracle-cloud","#);
    let errors = file::read(&other).unwrap_err();
    let e = errors
        .iter()
        .find(|e| e.code == "catalog-provider")
        .unwrap();
    assert_eq!(e.line, Some(4), "{e:?}");
    assert!(e.message.contains("aws"), "{}", e.message);
}

#[test]
fn every_kind_belongs_to_a_known_provider() {
    for info in planwright_core::resources::REGISTRY {
        assert!(Provider::ALL.contains(&info.provider), "{}", info.name);
        assert!(
            info.provider.has_region("us-east-1"),
            "{}: the examples are priced in us-east-1",
            info.name
        );
    }
}

/// One firewall policy written for the three clouds (`fixtures/designs/policy-*.yaml`): the
/// same rules find the same problems on each, on the same resources and groups, each at the
/// line of the rule that opens the port in that file.
#[test]
fn the_same_policy_finds_the_same_on_every_cloud() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/designs");
    let mut seen: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for cloud in ["aws", "azure", "gcp"] {
        let text = std::fs::read_to_string(dir.join(format!("policy-{cloud}.yaml"))).unwrap();
        let report = evaluate_text(&text, &Options::default()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let mut found: Vec<(String, String)> = report
            .findings
            .iter()
            .map(|f| (f.rule.to_string(), f.resource.clone()))
            .collect();
        found.sort();
        for f in report
            .findings
            .iter()
            .filter(|f| f.rule.starts_with("NET-00"))
        {
            let line = lines[f.line.unwrap() as usize - 1];
            let port = if f.rule == "NET-002" { "5432" } else { "22" };
            if f.rule != "NET-004" {
                assert!(line.contains(port), "{cloud} {}: line {line:?}", f.rule);
            }
        }
        seen.push((cloud.to_string(), found));
    }
    let expected: Vec<(String, String)> = [
        ("HA-002", "app"),
        ("HA-002", "bastion"),
        ("HA-002", "web"),
        ("NET-001", "bastion"),
        ("NET-002", "db"),
        ("NET-004", "bastion"),
        ("NET-004", "web"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    for (cloud, found) in &seen {
        assert_eq!(found, &expected, "{cloud}");
    }
}

/// A deny rule above the allow closes the port on Azure and GCP; the same allow with the
/// deny below it leaves it open.
#[test]
fn a_deny_above_an_allow_closes_the_port() {
    for (provider, region, from) in [
        ("azure", "koreacentral", "Internet"),
        ("gcp", "asia-northeast3", "0.0.0.0/0"),
    ] {
        let design = |deny: u32| {
            format!(
                "version: 1\nname: t\nprovider: {provider}\nregion: {region}\nnetwork:\n  security_groups:\n    db:\n      ingress:\n        - {{ priority: {deny}, ports: 5432, from: {from}, action: deny }}\n        - {{ priority: 1000, ports: 5432, from: {from} }}\nresources: {{}}\n"
            )
        };
        let ids = |text: String| -> Vec<String> {
            evaluate_text(&text, &Options::default())
                .unwrap()
                .findings
                .iter()
                .map(|f| f.rule.to_string())
                .collect()
        };
        assert!(ids(design(900)).is_empty(), "{provider}");
        assert_eq!(ids(design(2000)), ["NET-002"], "{provider}");
    }
}
