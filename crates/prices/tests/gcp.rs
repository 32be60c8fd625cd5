//! `prices sync --provider gcp`: a pricing.yml in Cyclenerd's format (`tests/fixtures/gcp/`,
//! made-up prices) becomes GCP catalogs that price a design's Compute Engine instances.

use std::path::{Path, PathBuf};

use planwright_core::{evaluate_text, Catalog, Options};
use planwright_prices::gcp::{run, GcpOptions};

fn out(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("planwright-gcp-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn options(out: &Path, regions: &[&str]) -> GcpOptions {
    GcpOptions {
        from: Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/gcp/pricing.yml"),
        regions: regions.iter().map(|r| r.to_string()).collect(),
        out: out.to_path_buf(),
        commit: Some("0123456789abcdef0123456789abcdef01234567".into()),
    }
}

#[test]
fn machine_hours_and_specs_are_read_and_nothing_else() {
    let dir = out("read");
    let s = run(&options(&dir, &["asia-northeast3", "europe-west9"])).unwrap();
    let text = std::fs::read_to_string(dir.join("asia-northeast3.json")).unwrap();
    let f = planwright_core::catalog::file::read(&text).unwrap();
    assert_eq!(f.provider, planwright_core::model::Provider::Gcp);
    let gce = &f.groups["gce"];
    assert_eq!(
        gce.prices.len(),
        2,
        "machines only, not licences: {:?}",
        gce.prices
    );
    assert_eq!(gce.prices["e2-standard-2"].to_string(), "0.1");
    assert_eq!(gce.prices["n2-standard-4"].to_string(), "0.25");
    assert!(text.contains("blob/0123456789abcdef0123456789abcdef01234567/pricing.yml"));
    assert!(text.contains("Apache-2.0"));
    assert!(text.contains("\"read\": \"2026-07-30\""));
    assert!(
        !dir.join("us-central1.json").exists(),
        "only the regions asked for"
    );
    assert!(
        s.missing.iter().any(|m| m.contains("europe-west9")),
        "{:?}",
        s.missing
    );
}

#[test]
fn the_catalog_prices_a_gcp_design() {
    let dir = out("price");
    run(&options(&dir, &[])).unwrap();
    let text = std::fs::read_to_string(dir.join("us-central1.json")).unwrap();
    let catalog = Catalog::from_files([("us-central1.json", text.as_str())]).unwrap();
    let design = "version: 1\nname: t\nprovider: gcp\nregion: us-central1\nresources:\n  web: { kind: compute, instance_type: e2-standard-2, count: 3 }\n";
    let report = evaluate_text(
        design,
        &Options {
            catalog: Some(&catalog),
            ..Default::default()
        },
    )
    .unwrap();
    // 3 x 730 h x 0.05.
    assert_eq!(report.cost.monthly.expected.to_string(), "109.50");
    assert!(report.cost.complete);
}

#[test]
fn a_file_that_is_not_pricing_yml_is_a_clear_error() {
    let dir = out("bad");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("x.yml");
    std::fs::write(&file, "compute: { instance: {} }\n").unwrap();
    let mut o = options(&out("bad-out"), &[]);
    o.from = file;
    let e = run(&o).unwrap_err();
    assert!(e.to_string().contains("not the pricing.yml"), "{e}");
}
