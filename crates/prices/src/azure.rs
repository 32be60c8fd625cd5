//! `planwright prices sync --provider azure`: Azure's catalogs from the Azure Retail
//! Prices API (`https://prices.azure.com/api/retail/prices`, no credentials needed).
//!
//! The API answers a filtered query with pages of JSON, each
//! `{ "BillingCurrency", "Items": [ { "currencyCode", "retailPrice", "armRegionName",
//! "productName", "skuName", "serviceName", "unitOfMeasure", "type", "armSkuName",
//! "isPrimaryMeterRegion", "effectiveStartDate", "meterId", ... } ], "NextPageLink",
//! "Count" }`, and the next page at `NextPageLink` until it is null. This reads those pages
//! (over HTTP from the API or a mirror, or from a directory of pages already downloaded)
//! and writes one catalog file per region with the core's writer, `provider: azure`.
//!
//! Priced today: virtual machines (`serviceName` `Virtual Machines`), Linux pay-as-you-go
//! (`type` `Consumption`, per `1 Hour`, in USD), keyed by `armSkuName` (`Standard_D2s_v5`)
//! in group `vm`. Spot and Low Priority meters and Windows products are left out. The API
//! has no version number: each group cites the query it came from and the day it was read.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;

use planwright_core::catalog::file::{self, CatalogFile};
use planwright_core::catalog::{Group, Provenance, Source};
use planwright_core::model::Provider;
use rust_decimal::Decimal;
use serde::Deserialize;

use crate::sync::{Summary, SyncError};

/// The Retail Prices API.
pub const AZURE_ENDPOINT: &str = "https://prices.azure.com";
/// The API version queried (its response format is the one documented for it).
pub const API_VERSION: &str = "2023-01-01-preview";
/// Most pages followed for one query (the API pages 1,000 items at a time; virtual machines
/// of every region are well under this many).
const MAX_PAGES: usize = 2_000;

/// Where the pages come from.
pub enum AzureOrigin {
    /// The API or a mirror of it.
    Http { endpoint: String },
    /// Pages already downloaded: every `*.json` file of the directory is one page.
    Dir(PathBuf),
}

pub struct AzureOptions {
    /// Regions (`armRegionName`, e.g. `koreacentral`); empty: every region the pages hold.
    pub regions: Vec<String>,
    pub out: PathBuf,
    pub origin: AzureOrigin,
    /// The day the prices are read, `YYYY-MM-DD` (cited by every group).
    pub read_on: String,
}

