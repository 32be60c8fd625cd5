//! The price catalog: region -> price group -> SKU -> exact USD price, each group citing
//! where its prices come from (an AWS Price List offer file's code, version and publication
//! date, or, for a price typed by hand, the page and the day it was read).
//!
//! Catalogs are files, one per region plus `global.json` (see [`file`] and
//! `docs/catalog.md`): the same format for the default catalog in `catalog/`, the output of
//! `planwright prices sync` and a user's `--catalog`. The core does no I/O: shells read the
//! files and hand their texts to [`Catalog::from_files`]. The CLI embeds the default
//! catalog (feature `embedded-catalog`); the web page fetches only the regions a design
//! uses, so its WebAssembly carries no prices.

pub mod file;

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use rust_decimal::Decimal;

use crate::diag::{closest, Code, Diagnostic};
use crate::model::Provider;

/// The pseudo-region of prices that do not depend on a region (Route 53, CloudFront
/// requests…): a lookup that finds no group in its region falls back to it.
pub const GLOBAL: &str = "global";

/// AWS's commercial regions; see [`Provider::regions`].
pub use crate::model::provider::AWS_REGIONS;

/// Where a group of prices comes from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Provenance {
    /// An AWS Price List offer file (or another provider's machine-readable list).
    Offer {
        /// The offer code, e.g. `AmazonEC2`.
        code: String,
        /// The offer file's `version`.
        version: String,
        /// The offer file's `publicationDate`.
        published: String,
    },
    /// A page read by a person; `read` is the `YYYY-MM-DD` it was read.
    Page { url: String, read: String },
}

/// A named source of prices, shared by every group citing it.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// The name the catalog file gives it (unique within a file).
    pub name: String,
    pub provenance: Provenance,
    pub note: Option<String>,
    /// The text every line item priced from it carries (shared, not copied, per line).
    pub citation: Arc<str>,
}

impl Source {
    pub fn new(name: impl Into<String>, provenance: Provenance, note: Option<String>) -> Self {
        let citation = match &provenance {
            Provenance::Offer {
                code,
                version,
                published,
            } => format!("AWS Price List {code} {version} (published {published})"),
            Provenance::Page { url, read } => format!("{url} (as of {read})"),
        };
        Source {
            name: name.into(),
            provenance,
            note,
            citation: citation.into(),
        }
    }
}

/// Prices of one kind in one region, all in the same unit and from the same source.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub source: Arc<Source>,
    pub unit: Arc<str>,
    pub prices: BTreeMap<String, Decimal>,
}

/// vCPU and memory of an instance type.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spec {
    pub vcpu: Decimal,
    pub memory_gb: Decimal,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Catalog {
    pub specs: BTreeMap<String, Spec>,
    /// Region (or [`GLOBAL`]) -> group name -> group.
    pub regions: BTreeMap<String, HashMap<String, Group>>,
    /// The provider of each region's prices, when not AWS (the default). Region names do
    /// not collide between providers, so regions stay the key.
    pub providers: BTreeMap<String, Provider>,
}

/// A price found in the catalog.
#[derive(Debug, Clone, Copy)]
pub struct Price<'a> {
    pub usd: Decimal,
    pub unit: &'a Arc<str>,
    pub citation: &'a Arc<str>,
}

/// Why a lookup found nothing, with the closest SKUs of the group.
#[derive(Debug, Clone, PartialEq)]
pub enum Missing {
    Region { suggestions: Vec<String> },
    Sku { suggestions: Vec<String> },
}

