//! Turns the products and terms of one offer file into catalog groups, through the
//! service's mapping.

use std::collections::{BTreeMap, HashMap};
use std::str::FromStr;

use planwright_core::catalog::Spec;
use rust_decimal::Decimal;

use crate::offer::{Collector, Dimension, Product, Term, TermKind};
use crate::services::{Ctx, Pick, Service, Target};

/// Hours in a year of a reserved lease, the convention AWS's effective hourly rates use
/// (365 × 24).
const HOURS_PER_LEASE_YEAR: u32 = 8760;

/// The prices one offer file gives, by catalog group.
#[derive(Debug, Default)]
pub struct Collected {
    pub groups: BTreeMap<String, GroupPrices>,
    pub specs: BTreeMap<String, Spec>,
    /// What was found but left out, and why (a unit the mapping does not know, two
    /// products claiming one SKU at different prices).
    pub notes: Vec<String>,
    /// Products the mapping kept (the SKUs whose terms are read).
    pub kept: u64,
    /// The on-demand SKUs a Savings Plan can discount (EC2 instance-hours, Fargate), by
    /// offer SKU: Savings Plans files name the SKU they discount.
    pub on_demand: crate::savings::OnDemandSkus,
}

#[derive(Debug, Default, Clone, PartialEq)]
pub struct GroupPrices {
    pub unit: &'static str,
    pub prices: BTreeMap<String, Decimal>,
}

/// A [`Collector`] for one offer file of one service in one region.
pub struct OfferCollector<'a> {
    service: &'a Service,
    region: &'a str,
    kept: HashMap<String, Vec<Target>>,
    pub out: Collected,
    progress: Box<dyn FnMut(u64) + 'a>,
}

impl<'a> OfferCollector<'a> {
    pub fn new(service: &'a Service, region: &'a str, progress: Box<dyn FnMut(u64) + 'a>) -> Self {
        OfferCollector {
            service,
            region,
            kept: HashMap::new(),
            out: Collected::default(),
            progress,
        }
    }

    fn set(&mut self, group: String, unit: &'static str, sku: &str, usd: Decimal) {
        let usd = usd.normalize();
        let g = self
            .out
            .groups
            .entry(group.clone())
            .or_insert_with(|| GroupPrices {
                unit,
                prices: BTreeMap::new(),
            });
        match g.prices.get(sku) {
            Some(old) if *old != usd => {
                // Two products for one SKU: keep the higher price (never under-estimate),
                // whatever order the file lists them in, and say so.
                self.out.notes.push(format!(
                    "{group} {sku}: two products at {old} and {usd} USD; kept the higher"
                ));
                if usd > *old {
                    g.prices.insert(sku.to_string(), usd);
                }
            }
            _ => {
                g.prices.insert(sku.to_string(), usd);
            }
        }
    }
}

impl Collector for OfferCollector<'_> {
    fn product(&mut self, p: Product) -> bool {
        let targets = (self.service.map)(
            &p,
            &Ctx {
                region: self.region,
            },
        );
        if targets.is_empty() {
            return false;
        }
        if targets.iter().any(|t| t.group == "ec2") {
            if let Some(spec) = spec_of(&p) {
                self.out
                    .specs
                    .insert(p.attr("instanceType").to_string(), spec);
            }
        }
        self.out.kept += 1;
        for t in &targets {
            if matches!(t.group.as_str(), "ec2" | "fargate") {
                self.out.on_demand.insert(
                    crate::savings::discounted_key(self.service.code, &p.sku),
                    (t.group.clone(), t.sku.clone(), t.unit),
                );
            }
        }
        self.kept.insert(p.sku, targets);
        true
    }

    fn wants(&self, sku: &str) -> bool {
        self.kept.contains_key(sku)
    }

    fn term(&mut self, kind: TermKind, sku: &str, term: Term) {
        let Some(targets) = self.kept.get(sku).cloned() else {
            return;
        };
        for t in targets {
            match (kind, &t.pick) {
                (TermKind::OnDemand, Pick::OnDemand | Pick::WithReserved) => {
                    match first_tier(&term).map(|d| unit_price(&t, d)) {
                        Some(Ok(usd)) => self.set(t.group.clone(), t.unit, &t.sku, usd),
                        Some(Err(why)) => self.out.notes.push(why),
                        None => {}
                    }
                }
                (TermKind::OnDemand, Pick::StartingAt(begin)) => {
                    let dim = term
                        .dimensions
                        .values()
                        .find(|d| d.begin_range.as_deref() == Some(*begin))
                        .or_else(|| match term.dimensions.len() {
                            1 => term.dimensions.values().next(),
                            _ => None,
                        });
                    match dim.map(|d| unit_price(&t, d)) {
                        Some(Ok(usd)) => self.set(t.group.clone(), t.unit, &t.sku, usd),
                        Some(Err(why)) => self.out.notes.push(why),
                        None => self.out.notes.push(format!(
                            "{} {}: no price tier starting at {begin}",
                            t.group, t.sku
                        )),
                    }
                }
                (TermKind::OnDemand, Pick::Tiers(tiers)) => {
                    for d in term.dimensions.values() {
                        let end = d.end_range.as_deref().unwrap_or("Inf");
                        let Some((_, sku)) = tiers.iter().find(|(e, _)| *e == end) else {
                            continue;
                        };
                        match unit_price(&t, d) {
                            Ok(usd) => self.set(t.group.clone(), t.unit, sku, usd),
                            Err(why) => self.out.notes.push(why),
                        }
                    }
                }
                (TermKind::Reserved, Pick::WithReserved) => {
                    if let Some((suffix, usd)) = reserved_rate(&term) {
                        self.set(
                            format!("{}-ri-{suffix}", t.group),
                            t.unit,
                            &t.sku,
                            usd * t.scale,
                        );
                    }
                }
                _ => {}
            }
        }
    }

    fn progress(&mut self, products: u64) {
        (self.progress)(products);
    }
}

