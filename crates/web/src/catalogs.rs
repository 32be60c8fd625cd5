//! The page's prices. The WebAssembly carries none: a design's regions are fetched as
//! catalog files (`catalog/<region>.json`, and `catalog/global.json` once) from the page's
//! own origin when a design first needs them, checked (size, format, region) and merged.
//! Each good download is kept in Cache Storage, so a page without a network still prices
//! from the last copy; a failed, partial or corrupt download changes nothing (the copy in
//! force stays, and the page says what was wrong, with the file's line and column).
//!
//! A user's imported catalog files go on top of the deployment's (a group of the same name
//! replaces the deployment's), and are kept in this browser's Cache Storage too.
//!
//! One store per page, shared by the editor, the embed card and the JS API: the page's
//! state holds a snapshot ([`Prices`]) and is told when it changes ([`subscribe`]).

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;

use planwright_core::catalog::file::is_region_name;
use planwright_core::catalog::GLOBAL;
use planwright_core::limits::MAX_CATALOG_BYTES;
use planwright_core::{Catalog, Diagnostic, Report};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use yew::Callback;

use crate::share_link::{read_bounded, StreamError};

/// Cache Storage: the deployment's files as last downloaded, and the user's imports.
const DOWNLOADED: &str = "planwright-catalogs-v1";
const IMPORTED: &str = "planwright-imported-catalogs-v1";

/// The deployment's catalog file of `region`, relative to the page.
pub fn url_of(region: &str) -> String {
    format!("catalog/{region}.json")
}

/// Where an imported catalog is kept in its cache (a cache key, never fetched).
fn imported_key(region: &str) -> String {
    format!("imported-catalog/{region}.json")
}

/// Where a region's prices stand.
#[derive(Debug, Clone, PartialEq)]
pub enum Fetch {
    Loading,
    /// In force: downloaded now, or the copy kept from an earlier visit.
    Loaded,
    /// The deployment has no catalog for the region (HTTP 404).
    Missing,
    /// No usable copy, and why.
    Failed(String),
}

/// A region's prices in the page.
#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    pub name: String,
    pub fetch: Fetch,
    /// The last download failed while an earlier copy stays in force: what was wrong.
    pub problem: Option<String>,
}

/// A snapshot of the page's prices.
#[derive(Debug, Clone)]
pub struct Prices {
    /// The deployment's catalogs with the user's on top: what designs are priced with.
    pub catalog: Rc<Catalog>,
    /// Every region tried, and where it stands.
    pub regions: Rc<Vec<Region>>,
    /// The regions of the user's imported catalogs.
    pub imported: Rc<Vec<String>>,
    /// The imported catalogs kept in this browser are being read (until they are, a region
    /// the deployment lacks may still get prices). The editor reads them; an embed card
    /// shows the deployment's prices only.
    pub imports_pending: bool,
    version: u64,
}

impl PartialEq for Prices {
    fn eq(&self, other: &Prices) -> bool {
        self.version == other.version
    }
}

impl Default for Prices {
    fn default() -> Prices {
        Prices {
            catalog: Rc::new(Catalog::default()),
            regions: Rc::default(),
            imported: Rc::default(),
            imports_pending: false,
            version: 0,
        }
    }
}

impl Prices {
    /// Where `region` stands (None: not tried yet).
    pub fn fetch(&self, region: &str) -> Option<&Fetch> {
        self.regions
            .iter()
            .find(|r| r.name == region)
            .map(|r| &r.fetch)
    }
}

// Small vectors, not maps: a page uses a handful of regions, and every map type would
// add its own copy of the map's code to the bundle.
#[derive(Default)]
struct Store {
    downloaded: Catalog,
    /// The user's catalogs, by region, in the order imported.
    imported: Vec<(String, Catalog)>,
    regions: Vec<Region>,
    /// Resolved at the next change (`load` waits on them).
    waiters: Vec<js_sys::Function>,
    imports_started: bool,
    imports_ready: bool,
    snapshot: Prices,
    listeners: Vec<(u32, Callback<Prices>)>,
    next_listener: u32,
}

impl Store {
    fn region(&mut self, name: &str) -> &mut Region {
        let at = match self.regions.iter().position(|r| r.name == name) {
            Some(at) => at,
            None => {
                self.regions.push(Region {
                    name: name.to_string(),
                    fetch: Fetch::Loading,
                    problem: None,
                });
                self.regions.len() - 1
            }
        };
        &mut self.regions[at]
    }
}

