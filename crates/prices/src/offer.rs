//! A streaming reader of AWS Price List offer files (the JSON "service price list" of one
//! service in one region): `offerCode`, `version`, `publicationDate`, `products` and
//! `terms.OnDemand` / `terms.Reserved`.
//!
//! The file is never held in memory: serde visits it entry by entry, every product is
//! shown to [`Collector::product`] and dropped, and only the terms of products it kept are
//! read (the rest are skipped without being built). Memory follows the number of SKUs
//! kept, not the file's size (an EC2 offer for one region is ~440 MB).

use std::collections::HashMap;
use std::fmt;
use std::io::Read;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;

/// One product of an offer file.
#[derive(Debug, Clone, Deserialize)]
pub struct Product {
    pub sku: String,
    #[serde(rename = "productFamily", default)]
    pub family: String,
    #[serde(default, deserialize_with = "string_map")]
    pub attributes: HashMap<String, String>,
}

impl Product {
    /// An attribute's value, `""` when absent.
    pub fn attr(&self, name: &str) -> &str {
        self.attributes.get(name).map(String::as_str).unwrap_or("")
    }

    /// Whether the usage type is `name`, with or without the region prefix AWS puts before
    /// it (`USE2-BoxUsage:m5.large`; us-east-1 has none: `BoxUsage:m5.large`).
    pub fn usage_is(&self, name: &str) -> bool {
        let u = self.attr("usagetype");
        u == name
            || u.strip_suffix(name)
                .and_then(|p| p.strip_suffix('-'))
                .is_some_and(is_region_prefix)
    }
}

/// A usage-type region prefix: upper-case letters and digits, dashes between several
/// (`USE2`, `EU`, `APN2`, `USE1-APN2`).
fn is_region_prefix(p: &str) -> bool {
    !p.is_empty()
        && p.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-')
}

/// One price dimension of a term.
#[derive(Debug, Clone, Deserialize)]
pub struct Dimension {
    #[serde(default)]
    pub unit: String,
    #[serde(rename = "pricePerUnit", default)]
    pub price_per_unit: HashMap<String, String>,
    #[serde(rename = "beginRange", default)]
    pub begin_range: Option<String>,
    #[serde(rename = "endRange", default)]
    pub end_range: Option<String>,
    #[serde(default)]
    pub description: String,
}

/// One term (on-demand, or a reserved lease) of a product.
#[derive(Debug, Clone, Deserialize)]
pub struct Term {
    #[serde(rename = "priceDimensions", default)]
    pub dimensions: HashMap<String, Dimension>,
    #[serde(rename = "termAttributes", default, deserialize_with = "string_map")]
    pub attributes: HashMap<String, String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermKind {
    OnDemand,
    Reserved,
}

/// What the reader hands products and terms to.
pub trait Collector {
    /// Called once per product; true keeps it (its terms will be read).
    fn product(&mut self, p: Product) -> bool;
    fn wants(&self, sku: &str) -> bool;
    /// Called once per term of a kept product.
    fn term(&mut self, kind: TermKind, sku: &str, term: Term);
    /// Called as the reader moves on, with the number of products seen so far.
    fn progress(&mut self, _products: u64) {}
}

/// The header fields of an offer file: the source every price from it cites.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Header {
    pub offer_code: String,
    pub version: String,
    pub published: String,
}

/// Which parts of the file a pass reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pass {
    /// Products, and terms when they come after the products (the order AWS writes).
    Both,
    /// Only the terms (a second pass over a file whose terms came first).
    TermsOnly,
}

/// What a pass found.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    pub header: Header,
    pub products: u64,
    /// The terms came before the products, so they were skipped: read again with
    /// [`Pass::TermsOnly`].
    pub terms_skipped: bool,
}

/// Reads one offer file from `reader`.
pub fn read<R: Read, C: Collector>(
    reader: R,
    pass: Pass,
    collector: &mut C,
) -> Result<Outcome, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_reader(reader);
    let outcome = OfferSeed { pass, collector }.deserialize(&mut de)?;
    de.end()?;
    Ok(outcome)
}

struct OfferSeed<'c, C> {
    pass: Pass,
    collector: &'c mut C,
}

