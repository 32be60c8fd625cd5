//! `planwright prices sync`: offer index → each service's region index → each region's
//! offer file (streamed) → Planwright's catalog files, one per region plus `global.json`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs::{self, File};
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use planwright_core::catalog::file::{self, CatalogFile};
use planwright_core::catalog::{Group, Provenance, Source, GLOBAL};
use serde::Deserialize;

use crate::collect::{Collected, OfferCollector};
use crate::fetch::{FetchError, Origin, OFFER_INDEX};
use crate::offer::{self, Header, Pass};
use crate::services::{self, Service, SERVICES};

pub struct Options {
    /// Regions to sync; empty: every commercial region the services' indexes list.
    pub regions: Vec<String>,
    /// Offer codes to read; empty: every service Planwright prices.
    pub services: Vec<String>,
    pub out: PathBuf,
    pub origin: Origin,
}

/// What happened, for the summary and for tests.
#[derive(Debug, Default)]
pub struct Summary {
    /// Files written, with their number of prices.
    pub written: Vec<(PathBuf, usize)>,
    /// One line per offer file read.
    pub offers: Vec<String>,
    /// What was not found or left out (never invented).
    pub missing: Vec<String>,
}

/// How the sync reports progress.
pub trait Progress {
    /// Bytes of one offer file downloaded so far.
    fn bytes(&mut self, what: &str, done: u64, total: Option<u64>);
    /// Products of one offer file read so far, and how many were kept.
    fn products(&mut self, what: &str, read: u64);
    fn note(&mut self, line: &str);
}

/// Progress that says nothing (tests, `--quiet`).
pub struct Silent;
impl Progress for Silent {
    fn bytes(&mut self, _: &str, _: u64, _: Option<u64>) {}
    fn products(&mut self, _: &str, _: u64) {}
    fn note(&mut self, _: &str) {}
}

#[derive(Debug)]
pub enum SyncError {
    Fetch(FetchError),
    /// A file is not in the format the Price List documents.
    Format(String),
    Usage(String),
    Io(String),
}

impl std::fmt::Display for SyncError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            SyncError::Fetch(e) => write!(f, "{e}"),
            SyncError::Format(m) | SyncError::Usage(m) | SyncError::Io(m) => f.write_str(m),
        }
    }
}

impl From<FetchError> for SyncError {
    fn from(e: FetchError) -> Self {
        SyncError::Fetch(e)
    }
}

#[derive(Deserialize)]
struct OfferIndex {
    offers: HashMap<String, OfferEntry>,
}

#[derive(Deserialize)]
struct OfferEntry {
    #[serde(rename = "currentRegionIndexUrl")]
    region_index: Option<String>,
    #[serde(rename = "currentSavingsPlanIndexUrl")]
    savings_plan_index: Option<String>,
}

/// A Savings Plans region index: a list, unlike the services' (an object).
#[derive(Deserialize)]
struct PlanRegionIndex {
    regions: Vec<PlanRegionEntry>,
}

#[derive(Deserialize)]
struct PlanRegionEntry {
    #[serde(rename = "regionCode")]
    region: String,
    #[serde(rename = "versionUrl")]
    url: String,
}

#[derive(Deserialize)]
struct RegionIndex {
    regions: HashMap<String, RegionEntry>,
}

#[derive(Deserialize)]
struct RegionEntry {
    #[serde(rename = "currentVersionUrl")]
    url: String,
}

/// A region code of AWS's commercial partition (`ap-northeast-2`): not a Local or
/// Wavelength Zone (`us-west-2-den-1`), not GovCloud, not China (another endpoint).
pub fn is_commercial_region(code: &str) -> bool {
    let parts: Vec<&str> = code.split('-').collect();
    parts.len() == 3
        && parts.iter().all(|p| !p.is_empty())
        && parts[2].bytes().all(|b| b.is_ascii_digit())
        && !code.starts_with("us-gov-")
        && !code.starts_with("cn-")
        && file::is_region_name(code)
}