thread_local! {
    static STORE: RefCell<Store> = RefCell::new(Store::default());
}

fn with<R>(f: impl FnOnce(&mut Store) -> R) -> R {
    STORE.with(|s| f(&mut s.borrow_mut()))
}

/// The prices now.
pub fn prices() -> Prices {
    with(|s| s.snapshot.clone())
}

/// The catalog designs are priced with now.
pub fn catalog() -> Rc<Catalog> {
    with(|s| s.snapshot.catalog.clone())
}

/// Calls `listener` with the new prices whenever they change.
pub fn subscribe(listener: Callback<Prices>) -> u32 {
    with(|s| {
        s.next_listener += 1;
        s.listeners.push((s.next_listener, listener));
        s.next_listener
    })
}

pub fn unsubscribe(id: u32) {
    with(|s| s.listeners.retain(|(i, _)| *i != id));
}

/// Rebuilds the snapshot after a change and tells the listeners and waiters (outside the
/// store's borrow: a listener may read it).
fn changed() {
    let (snapshot, listeners, waiters) = with(|s| {
        let mut catalog = s.downloaded.clone();
        for (_, c) in &s.imported {
            catalog = catalog.merged_with(c);
        }
        s.snapshot = Prices {
            catalog: Rc::new(catalog),
            regions: Rc::new(s.regions.clone()),
            imported: Rc::new(s.imported.iter().map(|(r, _)| r.clone()).collect()),
            imports_pending: s.imports_started && !s.imports_ready,
            version: s.snapshot.version + 1,
        };
        let listeners: Vec<Callback<Prices>> = s.listeners.iter().map(|(_, l)| l.clone()).collect();
        (
            s.snapshot.clone(),
            listeners,
            std::mem::take(&mut s.waiters),
        )
    });
    for l in listeners {
        l.emit(snapshot.clone());
    }
    for w in waiters {
        let _ = w.call0(&JsValue::UNDEFINED);
    }
}

/// Starts fetching what `regions` (and the global prices) need and has not been tried
/// (a region that failed with no copy is tried again), and reading the imported catalogs
/// kept in this browser. Returns at once; the listeners hear of each result.
pub fn ensure(regions: &BTreeSet<String>) {
    restore_imports();
    for r in std::iter::once(GLOBAL).chain(regions.iter().map(String::as_str)) {
        start(r);
    }
}

/// Starts fetching `region` unless it is under way or its status is final (or the name is
/// not a region's: never fetched).
fn start(region: &str) {
    if !is_region_name(region) {
        return;
    }
    let fresh = with(|s| match s.regions.iter_mut().find(|r| r.name == region) {
        None => {
            s.regions.push(Region {
                name: region.to_string(),
                fetch: Fetch::Loading,
                problem: None,
            });
            true
        }
        Some(r) if matches!(r.fetch, Fetch::Failed(_)) => {
            r.fetch = Fetch::Loading;
            true
        }
        Some(_) => false,
    });
    if fresh {
        let task = region.to_string();
        wasm_bindgen_futures::spawn_local(async move {
            run(&task).await;
            changed();
        });
    }
}

/// Fetches `regions` (those not yet tried) and the global prices, and waits for them: the
/// JS API's `loadCatalogs` and the embed card. Returns each region's status.
pub async fn load(regions: &[String]) -> Vec<(String, Fetch)> {
    let all = || std::iter::once(GLOBAL).chain(regions.iter().map(String::as_str));
    for r in all() {
        start(r);
    }
    loop {
        let busy = with(|s| {
            all().any(|r| {
                s.regions
                    .iter()
                    .any(|x| x.name == r && x.fetch == Fetch::Loading)
            })
        });
        if !busy {
            break;
        }
        let next = js_sys::Promise::new(&mut |resolve, _| with(|s| s.waiters.push(resolve)));
        let _ = JsFuture::from(next).await;
    }
    with(|s| {
        regions
            .iter()
            .map(|r| {
                let fetch = match s.regions.iter().find(|x| &x.name == r) {
                    Some(x) => x.fetch.clone(),
                    None => Fetch::Failed(format!("`{r}` is not a region name")),
                };
                (r.clone(), fetch)
            })
            .collect()
    })
}