/// The dimension of the first tier (beginRange 0, or the only one).
fn first_tier(term: &Term) -> Option<&Dimension> {
    let mut dims: Vec<&Dimension> = term.dimensions.values().collect();
    dims.sort_by_key(|d| range_start(d));
    dims.into_iter().next()
}

fn range_start(d: &Dimension) -> Decimal {
    d.begin_range
        .as_deref()
        .and_then(|s| Decimal::from_str(s).ok())
        .unwrap_or_default()
}

fn usd_of(d: &Dimension) -> Option<Decimal> {
    let text = d.price_per_unit.get("USD")?;
    Decimal::from_str(text)
        .or_else(|_| Decimal::from_scientific(text))
        .ok()
        .filter(|p| *p >= Decimal::ZERO)
}

fn unit_price(t: &Target, d: &Dimension) -> Result<Decimal, String> {
    let Some(usd) = usd_of(d) else {
        return Err(format!("{} {}: no USD price in the list", t.group, t.sku));
    };
    let Some((_, factor)) = t
        .list_units
        .iter()
        .find(|(u, _)| u.eq_ignore_ascii_case(&d.unit))
    else {
        return Err(format!(
            "{} {}: the list prices it per `{}`, not a unit Planwright reads here; left out",
            t.group, t.sku, d.unit
        ));
    };
    Ok(usd * factor * t.scale)
}

/// A standard reserved lease as (group suffix, effective hourly rate): the hourly fee plus
/// the upfront fee spread over the lease's hours. Convertible leases are left out.
fn reserved_rate(term: &Term) -> Option<(String, Decimal)> {
    let a = &term.attributes;
    let class = a
        .get("OfferingClass")
        .map(String::as_str)
        .unwrap_or("standard");
    if !class.eq_ignore_ascii_case("standard") {
        return None;
    }
    let years: u32 = match a.get("LeaseContractLength").map(String::as_str) {
        Some("1yr" | "1 yr" | "1year") => 1,
        Some("3yr" | "3 yr" | "3year") => 3,
        _ => return None,
    };
    let option = match a.get("PurchaseOption").map(String::as_str) {
        Some("No Upfront" | "NoUpfront") => "",
        Some("Partial Upfront" | "PartialUpfront") => "-partial-upfront",
        Some("All Upfront" | "AllUpfront") => "-all-upfront",
        _ => return None,
    };
    let mut hourly = Decimal::ZERO;
    let mut upfront = Decimal::ZERO;
    for d in term.dimensions.values() {
        let usd = usd_of(d)?;
        match d.unit.as_str() {
            "Hrs" => hourly += usd,
            "Quantity" => upfront += usd,
            _ => return None,
        }
    }
    let hours = Decimal::from(HOURS_PER_LEASE_YEAR * years);
    let effective = (hourly + upfront / hours).round_dp(8);
    Some((format!("{years}y{option}"), effective))
}

/// vCPU and memory of an EC2 instance product (`"vcpu": "2"`, `"memory": "8 GiB"`).
fn spec_of(p: &Product) -> Option<Spec> {
    let vcpu = Decimal::from_str(p.attr("vcpu")).ok()?;
    let mem = p.attr("memory");
    let gib = mem.strip_suffix(" GiB").unwrap_or(mem).replace(',', "");
    let memory_gb = Decimal::from_str(gib.trim()).ok()?;
    Some(Spec { vcpu, memory_gb })
}
