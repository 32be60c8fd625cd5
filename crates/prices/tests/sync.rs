//! `prices sync` end to end: offer files in the official format (tests/fixtures/offers,
//! written by tests/fixtures/make_offers.py, with decoys) served by a loopback HTTP server
//! or read from a directory; the catalogs written must be the golden ones, the same bytes
//! either way and on every run, and must price a design exactly.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;

use planwright_core::{evaluate_text, Catalog, Options as EvalOptions};
use planwright_prices::sync::{self, Options, Silent};
use planwright_prices::Origin;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("planwright-prices-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn files_of(dir: &Path) -> BTreeMap<String, String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect()
}

fn sync_from_dir(out: &Path, regions: &[&str]) -> sync::Summary {
    sync::run(
        &Options {
            regions: regions.iter().map(|s| s.to_string()).collect(),
            services: Vec::new(),
            out: out.to_path_buf(),
            origin: Origin::dir(fixtures().join("offers")),
        },
        &mut Silent,
    )
    .unwrap()
}

/// A loopback HTTP/1.1 server for the fixture tree that honours `Range: bytes=N-`. The
/// first request for a path containing `cut` is cut off halfway (the connection closes
/// early), as a dropped transfer would be.
struct Server {
    url: String,
    requests: Arc<Mutex<Vec<String>>>,
}

fn serve(root: PathBuf, cut: Option<&'static str>) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let requests = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&requests);
    let cuts = Arc::new(AtomicUsize::new(0));
    thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let root = root.clone();
            let log = Arc::clone(&log);
            let cuts = Arc::clone(&cuts);
            thread::spawn(move || handle(stream, &root, cut, &log, &cuts));
        }
    });
    Server { url, requests }
}

fn handle(
    mut stream: TcpStream,
    root: &Path,
    cut: Option<&str>,
    log: &Mutex<Vec<String>>,
    cuts: &AtomicUsize,
) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    let mut range_from = None;
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).unwrap() == 0 || h == "\r\n" {
            break;
        }
        if let Some(v) = h.to_ascii_lowercase().strip_prefix("range: bytes=") {
            range_from = v.trim().trim_end_matches('-').parse::<usize>().ok();
        }
    }
    log.lock().unwrap().push(format!(
        "{path} {}",
        range_from.map(|n| format!("from {n}")).unwrap_or_default()
    ));
    let Ok(body) = std::fs::read(root.join(path.trim_start_matches('/'))) else {
        let _ = stream
            .write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        return;
    };
    let start = range_from.unwrap_or(0).min(body.len());
    let part = &body[start..];
    let status = if range_from.is_some() {
        "206 Partial Content"
    } else {
        "200 OK"
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n",
        part.len()
    );
    stream.write_all(head.as_bytes()).unwrap();
    let cut_now = cut.is_some_and(|c| path.contains(c))
        && range_from.is_none()
        && cuts.fetch_add(1, Ordering::SeqCst) == 0;
    if cut_now {
        let _ = stream.write_all(&part[..part.len() / 2]);
        return; // connection dropped mid-transfer
    }
    let _ = stream.write_all(part);
}

#[test]
fn the_catalogs_written_are_the_golden_ones() {
    let out = scratch("golden");
    let summary = sync_from_dir(&out, &["us-west-2", "ap-northeast-2"]);
    let got = files_of(&out);
    assert_eq!(
        got.keys().collect::<Vec<_>>(),
        ["ap-northeast-2.json", "global.json", "us-west-2.json"]
    );
    let golden = fixtures().join("expected");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(&golden).unwrap();
        for (name, text) in &got {
            std::fs::write(golden.join(name), text).unwrap();
        }
    }
    for (name, text) in &got {
        let want = std::fs::read_to_string(golden.join(name)).unwrap_or_default();
        assert!(
            *text == want,
            "{name} differs from tests/fixtures/expected/{name} (UPDATE_GOLDEN=1 to rewrite it after checking):\n{text}"
        );
    }
    // Every offer file read is reported with its version.
    assert!(summary
        .offers
        .iter()
        .all(|o| o.contains("version 20261101120000")));
    // 12 regional offers and the Savings Plans in 2 regions, and the 2 global ones
    // (CloudFront, Route 53).
    assert_eq!(summary.offers.len(), 2 * 13 + 2, "{:#?}", summary.offers);
}

