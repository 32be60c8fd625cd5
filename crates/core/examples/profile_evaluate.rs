//! Runs parse + evaluate of the generated 1,000-resource design in a loop, for profilers:
//! `cargo run --release -p planwright-core --example profile_evaluate`.
fn main() {
    let text = planwright_core::sample::generate(1000);
    if std::env::args().nth(1).as_deref() == Some("print") {
        print!("{text}");
        return;
    }
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(200);
    let t = std::time::Instant::now();
    for _ in 0..n {
        let r = planwright_core::evaluate_text(&text, &Default::default()).expect("evaluates");
        std::hint::black_box(serde_json::to_string(&r).unwrap());
    }
    println!(
        "{:.3} ms per parse + evaluate + JSON",
        t.elapsed().as_secs_f64() * 1000.0 / n as f64
    );
}
