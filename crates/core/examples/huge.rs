//! Time to refuse a huge design: `cargo run --release -p planwright-core --example huge`.
use std::time::Instant;

fn main() {
    let resources: Vec<String> = (0..100_000)
        .map(|i| format!("  r{i}: {{kind: custom, monthly_usd: 1}}"))
        .collect();
    let text = format!(
        "version: 1\nname: big\nregion: us-east-1\nresources:\n{}\n",
        resources.join("\n")
    );
    let t = Instant::now();
    let parsed = planwright_core::source::node::parse(&text);
    println!(
        "parse {} bytes: {:?} ({})",
        text.len(),
        t.elapsed(),
        parsed.is_ok()
    );
    let t = Instant::now();
    let loaded = planwright_core::load(&text, None);
    println!(
        "load: {:?} -> {:?}",
        t.elapsed(),
        loaded.err().map(|e| e[0].message.clone())
    );
}