#[test]
fn decoys_are_never_picked_and_every_price_is_exact() {
    let out = scratch("exact");
    sync_from_dir(&out, &["us-west-2"]);
    let files = files_of(&out);
    let cat = Catalog::from_files(files.iter().map(|(n, t)| (n.as_str(), t.as_str()))).unwrap();
    let price = |group: &str, sku: &str| {
        cat.price("us-west-2", group, sku)
            .map(|p| p.usd.to_string())
            .unwrap_or_else(|e| format!("missing: {e:?}"))
    };
    // Every decoy in the fixtures costs 9.x: none may appear anywhere.
    for (name, text) in &files {
        assert!(
            !text.contains(": 9."),
            "{name} holds a decoy's price:\n{text}"
        );
    }
    let want = [
        ("ec2", "t3.medium", "0.0301"),
        ("ec2", "g5.xlarge", "1.3003"),
        ("ec2-ri-1y", "t3.medium", "0.0311"),
        // hourly + upfront / (8,760 h × years)
        ("ec2-ri-1y-partial-upfront", "t3.medium", "0.0405"),
        ("ec2-ri-1y-all-upfront", "t3.medium", "0.02"),
        ("ec2-ri-3y-all-upfront", "t3.medium", "0.01"),
        // Savings Plans rates, matched to the on-demand SKU they discount.
        ("ec2-sp-compute-1y", "t3.medium", "0.0201"),
        ("ec2-sp-compute-3y-all-upfront", "t3.medium", "0.0102"),
        ("ec2-sp-instance-1y-partial-upfront", "t3.medium", "0.0153"),
        ("ebs", "gp3", "0.034"),
        ("ebs-iops", "io1", "0.037"),
        ("ebs-throughput", "gp3", "0.0429296875"),
        ("nat", "hour", "0.039"),
        ("nat-data", "processed", "0.039"),
        ("rds-postgres", "db.m6i.large", "0.2301"),
        ("rds-postgres-ri-1y", "db.m6i.large", "0.1301"),
        ("rds-postgres-multi-az", "db.m6i.large", "0.4302"),
        ("rds-postgres-multi-az-cluster", "db.m6i.large", "0.6303"),
        ("rds-sqlserver-se", "db.m5.large", "0.9306"),
        ("rds-oracle-ee-byol", "db.m5.large", "0.3307"),
        ("aurora-postgres", "db.r6g.large", "0.2308"),
        ("aurora-postgres-io-optimized", "db.r6g.large", "0.3309"),
        ("rds-storage", "gp3", "0.131"),
        ("rds-storage-multi-az", "gp3", "0.232"),
        ("rds-storage", "backup", "0.039"),
        ("rds-storage-iops", "gp3", "0.037"),
        ("aurora-io", "io", "0.32"),
        ("elasticache", "cache.r6g.large", "0.231"),
        (
            "elasticache-ri-3y-partial-upfront",
            "cache.r6g.large",
            "0.042",
        ),
        ("elasticache-valkey", "cache.r6g.large", "0.133"),
        ("mq-rabbitmq", "mq.m5.large", "0.331"),
        ("transfer", "internet-10tb", "0.031"),
        ("transfer", "internet-over", "0.034"),
        ("transfer", "inter-az", "0.035"),
        ("transfer", "inter-region", "0.036"),
        ("transfer-inter-region", "to-ap-northeast-1", "0.037"),
        ("elb", "alb-lcu", "0.003"),
        ("s3", "standard", "0.023"),
        ("s3-requests", "put", "0.003"),
        ("fargate", "vcpu", "0.043"),
        ("eks", "cluster", "0.13"),
        ("waf", "web-acl", "5.3"),
        ("waf-requests", "requests", "0.3"),
        ("secrets-api", "api", "0.03"),
        ("logs", "ingest", "0.53"),
        // Global prices, found from any region through global.json.
        ("route53", "health-check", "0.52"),
        ("route53-queries", "standard", "0.41"),
        ("cloudfront", "egress:United States", "0.081"),
        ("cloudfront-requests", "https:Japan", "0.013"),
    ];
    let wrong: Vec<String> = want
        .iter()
        .filter(|(g, s, p)| price(g, s) != *p)
        .map(|(g, s, p)| format!("{g} {s}: want {p}, got {}", price(g, s)))
        .collect();
    assert!(wrong.is_empty(), "{wrong:#?}");
    // Convertible leases are not standard ones.
    assert!(!files["us-west-2.json"].contains("0.0399"));
    // Specs come from the instance products.
    assert_eq!(cat.spec("g5.xlarge").unwrap().memory_gb.to_string(), "16");
}

