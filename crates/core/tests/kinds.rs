//! The kind registry is complete: every registered kind has each surface a user meets.
//! Adding a kind to `resources/mod.rs` without its example, form fields, docs section,
//! schema entry or golden fixture fails here, with the kind and the missing surface named.

use std::path::Path;

use planwright_core::resources::database::Engine;
use planwright_core::resources::{kind_info, Holds, Resource, REGISTRY};
use planwright_core::source::edit::{apply, Change};
use planwright_core::source::node::{parse, DesignPath};
use planwright_core::{evaluate_text, Catalog, Level, Options};
use serde_json::{json, Value as Json};

const BASE: &str =
    "version: 1\nname: t\nregion: us-east-1\nresources:\n  x: { kind: custom, monthly_usd: 1 }\n";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The base design with `resource` added as `new`, after `changes` (paths below it).
fn design_with(example: &str, changes: &[(DesignPath, Json)]) -> String {
    let value = parse(example).unwrap().to_json();
    let at = DesignPath::root().key("resources").key("new");
    let mut all = vec![Change::Set {
        path: at.clone(),
        value,
    }];
    for (path, value) in changes {
        all.push(Change::Set {
            path: path.clone(),
            value: value.clone(),
        });
    }
    apply(BASE, &all).unwrap()
}

fn errors(text: &str) -> Vec<String> {
    match evaluate_text(text, &Options::default()) {
        Ok(report) => report
            .diagnostics
            .iter()
            .filter(|d| d.level == Level::Error)
            .map(|d| format!("{d:?}"))
            .collect(),
        Err(e) => vec![format!("{e:?}")],
    }
}

#[test]
fn every_kind_reads_its_own_name() {
    for info in REGISTRY {
        let node = parse(info.example).unwrap();
        let r = Resource::load(&node, &DesignPath::root())
            .unwrap_or_else(|e| panic!("{}: the example does not load: {e:?}", info.name));
        assert_eq!(r.kind(), info.name);
        assert_eq!(r.info().name, info.name);
        let serialized = serde_json::to_value(&r).unwrap();
        assert_eq!(
            serialized["kind"], info.name,
            "{}: serde's variant name differs from Kind::NAME",
            info.name
        );
        assert_eq!(kind_info(info.name).map(|k| k.name), Some(info.name));
        assert!(!info.summary.is_empty(), "{}: no summary", info.name);
    }
    let mut names: Vec<_> = REGISTRY.iter().map(|k| k.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), REGISTRY.len(), "a kind is registered twice");
}

#[test]
fn every_example_prices_completely_in_us_east_1() {
    for info in REGISTRY {
        let text = design_with(info.example, &[]);
        let report = evaluate_text(&text, &Options::default())
            .unwrap_or_else(|e| panic!("{}: {e:?}", info.name));
        let priced = report
            .cost
            .resources
            .iter()
            .find(|r| r.name == "new")
            .unwrap_or_else(|| panic!("{}: no cost entry", info.name));
        assert!(
            priced.complete,
            "{}: the example is not fully priced",
            info.name
        );
        assert!(
            !priced.lines.is_empty(),
            "{}: the example has no cost line",
            info.name
        );
        assert_eq!(errors(&text), Vec::<String>::new(), "{}", info.name);
    }
}

