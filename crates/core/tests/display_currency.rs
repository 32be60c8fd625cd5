//! A design's display currency (any ISO 4217 code with its rate and the rate's date) is on
//! every amount of the Markdown, with the rate said once; a bad code or a missing rate is a
//! located error.

use planwright_core::render::markdown;

const DESIGN: &str = "version: 1\nname: x\nregion: us-east-1\nresources:\n  web: { kind: compute, instance_type: t3.medium, count: 2 }\n";

fn with(display: &str) -> String {
    format!("{DESIGN}display: {display}\n")
}

#[test]
fn every_amount_is_shown_in_the_display_currency_and_the_rate_once() {
    let text = with("{ currency: EUR, per_usd: 0.5, as_of: 2026-12-01 }");
    let report = planwright_core::evaluate_text(&text, &Default::default()).expect("reads");
    let md = markdown(&report);
    let line = md
        .lines()
        .find(|l| l.starts_with("| web | Instance"))
        .expect("the instance line");
    assert!(line.contains(" (€"), "{line}");
    let subtotal = md
        .lines()
        .find(|l| l.contains("*subtotal"))
        .expect("a subtotal");
    assert!(subtotal.contains(" (€"), "{subtotal}");
    assert!(
        md.contains("band $") && md.matches(" (€").count() >= 5,
        "{md}"
    );
    assert_eq!(md.matches("per US dollar").count(), 1, "{md}");
    assert!(
        md.contains("0.5 EUR per US dollar, the rate of 2026-12-01"),
        "{md}"
    );
}

#[test]
fn won_need_no_minor_unit_and_keep_their_old_field() {
    let text = with("{ currency: KRW, usd_to_krw: 1380 }");
    let report = planwright_core::evaluate_text(&text, &Default::default()).expect("reads");
    let md = markdown(&report);
    assert!(
        md.contains("₩1,380 per US dollar, the design's rate (no date given)"),
        "{md}"
    );
}

#[test]
fn a_bad_code_a_missing_rate_and_a_bad_date_are_located() {
    for (display, says, line) in [
        (
            "{ currency: euro, per_usd: 0.9 }",
            "is not a currency code",
            6,
        ),
        ("{ currency: EUR }", "needs `per_usd`", 6),
        (
            "{ currency: EUR, per_usd: 0.9, as_of: yesterday }",
            "is not a date",
            6,
        ),
    ] {
        let errors = planwright_core::evaluate_text(&with(display), &Default::default())
            .expect_err("refused");
        let e = errors
            .iter()
            .find(|e| e.message.contains(says))
            .unwrap_or_else(|| panic!("{errors:?}"));
        assert_eq!(e.line, Some(line), "{e:?}");
        assert!(e.hint.is_some());
    }
}
