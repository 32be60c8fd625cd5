//! Design paths are typed segments end to end: a resource whose name holds dots or brackets
//! (`api.v2`, a Terraform address) is located right by its warnings and findings.

use planwright_core::{evaluate_text, Options};

#[test]
fn a_dotted_resource_name_locates_its_price_warning_and_finding() {
    let design = "version: 1\nname: paths\nregion: us-east-1\nresources:\n  \"api.v2\":\n    kind: compute\n    instance_type: t9.nope\n    count: 1\n  \"aws_db_instance.db[0]\":\n    kind: database\n    engine: postgres\n    instance_class: db.t3.micro\n    storage: { size_gb: 20 }\n";
    let report = evaluate_text(design, &Options::default()).unwrap();
    let price = report
        .diagnostics
        .iter()
        .find(|d| d.message.contains("t9.nope"))
        .expect("the unknown instance type is a warning");
    assert_eq!(price.path, "resources.api.v2.instance_type");
    assert_eq!((price.line, price.column), (Some(7), Some(20)), "{price:?}");
    let unencrypted = report
        .findings
        .iter()
        .find(|f| f.rule == "ENC-001")
        .expect("the database is not encrypted");
    assert_eq!(unencrypted.resource, "aws_db_instance.db[0]");
    assert_eq!(unencrypted.line, Some(10), "{unencrypted:?}");
    // The finding keeps the segments: the resource is one key, dots and brackets included.
    assert_eq!(unencrypted.path.resource(), Some("aws_db_instance.db[0]"));
    assert_eq!(
        price.design_path().resource(),
        Some("api.v2"),
        "the warning's typed path"
    );
    // Reports still show the path as text.
    let json = serde_json::to_value(unencrypted).unwrap();
    assert!(json["path"]
        .as_str()
        .unwrap()
        .starts_with("resources.aws_db_instance.db[0]."));
}
