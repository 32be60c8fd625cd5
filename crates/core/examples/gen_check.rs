//! How many generated fuzz designs evaluate (rather than fail validation): the structured
//! fuzz target must reach the cost and policy engines. `cargo run -p planwright-core --features fuzzing --example gen_check`
use arbitrary::{Arbitrary, Unstructured};
fn main() {
    let (mut ok, mut err) = (0, std::collections::BTreeMap::new());
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..500 {
        let bytes: Vec<u8> = (0..512)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                (state >> 24) as u8
            })
            .collect();
        let Ok(d) =
            planwright_core::fuzzing::GenDesign::arbitrary_take_rest(Unstructured::new(&bytes))
        else {
            continue;
        };
        match planwright_core::evaluate_text(&d.to_yaml(), &Default::default()) {
            Ok(_) => ok += 1,
            Err(e) => *err.entry(e[0].code).or_insert(0) += 1,
        }
    }
    println!("evaluated: {ok}; errors by first code: {err:?}");
}
