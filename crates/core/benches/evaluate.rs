//! `cargo bench -p planwright-core`: parse and evaluate a generated 1,000-resource design.
//! Bars (docs/design.md, "Quality bars"): evaluate ≤ 1 ms median natively.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use planwright_core::{evaluate, evaluate_text, load, sample, Catalog, Options};

fn bench(c: &mut Criterion) {
    let text = sample::generate(1000);
    let catalog = Catalog::embedded();
    let loaded = load(&text, None).expect("generated design loads");

    c.bench_function("evaluate 1000 resources (cost)", |b| {
        b.iter(|| evaluate(black_box(&loaded.design), catalog))
    });
    c.bench_function("evaluate 1000 resources (cost + policy)", |b| {
        b.iter(|| {
            planwright_core::evaluate_loaded(black_box(&loaded), Some(catalog), Some("2026-11-24"))
        })
    });
    c.bench_function("YAML to spanned tree, 1000 resources", |b| {
        b.iter(|| planwright_core::source::node::parse(black_box(&text)).expect("parses"))
    });
    c.bench_function("parse + validate 1000 resources", |b| {
        b.iter(|| load(black_box(&text), None).expect("loads"))
    });
    c.bench_function("parse + evaluate 1000 resources", |b| {
        b.iter(|| evaluate_text(black_box(&text), &Options::default()).expect("evaluates"))
    });
    // The architecture diagram: layout and SVG, against the floor of reading the text.
    let report = evaluate_text(&text, &Options::default()).expect("evaluates");
    let money = |usd| planwright_core::render::money(&report, usd);
    let facts = planwright_core::diagram::Facts::of(&report, &loaded.root, &money);
    c.bench_function("diagram (layout + SVG), 1000 resources", |b| {
        b.iter(|| planwright_core::diagram::svg(black_box(&loaded.design), &facts))
    });
}

/// What the page does per keystroke on a 200-resource design: re-read the text from the
/// previous tree (one entry parsed), type it, evaluate it.
fn bench_keystroke(c: &mut Criterion) {
    let text = sample::generate(200);
    let tree = planwright_core::source::node::parse(&text).expect("parses");
    let typed = sample::with_last_digit_retyped(&text);
    c.bench_function("keystroke, 200 resources: re-read one entry", |b| {
        b.iter(|| {
            planwright_core::source::reparse::reparse(&text, &tree, black_box(&typed))
                .expect("reads")
        })
    });
    c.bench_function("keystroke, 200 resources: re-read + type + evaluate", |b| {
        b.iter(|| {
            let tree = planwright_core::source::reparse::reparse(&text, &tree, black_box(&typed))
                .expect("reads");
            let loaded = planwright_core::load_tree(std::rc::Rc::new(tree), None).expect("loads");
            planwright_core::evaluate_loaded(&loaded, None, Some("2026-11-24"))
        })
    });
    c.bench_function(
        "200 resources: parse + type + evaluate (no previous tree)",
        |b| b.iter(|| evaluate_text(black_box(&typed), &Options::default()).expect("evaluates")),
    );
}

fn bench_policy(c: &mut Criterion) {
    // 1,000 resources and 10,000 firewall rules (docs/design.md / the policy issue: ≤ 1 ms).
    let text = sample::generate_with_rules(1000, 10_000);
    let loaded = load(&text, None).expect("generated design loads");
    let rules: usize = loaded
        .design
        .network
        .as_ref()
        .map(|n| n.security_groups.values().map(|g| g.ingress.len()).sum())
        .unwrap_or(0);
    assert!(rules >= 10_000, "only {rules} firewall rules");
    let report = evaluate(&loaded.design, Catalog::embedded());
    c.bench_function("policy: 1000 resources, 10000 firewall rules", |b| {
        b.iter(|| {
            planwright_core::policy::check(
                black_box(&loaded.design),
                Some(&report.cost),
                Some("2026-11-24"),
            )
        })
    });
}

fn bench_user_rules(c: &mut Criterion) {
    // 100 user rules (a pack's worth, ten of each shape) over 1,000 resources.
    let mut pack = String::from("rules:\n");
    let shapes = [
        "kinds: [database], require: [ { path: storage.type, equals: gp3 } ]",
        "kinds: [compute], require: [ { path: instance_type, matches: \"t3.*\" } ]",
        "require: [ { path: kind, exists: true } ]",
        "kinds: [database], when: [ { path: engine, in: [mysql, postgres] } ], require: [ { path: backup.retention_days, min: 14 } ]",
        "kinds: [cache], require: [ { path: nodes, min: 2 } ]",
        "kinds: [compute], require: [ { path: \"volumes[*].encrypted\", equals: true } ]",
        "kinds: [object_storage], require: [ { path: versioning, equals: true } ]",
        "kinds: [load_balancer], require: [ { path: internal, not_equals: false } ]",
        "kinds: [container], require: [ { path: cpu, max: 2 } ]",
        "kinds: [database], require: [ { path: engine, not_in: [sqlserver] } ]",
    ];
    for i in 0..100 {
        pack += &format!(
            "  - {{ id: ORG-{i:03}, title: t, severity: low, {} }}\n",
            shapes[i % shapes.len()]
        );
    }
    let pack = planwright_core::policy::load_pack(&pack).expect("pack loads");
    let text = sample::generate(1000);
    let mut loaded = load(&text, None).expect("loads");
    planwright_core::apply_pack(&mut loaded, &pack);
    let rules = loaded.design.policy.clone().unwrap_or_default().rules;
    let findings =
        planwright_core::policy::custom::run(&loaded.design, &rules, &mut |_| None).len();
    println!(
        "user rules benchmark: {} rules, {findings} findings per run",
        rules.len()
    );
    c.bench_function("user rules: 100 rules over 1000 resources", |b| {
        b.iter(|| {
            planwright_core::policy::custom::run(black_box(&loaded.design), &rules, &mut |_| None)
        })
    });
}

criterion_group!(
    benches,
    bench,
    bench_keystroke,
    bench_policy,
    bench_user_rules
);
criterion_main!(benches);
