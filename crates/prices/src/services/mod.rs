//! One file per AWS offer (service): which products of its offer files Planwright prices,
//! and under which catalog group and SKU. Each mapping matches products by their exact
//! attributes (`docs/catalog.md` lists them), never by a description's wording.
//!
//! Adding a service = a file here + one line in [`SERVICES`].

mod cloudfront;
mod cloudwatch;
mod ec2;
mod ecs;
mod eks;
mod elasticache;
mod elb;
mod mq;
mod rds;
mod route53;
mod s3;
mod secrets;
mod transfer;
mod waf;

use rust_decimal::Decimal;

use crate::offer::Product;

/// A service Planwright prices from its offer files.
pub struct Service {
    /// The offer code (`AmazonEC2`).
    pub code: &'static str,
    /// Prices that do not depend on a region go to `global.json` (from the offer file of
    /// the region AWS files them under).
    pub global: bool,
    /// The catalog entries a product gives, in the region being synced.
    pub map: fn(&Product, &Ctx) -> Vec<Target>,
    /// Prices derived from others once the whole file is read.
    pub finish: Option<fn(&mut crate::collect::Collected)>,
}

/// Every service `prices sync` reads by default.
pub const SERVICES: &[Service] = &[
    ec2::SERVICE,
    rds::SERVICE,
    elasticache::SERVICE,
    mq::SERVICE,
    elb::SERVICE,
    s3::SERVICE,
    cloudfront::SERVICE,
    transfer::SERVICE,
    ecs::SERVICE,
    eks::SERVICE,
    waf::SERVICE,
    route53::SERVICE,
    secrets::SERVICE,
    cloudwatch::SERVICE,
];

pub fn service(code: &str) -> Option<&'static Service> {
    SERVICES.iter().find(|s| s.code == code)
}

/// What a mapping knows besides the product.
pub struct Ctx<'a> {
    /// The region being synced (`us-east-1`).
    pub region: &'a str,
}

/// One catalog entry a product gives.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub group: String,
    pub sku: String,
    /// The catalog group's unit (`hours`, `GB-months`…).
    pub unit: &'static str,
    /// The units the offer file may state for this price (`Hrs`), each with the factor
    /// from it to the catalog's unit; a price in another unit is reported and left out
    /// rather than misread.
    pub list_units: Vec<(&'static str, Decimal)>,
    /// List price × `scale` = catalog price (1,000 for a price per request kept per 1k).
    pub scale: Decimal,
    pub pick: Pick,
}

/// Which prices of a product's terms a target takes.
#[derive(Debug, Clone, PartialEq)]
pub enum Pick {
    /// The on-demand price (of the first tier, if the price is tiered).
    OnDemand,
    /// The on-demand price of the tier starting at this `beginRange` (the first tier when
    /// there is only one).
    StartingAt(&'static str),
    /// Tiered on-demand prices, each tier (by its `endRange`) to its own SKU.
    Tiers(&'static [(&'static str, &'static str)]),
    /// The on-demand price, and each standard reserved lease as an effective hourly rate
    /// (hourly fee + upfront fee spread over the lease's hours) in the groups
    /// `<group>-ri-1y`, `<group>-ri-1y-partial-upfront`, `<group>-ri-1y-all-upfront`,
    /// and the same for `3y`.
    WithReserved,
}

impl Target {
    pub fn new(group: impl Into<String>, sku: impl Into<String>, unit: &'static str) -> Self {
        Target {
            group: group.into(),
            sku: sku.into(),
            unit,
            list_units: Vec::new(),
            scale: Decimal::ONE,
            pick: Pick::OnDemand,
        }
    }
    pub fn list_units(mut self, units: &'static [&'static str]) -> Self {
        self.list_units
            .extend(units.iter().map(|u| (*u, Decimal::ONE)));
        self
    }
    /// A unit whose prices are `factor` × the catalog unit's.
    pub fn list_unit(mut self, unit: &'static str, factor: Decimal) -> Self {
        self.list_units.push((unit, factor));
        self
    }
    pub fn scale(mut self, by: u32) -> Self {
        self.scale = Decimal::from(by);
        self
    }
    pub fn scale_dec(mut self, by: Decimal) -> Self {
        self.scale = by;
        self
    }
    pub fn reserved(mut self) -> Self {
        self.pick = Pick::WithReserved;
        self
    }
    pub fn starting_at(mut self, begin: &'static str) -> Self {
        self.pick = Pick::StartingAt(begin);
        self
    }
    pub fn tiers(mut self, tiers: &'static [(&'static str, &'static str)]) -> Self {
        self.pick = Pick::Tiers(tiers);
        self
    }
}

/// A product sold in an AWS region (not a Local Zone, Wavelength Zone or Outpost).
pub(crate) fn in_region(p: &Product) -> bool {
    matches!(p.attr("locationType"), "" | "AWS Region")
}

/// A `regionCode` attribute, when present, is the synced region.
pub(crate) fn of_region(p: &Product, ctx: &Ctx) -> bool {
    matches!(p.attr("regionCode"), "") || p.attr("regionCode") == ctx.region
}
