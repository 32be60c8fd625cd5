//! `planwright prices sync --provider gcp --from pricing.yml`: Google Cloud catalogs from
//! the `pricing.yml` of Cyclenerd/google-cloud-pricing-cost-calculator (Apache-2.0,
//! regenerated weekly from Google's Cloud Billing Catalog), read as YAML events so that its
//! 4 MB are streamed, not built into a tree.
//!
//! Read today: `compute.instance.<machine type>` with `cpu`, `ram` (GB) and
//! `cost.<region>.hour`, the on-demand hourly price of the machine (vCPU and memory; a
//! Linux image adds no licence), in group `gce` (the machines' `cpu` and `ram` are read for
//! the summary; a catalog's specs are global, and the default one's are AWS's). Spot, committed-use
//! and monthly figures are left out. Every group cites the file's repository (at the commit
//! given with `--commit`), the day it was generated and its licence.

use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Arc;

use planwright_core::catalog::file::{self, CatalogFile};
use planwright_core::catalog::{Group, Provenance, Source};
use planwright_core::model::Provider;
use rust_decimal::Decimal;
use saphyr_parser::{Event, Parser};

use crate::sync::{Summary, SyncError};

pub struct GcpOptions {
    /// The `pricing.yml` file.
    pub from: PathBuf,
    /// Regions to write; empty: every region the file prices.
    pub regions: Vec<String>,
    pub out: PathBuf,
    /// The repository commit the file is from (cited in the URL).
    pub commit: Option<String>,
}

/// What the file says, by path.
#[derive(Default)]
struct Read {
    generated: Option<String>,
    url: Option<String>,
    /// Machine type -> (vCPU, memory GB).
    specs: BTreeMap<String, (Option<Decimal>, Option<Decimal>)>,
    /// Region -> machine type -> on-demand hourly price.
    hours: BTreeMap<String, BTreeMap<String, Decimal>>,
}

fn number(text: &str, at: &[String]) -> Result<Decimal, SyncError> {
    Decimal::from_str(text)
        .or_else(|_| Decimal::from_scientific(text))
        .map_err(|_| {
            SyncError::Format(format!(
                "pricing.yml {}: `{text}` is not a number",
                at.join(".")
            ))
        })
}

fn read(text: &str) -> Result<Read, SyncError> {
    enum Level {
        /// A map: whether its next scalar is a key.
        Map(bool),
        Seq,
    }
    let mut out = Read::default();
    // The keys from the root to the value being read (`[]` for a list item).
    let mut path: Vec<String> = Vec::new();
    let mut levels: Vec<Level> = Vec::new();
    let mut parser = Parser::new_from_str(text);
    while let Some(event) = parser.next_event() {
        let (event, _) = event.map_err(|e| {
            SyncError::Format(format!(
                "pricing.yml line {}: {}",
                e.marker().line(),
                e.info()
            ))
        })?;
        match event {
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                match levels.last_mut() {
                    // The value of the last key: the key stays on the path until it ends.
                    Some(Level::Map(expect_key)) => *expect_key = true,
                    Some(Level::Seq) => path.push("[]".into()),
                    None => {}
                }
                levels.push(if matches!(event, Event::MappingStart(..)) {
                    Level::Map(true)
                } else {
                    Level::Seq
                });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                levels.pop();
                if !levels.is_empty() {
                    path.pop();
                }
            }
            Event::Scalar(value, ..) => match levels.last_mut() {
                Some(Level::Map(expect_key)) if *expect_key => {
                    path.push(value.to_string());
                    *expect_key = false;
                }
                Some(Level::Map(expect_key)) => {
                    take(&mut out, &path, &value)?;
                    path.pop();
                    *expect_key = true;
                }
                _ => {}
            },
            _ => {}
        }
    }
    Ok(out)
}

