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

criterion_group!(benches, bench);
criterion_main!(benches);
