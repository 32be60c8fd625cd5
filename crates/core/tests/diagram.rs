//! The architecture diagram: where things are drawn, what the internet reaches and in which
//! colour, and a golden SVG of every example (`fixtures/expected/<name>/diagram.svg`;
//! `UPDATE_GOLDEN=1 cargo test -p planwright-core --test diagram` rewrites them: look at
//! them in a browser before committing).

use std::fs;
use std::path::Path;

use planwright_core::diagram::{self, Facts};
use planwright_core::{evaluate_text, load, render, Catalog, Options};

fn draw(text: &str) -> String {
    let options = Options {
        catalog: Some(Catalog::embedded()),
        today: Some("2026-12-01"),
        ..Default::default()
    };
    let report = evaluate_text(text, &options).expect("the design evaluates");
    let loaded = load(text, None).expect("the design loads");
    let money = |usd| render::money(&report, usd);
    diagram::svg(&loaded.design, &Facts::of(&report, &loaded.root, &money))
}

/// The `<g class="pwd-node…">` element of a resource.
fn node<'a>(svg: &'a str, name: &str) -> &'a str {
    let at = svg
        .find(&format!(r#"data-name="{name}""#))
        .unwrap_or_else(|| panic!("no node {name}"));
    let start = svg[..at].rfind("<g ").unwrap();
    &svg[start..start + svg[start..].find("</g>").unwrap()]
}

const EXPOSED: &str = "version: 1
name: exposed
region: us-east-1
network:
  vpc: 10.0.0.0/16
  subnets:
    public-a: { cidr: 10.0.0.0/24, zone: a, public: true }
    public-b: { cidr: 10.0.1.0/24, zone: b, public: true }
    data-a: { cidr: 10.0.10.0/24, zone: a }
    data-b: { cidr: 10.0.11.0/24, zone: b }
  security_groups:
    web: { ingress: [ { ports: 443, from: 0.0.0.0/0 } ] }
    db: { ingress: [ { ports: 5432, from: 0.0.0.0/0 }, { ports: 5432, from: web } ] }
resources:
  lb: { kind: load_balancer, type: alb, subnets: [public-a, public-b], security_groups: [web] }
  db:
    kind: database
    engine: postgres
    instance_class: db.t3.micro
    storage: { size_gb: 20 }
    subnets: [data-a, data-b]
    security_groups: [db]
    publicly_accessible: true
";

#[test]
fn an_open_database_port_is_a_path_from_the_internet_in_the_findings_colour() {
    let svg = draw(EXPOSED);
    let path = svg
        .split("<g class=\"pwd-link\"")
        .find(|g| g.contains(r#"data-from="internet" data-to="db""#))
        .expect("a path from the internet to the database");
    assert!(
        path.contains("pwd-exposed pwd-sev-critical") || path.contains("pwd-exposed pwd-sev-high"),
        "{path}"
    );
    assert!(path.contains("data-rule=\"NET-"), "{path}");
    let db = node(&svg, "db");
    assert!(db.contains(r#"data-line="16""#), "jumps to its line: {db}");
    assert!(
        db.contains("db.t3.micro") && db.contains("$"),
        "type and cost: {db}"
    );
    // The load balancer takes the internet on 443 by design: a path, but not an exposure.
    let lb = svg
        .split("<g class=\"pwd-link\"")
        .find(|g| g.contains(r#"data-to="lb""#))
        .expect("the internet reaches the load balancer");
    assert!(!lb.contains("pwd-exposed"), "{lb}");
    // Security-group edges: the load balancer's group may reach the database on 5432.
    assert!(svg.contains(r#"data-from="lb" data-to="db""#));
}

#[test]
fn resources_sit_in_their_subnets_spanning_their_zones() {
    let svg = draw(EXPOSED);
    let x_of = |g: &str, attr: &str| -> f64 {
        let at = g.find(&format!("{attr}=\"")).unwrap() + attr.len() + 2;
        g[at..at + g[at..].find('"').unwrap()].parse().unwrap()
    };
    let box_of = |name: &str| {
        let g = node(&svg, name);
        let rect = &g[g.find("<rect").unwrap()..];
        (x_of(rect, "x"), x_of(rect, "y"), x_of(rect, "width"))
    };
    let (_, lb_y, lb_w) = box_of("lb");
    let (_, db_y, db_w) = box_of("db");
    assert!(lb_y < db_y, "the public tier is drawn first");
    assert!(
        lb_w > 300.0 && db_w > 300.0,
        "two zones wide: {lb_w} {db_w}"
    );
    assert!(svg.contains(r#"data-subnet="data-b""#));
}

#[test]
fn a_design_without_a_network_still_draws() {
    let svg = draw("version: 1\nname: n\nregion: us-east-1\nresources:\n  b: { kind: object_storage, usage: { stored_gb: 10 } }\n");
    assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
    assert!(node(&svg, "b").contains("S3"));
}

#[test]
fn every_example_draws_as_its_golden_svg() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let examples = root.join("../../www/examples");
    let mut failed = Vec::new();
    let mut files: Vec<_> = fs::read_dir(&examples)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    for file in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
    {
        let name = file.file_stem().unwrap().to_string_lossy().to_string();
        let svg = draw(&fs::read_to_string(file).unwrap());
        let golden = root
            .join("tests/fixtures/expected")
            .join(&name)
            .join("diagram.svg");
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            fs::create_dir_all(golden.parent().unwrap()).unwrap();
            fs::write(&golden, &svg).unwrap();
        } else if fs::read_to_string(&golden).unwrap_or_default() != svg {
            failed.push(name);
        }
    }
    assert!(
        failed.is_empty(),
        "diagrams changed: {failed:?} (UPDATE_GOLDEN=1 to accept)"
    );
}

/// On a large design the security-group edges (every member to every member) are capped,
/// and the picture says so instead of silently dropping them.
#[test]
fn a_large_design_draws_at_most_300_group_edges_and_says_so() {
    let text = planwright_core::sample::generate(1000);
    let svg = draw(&text);
    // A CDN's edge to its origin is not a group edge.
    let origins = load(&text, None)
        .expect("the design loads")
        .design
        .resources
        .iter()
        .filter(|(_, r)| matches!(r, planwright_core::resources::Resource::Cdn(c) if c.origin.is_some()))
        .count();
    let group_edges = svg.matches(r#"<g class="pwd-link" data-from="#).count()
        - svg.matches(r#"data-from="internet""#).count()
        - origins;
    assert_eq!(group_edges, 300);
    assert!(svg.contains("Only the first 300 security-group edges are drawn"));
    assert_eq!(svg.matches(r#"<g class="pwd-node"#).count(), 1000);
    // A small design draws every edge, without the note.
    let small = draw(&planwright_core::sample::generate(10));
    assert!(!small.contains("Only the first"));
}