impl Catalog {
    /// The default catalog (`catalog/` at the repository root), built into the binary.
    /// Only with the `embedded-catalog` feature: the web page fetches its regions instead.
    #[cfg(feature = "embedded-catalog")]
    pub fn embedded() -> &'static Catalog {
        use std::sync::OnceLock;
        static CATALOG: OnceLock<Catalog> = OnceLock::new();
        CATALOG.get_or_init(|| {
            // The embedded files are checked by tests; an error here would be a build bug,
            // so fall back to an empty catalog (every price "missing") rather than panic.
            Catalog::from_files(file::EMBEDDED.iter().copied()).unwrap_or_default()
        })
    }

    /// The catalog used when a caller names none: the embedded one when built in,
    /// otherwise an empty catalog (every price missing, every total incomplete).
    pub fn default_ref() -> &'static Catalog {
        #[cfg(feature = "embedded-catalog")]
        {
            Catalog::embedded()
        }
        #[cfg(not(feature = "embedded-catalog"))]
        {
            static EMPTY: Catalog = Catalog {
                specs: BTreeMap::new(),
                regions: BTreeMap::new(),
                providers: BTreeMap::new(),
            };
            &EMPTY
        }
    }

    /// Reads one catalog file (one region's prices, or the global ones), reporting every
    /// problem with its location.
    pub fn parse(text: &str) -> Result<Catalog, Vec<Diagnostic>> {
        let f = file::read(text)?;
        let mut cat = Catalog::default();
        cat.add(f);
        Ok(cat)
    }

    /// Reads several catalog files `(name, text)`, e.g. a `prices sync` output directory.
    /// Errors carry the file name in their path, so each points at its file.
    pub fn from_files<'a>(
        files: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Catalog, Vec<Diagnostic>> {
        let mut cat = Catalog::default();
        let mut errors = Vec::new();
        for (name, text) in files {
            match file::read(text) {
                Ok(f)
                    if cat.regions.contains_key(&f.region)
                        && cat.provider_of(&f.region) != f.provider =>
                {
                    errors.push(
                        Diagnostic::error(
                            Code::CatalogProvider,
                            format!(
                                "{name}: prices `{}` for {}, but another file prices it for {}",
                                f.region,
                                f.provider.label(),
                                cat.provider_of(&f.region).label()
                            ),
                        )
                        .with_path(&crate::path::DesignPath::root().key("provider")),
                    );
                }
                Ok(f) => cat.add(f),
                Err(es) => errors.extend(es.into_iter().map(|mut d| {
                    d.message = format!("{name}: {}", d.message);
                    d
                })),
            }
        }
        if errors.is_empty() {
            Ok(cat)
        } else {
            Err(errors)
        }
    }

    /// Adds a file's prices and specs: a later file's group replaces an earlier one of the
    /// same name in the same region.
    pub fn add(&mut self, f: file::CatalogFile) {
        self.specs.extend(f.specs);
        if f.provider == Provider::default() {
            self.providers.remove(&f.region);
        } else {
            self.providers.insert(f.region.clone(), f.provider);
        }
        self.regions.entry(f.region).or_default().extend(f.groups);
    }

    /// This catalog with `overlay`'s specs and prices on top. An overlay group with the
    /// same source extends the existing group; with another source it replaces it (a group
    /// holds one source, so every price keeps its own citation).
    pub fn merged_with(&self, overlay: &Catalog) -> Catalog {
        let mut out = self.clone();
        out.specs
            .extend(overlay.specs.iter().map(|(k, v)| (k.clone(), *v)));
        out.providers
            .extend(overlay.providers.iter().map(|(k, v)| (k.clone(), *v)));
        for (region, groups) in &overlay.regions {
            let target = out.regions.entry(region.clone()).or_default();
            for (gname, g) in groups {
                match target.get_mut(gname) {
                    Some(existing) if existing.source == g.source && existing.unit == g.unit => {
                        existing.prices.extend(g.prices.clone());
                    }
                    _ => {
                        target.insert(gname.clone(), g.clone());
                    }
                }
            }
        }
        out
    }

    /// Whether the catalog has prices of its own for `region` (the global file alone does
    /// not count).
    pub fn has_region(&self, region: &str) -> bool {
        region != GLOBAL && self.regions.contains_key(region)
    }

    /// The provider whose prices `region` holds.
    pub fn provider_of(&self, region: &str) -> Provider {
        self.providers.get(region).copied().unwrap_or_default()
    }

    /// The regions with prices, without the global pseudo-region.
    pub fn region_names(&self) -> impl Iterator<Item = &str> {
        self.regions
            .keys()
            .map(String::as_str)
            .filter(|r| *r != GLOBAL)
    }

    /// The group `group` of `region`, or of the global prices when the region has none.
    pub fn group(&self, region: &str, group: &str) -> Option<&Group> {
        self.regions
            .get(region)
            .and_then(|g| g.get(group))
            .or_else(|| self.regions.get(GLOBAL).and_then(|g| g.get(group)))
    }

    /// The price of `sku` in `group` in `region`.
    pub fn price(&self, region: &str, group: &str, sku: &str) -> Result<Price<'_>, Missing> {
        if !self.has_region(region) {
            return Err(Missing::Region {
                suggestions: closest(region, self.region_names(), 3)
                    .into_iter()
                    .map(str::to_string)
                    .collect(),
            });
        }
        let g = self.group(region, group);
        if let Some((g, usd)) = g.and_then(|g| Some((g, *g.prices.get(sku)?))) {
            return Ok(Price {
                usd,
                unit: &g.unit,
                citation: &g.source.citation,
            });
        }
        Err(Missing::Sku {
            suggestions: g
                .map(|g| {
                    closest(sku, g.prices.keys().map(String::as_str), 3)
                        .into_iter()
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default(),
        })
    }

    pub fn spec(&self, instance_type: &str) -> Option<Spec> {
        self.specs.get(instance_type).copied()
    }

    /// The spec behind a SKU of any group: an instance type, or a class named after one
    /// (`db.t3.micro`, `cache.m5.large`: the type after the first dot).
    pub fn spec_of_sku(&self, sku: &str) -> Option<Spec> {
        self.spec(sku)
            .or_else(|| sku.split_once('.').and_then(|(_, rest)| self.spec(rest)))
    }

    /// This catalog as files, one per region (and `global.json`), in the documented format:
    /// what `prices sync` writes and what [`Catalog::from_files`] reads back unchanged.
    /// Specs go to the global file.
    pub fn to_files(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut regions: Vec<&str> = self.regions.keys().map(String::as_str).collect();
        if !self.specs.is_empty() && !self.regions.contains_key(GLOBAL) {
            regions.push(GLOBAL);
        }
        crate::order::sort(&mut regions);
        for region in regions {
            let groups = self.regions.get(region).cloned().unwrap_or_default();
            let f = file::CatalogFile {
                provider: self.provider_of(region),
                region: region.to_string(),
                specs: if region == GLOBAL {
                    self.specs.clone()
                } else {
                    BTreeMap::new()
                },
                groups,
            };
            out.push((format!("{region}.json"), file::write(&f)));
        }
        out
    }
}