/// What went wrong with a download.
enum Got {
    /// HTTP 404: the deployment has no such file.
    NotFound,
    /// The network failed (offline): a kept copy is used quietly.
    Offline(String),
    /// The file came but is unusable (HTTP error, too large, cut off, not a catalog).
    Broken(String),
}

/// Fetches, checks and merges one region's file; falls back on the kept copy.
async fn run(region: &str) {
    let url = url_of(region);
    let outcome = download(&url, region).await;
    let (status, problem) = match outcome {
        Ok((catalog, text)) => {
            with(|s| s.downloaded = s.downloaded.merged_with(&catalog));
            // Kept for offline use; a full or disabled cache only loses that.
            let _ = cache_put(DOWNLOADED, &url, &text).await;
            (Fetch::Loaded, None)
        }
        Err(Got::NotFound) => {
            cache_delete(DOWNLOADED, &url).await;
            (Fetch::Missing, None)
        }
        Err(Got::Offline(why)) => fall_back(&url, region, why, true).await,
        Err(Got::Broken(why)) => fall_back(&url, region, why, false).await,
    };
    with(|s| {
        let r = s.region(region);
        r.fetch = status;
        r.problem = problem;
    });
}

/// After a failed download: the copy kept from an earlier visit, if it still reads (a
/// broken download is reported; being offline is not), or the failure.
async fn fall_back(url: &str, region: &str, why: String, quiet: bool) -> (Fetch, Option<String>) {
    let kept = cache_get(DOWNLOADED, url)
        .await
        .and_then(|text| checked(url, region, &text).ok());
    match kept {
        Some(catalog) => {
            with(|s| s.downloaded = s.downloaded.merged_with(&catalog));
            let problem = (!quiet).then(|| {
                format!("{why}. Using the prices kept in this browser from an earlier visit.")
            });
            (Fetch::Loaded, problem)
        }
        None => (Fetch::Failed(why), None),
    }
}

/// GETs `url` (relative: this page's origin only), bounded by the catalog size limit, and
/// reads it as `region`'s catalog.
async fn download(url: &str, region: &str) -> Result<(Catalog, String), Got> {
    let window = web_sys::window().ok_or_else(|| Got::Offline("no window".into()))?;
    let here = window.location().href().unwrap_or_default();
    let resolved = web_sys::Url::new_with_base(url, &here)
        .map_err(|_| Got::Broken(format!("`{url}` is not a URL")))?;
    if resolved.origin() != window.location().origin().unwrap_or_default() {
        return Err(Got::Broken(format!(
            "`{url}` is on another site: prices are only read from this page's own origin"
        )));
    }
    let response = JsFuture::from(window.fetch_with_str(&resolved.href()))
        .await
        .map_err(|_| Got::Offline(format!("Could not download {url} (offline?)")))?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|_| Got::Offline(format!("Could not download {url}")))?;
    if response.status() == 404 {
        return Err(Got::NotFound);
    }
    if !response.ok() {
        return Err(Got::Broken(format!(
            "{url} answered HTTP {}",
            response.status()
        )));
    }
    let too_large = || {
        Got::Broken(format!(
            "{url} is larger than the catalog limit of {} MB",
            MAX_CATALOG_BYTES / (1024 * 1024)
        ))
    };
    let declared = response
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_CATALOG_BYTES as u64) {
        return Err(too_large());
    }
    let bytes = match response.body() {
        Some(body) => read_bounded(&body, MAX_CATALOG_BYTES)
            .await
            .map_err(|e| match e {
                StreamError::TooLarge => too_large(),
                StreamError::Failed => Got::Broken(format!("The download of {url} was cut off")),
            })?,
        None => Vec::new(),
    };
    if declared.is_some_and(|n| n != bytes.len() as u64) {
        return Err(Got::Broken(format!("The download of {url} was cut off")));
    }
    let text =
        String::from_utf8(bytes).map_err(|_| Got::Broken(format!("{url} is not UTF-8 text")))?;
    let catalog = checked(url, region, &text).map_err(Got::Broken)?;
    Ok((catalog, text))
}

/// `text` read as `region`'s catalog file `file`: the first located error otherwise.
fn checked(file: &str, region: &str, text: &str) -> Result<Catalog, String> {
    let catalog = Catalog::parse(text).map_err(|e| first_error(file, &e))?;
    let holds = region_of(&catalog);
    if holds != region {
        return Err(format!(
            "{file} holds the prices of `{holds}`, not of `{region}`"
        ));
    }
    Ok(catalog)
}

