//! Completion and hover with the design format's own schema: what an editor offers where.

use planwright_core::assist::{self, ItemKind, Schema};
use planwright_core::schema::design_schema_json;
use planwright_core::Catalog;

fn schema() -> Schema {
    Schema::from_json(&design_schema_json()).expect("the generated schema reads")
}

fn labels(text: &str, line: u32, column: u32) -> Vec<String> {
    assist::complete(text, line, column, Some(&schema()), Catalog::embedded())
        .items
        .into_iter()
        .map(|i| i.label)
        .collect()
}

const DESIGN: &str = "version: 1\nregion: us-east-1\nresources:\n  web:\n    kind: compute\n    instance_type: t3.micro\n    \n  db:\n    kind: database\n    engine: \n";

#[test]
fn a_resource_offers_the_fields_of_its_kind_it_does_not_have_yet() {
    let fields = labels(DESIGN, 7, 5);
    assert!(fields.contains(&"scaling".to_string()), "{fields:?}");
    assert!(fields.contains(&"security_groups".to_string()));
    assert!(
        !fields.contains(&"instance_type".to_string()),
        "already written"
    );
    assert!(
        !fields.contains(&"engine".to_string()),
        "a database's field"
    );
    let items = assist::complete(DESIGN, 7, 5, Some(&schema()), Catalog::embedded()).items;
    let volumes = items.iter().find(|i| i.label == "volumes").unwrap();
    assert_eq!(volumes.kind, ItemKind::Field);
    assert_eq!(volumes.insert, "volumes: ");
    assert!(
        volumes.docs.as_deref().unwrap_or("").contains("EBS"),
        "{volumes:?}"
    );
}

#[test]
fn an_enumerated_field_offers_its_values() {
    let engines = labels(DESIGN, 10, 13);
    assert!(engines.contains(&"postgres".to_string()), "{engines:?}");
    let top = labels("version: 1\nre", 2, 3);
    assert!(
        top.contains(&"region".to_string()) && top.contains(&"resources".to_string()),
        "{top:?}"
    );
    assert!(!top.contains(&"version".to_string()));
}

#[test]
fn hovering_a_field_shows_its_documentation() {
    let h = assist::hover(DESIGN, 6, 8, Some(&schema())).unwrap();
    assert!(
        h.starts_with("**instance_type**") && h.contains("EC2"),
        "{h}"
    );
}

/// The page's code editor fetches `www/schema.json` (copied to dist/): it must be this
/// schema. `UPDATE_GOLDEN=1 cargo test -p planwright-core --test assist` rewrites it.
#[test]
fn the_page_ships_the_current_schema() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../www/schema.json");
    let now = design_schema_json();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(path, &now).unwrap();
    }
    let shipped = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        shipped == now,
        "www/schema.json is stale: UPDATE_GOLDEN=1 cargo test -p planwright-core --test assist"
    );
}