impl<'de, C: Collector> DeserializeSeed<'de> for OfferSeed<'_, C> {
    type Value = Outcome;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Outcome, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de, C: Collector> Visitor<'de> for OfferSeed<'_, C> {
    type Value = Outcome;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an AWS Price List offer file (a JSON object with products and terms)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Outcome, A::Error> {
        let mut out = Outcome::default();
        let mut products_seen = false;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "offerCode" => out.header.offer_code = map.next_value()?,
                "version" => out.header.version = map.next_value()?,
                "publicationDate" => out.header.published = map.next_value()?,
                "products" if self.pass == Pass::Both => {
                    out.products = map.next_value_seed(ProductsSeed {
                        collector: &mut *self.collector,
                    })?;
                    products_seen = true;
                }
                "terms" if self.pass == Pass::TermsOnly || products_seen => {
                    map.next_value_seed(TermsSeed {
                        collector: &mut *self.collector,
                    })?;
                }
                "terms" => {
                    map.next_value::<IgnoredAny>()?;
                    out.terms_skipped = true;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(out)
    }
}

struct ProductsSeed<'c, C> {
    collector: &'c mut C,
}

impl<'de, C: Collector> DeserializeSeed<'de> for ProductsSeed<'_, C> {
    type Value = u64;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<u64, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de, C: Collector> Visitor<'de> for ProductsSeed<'_, C> {
    type Value = u64;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("`products`: an object of SKU -> product")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<u64, A::Error> {
        let mut n = 0u64;
        while let Some(_sku) = map.next_key::<IgnoredAny>()? {
            let p: Product = map.next_value()?;
            self.collector.product(p);
            n += 1;
            if n % 4096 == 0 {
                self.collector.progress(n);
            }
        }
        self.collector.progress(n);
        Ok(n)
    }
}

struct TermsSeed<'c, C> {
    collector: &'c mut C,
}

impl<'de, C: Collector> DeserializeSeed<'de> for TermsSeed<'_, C> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de, C: Collector> Visitor<'de> for TermsSeed<'_, C> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("`terms`: an object of term type -> SKU -> terms")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(kind) = map.next_key::<String>()? {
            let kind = match kind.as_str() {
                "OnDemand" => TermKind::OnDemand,
                "Reserved" => TermKind::Reserved,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
            };
            map.next_value_seed(TermsOfKindSeed {
                kind,
                collector: &mut *self.collector,
            })?;
        }
        Ok(())
    }
}

struct TermsOfKindSeed<'c, C> {
    kind: TermKind,
    collector: &'c mut C,
}

impl<'de, C: Collector> DeserializeSeed<'de> for TermsOfKindSeed<'_, C> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de, C: Collector> Visitor<'de> for TermsOfKindSeed<'_, C> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object of SKU -> { term code -> term }")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(sku) = map.next_key::<String>()? {
            if self.collector.wants(&sku) {
                let terms: HashMap<String, Term> = map.next_value()?;
                // Term codes in a fixed order, so the same file always gives the same result.
                let mut terms: Vec<(String, Term)> = terms.into_iter().collect();
                terms.sort_by(|a, b| a.0.cmp(&b.0));
                for (_, t) in terms {
                    self.collector.term(self.kind, &sku, t);
                }
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

/// Attribute maps hold strings; anything else (a number, say) is kept as its JSON text.
fn string_map<'de, D: de::Deserializer<'de>>(d: D) -> Result<HashMap<String, String>, D::Error> {
    let raw: HashMap<String, serde_json::Value> = HashMap::deserialize(d)?;
    Ok(raw
        .into_iter()
        .map(|(k, v)| {
            let v = match v {
                serde_json::Value::String(s) => s,
                other => other.to_string(),
            };
            (k, v)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn product(usagetype: &str) -> Product {
        Product {
            sku: "X".into(),
            family: String::new(),
            attributes: [("usagetype".to_string(), usagetype.to_string())].into(),
        }
    }

    #[test]
    fn usage_types_match_with_and_without_the_region_prefix() {
        assert!(product("BoxUsage:m5.large").usage_is("BoxUsage:m5.large"));
        assert!(product("USE2-BoxUsage:m5.large").usage_is("BoxUsage:m5.large"));
        assert!(product("APN2-NatGateway-Hours").usage_is("NatGateway-Hours"));
        assert!(!product("APN2-RegionalNatGateway-Hours").usage_is("NatGateway-Hours"));
        assert!(!product("USE2-UnusedBox:m5.large").usage_is("BoxUsage:m5.large"));
        assert!(product("USE1-APN2-AWS-Out-Bytes").usage_is("AWS-Out-Bytes"));
    }
}