/// The region a parsed file's prices are for.
fn region_of(catalog: &Catalog) -> String {
    catalog
        .regions
        .keys()
        .next()
        .cloned()
        .unwrap_or_else(|| GLOBAL.to_string())
}

/// "file line 3, column 5: message [code]" for the first error (and how many more).
pub fn first_error(file: &str, errors: &[Diagnostic]) -> String {
    let Some(d) = errors.first() else {
        return format!("{file} could not be read");
    };
    let at = match (d.line, d.column) {
        (Some(l), Some(c)) => format!("{file} line {l}, column {c}"),
        _ => file.to_string(),
    };
    let more = match errors.len() {
        1 => String::new(),
        n => format!(" (and {} more)", n - 1),
    };
    let hint = d
        .hint
        .as_ref()
        .map(|h| format!(" ({h})"))
        .unwrap_or_default();
    format!("{at}: {} [{}]{hint}{more}", d.message, d.code)
}

/// Reads and adds a user's catalog file (any one region, or the global prices) on top of
/// the deployment's; replaces an earlier import of the same region. Not kept across
/// reloads: see [`keep_import`].
pub fn add_user_catalog(text: &str) -> Result<String, Vec<Diagnostic>> {
    let catalog = Catalog::parse(text)?;
    let region = region_of(&catalog);
    with(|s| {
        s.imported.retain(|(r, _)| *r != region);
        s.imported.push((region.clone(), catalog));
    });
    changed();
    Ok(region)
}

/// The page's import: as [`add_user_catalog`], the errors as one located message.
pub fn import(file: &str, text: &str) -> Result<String, String> {
    add_user_catalog(text).map_err(|e| first_error(file, &e))
}

/// Keeps an imported file in this browser, so it survives a reload; says so when the
/// browser refuses (storage full or disabled).
pub async fn keep_import(region: &str, text: &str) -> Result<(), String> {
    cache_put(IMPORTED, &imported_key(region), text)
        .await
        .map_err(|_| {
            format!(
                "This browser would not keep the imported prices for {region} ({} KB): they apply until the page is reloaded.",
                text.len() / 1024
            )
        })
}

/// Removes every imported catalog (from the page and from this browser).
pub fn remove_imports() {
    with(|s| s.imported.clear());
    changed();
    wasm_bindgen_futures::spawn_local(async {
        if let Some(caches) = web_sys::window().and_then(|w| w.caches().ok()) {
            let _ = JsFuture::from(caches.delete(IMPORTED)).await;
        }
    });
}

/// Reads the imported catalogs kept in this browser (once per page). A kept file that no
/// longer reads is dropped.
fn restore_imports() {
    let started = with(|s| std::mem::replace(&mut s.imports_started, true));
    if started {
        return;
    }
    wasm_bindgen_futures::spawn_local(async {
        let mut found = Vec::new();
        for key in cache_keys(IMPORTED).await {
            if let Some(text) = cache_get(IMPORTED, &key).await {
                match Catalog::parse(&text) {
                    Ok(c) => found.push(c),
                    Err(_) => cache_delete(IMPORTED, &key).await,
                }
            }
        }
        with(|s| {
            for c in found {
                let region = region_of(&c);
                // An import made while these were being read is newer: it wins.
                if !s.imported.iter().any(|(r, _)| *r == region) {
                    s.imported.insert(0, (region, c));
                }
            }
            s.imports_ready = true;
        });
        changed();
    });
}

/// What the headline can say about a report's total.
#[derive(Debug, Clone, PartialEq)]
pub enum TotalState {
    Priced,
    /// Prices still being fetched, for these regions.
    Loading(Vec<String>),
    /// The deployment has no catalog for these regions, and no import covers them.
    NoPrices(Vec<String>),
    /// These regions' catalogs could not be loaded: why.
    Failed(Vec<String>),
}