#[test]
fn the_output_is_the_same_over_http_with_a_dropped_transfer_and_on_every_run() {
    let from_dir = scratch("dir");
    sync_from_dir(&from_dir, &["us-west-2"]);

    // The EC2 offer file's first transfer drops halfway: the sync resumes it with a Range
    // request and writes the same catalog.
    let server = serve(
        fixtures().join("offers"),
        Some("AmazonEC2/20261101120000/us-west-2"),
    );
    let cache = scratch("cache");
    let over_http = scratch("http");
    let run = |out: &Path| {
        sync::run(
            &Options {
                regions: vec!["us-west-2".into()],
                services: Vec::new(),
                out: out.to_path_buf(),
                origin: Origin::http(&server.url, cache.clone()),
            },
            &mut Silent,
        )
        .unwrap()
    };
    run(&over_http);
    assert_eq!(files_of(&from_dir), files_of(&over_http));
    let log = server.requests.lock().unwrap().clone();
    assert!(
        log.iter()
            .any(|l| l.contains("AmazonEC2/20261101120000/us-west-2") && l.contains("from ")),
        "no resumed request: {log:#?}"
    );

    // Again: the finished downloads are reused (offer files live at versioned paths) and
    // the bytes written are the same.
    let again = scratch("again");
    let before = server.requests.lock().unwrap().len();
    run(&again);
    assert_eq!(files_of(&over_http), files_of(&again));
    let offer_requests = server.requests.lock().unwrap()[before..]
        .iter()
        .filter(|l| l.contains("/20261101120000/"))
        .count();
    assert_eq!(
        offer_requests, 0,
        "finished offer files were downloaded again"
    );
}

