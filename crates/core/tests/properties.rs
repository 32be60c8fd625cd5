//! Property tests over generated designs: the total is the exact sum of the displayed
//! lines; cost never falls when counts or sizes grow; a design written back out and read
//! again evaluates the same.

use planwright_core::{evaluate, evaluate_text, Catalog, Options};
use proptest::prelude::*;

const TYPES: &[&str] = &[
    "t3.micro",
    "t3.medium",
    "m5.large",
    "c6i.xlarge",
    "r5.2xlarge",
    "g4dn.xlarge",
];
const CLASSES: &[&str] = &["db.t3.micro", "db.t3.medium", "db.m5.large", "db.r5.xlarge"];

#[derive(Debug, Clone)]
struct Gen {
    region: &'static str,
    computes: Vec<(usize, u32, u32, Option<u32>, f64)>,
    dbs: Vec<(usize, bool, f64)>,
    nat_gb: f64,
    egress_gb: f64,
    bucket_gb: f64,
}

fn gen() -> impl Strategy<Value = Gen> {
    (
        prop::sample::select(vec!["us-east-1", "ap-northeast-2"]),
        prop::collection::vec(
            (
                0..TYPES.len(),
                0u32..5,
                0u32..20,
                prop::option::of(0u32..10),
                1.0f64..2000.0,
            ),
            0..6,
        ),
        prop::collection::vec((0..CLASSES.len(), any::<bool>(), 10.0f64..5000.0), 0..4),
        0.0f64..10_000.0,
        0.0f64..200_000.0,
        0.0f64..100_000.0,
    )
        .prop_map(
            |(region, computes, dbs, nat_gb, egress_gb, bucket_gb)| Gen {
                region,
                computes,
                dbs,
                nat_gb,
                egress_gb,
                bucket_gb,
            },
        )
}

fn render(g: &Gen, scale: u32) -> String {
    let mut s = format!("version: 1\nname: gen\nregion: {}\nresources:\n", g.region);
    for (i, (t, min, extra, sched_min, disk)) in g.computes.iter().enumerate() {
        let min = min * scale;
        let max = min + extra * scale;
        let sched = match sched_min {
            Some(m) => format!(
                ", schedules: [ {{ days: mon-fri, hours: \"09:00-18:00\", min: {} }} ]",
                (m * scale).min(max)
            ),
            None => String::new(),
        };
        s += &format!(
            "  c{i}: {{ kind: compute, instance_type: {}, scaling: {{ min: {min}, max: {max}{sched} }}, volumes: [ {{ size_gb: {} }} ] }}\n",
            TYPES[*t],
            disk * f64::from(scale)
        );
    }
    for (i, (c, multi, size)) in g.dbs.iter().enumerate() {
        s += &format!(
            "  d{i}: {{ kind: database, engine: mysql, instance_class: {}, multi_az: {multi}, storage: {{ size_gb: {} }} }}\n",
            CLASSES[*c],
            size * f64::from(scale)
        );
    }
    s += &format!(
        "  nat: {{ kind: nat_gateway, count: {scale}, usage: {{ processed_gb: {} }} }}\n",
        g.nat_gb * f64::from(scale)
    );
    s += &format!(
        "  bucket: {{ kind: object_storage, usage: {{ stored_gb: {} }} }}\n",
        g.bucket_gb * f64::from(scale)
    );
    s += &format!(
        "transfer: {{ internet_egress_gb: {} }}\n",
        g.egress_gb * f64::from(scale)
    );
    s
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn total_is_the_exact_sum_of_lines(g in gen()) {
        let r = evaluate_text(&render(&g, 1), &Options::default()).unwrap();
        let lines: rust_decimal::Decimal = r.cost.resources.iter().flat_map(|x| &x.lines).map(|l| l.monthly).sum();
        prop_assert_eq!(r.cost.monthly.expected, lines);
        for res in &r.cost.resources {
            let sub: rust_decimal::Decimal = res.lines.iter().map(|l| l.monthly).sum();
            prop_assert_eq!(res.monthly.expected, sub);
            prop_assert!(res.monthly.low <= res.monthly.expected && res.monthly.expected <= res.monthly.high);
        }
        for l in r.cost.resources.iter().flat_map(|x| &x.lines) {
            prop_assert_eq!(l.monthly.scale(), 2.min(l.monthly.scale()));
            prop_assert!(!l.source.is_empty());
        }
    }

    #[test]
    fn cost_is_monotone_in_counts_and_sizes(g in gen()) {
        let one = evaluate_text(&render(&g, 1), &Options::default()).unwrap();
        let two = evaluate_text(&render(&g, 2), &Options::default()).unwrap();
        prop_assert!(two.cost.monthly.low >= one.cost.monthly.low);
        prop_assert!(two.cost.monthly.expected >= one.cost.monthly.expected);
        prop_assert!(two.cost.monthly.high >= one.cost.monthly.high);
    }

    #[test]
    fn serialised_design_reads_back_to_the_same_report(g in gen()) {
        let loaded = planwright_core::load(&render(&g, 1), None).unwrap();
        let json = serde_json::to_string(&loaded.design).unwrap();
        let again = planwright_core::load(&json, None).unwrap();
        prop_assert_eq!(&loaded.design, &again.design);
        let cat = Catalog::embedded();
        prop_assert_eq!(evaluate(&loaded.design, cat), evaluate(&again.design, cat));
    }
}

#[test]
fn examples_round_trip_through_json() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../www/examples");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let loaded = planwright_core::load(&text, None).unwrap();
        let json = serde_json::to_string_pretty(&loaded.design).unwrap();
        let again = planwright_core::load(&json, None)
            .unwrap_or_else(|e| panic!("{}: {e:?}\n{json}", path.display()));
        assert_eq!(loaded.design, again.design, "{}", path.display());
    }
}
