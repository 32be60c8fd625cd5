//! Where evaluation time goes: `cargo run --release -p planwright-core --example timing -- 1000`
//! (a generated design of 1,000 resources) or `-- design.yaml`.
use std::time::Instant;

fn main() {
    // A number of generated resources, or a design file.
    let arg = std::env::args().nth(1).unwrap_or_else(|| "1000".into());
    let text = match arg.parse::<usize>() {
        Ok(n) => planwright_core::sample::generate(n),
        Err(_) => std::fs::read_to_string(&arg).expect("a design file"),
    };
    // `PROFILE=1`: only read and evaluate, many times over, for `perf record`;
    // `PROFILE=evaluate`: evaluating only.
    match std::env::var("PROFILE").as_deref() {
        Ok("evaluate") => {
            let loaded = planwright_core::load(&text, None).unwrap();
            for _ in 0..300 {
                std::hint::black_box(planwright_core::evaluate_loaded(&loaded, None, None));
            }
            return;
        }
        Ok(_) => {
            for _ in 0..500 {
                let loaded = planwright_core::load(&text, None).unwrap();
                std::hint::black_box(planwright_core::evaluate_loaded(&loaded, None, None));
            }
            return;
        }
        Err(_) => {}
    }
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
    time("parse to a tree", &|| {
        planwright_core::source::node::parse(&text).unwrap();
    });
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
    // A keystroke: one digit typed over, the tree re-read from the previous one.
    let tree = planwright_core::source::node::parse(&text).unwrap();
    let typed = planwright_core::sample::with_last_digit_retyped(&text);
    time("re-read after a keystroke", &|| {
        planwright_core::source::reparse::reparse(&text, &tree, &typed).unwrap();
    });
    time("keystroke: re-read + type + evaluate", &|| {
        let tree = planwright_core::source::reparse::reparse(&text, &tree, &typed).unwrap();
        let loaded = planwright_core::load_tree(std::rc::Rc::new(tree), None).unwrap();
        planwright_core::evaluate_loaded(&loaded, None, None);
    });
    let r = planwright_core::evaluate(&loaded.design, catalog);
    time("readiness alone", &|| {
        planwright_core::readiness::report(&loaded.design, catalog, r.cost.monthly.expected);
    });
}