#[test]
fn the_synced_catalog_prices_a_us_west_2_design_exactly() {
    let out = scratch("design");
    sync_from_dir(&out, &["us-west-2"]);
    let files = files_of(&out);
    let cat = Catalog::from_files(files.iter().map(|(n, t)| (n.as_str(), t.as_str()))).unwrap();
    let design = "version: 1\nname: oregon\nregion: us-west-2\nresources:\n  web: { kind: compute, instance_type: t3.medium, count: 2, volumes: [ { type: gp3, size_gb: 100 } ] }\n  nat: { kind: nat_gateway, usage: { processed_gb: 100 } }\n";
    let r = evaluate_text(
        design,
        &EvalOptions {
            catalog: Some(&cat),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(r.cost.complete, "{:#?}", r.diagnostics);
    // web: 2 × 730 h × 0.0301 = 43.946 → 43.95; 2 × 100 GB × 0.034 = 6.80
    // nat: 730 h × 0.039 = 28.47; 100 GB × 0.039 = 3.90
    assert_eq!(r.cost.monthly.expected.to_string(), "83.12");
    let line = &r.cost.resources[0].lines[0];
    assert_eq!(
        &*line.source,
        "AWS Price List AmazonEC2 20261101120000 (published 2026-11-01T12:00:00Z)"
    );
}

#[test]
fn what_the_list_distinguishes_is_priced_as_such() {
    let out = scratch("distinct");
    sync_from_dir(&out, &["us-west-2"]);
    let files = files_of(&out);
    let cat = Catalog::from_files(files.iter().map(|(n, t)| (n.as_str(), t.as_str()))).unwrap();
    let design = r#"version: 1
name: oregon-full
region: us-west-2
policy: { budget: { monthly_usd: 5000 } }
resources:
  web: { kind: compute, instance_type: t3.medium, purchase: reserved_1y_partial_upfront }
  batch: { kind: compute, instance_type: t3.medium, purchase: savings_plan_compute_1y }
  db:
    kind: database
    engine: postgres
    instance_class: db.m6i.large
    multi_az: true
    storage: { type: gp3, size_gb: 500, iops: 15000 }
  cache: { kind: cache, engine: redis, node_type: cache.r6g.large, nodes: 2 }
  queue: { kind: queue, engine: rabbitmq, instance_type: mq.m5.large, deployment: single_instance }
  cdn: { kind: cdn, usage: { egress_gb: 1000, requests_m: 10 } }
"#;
    let eval = |text: &str| {
        evaluate_text(
            text,
            &EvalOptions {
                catalog: Some(&cat),
                ..Default::default()
            },
        )
        .unwrap()
    };
    let r = eval(design);
    assert!(r.cost.complete, "{:#?}", r.diagnostics);
    let lines: Vec<String> = r
        .cost
        .resources
        .iter()
        .flat_map(|res| {
            res.lines
                .iter()
                .map(move |l| format!("{}: {} {}", res.name, l.description, l.monthly))
        })
        .collect();
    let want = [
        // 730 h × (0.0305 + 87.6 / 8,760)
        "web: Instance usage (Linux, reserved 1y, partial upfront, t3.medium) 29.57",
        // 730 h × the plan's rate
        "batch: Instance usage (Linux, Compute Savings Plan 1y, no upfront, t3.medium) 14.67",
        // the Multi-AZ deployment's own rate, not twice the Single-AZ one
        "db: Database instance (PostgreSQL, Multi-AZ, db.m6i.large) 314.05",
        "db: Database storage (gp3, Multi-AZ) 116.00",
        // 15,000 IOPS on 500 GB: 12,000 are included
        "db: Provisioned IOPS (gp3 above the baseline, Multi-AZ) 219.00",
        "cache: Cache nodes (2 × cache.r6g.large) 337.26",
        "queue: Broker instances (1 × mq.m5.large) 241.63",
        // Oregon's viewers: CloudFront's United States geography
        "cdn: Data out to viewers (first 10 TB tier) 81.00",
        "cdn: HTTPS requests 11.00",
    ];
    assert_eq!(lines, want);
    assert_eq!(r.cost.monthly.expected.to_string(), "1364.18");
    assert!(!r.findings.iter().any(|f| f.rule.starts_with("COST")));

    // One unpriced line: the budget fails closed.
    let r = eval(&design.replace("db.m6i.large", "db.m6i.huge"));
    assert!(!r.cost.complete);
    let f = r
        .findings
        .iter()
        .find(|f| f.rule == "COST-003")
        .expect("budget finding");
    assert_eq!(f.severity, "high");
    assert_eq!(
        f.message,
        "budget of $5,000.00 can't be verified: 1 line unpriced; the priced part is $1,050.13"
    );
}

#[test]
fn unknown_services_regions_and_bad_files_are_clear_errors() {
    let out = scratch("errors");
    let err = |services: Vec<String>, regions: Vec<String>, origin: Origin| {
        sync::run(
            &Options {
                regions,
                services,
                out: out.clone(),
                origin,
            },
            &mut Silent,
        )
        .unwrap_err()
        .to_string()
    };
    let dir = || Origin::dir(fixtures().join("offers"));
    assert!(err(vec!["AmazonEC3".into()], vec![], dir()).contains("not an offer Planwright prices"));
    assert!(err(vec![], vec!["../x".into()], dir()).contains("not a region code"));
    // A directory that is not a mirror of the price list.
    let empty = scratch("empty");
    assert!(err(vec![], vec![], Origin::dir(empty.clone())).contains("not found"));
    // A truncated offer file is a format error naming it, not a panic or a partial catalog.
    let broken = scratch("broken");
    copy_tree(&fixtures().join("offers"), &broken);
    let f = broken.join("offers/v1.0/aws/AmazonEKS/20261101120000/us-west-2/index.json");
    let text = std::fs::read_to_string(&f).unwrap();
    std::fs::write(&f, &text[..text.len() / 2]).unwrap();
    let e = err(
        vec!["AmazonEKS".into()],
        vec!["us-west-2".into()],
        Origin::dir(broken),
    );
    assert!(
        e.contains("AmazonEKS us-west-2") && e.contains("not a Price List offer file"),
        "{e}"
    );
    assert!(files_of(&out).is_empty());
}

#[test]
fn a_region_missing_from_a_service_is_reported_never_invented() {
    let out = scratch("missing");
    let s = sync_from_dir(&out, &["us-west-2", "eu-north-1"]);
    assert!(
        s.missing
            .iter()
            .any(|m| m.contains("AmazonEC2: no offer file for eu-north-1")),
        "{:#?}",
        s.missing
    );
    assert!(!out.join("eu-north-1.json").exists());
}

fn copy_tree(from: &Path, to: &Path) {
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let target = to.join(p.file_name().unwrap());
        if p.is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_tree(&p, &target);
        } else {
            let mut buf = Vec::new();
            std::fs::File::open(&p)
                .unwrap()
                .read_to_end(&mut buf)
                .unwrap();
            std::fs::write(&target, buf).unwrap();
        }
    }
}