#[test]
fn every_form_field_is_a_field_of_the_format() {
    let catalog = Catalog::embedded();
    for info in REGISTRY {
        let example = parse(info.example).unwrap();
        let fields = (info.form_fields)(&example);
        assert!(!fields.is_empty(), "{}: no form fields", info.name);
        let at = DesignPath::root().key("resources").key("new");
        for field in fields {
            let path = field.path_under(&at);
            // Writing a value of the field's type at its path must still read: a misspelt
            // path fails the format's `deny_unknown_fields`.
            let values: Vec<Json> = match field.holds {
                Holds::Number => vec![json!(2)],
                Holds::Toggle => vec![json!(true), json!(false)],
                Holds::Text => vec![json!("a note")],
                Holds::Choice(values) => values.iter().map(|v| json!(v)).collect(),
                Holds::Catalog { group, fallback } => {
                    let has = |g: &str| catalog.group("us-east-1", g).is_some();
                    assert!(
                        has(group) || fallback.is_some_and(has),
                        "{}: field {} reads group `{group}`, which us-east-1's catalog lacks",
                        info.name,
                        field.path
                    );
                    let current = field.node_in(&example).and_then(|n| n.scalar_text());
                    assert!(
                        current.is_some(),
                        "{}: the example does not set its catalog field {}",
                        info.name,
                        field.path
                    );
                    vec![]
                }
            };
            for value in values {
                let text = design_with(info.example, &[(path.clone(), value.clone())]);
                assert_eq!(
                    errors(&text),
                    Vec::<String>::new(),
                    "{}: setting {} to {value}",
                    info.name,
                    field.path
                );
            }
        }
    }
}

#[test]
fn every_kind_has_a_section_in_the_format_reference() {
    let doc = std::fs::read_to_string(root().join("../../docs/format.md")).unwrap();
    for info in REGISTRY {
        let heading = format!("`{}`", info.name);
        let start = doc
            .lines()
            .position(|l| l.starts_with("### ") && l.contains(&heading))
            .unwrap_or_else(|| panic!("docs/format.md has no `### ` heading naming {heading}"));
        let section: Vec<&str> = doc
            .lines()
            .skip(start + 1)
            .take_while(|l| !l.starts_with('#'))
            .collect();
        let section = section.join("\n");
        let example = parse(info.example).unwrap();
        for field in (info.form_fields)(&example) {
            let top = field.path.split('.').next().unwrap_or_default();
            assert!(
                section.contains(&format!("`{top}")) || section.contains(&format!("{top}:")),
                "docs/format.md's section on {heading} does not mention `{top}` (a form field)"
            );
        }
    }
}

#[test]
fn every_kind_is_in_the_schema() {
    let schema = planwright_core::schema::design_schema_json();
    for info in REGISTRY {
        assert!(
            schema.contains(&format!("\"{}\"", info.name)),
            "the design schema has no `{}`",
            info.name
        );
    }
}

#[test]
fn every_kind_is_used_by_a_golden_fixture() {
    let mut texts = String::new();
    for dir in ["tests/fixtures/designs", "../../www/examples"] {
        for entry in std::fs::read_dir(root().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                texts += &std::fs::read_to_string(&path).unwrap();
            }
        }
    }
    for info in REGISTRY {
        assert!(
            texts.contains(&format!("kind: {}", info.name)),
            "no golden design under tests/fixtures/designs or www/examples uses kind `{}`",
            info.name
        );
    }
}

#[test]
fn database_engine_names_are_the_formats() {
    for name in Engine::NAMES {
        let engine: Engine = serde_json::from_value(json!(name))
            .unwrap_or_else(|e| panic!("`{name}` is not an engine: {e}"));
        assert_eq!(serde_json::to_value(engine).unwrap(), json!(name));
    }
}

#[test]
fn a_database_form_offers_its_engines_instance_classes() {
    // SQL Server and Oracle have their own price groups; the form must read the same one
    // as the cost (it used to fall back to PostgreSQL's).
    let info = kind_info("database").unwrap();
    for (engine, group) in [
        ("sqlserver-web", "rds-sqlserver-web"),
        ("oracle-se2", "rds-oracle-se2"),
        ("mysql", "rds-mysql"),
        ("aurora-postgres", "aurora-postgres"),
    ] {
        let node = parse(&format!(
            "{{ kind: database, engine: {engine}, instance_class: db.t3.micro }}"
        ))
        .unwrap();
        let class = (info.form_fields)(&node)
            .into_iter()
            .find(|f| f.path == "instance_class")
            .unwrap();
        assert_eq!(
            class.holds,
            Holds::Catalog {
                group,
                fallback: None
            },
            "{engine}"
        );
    }
}