/// Whether `report` (priced from `wanted`, with home region `home`) can show its total.
/// Only regions its cost lines miss stop the total ("unknown-region" warnings): a region
/// only readiness suggestions use does not.
pub fn total_state(
    prices: &Prices,
    wanted: &BTreeSet<String>,
    home: &str,
    report: &Report,
) -> TotalState {
    let catalog = &prices.catalog;
    let has = |r: &str| {
        if r == GLOBAL {
            catalog.regions.contains_key(GLOBAL)
        } else {
            catalog.has_region(r)
        }
    };
    let status = |r: &str| prices.fetch(r);
    let loading: Vec<String> = std::iter::once(GLOBAL)
        .chain(wanted.iter().map(String::as_str))
        .filter(|r| !has(r))
        .filter(|r| match status(r) {
            None | Some(Fetch::Loading) => true,
            Some(Fetch::Missing) | Some(Fetch::Failed(_)) => prices.imports_pending,
            Some(Fetch::Loaded) => false,
        })
        .filter(|r| *r != GLOBAL || status(r) != Some(&Fetch::Missing))
        .map(str::to_string)
        .collect();
    if !loading.is_empty() {
        return TotalState::Loading(loading);
    }
    if !report
        .diagnostics
        .iter()
        .any(|d| d.code == "unknown-region")
    {
        return TotalState::Priced;
    }
    let mut missing = Vec::new();
    let mut failed = Vec::new();
    for r in wanted
        .iter()
        .map(String::as_str)
        .chain((!wanted.contains(home)).then_some(home))
    {
        if has(r) {
            continue;
        }
        match status(r) {
            Some(Fetch::Failed(why)) => failed.push(why.clone()),
            _ => missing.push(r.to_string()),
        }
    }
    if !failed.is_empty() {
        TotalState::Failed(failed)
    } else if !missing.is_empty() {
        TotalState::NoPrices(missing)
    } else {
        TotalState::Priced
    }
}

// Cache Storage. Unavailable outside secure contexts (and may be full): every helper
// fails quietly, and the page works without it.

async fn cache(name: &str) -> Option<web_sys::Cache> {
    let caches = web_sys::window()?.caches().ok()?;
    JsFuture::from(caches.open(name))
        .await
        .ok()?
        .dyn_into()
        .ok()
}

async fn cache_get(name: &str, key: &str) -> Option<String> {
    let cache = cache(name).await?;
    let found = JsFuture::from(cache.match_with_str(key)).await.ok()?;
    let response: web_sys::Response = found.dyn_into().ok()?;
    let body = response.body()?;
    let bytes = read_bounded(&body, MAX_CATALOG_BYTES).await.ok()?;
    String::from_utf8(bytes).ok()
}

async fn cache_put(name: &str, key: &str, text: &str) -> Result<(), ()> {
    let cache = cache(name).await.ok_or(())?;
    let response = web_sys::Response::new_with_opt_str(Some(text)).map_err(|_| ())?;
    JsFuture::from(cache.put_with_str(key, &response))
        .await
        .map(|_| ())
        .map_err(|_| ())
}

async fn cache_delete(name: &str, key: &str) {
    if let Some(cache) = cache(name).await {
        let _ = JsFuture::from(cache.delete_with_str(key)).await;
    }
}

/// The URLs of a cache's entries.
async fn cache_keys(name: &str) -> Vec<String> {
    let Some(cache) = cache(name).await else {
        return Vec::new();
    };
    let Ok(keys) = JsFuture::from(cache.keys()).await else {
        return Vec::new();
    };
    js_sys::Array::from(&keys)
        .iter()
        .filter_map(|r| r.dyn_into::<web_sys::Request>().ok())
        .map(|r| r.url())
        .collect()
}

/// The repository's default catalog (`catalog/`), for native tests that price without
/// fetching (the same files as the core's embedded catalog).
#[cfg(test)]
pub fn default_catalog_for_tests() -> Catalog {
    Catalog::from_files(DEFAULT_FILES.iter().copied()).unwrap_or_default()
}

#[cfg(test)]
const DEFAULT_FILES: &[(&str, &str)] = &[
    (
        "ap-northeast-1.json",
        include_str!("../../../catalog/ap-northeast-1.json"),
    ),
    (
        "ap-northeast-2.json",
        include_str!("../../../catalog/ap-northeast-2.json"),
    ),
    ("global.json", include_str!("../../../catalog/global.json")),
    (
        "us-east-1.json",
        include_str!("../../../catalog/us-east-1.json"),
    ),
    (
        "asia-northeast1.json",
        include_str!("../../../catalog/asia-northeast1.json"),
    ),
    (
        "asia-northeast3.json",
        include_str!("../../../catalog/asia-northeast3.json"),
    ),
    (
        "us-central1.json",
        include_str!("../../../catalog/us-central1.json"),
    ),
];
