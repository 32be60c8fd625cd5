//! Runs the policy check of the 1,000-resource, 10,000-rule design in a loop, for profilers:
//! `cargo run --profile bench -p planwright-core --example profile_policy`.
fn main() {
    let text = planwright_core::sample::generate_with_rules(1000, 10_000);
    let loaded = planwright_core::load(&text, None).expect("loads");
    let report = planwright_core::evaluate(&loaded.design, planwright_core::Catalog::embedded());
    let n = 300;
    let t = std::time::Instant::now();
    for _ in 0..n {
        std::hint::black_box(planwright_core::policy::check(
            &loaded.design,
            Some(&report.cost),
            None,
        ));
    }
    println!(
        "{:.3} ms per policy check",
        t.elapsed().as_secs_f64() * 1000.0 / f64::from(n)
    );
}
