//! `cargo bench -p planwright-core`: parse and evaluate a generated 1,000-resource design.
//! Bars (DESIGN.md): evaluate ≤ 1 ms median natively.

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
}

fn bench_policy(c: &mut Criterion) {
    // 1,000 resources and 10,000 firewall rules (DESIGN.md / the policy issue: ≤ 1 ms).
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

criterion_group!(benches, bench, bench_policy);
criterion_main!(benches);
