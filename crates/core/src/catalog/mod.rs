//! The price catalog: region -> price group -> SKU -> exact USD price, each group citing
//! its source document and the date its prices were read.
//!
//! The embedded catalog (`catalog/aws.yaml`) is parsed once per process. A user catalog in
//! the same format overrides or extends it ([`Catalog::merged_with`]).

use std::collections::{BTreeMap, HashMap};
use std::str::FromStr;
use std::sync::{Arc, OnceLock};

use rust_decimal::Decimal;

use crate::diag::{closest, Diagnostic, Location};
use crate::source::node::{self, DesignPath, Node};

/// The embedded catalog text.
pub const EMBEDDED_SOURCE: &str = include_str!("../../catalog/aws.yaml");

/// Where a group of prices comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub url: String,
    /// `YYYY-MM-DD` the prices were read.
    pub as_of: String,
    pub note: Option<String>,
    /// `url (as of date)`, the text every line item carries (shared, not copied, per line).
    pub citation: Arc<str>,
}

/// Prices of one kind in one region, all in the same unit and from the same source.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub source: String,
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
    pub sources: BTreeMap<String, Source>,
    pub specs: HashMap<String, Spec>,
    pub regions: BTreeMap<String, HashMap<String, Group>>,
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
    /// The embedded catalog, parsed once.
    pub fn embedded() -> &'static Catalog {
        static CATALOG: OnceLock<Catalog> = OnceLock::new();
        CATALOG.get_or_init(|| {
            // The embedded file is checked by tests; an error here would be a build bug, so
            // fall back to an empty catalog (every price "missing") rather than panic.
            Catalog::parse(EMBEDDED_SOURCE).unwrap_or_default()
        })
    }

    /// Reads a catalog file, reporting every problem with its location.
    pub fn parse(text: &str) -> Result<Catalog, Vec<Diagnostic>> {
        let root = node::parse(text).map_err(|d| vec![d])?;
        let mut errors = Vec::new();
        let mut cat = Catalog::default();
        let err = |code: &'static str, msg: String, n: &Node, path: &DesignPath| {
            Diagnostic::error(code, msg)
                .with_path(path)
                .at(Location::of(n.span.start))
        };
        let root_path = DesignPath::root();
        if let Some(sources) = root.get("sources").and_then(Node::as_map) {
            for (k, v) in sources {
                let name = k.scalar_text().unwrap_or_default().to_string();
                let p = root_path.key("sources").key(&name);
                let url = v.get("url").and_then(Node::scalar_text).unwrap_or_default();
                let as_of = v
                    .get("as_of")
                    .and_then(Node::scalar_text)
                    .unwrap_or_default();
                if url.is_empty() || !is_date(as_of) {
                    errors.push(err(
                        "catalog-source-incomplete",
                        format!("source `{name}` needs a `url` and an `as_of` date (YYYY-MM-DD)"),
                        v,
                        &p,
                    ));
                    continue;
                }
                cat.sources.insert(
                    name,
                    Source {
                        url: url.to_string(),
                        as_of: as_of.to_string(),
                        note: v
                            .get("note")
                            .and_then(Node::scalar_text)
                            .map(str::to_string),
                        citation: format!("{url} (as of {as_of})").into(),
                    },
                );
            }
        }
        if let Some(specs) = root.get("specs").and_then(Node::as_map) {
            for (k, v) in specs {
                let name = k.scalar_text().unwrap_or_default();
                let vcpu = v.get("vcpu").and_then(decimal_of);
                let mem = v.get("memory_gb").and_then(decimal_of);
                match (vcpu, mem) {
                    (Some(vcpu), Some(memory_gb)) => {
                        cat.specs.insert(name.to_string(), Spec { vcpu, memory_gb });
                    }
                    _ => errors.push(err(
                        "catalog-spec-invalid",
                        format!("spec `{name}` needs numeric `vcpu` and `memory_gb`"),
                        v,
                        &root_path.key("specs").key(name),
                    )),
                }
            }
        }
        if let Some(regions) = root.get("regions").and_then(Node::as_map) {
            for (rk, rv) in regions {
                let region = rk.scalar_text().unwrap_or_default().to_string();
                let mut groups = HashMap::new();
                for (gk, gv) in rv.as_map().unwrap_or_default() {
                    let gname = gk.scalar_text().unwrap_or_default().to_string();
                    let gpath = root_path.key("regions").key(&region).key(&gname);
                    let source = gv
                        .get("source")
                        .and_then(Node::scalar_text)
                        .unwrap_or_default();
                    if !cat.sources.contains_key(source) {
                        errors.push(err(
                            "catalog-source-missing",
                            format!("price group `{gname}` in {region} names no known source"),
                            gv,
                            &gpath,
                        ));
                        continue;
                    }
                    let unit = gv
                        .get("unit")
                        .and_then(Node::scalar_text)
                        .unwrap_or_default();
                    let mut prices = BTreeMap::new();
                    for (sk, sv) in gv.get("prices").and_then(Node::as_map).unwrap_or_default() {
                        let sku = sk.scalar_text().unwrap_or_default();
                        match decimal_of(sv) {
                            Some(d) if d >= Decimal::ZERO => {
                                prices.insert(sku.to_string(), d);
                            }
                            _ => errors.push(err(
                                "catalog-price-invalid",
                                format!("price of `{sku}` must be a non-negative number"),
                                sv,
                                &gpath.key("prices").key(sku),
                            )),
                        }
                    }
                    groups.insert(
                        gname,
                        Group {
                            source: source.to_string(),
                            unit: unit.into(),
                            prices,
                        },
                    );
                }
                cat.regions.insert(region, groups);
            }
        }
        if errors.is_empty() {
            Ok(cat)
        } else {
            Err(errors)
        }
    }

    /// This catalog with `overlay`'s sources, specs and prices on top.
    pub fn merged_with(&self, overlay: &Catalog) -> Catalog {
        let mut out = self.clone();
        out.sources
            .extend(overlay.sources.iter().map(|(k, v)| (k.clone(), v.clone())));
        out.specs
            .extend(overlay.specs.iter().map(|(k, v)| (k.clone(), *v)));
        for (region, groups) in &overlay.regions {
            let target = out.regions.entry(region.clone()).or_default();
            for (gname, g) in groups {
                match target.get_mut(gname) {
                    // Prices from the overlay keep the overlay's source; a group holds one
                    // source, so overridden SKUs move to a group of their own.
                    Some(existing) if existing.source == g.source => {
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

    pub fn has_region(&self, region: &str) -> bool {
        self.regions.contains_key(region)
    }

    pub fn region_names(&self) -> impl Iterator<Item = &str> {
        self.regions.keys().map(String::as_str)
    }

    /// The price of `sku` in `group` in `region`.
    pub fn price(&self, region: &str, group: &str, sku: &str) -> Result<Price<'_>, Missing> {
        let Some(groups) = self.regions.get(region) else {
            return Err(Missing::Region {
                suggestions: closest(region, self.region_names(), 3)
                    .into_iter()
                    .map(str::to_string)
                    .collect(),
            });
        };
        let found = groups.get(group).and_then(|g| {
            let usd = *g.prices.get(sku)?;
            let citation = &self.sources.get(&g.source)?.citation;
            Some(Price {
                usd,
                unit: &g.unit,
                citation,
            })
        });
        found.ok_or_else(|| Missing::Sku {
            suggestions: groups
                .get(group)
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
}

fn decimal_of(n: &Node) -> Option<Decimal> {
    let text = n.scalar_text()?;
    Decimal::from_str(text)
        .or_else(|_| Decimal::from_scientific(text))
        .ok()
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b.get(4) == Some(&b'-')
        && b.get(7) == Some(&b'-')
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_catalog_parses_and_every_group_cites_a_dated_source() {
        let cat = Catalog::parse(EMBEDDED_SOURCE).expect("embedded catalog");
        assert!(cat.has_region("us-east-1") && cat.has_region("ap-northeast-2"));
        let mut prices = 0;
        for (region, groups) in &cat.regions {
            for (name, g) in groups {
                let src = cat
                    .sources
                    .get(&g.source)
                    .unwrap_or_else(|| panic!("{region}/{name} has no source"));
                assert!(
                    src.url.starts_with("https://"),
                    "{region}/{name}: {}",
                    src.url
                );
                assert!(is_date(&src.as_of), "{region}/{name}: {}", src.as_of);
                assert!(!g.unit.is_empty(), "{region}/{name} has no unit");
                assert!(!g.prices.is_empty(), "{region}/{name} has no prices");
                prices += g.prices.len();
            }
        }
        assert!(prices > 300, "only {prices} prices");
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
    fn a_group_without_source_is_rejected() {
        let text =
            "sources: {}\nregions:\n  us-east-1:\n    ec2: { unit: hours, prices: { x: 1 } }\n";
        let e = Catalog::parse(text).unwrap_err();
        assert_eq!(e[0].code, "catalog-source-missing");
        assert_eq!(e[0].line, Some(4));
    }

    #[test]
    fn overlay_overrides_prices() {
        let overlay = Catalog::parse(
            "sources: { ours: { url: https://example.com/prices, as_of: 2026-01-01 } }\nregions:\n  us-east-1:\n    ec2-ri-1y: { source: ours, unit: hours, prices: { t3.medium: 0.026 } }\n",
        )
        .unwrap();
        let cat = Catalog::embedded().merged_with(&overlay);
        let p = cat.price("us-east-1", "ec2-ri-1y", "t3.medium").unwrap();
        assert_eq!(p.usd.to_string(), "0.026");
        assert!(cat.price("us-east-1", "ec2", "t3.medium").is_ok());
    }
}
