//! `prices sync --provider azure`: pages in the Azure Retail Prices API's format
//! (`tests/fixtures/azure/`, made-up prices) become an Azure catalog that prices a design.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread;

use planwright_core::{evaluate_text, Catalog, Options};
use planwright_prices::azure::{self, AzureOptions, AzureOrigin};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/azure")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("planwright-azure-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn options(out: &Path, origin: AzureOrigin, regions: &[&str]) -> AzureOptions {
    AzureOptions {
        regions: regions.iter().map(|r| r.to_string()).collect(),
        out: out.to_path_buf(),
        origin,
        read_on: "2026-12-08".into(),
    }
}

#[test]
fn linux_pay_as_you_go_hours_are_kept_and_nothing_is_guessed() {
    let out = scratch("dir");
    let s = azure::run(&options(&out, azure::dir(&fixtures()), &["koreacentral"])).unwrap();
    let text = std::fs::read_to_string(out.join("koreacentral.json")).unwrap();
    let file = planwright_core::catalog::file::read(&text).unwrap();
    assert_eq!(file.provider, planwright_core::model::Provider::Azure);
    let vm = &file.groups["vm"];
    // Linux on demand, not the Windows product, the Spot meter or the reservation.
    assert_eq!(vm.prices["Standard_D2s_v5"].to_string(), "0.111");
    assert_eq!(vm.prices["Standard_B1s"].to_string(), "0.0123");
    // Two prices for one SKU at the same standing: left out and said.
    assert!(!vm.prices.contains_key("Standard_E2_v5"));
    assert!(
        s.missing.iter().any(|m| m.contains("Standard_E2_v5")),
        "{:?}",
        s.missing
    );
    // Only the region asked for.
    assert!(!out.join("japaneast.json").exists());
    assert!(
        text.contains("prices.azure.com/api/retail/prices"),
        "{text}"
    );
    assert!(text.contains("2026-12-08"));
}

/// Serves page 1 at the query and page 2 at its `$skip` link, as the API does.
fn serve() -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let log = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&log);
    thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            loop {
                let mut h = String::new();
                if reader.read_line(&mut h).unwrap() == 0 || h == "\r\n" {
                    break;
                }
            }
            let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
            seen.lock().unwrap().push(path.clone());
            let page = if path.contains("$skip=4") {
                "page-2.json"
            } else {
                "page-1.json"
            };
            let body = std::fs::read(fixtures().join(page)).unwrap();
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
        }
    });
    (url, log)
}

#[test]
fn pages_are_followed_over_http_to_the_same_catalog() {
    let (url, log) = serve();
    let over_http = scratch("http");
    azure::run(&options(
        &over_http,
        AzureOrigin::Http { endpoint: url },
        &["koreacentral"],
    ))
    .unwrap();
    let from_dir = scratch("dir2");
    azure::run(&options(
        &from_dir,
        azure::dir(&fixtures()),
        &["koreacentral"],
    ))
    .unwrap();
    let a = std::fs::read_to_string(over_http.join("koreacentral.json")).unwrap();
    let b = std::fs::read_to_string(from_dir.join("koreacentral.json")).unwrap();
    assert_eq!(a, b);
    let requests = log.lock().unwrap().clone();
    assert_eq!(requests.len(), 2, "{requests:?}");
    assert!(
        requests[0].contains("armRegionName%20eq%20%27koreacentral%27"),
        "{requests:?}"
    );
    assert!(requests[1].contains("$skip=4"), "{requests:?}");
}

#[test]
fn a_page_that_is_not_the_format_is_a_clear_error() {
    let dir = scratch("bad");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("page.json"),
        "{ \"Items\": [ { \"retailPrice\": \"cheap\" } ] }",
    )
    .unwrap();
    let e = azure::run(&options(&scratch("bad-out"), azure::dir(&dir), &[])).unwrap_err();
    assert!(
        e.to_string()
            .contains("not a page of the Azure Retail Prices API"),
        "{e}"
    );
}

/// The synced catalog prices an Azure design's virtual machines, citing the list.
#[test]
fn the_synced_catalog_prices_an_azure_design() {
    let out = scratch("price");
    azure::run(&options(&out, azure::dir(&fixtures()), &["koreacentral"])).unwrap();
    let text = std::fs::read_to_string(out.join("koreacentral.json")).unwrap();
    let catalog = Catalog::from_files([("koreacentral.json", text.as_str())]).unwrap();
    let design = "version: 1\nname: t\nprovider: azure\nregion: koreacentral\nresources:\n  web: { kind: compute, instance_type: Standard_D2s_v5, count: 2 }\n  db: { kind: database, engine: postgres, instance_class: Standard_D2ds_v5 }\n";
    let report = evaluate_text(
        design,
        &Options {
            catalog: Some(&catalog),
            ..Default::default()
        },
    )
    .unwrap();
    let web = report
        .cost
        .resources
        .iter()
        .find(|r| r.name == "web")
        .unwrap();
    assert!(web.complete);
    // 2 instances x 730 hours x 0.111.
    assert_eq!(web.monthly.expected.to_string(), "162.06");
    assert!(
        web.lines[0].source.contains("prices.azure.com"),
        "{}",
        web.lines[0].source
    );
    // The database kind has no Azure price source: unpriced, the total incomplete.
    assert!(!report.cost.complete);
    assert!(report
        .diagnostics
        .iter()
        .any(|d| d.code == "no-price-source"));
}
