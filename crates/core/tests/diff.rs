//! `planwright diff`'s model: what changed between two reports of a design (cost band,
//! completeness, findings matched by rule and path, readiness verdicts).

use planwright_core::model::Scenario;
use planwright_core::readiness::Verdict;
use planwright_core::render::{diff, diff_markdown};
use planwright_core::Report;

fn report(yaml: &str) -> Report {
    planwright_core::evaluate_text(yaml, &Default::default()).expect("the design reads")
}

const BASE: &str = "version: 1\nname: x\nregion: us-east-1\ndr: { targets: { rto: 60m, rpo: 15m } }\nresources:\n  db: { kind: database, engine: mysql, instance_class: db.t3.micro, multi_az: false, backup: { retention_days: 0 } }\n  files: { kind: object_storage, usage: { stored_gb: 10 } }\n";

#[test]
fn findings_are_matched_by_rule_and_path_not_line() {
    let old = report(BASE);
    // A comment above everything moves every line; nothing else changes.
    let moved = report(&format!("# moved\n{BASE}"));
    let d = diff(&old, &moved);
    assert!(d.findings_added.is_empty(), "{:?}", d.findings_added);
    assert!(d.findings_resolved.is_empty(), "{:?}", d.findings_resolved);
    assert!(d.readiness.is_empty());
    let md = diff_markdown(&d, "a", "b");
    assert!(md.contains("Policy findings: no change"), "{md}");
    assert!(
        md.contains("Readiness: no verdict or duration changed"),
        "{md}"
    );
}

#[test]
fn fixing_a_database_resolves_its_findings_and_moves_its_verdicts() {
    let old = report(BASE);
    let fixed = report(&BASE.replace(
        "multi_az: false, backup: { retention_days: 0 }",
        "multi_az: true, backup: { retention_days: 7 }",
    ));
    let d = diff(&old, &fixed);
    assert!(!d.findings_resolved.is_empty());
    assert!(d.findings_resolved.iter().all(|f| f.resource == "db"));
    assert!(d.findings_added.is_empty(), "{:?}", d.findings_added);
    let zone = d
        .readiness
        .iter()
        .find(|c| c.scenario == Scenario::Zone)
        .expect("the zone scenario changed");
    assert_eq!(zone.new.as_ref().map(|o| o.verdict), Some(Verdict::Meets));
    let md = diff_markdown(&d, "a", "b");
    assert!(md.contains("new, ") && md.contains("| resolved |"), "{md}");
    assert!(md.contains("#### Readiness\n"), "{md}");
    // The reverse change shows the same findings as new.
    let back = diff(&fixed, &old);
    assert_eq!(back.findings_added.len(), d.findings_resolved.len());
}

#[test]
fn a_change_of_completeness_is_said() {
    let old = report(BASE);
    let unpriced = report(&BASE.replace("db.t3.micro", "db.nosuch.large"));
    let md = diff_markdown(&diff(&old, &unpriced), "a", "b");
    assert!(md.contains("**Now incomplete**: 1 line unpriced"), "{md}");
    let md = diff_markdown(&diff(&unpriced, &old), "a", "b");
    assert!(md.contains("**Now complete**"), "{md}");
}

#[test]
fn the_band_of_each_change_is_shown() {
    let old = report(BASE);
    let scaled = format!("{BASE}  web: {{ kind: compute, instance_type: t3.medium, scaling: {{ min: 1, max: 6, expected: 3 }} }}\n");
    let d = diff(&old, &report(&scaled));
    let files = d.rows.iter().find(|r| r.name == "web").expect("a row");
    assert!(files.delta_band.low < files.delta_band.expected);
    assert!(files.delta_band.expected < files.delta_band.high);
    let md = diff_markdown(&d, "a", "b");
    assert!(md.contains(" … +$"), "{md}");
}
