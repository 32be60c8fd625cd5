//! The pipeline against its floors, measured in one run so the ratios hold on a noisy VM.
//!
//! On `sample::generate` designs of 200, 1,000 and 5,000 resources, the same design as YAML
//! and as JSON:
//! - `floor/yaml_events/N`: iterate the YAML parser's events over the text, nothing else;
//! - `floor/json_value/N`: `serde_json::from_str::<serde_json::Value>` of the JSON text;
//! - `pipeline/read/N`: YAML text to a validated design (`load`);
//! - `pipeline/read_json/N`: JSON text to a validated design;
//! - `pipeline/evaluate_all/N`: the validated design to the whole report (cost, findings,
//!   readiness with its suggestions) with the embedded catalog.
//!
//! `cargo bench -p planwright-core --bench pipeline`; `scripts/bench-pipeline.sh` prints
//! the ratios from criterion's medians.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use planwright_core::{evaluate_loaded, load, sample, Catalog};
use saphyr_parser::Parser;
use std::hint::black_box;

const SIZES: [usize; 3] = [200, 1000, 5000];

/// The sample design as JSON: its tree written out (the same document, keys in order).
fn as_json(yaml: &str) -> String {
    let tree = planwright_core::source::node::parse(yaml).expect("the sample parses");
    serde_json::to_string_pretty(&tree.to_json()).expect("JSON")
}

fn bench(c: &mut Criterion) {
    let catalog = Catalog::embedded();
    for n in SIZES {
        let yaml = sample::generate(n);
        let json = as_json(&yaml);
        let loaded = load(&yaml, None).expect("the sample loads");
        let from_json = load(&json, None).expect("the JSON sample loads");
        assert_eq!(
            loaded.design.resources.len(),
            from_json.design.resources.len(),
            "the JSON text is the same design"
        );

        let mut floor = c.benchmark_group("floor");
        floor.throughput(Throughput::Bytes(yaml.len() as u64));
        floor.bench_with_input(BenchmarkId::new("yaml_events", n), &yaml, |b, text| {
            b.iter(|| {
                let mut events = 0usize;
                for event in Parser::new_from_str(black_box(text)) {
                    event.expect("the sample is YAML");
                    events += 1;
                }
                events
            })
        });
        floor.throughput(Throughput::Bytes(json.len() as u64));
        floor.bench_with_input(BenchmarkId::new("json_value", n), &json, |b, text| {
            b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(text)).expect("JSON"))
        });
        floor.finish();

        let mut pipeline = c.benchmark_group("pipeline");
        pipeline.bench_with_input(BenchmarkId::new("read", n), &yaml, |b, text| {
            b.iter(|| load(black_box(text), None).expect("loads"))
        });
        pipeline.bench_with_input(BenchmarkId::new("read_json", n), &json, |b, text| {
            b.iter(|| load(black_box(text), None).expect("loads"))
        });
        pipeline.bench_with_input(BenchmarkId::new("evaluate_all", n), &loaded, |b, l| {
            b.iter(|| evaluate_loaded(black_box(l), Some(catalog), Some("2026-12-01")))
        });
        pipeline.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
