//! No input panics: arbitrary text, and every example with random bytes changed, either
//! evaluates or fails with located errors. (Fuzzing proper comes with the hardening work.)

use planwright_core::{evaluate_text, Options};
use proptest::prelude::*;

const EXAMPLES: &[&str] = &[
    include_str!("../../../www/examples/shop-web-app.yaml"),
    include_str!("../../../www/examples/fargate-api.yaml"),
    include_str!("../../../www/examples/k8s-gpu-inference.yaml"),
    include_str!("../../../www/examples/multi-env.yaml"),
];

fn check(text: &str) {
    for env in [None, Some("dev")] {
        match evaluate_text(
            text,
            &Options {
                env,
                catalog: None,
                today: None,
                pack: None,
            },
        ) {
            Ok(r) => {
                let lines: rust_decimal::Decimal = r
                    .cost
                    .resources
                    .iter()
                    .flat_map(|x| &x.lines)
                    .map(|l| l.monthly)
                    .sum();
                assert_eq!(r.cost.monthly.expected, lines);
            }
            Err(errors) => {
                assert!(!errors.is_empty());
                assert!(
                    errors
                        .iter()
                        .all(|e| e.line.is_some() && e.column.is_some()),
                    "{errors:?}"
                );
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
        check(&text);
    }

    #[test]
    fn yaml_like_text_never_panics(text in "[a-z_:{}\\[\\],\\- 0-9.\\n\"'&*!#|>]{0,400}") {
        check(&text);
    }

    #[test]
    fn mutated_examples_never_panic(
        which in 0..EXAMPLES.len(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), prop::sample::select(vec!["", "-", "9", ":", "{", "]", "\n", "  ", "e9", ".nan", "&a", "*a", "kind: x", "null"])), 1..6),
    ) {
        let mut text = EXAMPLES[which].to_string();
        for (at, insert) in edits {
            let mut i = at.index(text.len().max(1));
            while !text.is_char_boundary(i) { i -= 1; }
            let end = (i + 2).min(text.len());
            let end = if text.is_char_boundary(end) { end } else { i };
            text.replace_range(i..end, insert);
        }
        check(&text);
    }
}
