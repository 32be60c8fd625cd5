//! Usage written as `{ low, expected, high }` carries through to the cost band, per end, and
//! a band that cannot be is a located error. Prices are the embedded us-east-1 catalog's:
//! NAT data processed $0.045 per GB, CloudFront first-tier egress $0.085 per GB.

use planwright_core::{evaluate_text, Options};
use rust_decimal::Decimal;

fn design(resources: &str) -> String {
    format!("version: 1\nname: bands\nregion: us-east-1\nresources:\n{resources}")
}

fn band_of(text: &str, resource: &str) -> (Decimal, Decimal, Decimal) {
    let r = evaluate_text(text, &Options::default()).unwrap_or_else(|e| panic!("{e:?}"));
    let c = r
        .cost
        .resources
        .iter()
        .find(|c| c.name == resource)
        .unwrap_or_else(|| panic!("no {resource}"));
    (c.monthly.low, c.monthly.expected, c.monthly.high)
}

fn usd(s: &str) -> Decimal {
    s.parse().unwrap()
}

#[test]
fn each_end_of_a_usage_band_is_priced_at_its_own_quantity() {
    let one = design("  cdn: { kind: cdn, usage: { egress_gb: 500 } }\n");
    let (low, expected, high) = band_of(&one, "cdn");
    assert_eq!(
        (low, high),
        (expected, expected),
        "a number is known: no band"
    );
    let band = design(
        "  cdn: { kind: cdn, usage: { egress_gb: { low: 100, expected: 500, high: 1000 } } }\n",
    );
    let (low, expected, high) = band_of(&band, "cdn");
    // 100, 500 and 1000 GB at $0.085.
    assert_eq!(
        (low, expected, high),
        (usd("8.50"), usd("42.50"), usd("85.00"))
    );
}

#[test]
fn low_and_high_default_to_expected() {
    let text = design(
        "  nat: { kind: nat_gateway, usage: { processed_gb: { expected: 100, high: 300 } } }\n",
    );
    let (low, expected, high) = band_of(&text, "nat");
    let gateway = usd("32.85"); // 730 h × $0.045
    assert_eq!(low, expected);
    // 100 GB and 300 GB at $0.045.
    assert_eq!(expected, gateway + usd("4.50"));
    assert_eq!(high, gateway + usd("13.50"));
}

/// Internet egress tiers are filled by each end on its own: only the high end reaches the
/// second tier.
#[test]
fn tiers_and_free_allowances_apply_to_each_end() {
    let text = "version: 1\nname: t\nregion: us-east-1\npricing: { free_tier: true }\ntransfer: { internet_egress_gb: { low: 50, expected: 1000, high: 20480 } }\n";
    let r = evaluate_text(text, &Options::default()).unwrap();
    let t = &r.cost.resources[0];
    // The free 100 GB: the low end pays nothing.
    assert_eq!(t.monthly.low, Decimal::ZERO, "{t:?}");
    assert!(t.monthly.expected > Decimal::ZERO);
    let tiers: Vec<&str> = t.lines.iter().map(|l| l.description.as_str()).collect();
    assert!(tiers.iter().any(|d| d.contains("next 40 TB")), "{tiers:?}");
    assert!(t.monthly.high > t.monthly.expected);
}

#[test]
fn a_band_out_of_order_or_misspelt_is_a_located_error() {
    for (usage, says, line_text) in [
        ("{ low: 500, expected: 100 }", "out of order", "{ low"),
        (
            "{ low: 1, expected: 2, hgh: 3 }",
            "unknown field `hgh`",
            "hgh",
        ),
        ("{ low: 1, high: 3 }", "missing field `expected`", "{ low"),
        ("lots", "a number, or { low, expected, high }", "lots"),
    ] {
        let line = format!("  cdn: {{ kind: cdn, usage: {{ egress_gb: {usage} }} }}\n");
        let e = evaluate_text(&design(&line), &Options::default()).expect_err(usage);
        assert_eq!(e.len(), 1, "{usage}: {e:?}");
        assert!(e[0].message.contains(says), "{usage}: {}", e[0].message);
        assert_eq!(e[0].line, Some(5), "{usage}");
        let column = line.find(line_text).unwrap() as u32 + 1;
        assert_eq!(e[0].column, Some(column), "{usage}: {e:?}");
        if usage.contains("hgh") {
            assert!(e[0].hint.as_deref().unwrap_or("").contains("high"), "{e:?}");
        }
    }
}

#[test]
fn expected_counts_lie_between_min_and_max() {
    for (resource, at) in [
        (
            "{ kind: compute, instance_type: t3.micro, scaling: { min: 2, max: 4, expected: 6 } }",
            "resources.w.scaling.expected",
        ),
        (
            "{ kind: container, cpu: 0.5, memory_gb: 1, tasks: { min: 2, max: 4, expected: 1 } }",
            "resources.w.tasks.expected",
        ),
        (
            "{ kind: kubernetes, node_groups: [ { instance_type: m5.large, min: 2, max: 4, expected: 9 } ] }",
            "resources.w.node_groups[0].expected",
        ),
    ] {
        let e = evaluate_text(&design(&format!("  w: {resource}\n")), &Options::default())
            .expect_err(resource);
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(e[0].message.contains("outside"), "{}", e[0].message);
        assert_eq!(e[0].path, at);
    }
    // Node groups take an expected count too: the band opens between the floor and max.
    let text = design("  k: { kind: kubernetes, node_groups: [ { instance_type: m5.large, min: 2, max: 6, expected: 3 } ] }\n");
    let (low, expected, high) = band_of(&text, "k");
    assert!(low < expected && expected < high, "{low} {expected} {high}");
}

/// The examples say where they are uncertain: their bands open.
#[test]
fn the_examples_have_a_band() {
    for (name, text) in [
        (
            "shop-web-app",
            include_str!("../../../www/examples/shop-web-app.yaml"),
        ),
        (
            "fargate-api",
            include_str!("../../../www/examples/fargate-api.yaml"),
        ),
        (
            "k8s-gpu-inference",
            include_str!("../../../www/examples/k8s-gpu-inference.yaml"),
        ),
    ] {
        let r = evaluate_text(text, &Options::default()).unwrap();
        let m = r.cost.monthly;
        assert!(m.low < m.expected && m.expected < m.high, "{name}: {m:?}");
    }
}