#[derive(Deserialize)]
struct Page {
    #[serde(rename = "Items", default)]
    items: Vec<Item>,
    #[serde(rename = "NextPageLink", default)]
    next: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Item {
    #[serde(default)]
    currency_code: String,
    /// The price as a JSON number, printed back as the shortest decimal that reads as the
    /// same number: the list's own text for prices of up to 15 significant digits.
    retail_price: serde_json::Number,
    #[serde(default)]
    arm_region_name: String,
    #[serde(default)]
    product_name: String,
    #[serde(default)]
    sku_name: String,
    #[serde(default)]
    service_name: String,
    #[serde(default)]
    unit_of_measure: String,
    #[serde(rename = "type", default)]
    kind: String,
    #[serde(default)]
    arm_sku_name: String,
    #[serde(default)]
    is_primary_meter_region: bool,
}

/// The query for one region's (or every region's) virtual machine prices.
pub fn query(region: Option<&str>) -> String {
    let mut filter = "serviceName eq 'Virtual Machines' and priceType eq 'Consumption'".to_string();
    if let Some(r) = region {
        filter += &format!(" and armRegionName eq '{r}'");
    }
    format!(
        "/api/retail/prices?api-version={API_VERSION}&$filter={}",
        filter.replace(' ', "%20").replace('\'', "%27")
    )
}

/// Whether an item is a Linux pay-as-you-go virtual machine hour in USD.
fn is_linux_vm_hour(i: &Item) -> bool {
    i.service_name == "Virtual Machines"
        && i.kind == "Consumption"
        && i.unit_of_measure == "1 Hour"
        && i.currency_code == "USD"
        && !i.arm_sku_name.is_empty()
        && !i.product_name.contains("Windows")
        && !i.sku_name.contains("Spot")
        && !i.sku_name.contains("Low Priority")
}

fn read_pages(options: &AzureOptions) -> Result<Vec<(String, Page)>, SyncError> {
    let mut pages = Vec::new();
    match &options.origin {
        AzureOrigin::Dir(dir) => {
            let mut names: Vec<PathBuf> = fs::read_dir(dir)
                .map_err(|e| SyncError::Io(format!("{}: {e}", dir.display())))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect();
            names.sort();
            if names.is_empty() {
                return Err(SyncError::Usage(format!(
                    "{} holds no pages of the Retail Prices API (*.json)",
                    dir.display()
                )));
            }
            for path in names {
                let text = fs::read_to_string(&path)
                    .map_err(|e| SyncError::Io(format!("{}: {e}", path.display())))?;
                pages.push((
                    path.display().to_string(),
                    parse_page(&path.display().to_string(), &text)?,
                ));
            }
        }
        AzureOrigin::Http { endpoint } => {
            let agent = ureq::AgentBuilder::new()
                .timeout_connect(std::time::Duration::from_secs(30))
                .timeout_read(std::time::Duration::from_secs(120))
                .build();
            let queries: Vec<Option<&str>> = if options.regions.is_empty() {
                vec![None]
            } else {
                options.regions.iter().map(|r| Some(r.as_str())).collect()
            };
            for q in queries {
                let mut url = format!("{}{}", endpoint.trim_end_matches('/'), query(q));
                for _ in 0..MAX_PAGES {
                    let text = agent
                        .get(&url)
                        .call()
                        .map_err(|e| SyncError::Format(format!("{url}: {e}")))?
                        .into_string()
                        .map_err(|e| SyncError::Io(format!("{url}: {e}")))?;
                    let page = parse_page(&url, &text)?;
                    let next = page.next.clone();
                    pages.push((url.clone(), page));
                    match next {
                        // Follow only links on the same API: a page cannot send the sync elsewhere.
                        Some(n) if same_api(&n, endpoint) => url = rebase(&n, endpoint),
                        Some(n) => {
                            return Err(SyncError::Format(format!(
                                "{url}: NextPageLink `{n}` leaves the Retail Prices API"
                            )))
                        }
                        None => break,
                    }
                }
            }
        }
    }
    Ok(pages)
}

fn parse_page(what: &str, text: &str) -> Result<Page, SyncError> {
    serde_json::from_str(text).map_err(|e| {
        SyncError::Format(format!(
            "{what}: not a page of the Azure Retail Prices API ({e})"
        ))
    })
}

/// The path and query of a link, without scheme, host and port.
fn path_of(link: &str) -> Option<&str> {
    let rest = link.split_once("://").map(|(_, r)| r).unwrap_or(link);
    rest.find('/').map(|i| &rest[i..])
}

fn host_of(link: &str) -> &str {
    let rest = link.split_once("://").map(|(_, r)| r).unwrap_or(link);
    let host = rest.split('/').next().unwrap_or_default();
    host.split(':').next().unwrap_or_default()
}

/// The API names its next pages on its public host (`prices.azure.com:443`): accepted on
/// that host or the endpoint's own.
fn same_api(link: &str, endpoint: &str) -> bool {
    let host = host_of(link);
    (host == host_of(AZURE_ENDPOINT) || host == host_of(endpoint))
        && path_of(link).is_some_and(|p| p.starts_with("/api/retail/prices"))
}

/// A next-page link on the endpoint in use (a mirror serves the same paths).
fn rebase(link: &str, endpoint: &str) -> String {
    format!(
        "{}{}",
        endpoint.trim_end_matches('/'),
        path_of(link).unwrap_or_default()
    )
}

/// Reads the pages and writes the catalogs.
pub fn run(options: &AzureOptions) -> Result<Summary, SyncError> {
    let pages = read_pages(options)?;
    let mut summary = Summary::default();
    // region -> SKU -> (primary meter region?, price), and SKUs seen at two prices.
    let mut found: BTreeMap<String, BTreeMap<String, (bool, Decimal)>> = BTreeMap::new();
    let mut conflicts: BTreeMap<(String, String), ()> = BTreeMap::new();
    for (what, page) in &pages {
        let mut kept = 0usize;
        for item in page.items.iter().filter(|i| is_linux_vm_hour(i)) {
            if !options.regions.is_empty() && !options.regions.contains(&item.arm_region_name) {
                continue;
            }
            let price = Decimal::from_str(&item.retail_price.to_string())
                .or_else(|_| Decimal::from_scientific(&item.retail_price.to_string()))
                .map_err(|e| {
                    SyncError::Format(format!("{what}: price `{}`: {e}", item.retail_price))
                })?;
            kept += 1;
            let skus = found.entry(item.arm_region_name.clone()).or_default();
            match skus.get(&item.arm_sku_name) {
                Some((_, p)) if *p == price => {}
                // A primary meter region's price wins over another meter's.
                Some((true, _)) if !item.is_primary_meter_region => {}
                Some((primary, _)) if *primary == item.is_primary_meter_region => {
                    conflicts.insert(
                        (item.arm_region_name.clone(), item.arm_sku_name.clone()),
                        (),
                    );
                }
                _ => {
                    skus.insert(
                        item.arm_sku_name.clone(),
                        (item.is_primary_meter_region, price),
                    );
                }
            }
        }
        summary.offers.push(format!(
            "{what}: {} items, {kept} Linux pay-as-you-go VM hours",
            page.items.len()
        ));
    }
    // Two prices for one SKU at the same standing: not guessed, left out.
    for (region, sku) in conflicts.keys() {
        if let Some(skus) = found.get_mut(region) {
            skus.remove(sku);
        }
        summary.missing.push(format!(
            "{sku} in {region}: the list gives it two prices; left out"
        ));
    }
    for r in &options.regions {
        if !found.contains_key(r) {
            summary.missing.push(format!(
                "{r}: no Linux pay-as-you-go virtual machine prices"
            ));
        }
    }
    fs::create_dir_all(&options.out)
        .map_err(|e| SyncError::Io(format!("{}: {e}", options.out.display())))?;
    for (region, skus) in &found {
        if skus.is_empty() {
            continue;
        }
        let source = Arc::new(Source::new(
            "azure-retail-vm",
            Provenance::Page {
                url: format!("{AZURE_ENDPOINT}{}", query(Some(region))),
                read: options.read_on.clone(),
            },
            Some("Azure Retail Prices API: Linux pay-as-you-go (Consumption) virtual machine hours in USD, by ARM SKU name; Spot, Low Priority and Windows meters left out".into()),
        ));
        let group = Group {
            source,
            unit: Arc::from("hours"),
            prices: skus.iter().map(|(k, (_, p))| (k.clone(), *p)).collect(),
        };
        let f = CatalogFile {
            provider: Provider::Azure,
            region: region.clone(),
            specs: BTreeMap::new(),
            groups: [("vm".to_string(), group)].into_iter().collect(),
        };
        let path = options.out.join(format!("{region}.json"));
        fs::write(&path, file::write(&f))
            .map_err(|e| SyncError::Io(format!("{}: {e}", path.display())))?;
        summary.written.push((path, skus.len()));
    }
    Ok(summary)
}

/// Where the fixtures and the loopback tests point the sync.
pub fn dir(path: &Path) -> AzureOrigin {
    AzureOrigin::Dir(path.to_path_buf())
}
