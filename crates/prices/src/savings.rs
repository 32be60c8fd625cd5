//! Savings Plans offer files (`AWSComputeSavingsPlan`): per region, a list of plans
//! (`products`: Compute or EC2 Instance Savings Plans, 1 or 3 years, no / partial / all
//! upfront) and their rates (`terms.savingsPlan[].rates[]`), each rate naming the
//! on-demand SKU it discounts (`discountedSku`) and the rate per hour.
//!
//! Rates are matched to the on-demand SKUs the service files gave (an EC2 instance-hour,
//! a Fargate vCPU-hour), so a plan's rate lands beside the on-demand price it replaces:
//! `ec2-sp-compute-1y`, `ec2-sp-instance-3y-all-upfront`, `fargate-sp-compute-1y`… Only the
//! matched rates are kept while the file streams by (a region's file holds every usage type).

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::io::Read;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use crate::collect::GroupPrices;

/// What the on-demand files kept: [`discounted_key`] -> (group, Planwright SKU, unit).
pub type OnDemandSkus = HashMap<String, (String, String, &'static str)>;

/// The key of an on-demand SKU a rate discounts: the offer code and the SKU (a rate names
/// both, `discountedServiceCode` and `discountedSku`; SKUs are only promised unique
/// within an offer).
pub fn discounted_key(offer_code: &str, sku: &str) -> String {
    format!("{offer_code}/{sku}")
}

#[derive(Debug, Default)]
pub struct Plans {
    pub version: String,
    pub published: String,
    pub groups: BTreeMap<String, GroupPrices>,
    pub notes: Vec<String>,
}

#[derive(Deserialize)]
struct PlanProduct {
    sku: String,
    #[serde(rename = "productFamily", default)]
    family: String,
    #[serde(default)]
    attributes: HashMap<String, serde_json::Value>,
}

#[derive(Deserialize)]
struct Rate {
    #[serde(rename = "discountedSku", default)]
    discounted_sku: String,
    #[serde(rename = "discountedServiceCode", default)]
    discounted_service: String,
    #[serde(default)]
    unit: String,
    #[serde(rename = "discountedRate")]
    rate: Option<RatePrice>,
}

#[derive(Deserialize)]
struct RatePrice {
    #[serde(default)]
    price: String,
    #[serde(default)]
    currency: String,
}

/// Streams one Savings Plans file, keeping the rates of `on_demand`'s SKUs.
pub fn read<R: Read>(reader: R, on_demand: &OnDemandSkus) -> Result<Plans, serde_json::Error> {
    let mut state = State {
        on_demand,
        plans: HashMap::new(),
        rates: HashMap::new(),
        version: String::new(),
        published: String::new(),
    };
    let mut de = serde_json::Deserializer::from_reader(reader);
    FileSeed(&mut state).deserialize(&mut de)?;
    de.end()?;
    Ok(state.finish())
}

struct State<'a> {
    on_demand: &'a OnDemandSkus,
    /// plan SKU -> group suffix (`sp-compute-1y-partial-upfront`)
    plans: HashMap<String, String>,
    /// plan SKU -> matched rates (on-demand SKU, USD per hour)
    rates: HashMap<String, Vec<(String, Decimal)>>,
    version: String,
    published: String,
}

impl State<'_> {
    fn finish(self) -> Plans {
        let mut out = Plans {
            version: self.version,
            published: self.published,
            ..Plans::default()
        };
        for (plan, rates) in self.rates {
            let Some(suffix) = self.plans.get(&plan) else {
                continue;
            };
            for (od_sku, usd) in rates {
                let Some((group, sku, unit)) = self.on_demand.get(&od_sku) else {
                    continue;
                };
                let g = out
                    .groups
                    .entry(format!("{group}-{suffix}"))
                    .or_insert_with(|| GroupPrices {
                        unit,
                        prices: BTreeMap::new(),
                    });
                let usd = usd.normalize();
                match g.prices.get(sku) {
                    Some(old) if *old != usd => {
                        out.notes.push(format!(
                            "{group}-{suffix} {sku}: two rates, {old} and {usd}; kept the higher"
                        ));
                        if usd > *old {
                            g.prices.insert(sku.clone(), usd);
                        }
                    }
                    _ => {
                        g.prices.insert(sku.clone(), usd);
                    }
                }
            }
        }
        out
    }
}