#[cfg(all(test, feature = "embedded-catalog"))]
mod tests {
    use std::str::FromStr;

    use super::*;

    #[test]
    fn embedded_catalog_parses_and_every_group_cites_its_source() {
        let cat = Catalog::from_files(file::EMBEDDED.iter().copied()).expect("embedded catalog");
        assert!(cat.has_region("us-east-1") && cat.has_region("ap-northeast-2"));
        let mut prices = 0;
        for (region, groups) in &cat.regions {
            for (name, g) in groups {
                match &g.source.provenance {
                    Provenance::Page { url, read } => {
                        assert!(url.starts_with("https://"), "{region}/{name}: {url}");
                        assert!(file::is_date(read), "{region}/{name}: {read}");
                    }
                    Provenance::Offer { code, version, .. } => {
                        assert!(!code.is_empty() && !version.is_empty(), "{region}/{name}")
                    }
                }
                assert!(!g.unit.is_empty(), "{region}/{name} has no unit");
                assert!(!g.prices.is_empty(), "{region}/{name} has no prices");
                prices += g.prices.len();
            }
        }
        assert!(prices > 300, "only {prices} prices");
    }

    #[test]
    fn the_embedded_files_are_what_the_writer_writes() {
        // One writer for the default catalog and the sync's output: reading and writing
        // the files again changes nothing.
        let cat = Catalog::from_files(file::EMBEDDED.iter().copied()).unwrap();
        let written = cat.to_files();
        let mut embedded: Vec<(String, String)> = file::EMBEDDED
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        crate::order::sort(&mut embedded);
        assert_eq!(written.len(), embedded.len());
        for ((wn, wt), (en, et)) in written.iter().zip(&embedded) {
            assert_eq!(wn, en);
            assert!(wt == et, "{en} differs from what the writer writes");
        }
    }

    #[test]
    fn prices_are_exact_decimals() {
        let p = Catalog::embedded()
            .price("us-east-1", "ec2", "t3.medium")
            .unwrap();
        assert_eq!(p.usd, Decimal::from_str("0.0416").unwrap());
        assert!(p.citation.contains("aws.amazon.com/ec2/pricing"));
    }

    #[test]
    fn unknown_sku_names_closest() {
        let e = Catalog::embedded()
            .price("us-east-1", "ec2", "t3.mediun")
            .unwrap_err();
        match e {
            Missing::Sku { suggestions } => assert_eq!(suggestions[0], "t3.medium"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_region_without_a_file_is_missing_even_with_global_prices() {
        let e = Catalog::embedded()
            .price("us-west-2", "route53", "zone")
            .unwrap_err();
        assert!(matches!(e, Missing::Region { .. }), "{e:?}");
    }

    #[test]
    fn overlay_overrides_prices() {
        let overlay = Catalog::parse(
            r#"{ "format": "planwright-catalog", "version": 1, "region": "us-east-1",
                 "sources": { "ours": { "page": "https://example.com/prices", "read": "2026-01-01" } },
                 "groups": { "ec2-ri-1y": { "source": "ours", "unit": "hours", "prices": { "t3.medium": 0.026 } } } }"#,
        )
        .unwrap();
        let cat = Catalog::embedded().merged_with(&overlay);
        let p = cat.price("us-east-1", "ec2-ri-1y", "t3.medium").unwrap();
        assert_eq!(p.usd.to_string(), "0.026");
        assert_eq!(
            &**p.citation,
            "https://example.com/prices (as of 2026-01-01)"
        );
        assert!(cat.price("us-east-1", "ec2", "t3.medium").is_ok());
    }
}
