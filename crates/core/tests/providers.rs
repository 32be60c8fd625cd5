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
