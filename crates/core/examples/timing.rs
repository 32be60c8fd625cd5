//! Where evaluation time goes on a generated design: `cargo run --release -p planwright-core --example timing -- 1000`.
use std::time::Instant;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1000);
    let text = planwright_core::sample::generate(n);
    let runs = 20;
    let time = |label: &str, f: &dyn Fn()| {
        let t = Instant::now();
        for _ in 0..runs {
            f();
        }
        println!(
            "{label:<28} {:>8.2} ms",
            t.elapsed().as_secs_f64() * 1000.0 / runs as f64
        );
    };
    let loaded = planwright_core::load(&text, None).unwrap();
    let catalog = planwright_core::Catalog::embedded();
    time("load (parse + type)", &|| {
        planwright_core::load(&text, None).unwrap();
    });
    time("cost", &|| {
        planwright_core::evaluate(&loaded.design, catalog);
    });
    time("cost + policy + readiness", &|| {
        planwright_core::evaluate_loaded(&loaded, None, None);
    });
    let r = planwright_core::evaluate(&loaded.design, catalog);
    time("readiness alone", &|| {
        planwright_core::readiness::report(&loaded.design, catalog, r.cost.monthly.expected, None);
    });
}