pub fn run(opts: &Options, progress: &mut dyn Progress) -> Result<Summary, SyncError> {
    let services = chosen_services(&opts.services)?;
    for r in &opts.regions {
        if !file::is_region_name(r) || r == GLOBAL {
            return Err(SyncError::Usage(format!(
                "`{r}` is not a region code (like us-east-1)"
            )));
        }
    }
    let index: OfferIndex = json(&opts.origin.small(OFFER_INDEX)?, OFFER_INDEX)?;
    let mut summary = Summary::default();

    // Each service's region index: region -> offer file path.
    let mut region_files: Vec<(&Service, BTreeMap<String, String>)> = Vec::new();
    for s in &services {
        let Some(path) = index
            .offers
            .get(s.code)
            .and_then(|o| o.region_index.clone())
        else {
            summary.missing.push(format!(
                "{}: not in the offer index; no prices from it",
                s.code
            ));
            continue;
        };
        let ri: RegionIndex = json(&opts.origin.small(&path)?, &path)?;
        let files = ri.regions.into_iter().map(|(k, v)| (k, v.url)).collect();
        region_files.push((s, files));
    }

    let wanted: BTreeSet<String> = if opts.regions.is_empty() {
        region_files
            .iter()
            .filter(|(s, _)| !s.global)
            .flat_map(|(_, f)| f.keys().cloned())
            .filter(|r| is_commercial_region(r))
            .collect()
    } else {
        opts.regions.iter().cloned().collect()
    };

    // region (or global) -> group -> (source, prices)
    let mut files: BTreeMap<String, CatalogFile> = BTreeMap::new();
    // region -> the on-demand SKUs a Savings Plan may discount there
    let mut discountable: BTreeMap<String, crate::savings::OnDemandSkus> = BTreeMap::new();
    for (service, by_region) in &region_files {
        let regions: Vec<(String, String)> = if service.global {
            // Global prices are filed under one region key (`global`, or us-east-1).
            let key = ["global", "us-east-1"]
                .into_iter()
                .find(|k| by_region.contains_key(*k))
                .or_else(|| by_region.keys().next().map(String::as_str));
            match key.and_then(|k| by_region.get(k).map(|u| (GLOBAL.to_string(), u.clone()))) {
                Some(one) => vec![one],
                None => Vec::new(),
            }
        } else {
            let mut v = Vec::new();
            for r in &wanted {
                match by_region.get(r) {
                    Some(u) => v.push((r.clone(), u.clone())),
                    None => summary.missing.push(format!(
                        "{}: no offer file for {r} in its region index; its prices there are not in the catalog",
                        service.code
                    )),
                }
            }
            v
        };
        for (region, path) in regions {
            let what = format!("{} {region}", service.code);
            let local = opts
                .origin
                .offer_file(&path, &mut |done, total| progress.bytes(&what, done, total))?;
            let (header, collected) = read_offer_file(service, &region, &local, &what, progress)?;
            summary.offers.push(format!(
                "{what}: {} (version {}, published {}): {} products kept",
                path, header.version, header.published, collected.kept
            ));
            for n in &collected.notes {
                summary.missing.push(format!("{what}: {n}"));
            }
            discountable
                .entry(region.clone())
                .or_default()
                .extend(collected.on_demand.clone());
            if collected.groups.is_empty() {
                summary
                    .missing
                    .push(format!("{what}: no product matched; no prices from it"));
            }
            add_to_file(
                files.entry(region.clone()).or_insert_with(|| CatalogFile {
                    region: region.clone(),
                    ..CatalogFile::default()
                }),
                &header,
                collected,
                &mut summary,
                &what,
            );
        }
    }

    // Savings Plans, for the services that have them (EC2 names the plans' index).
    let plan_index = services
        .iter()
        .filter(|s| matches!(s.code, "AmazonEC2" | "AmazonECS"))
        .find_map(|s| {
            index
                .offers
                .get(s.code)
                .and_then(|o| o.savings_plan_index.clone())
        });
    if let (Some(path), false) = (plan_index, discountable.values().all(|m| m.is_empty())) {
        savings_plans(
            opts,
            &path,
            &discountable,
            &mut files,
            &mut summary,
            progress,
        )?;
    }

    fs::create_dir_all(&opts.out)
        .map_err(|e| SyncError::Io(format!("{}: {e}", opts.out.display())))?;
    for (region, f) in &files {
        let count: usize = f.groups.values().map(|g| g.prices.len()).sum();
        if count == 0 {
            continue;
        }
        let path = opts.out.join(format!("{region}.json"));
        let tmp = opts.out.join(format!(".{region}.json.tmp"));
        // Written beside, then renamed: a reader never sees half a file.
        fs::write(&tmp, file::write(f))
            .and_then(|_| fs::rename(&tmp, &path))
            .map_err(|e| SyncError::Io(format!("{}: {e}", path.display())))?;
        summary.written.push((path, count));
    }
    Ok(summary)
}