/// Keeps the values Planwright prices from; `path` ends with the value's key.
fn take(out: &mut Read, path: &[String], value: &str) -> Result<(), SyncError> {
    let p: Vec<&str> = path.iter().map(String::as_str).collect();
    match p.as_slice() {
        ["about", "generated"] => out.generated = Some(value.to_string()),
        ["about", "url"] => out.url = Some(value.to_string()),
        ["compute", "instance", machine, "cpu"] => {
            out.specs.entry(machine.to_string()).or_default().0 = Some(number(value, path)?);
        }
        ["compute", "instance", machine, "ram"] => {
            out.specs.entry(machine.to_string()).or_default().1 = Some(number(value, path)?);
        }
        ["compute", "instance", machine, "cost", region, "hour"] => {
            out.hours
                .entry(region.to_string())
                .or_default()
                .insert(machine.to_string(), number(value, path)?);
        }
        _ => {}
    }
    Ok(())
}

/// `Thu Jul 30 06:13:17 2026` as `2026-07-30`.
fn civil(generated: &str) -> Option<String> {
    let parts: Vec<&str> = generated.split_whitespace().collect();
    let (month, day, year) = match parts.as_slice() {
        [_, m, d, _, y] => (*m, *d, *y),
        _ => return None,
    };
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let m = MONTHS.iter().position(|x| *x == month)? + 1;
    let d: u32 = day.parse().ok()?;
    Some(format!("{year}-{m:02}-{d:02}"))
}

pub fn run(options: &GcpOptions) -> Result<Summary, SyncError> {
    let text = fs::read_to_string(&options.from)
        .map_err(|e| SyncError::Io(format!("{}: {e}", options.from.display())))?;
    let read = read(&text)?;
    let generated = read.generated.as_deref().and_then(civil).ok_or_else(|| {
        SyncError::Format(format!(
            "{}: no `about.generated` date: not the pricing.yml of Cyclenerd/google-cloud-pricing-cost-calculator",
            options.from.display()
        ))
    })?;
    let repo = read.url.clone().unwrap_or_else(|| {
        "https://github.com/Cyclenerd/google-cloud-pricing-cost-calculator".into()
    });
    let url = match &options.commit {
        Some(c) => format!("{repo}/blob/{c}/pricing.yml"),
        None => format!("{repo}/blob/main/pricing.yml"),
    };
    let source = Arc::new(Source::new(
        "gcp-pricing-yml",
        Provenance::Page {
            url,
            read: generated.clone(),
        },
        Some(format!("pricing.yml generated {generated} from Google's Cloud Billing Catalog by Cyclenerd/google-cloud-pricing-cost-calculator (Apache-2.0, Copyright Nils Knieling): Compute Engine on-demand machine hours (vCPU and memory; Linux adds no licence)")),
    ));
    let mut summary = Summary::default();
    summary.offers.push(format!(
        "{} (generated {generated}): {} machine types, {} regions",
        options.from.display(),
        read.specs.len(),
        read.hours.len()
    ));
    for r in &options.regions {
        if !read.hours.contains_key(r) {
            summary
                .missing
                .push(format!("{r}: no Compute Engine prices in the file"));
        }
    }
    fs::create_dir_all(&options.out)
        .map_err(|e| SyncError::Io(format!("{}: {e}", options.out.display())))?;
    for (region, prices) in &read.hours {
        if !options.regions.is_empty() && !options.regions.contains(region) {
            continue;
        }
        let group = Group {
            source: Arc::clone(&source),
            unit: Arc::from("hours"),
            prices: prices.clone(),
        };
        let f = CatalogFile {
            provider: Provider::Gcp,
            region: region.clone(),
            // The specs are read but not written: a catalog's specs are global (one table
            // for every region, `global.json`), and the default catalog's global file is
            // AWS's.
            specs: BTreeMap::new(),
            groups: [("gce".to_string(), group)].into_iter().collect(),
        };
        let path = options.out.join(format!("{region}.json"));
        fs::write(&path, file::write(&f))
            .map_err(|e| SyncError::Io(format!("{}: {e}", path.display())))?;
        summary.written.push((path, prices.len()));
    }
    Ok(summary)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_generated_date_is_a_civil_date() {
        assert_eq!(
            super::civil("Thu Jul 30 06:13:17 2026").as_deref(),
            Some("2026-07-30")
        );
        assert_eq!(super::civil("Jul 2026"), None);
    }
}