/// The group suffix of a plan product, or `None` for one Planwright does not price.
fn plan_suffix(p: &PlanProduct) -> Option<String> {
    let attr = |k: &str| p.attributes.get(k).and_then(|v| v.as_str()).unwrap_or("");
    let kind = match p.family.as_str() {
        "ComputeSavingsPlans" => "compute",
        "EC2InstanceSavingsPlans" => "instance",
        _ => return None,
    };
    let term = match attr("purchaseTerm") {
        "1yr" => "1y",
        "3yr" => "3y",
        _ => return None,
    };
    let option = match attr("purchaseOption") {
        "No Upfront" => "",
        "Partial Upfront" => "-partial-upfront",
        "All Upfront" => "-all-upfront",
        _ => return None,
    };
    Some(format!("sp-{kind}-{term}{option}"))
}

struct FileSeed<'s, 'a>(&'s mut State<'a>);

impl<'de> DeserializeSeed<'de> for FileSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for FileSeed<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a Savings Plans offer file")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "version" => self.0.version = map.next_value()?,
                "publicationDate" => self.0.published = map.next_value()?,
                "products" => map.next_value_seed(ProductsSeed(&mut *self.0))?,
                "terms" => map.next_value_seed(TermsSeed(&mut *self.0))?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

struct ProductsSeed<'s, 'a>(&'s mut State<'a>);

impl<'de> DeserializeSeed<'de> for ProductsSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for ProductsSeed<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("`products`: a list of plans")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(p) = seq.next_element::<PlanProduct>()? {
            if let Some(suffix) = plan_suffix(&p) {
                self.0.plans.insert(p.sku, suffix);
            }
        }
        Ok(())
    }
}

struct TermsSeed<'s, 'a>(&'s mut State<'a>);

impl<'de> DeserializeSeed<'de> for TermsSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for TermsSeed<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("`terms`: { savingsPlan: [...] }")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            if key == "savingsPlan" {
                map.next_value_seed(PlanListSeed(&mut *self.0))?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

struct PlanListSeed<'s, 'a>(&'s mut State<'a>);

impl<'de> DeserializeSeed<'de> for PlanListSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for PlanListSeed<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of plan terms")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(PlanSeed(&mut *self.0))?.is_some() {}
        Ok(())
    }
}

struct PlanSeed<'s, 'a>(&'s mut State<'a>);

impl<'de> DeserializeSeed<'de> for PlanSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for PlanSeed<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a plan term with `sku` and `rates`")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut sku = None;
        let mut kept = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "sku" => sku = Some(map.next_value::<String>()?),
                "rates" => {
                    kept = map.next_value_seed(RatesSeed {
                        on_demand: self.0.on_demand,
                    })?
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        if let (Some(sku), false) = (sku, kept.is_empty()) {
            self.0.rates.entry(sku).or_default().extend(kept);
        }
        Ok(())
    }
}

struct RatesSeed<'a> {
    on_demand: &'a OnDemandSkus,
}

impl<'de> DeserializeSeed<'de> for RatesSeed<'_> {
    type Value = Vec<(String, Decimal)>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for RatesSeed<'_> {
    type Value = Vec<(String, Decimal)>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of rates")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut kept = Vec::new();
        while let Some(r) = seq.next_element::<Rate>()? {
            let key = discounted_key(&r.discounted_service, &r.discounted_sku);
            if !self.on_demand.contains_key(&key) || r.unit != "Hrs" {
                continue;
            }
            let Some(rate) = r.rate.filter(|p| p.currency == "USD") else {
                continue;
            };
            if let Ok(usd) = Decimal::from_str(&rate.price) {
                if usd >= Decimal::ZERO {
                    kept.push((key, usd));
                }
            }
        }
        Ok(kept)
    }
}