/// Reads each synced region's Savings Plans file and adds the plans' rates for the
/// on-demand SKUs the service files gave.
fn savings_plans(
    opts: &Options,
    index_path: &str,
    discountable: &BTreeMap<String, crate::savings::OnDemandSkus>,
    files: &mut BTreeMap<String, CatalogFile>,
    summary: &mut Summary,
    progress: &mut dyn Progress,
) -> Result<(), SyncError> {
    // `/savingsPlan/v1.0/aws/AWSComputeSavingsPlan/current/region_index.json`
    let code = index_path
        .split('/')
        .nth(4)
        .unwrap_or("AWSComputeSavingsPlan")
        .to_string();
    let ri: PlanRegionIndex = match opts.origin.small(index_path) {
        Ok(bytes) => json(&bytes, index_path)?,
        Err(FetchError::NotFound(_)) => {
            summary.missing.push(format!(
                "{code}: its region index is not there; no Savings Plans rates"
            ));
            return Ok(());
        }
        Err(e) => return Err(e.into()),
    };
    for (region, on_demand) in discountable {
        if on_demand.is_empty() {
            continue;
        }
        let Some(entry) = ri.regions.iter().find(|r| &r.region == region) else {
            summary
                .missing
                .push(format!("{code}: no Savings Plans file for {region}"));
            continue;
        };
        let what = format!("{code} {region}");
        let local = opts.origin.offer_file(&entry.url, &mut |done, total| {
            progress.bytes(&what, done, total)
        })?;
        let file =
            File::open(&local).map_err(|e| SyncError::Io(format!("{}: {e}", local.display())))?;
        let plans = crate::savings::read(BufReader::with_capacity(1 << 20, file), on_demand)
            .map_err(|e| {
                SyncError::Format(format!(
                    "{what}: {} is not a Savings Plans offer file: {e}",
                    local.display()
                ))
            })?;
        if plans.version.is_empty() || plans.published.is_empty() {
            return Err(SyncError::Format(format!(
                "{what}: {} has no version or publicationDate",
                local.display()
            )));
        }
        let header = Header {
            offer_code: code.clone(),
            version: plans.version.clone(),
            published: plans.published.clone(),
        };
        let kept: usize = plans.groups.values().map(|g| g.prices.len()).sum();
        summary.offers.push(format!(
            "{what}: {} (version {}, published {}): {kept} rates kept",
            entry.url, header.version, header.published
        ));
        for n in &plans.notes {
            summary.missing.push(format!("{what}: {n}"));
        }
        let collected = Collected {
            groups: plans.groups,
            ..Collected::default()
        };
        if let Some(f) = files.get_mut(region) {
            add_to_file(f, &header, collected, summary, &what);
        }
    }
    Ok(())
}

fn chosen_services(codes: &[String]) -> Result<Vec<&'static Service>, SyncError> {
    if codes.is_empty() {
        return Ok(SERVICES.iter().collect());
    }
    codes
        .iter()
        .map(|c| {
            services::service(c).ok_or_else(|| {
                let known: Vec<&str> = SERVICES.iter().map(|s| s.code).collect();
                SyncError::Usage(format!(
                    "`{c}` is not an offer Planwright prices; one of: {}",
                    known.join(", ")
                ))
            })
        })
        .collect()
}

fn json<T: serde::de::DeserializeOwned>(bytes: &[u8], what: &str) -> Result<T, SyncError> {
    serde_json::from_slice(bytes)
        .map_err(|e| SyncError::Format(format!("{what}: not a Price List index file: {e}")))
}

/// Streams one offer file through the service's mapping (a second pass for the terms if
/// the file lists them before the products).
fn read_offer_file(
    service: &Service,
    region: &str,
    path: &Path,
    what: &str,
    progress: &mut dyn Progress,
) -> Result<(Header, Collected), SyncError> {
    let open = || {
        File::open(path)
            .map(|f| BufReader::with_capacity(1 << 20, f))
            .map_err(|e| SyncError::Io(format!("{}: {e}", path.display())))
    };
    let fmt_err = |e: serde_json::Error| {
        SyncError::Format(format!(
            "{what}: {} is not a Price List offer file: {e}",
            path.display()
        ))
    };
    let mut collector =
        OfferCollector::new(service, region, Box::new(|n| progress.products(what, n)));
    let outcome = offer::read(open()?, Pass::Both, &mut collector).map_err(fmt_err)?;
    if outcome.terms_skipped {
        offer::read(open()?, Pass::TermsOnly, &mut collector).map_err(fmt_err)?;
    }
    if let Some(finish) = service.finish {
        finish(&mut collector.out);
    }
    let h = &outcome.header;
    if h.offer_code != service.code || h.version.is_empty() || h.published.is_empty() {
        return Err(SyncError::Format(format!(
            "{what}: {} has offerCode `{}`, version `{}`, publicationDate `{}`; expected {} with a version and a date",
            path.display(),
            h.offer_code,
            h.version,
            h.published,
            service.code
        )));
    }
    Ok((outcome.header, collector.out))
}

fn add_to_file(
    f: &mut CatalogFile,
    header: &Header,
    collected: Collected,
    summary: &mut Summary,
    what: &str,
) {
    let source = Arc::new(Source::new(
        header.offer_code.clone(),
        Provenance::Offer {
            code: header.offer_code.clone(),
            version: header.version.clone(),
            published: header.published.clone(),
        },
        None,
    ));
    f.specs.extend(collected.specs);
    for (name, g) in collected.groups {
        if g.prices.is_empty() {
            continue;
        }
        if f.groups.contains_key(&name) {
            summary.missing.push(format!(
                "{what}: group {name} already filled by another offer; kept that one"
            ));
            continue;
        }
        f.groups.insert(
            name,
            Group {
                source: Arc::clone(&source),
                unit: g.unit.into(),
                prices: g.prices,
            },
        );
    }
}
