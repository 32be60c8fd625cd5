//! The cost engine's shared machinery: quantities per band, line items, exact money.
//!
//! Money is `rust_decimal::Decimal`. Each line's monthly amount is rounded to the cent
//! once; resource subtotals and the total are sums of those rounded amounts, so the
//! displayed lines always add up to the displayed total.

pub mod schedule;
pub mod transfer;

use crate::diag::Code;
use std::sync::Arc;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::catalog::{Catalog, Missing, Price};
use crate::diag::Diagnostic;
use crate::model::{Estimate, Provider, Purchase};
use crate::path::DesignPath;

/// The providers' convention for a month: 730 hours (365 × 24 / 12).
pub const HOURS_PER_MONTH: u32 = 730;
/// Hours in a week; schedules are integrated over one week and scaled to the month.
pub const HOURS_PER_WEEK: u32 = 168;

pub use crate::units::cents;

/// A design quantity (always a finite, non-negative float after validation) as a decimal.
/// Goes through the shortest decimal text of the float, so `0.1` is exactly `0.1`.
pub fn dec(x: f64) -> Decimal {
    if !x.is_finite() {
        return Decimal::ZERO;
    }
    let text = format!("{x}");
    text.parse::<Decimal>()
        .or_else(|_| Decimal::from_scientific(&format!("{x:e}")))
        .unwrap_or(Decimal::MAX)
}

/// A quantity per band: low (every hour at its floor), expected, high (every hour at max).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Qty {
    pub low: Decimal,
    pub expected: Decimal,
    pub high: Decimal,
}

impl Qty {
    pub fn flat(x: Decimal) -> Qty {
        Qty {
            low: x,
            expected: x,
            high: x,
        }
    }

    pub fn scale(self, by: Decimal) -> Qty {
        Qty {
            low: self.low * by,
            expected: self.expected * by,
            high: self.high * by,
        }
    }

    pub fn is_zero(&self) -> bool {
        self.low.is_zero() && self.expected.is_zero() && self.high.is_zero()
    }

    /// A usage estimate of the design, each end as a decimal.
    pub fn est(e: Estimate) -> Qty {
        Qty {
            low: dec(e.low),
            expected: dec(e.expected),
            high: dec(e.high),
        }
    }

    /// Each end through `f` (a tier's share, a conversion).
    pub fn map(self, f: impl Fn(Decimal) -> Decimal) -> Qty {
        Qty {
            low: f(self.low),
            expected: f(self.expected),
            high: f(self.high),
        }
    }

    /// What is above `floor` at each end (a free allowance), never below zero.
    pub fn above(self, floor: Decimal) -> Qty {
        self.map(|x| (x - floor).max(Decimal::ZERO))
    }

    /// Whether any end is above zero.
    pub fn any(&self) -> bool {
        self.low > Decimal::ZERO || self.expected > Decimal::ZERO || self.high > Decimal::ZERO
    }
}

impl std::ops::Sub for Qty {
    type Output = Qty;
    fn sub(self, o: Qty) -> Qty {
        Qty {
            low: self.low - o.low,
            expected: self.expected - o.expected,
            high: self.high - o.high,
        }
    }
}

/// The low / expected / high monthly amounts.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Band {
    #[serde(with = "rust_decimal::serde::float")]
    pub low: Decimal,
    #[serde(with = "rust_decimal::serde::float")]
    pub expected: Decimal,
    #[serde(with = "rust_decimal::serde::float")]
    pub high: Decimal,
}

impl std::ops::AddAssign for Band {
    fn add_assign(&mut self, o: Band) {
        self.low += o.low;
        self.expected += o.expected;
        self.high += o.high;
    }
}

/// One priced line of a resource (the expected case).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LineItem {
    pub description: String,
    #[serde(with = "rust_decimal::serde::float")]
    pub quantity: Decimal,
    pub unit: Arc<str>,
    #[serde(with = "rust_decimal::serde::float")]
    pub unit_price: Decimal,
    #[serde(with = "rust_decimal::serde::float")]
    pub monthly: Decimal,
    pub source: Arc<str>,
}

/// The context every resource is priced in.
pub struct PricingCtx<'a> {
    pub catalog: &'a Catalog,
    pub region: &'a str,
    pub hours_per_month: Decimal,
    /// Account-wide discount, percent.
    pub discount_pct: Option<Decimal>,
    pub free_tier: bool,
    /// The design's cloud: which of a kind's price groups apply.
    pub provider: Provider,
}

impl<'a> PricingCtx<'a> {
    pub fn new(catalog: &'a Catalog, region: &'a str) -> Self {
        PricingCtx {
            catalog,
            region,
            hours_per_month: Decimal::from(HOURS_PER_MONTH),
            discount_pct: None,
            free_tier: false,
            provider: Provider::Aws,
        }
    }

    /// Weeks in the billed month, as a factor from weekly to monthly quantities.
    pub fn weeks_per_month(&self) -> Decimal {
        self.hours_per_month / Decimal::from(HOURS_PER_WEEK)
    }
}

/// Collects the line items of one resource.
pub struct Bill<'a> {
    pub ctx: &'a PricingCtx<'a>,
    /// Design path of the resource, e.g. `resources.web`.
    pub path: DesignPath,
    /// Region the resource lives in (the design's unless overridden).
    pub region: &'a str,
    pub lines: Vec<LineItem>,
    pub band: Band,
    /// False when a price was missing: the subtotal leaves something out.
    pub complete: bool,
    /// How many prices were missing (each a line left out of the subtotal).
    pub unpriced: u32,
    /// Regions whose prices the catalog does not have at all.
    pub regions_unpriced: Vec<String>,
    pub diagnostics: Vec<Diagnostic>,
}

impl<'a> Bill<'a> {
    pub fn new(ctx: &'a PricingCtx<'a>, path: DesignPath, region: &'a str) -> Self {
        Bill {
            ctx,
            path,
            region,
            lines: Vec::new(),
            band: Band::default(),
            complete: true,
            unpriced: 0,
            regions_unpriced: Vec::new(),
            diagnostics: Vec::new(),
        }
    }

    /// The first of `candidates` (group, SKU) the catalog prices in this resource's region,
    /// most specific first; the first when none is (so its warning names the most specific).
    /// Lets pricing prefer what a synced price list distinguishes (a Multi-AZ rate, an
    /// engine's own rate) over a coarser group a hand-typed catalog has.
    pub fn first_priced<'s>(&self, candidates: &[(&'s str, &'s str)]) -> (&'s str, &'s str) {
        candidates
            .iter()
            .find(|(g, s)| self.ctx.catalog.price(self.region, g, s).is_ok())
            .or(candidates.first())
            .copied()
            .unwrap_or(("", ""))
    }

    /// Looks a price up in this resource's region. A miss becomes a located warning on
    /// `field` naming the closest SKUs, and the bill is marked incomplete.
    pub fn price(&mut self, group: &str, sku: &str, field: &str) -> Option<Price<'a>> {
        self.price_in(self.region, group, sku, field)
    }

    pub fn price_in(
        &mut self,
        region: &str,
        group: &str,
        sku: &str,
        field: &str,
    ) -> Option<Price<'a>> {
        match self.ctx.catalog.price(region, group, sku) {
            Ok(p) => Some(p),
            Err(missing) => {
                self.complete = false;
                self.unpriced += 1;
                if matches!(missing, Missing::Region { .. })
                    && !self.regions_unpriced.iter().any(|r| r == region)
                {
                    self.regions_unpriced.push(region.to_string());
                }
                // `field` is a path below the resource (`storage.type`); the resource's own path is
                // typed, so a name holding dots (`api.v2`, `aws_instance.web[0]`) stays one key.
                let path = self.path.join(&DesignPath::parse(field));
                let d = match missing {
                    Missing::Region { suggestions } => Diagnostic::warning(
                        Code::UnknownRegion,
                        format!("the catalog has no prices for region `{region}`"),
                    )
                    .with_hint_opt(hint(&suggestions)),
                    Missing::Sku { suggestions } => Diagnostic::warning(
                        missing_code(group),
                        format!("no price for `{sku}` ({group}) in {region}"),
                    )
                    .with_hint_opt(hint(&suggestions).or_else(|| {
                        Some("add it with a user catalog (`--catalog`), see docs/format.md".into())
                    })),
                };
                self.diagnostics.push(d.with_path(&path));
                None
            }
        }
    }

    /// The rate `purchase` buys `sku` of `group` at, with the label of the line and a
    /// discount to apply: a commitment's effective hourly rate from `<group>-<suffix>`
    /// (`ec2-ri-1y`, `rds-mysql-multi-az-ri-3y-all-upfront`) when the catalog has it, else
    /// on demand with a located `no-reserved-rate` warning at `purchase`; a discount off
    /// on demand; spot at the on-demand ceiling. A missing on-demand price is a warning on
    /// `field`.
    pub fn purchased_rate(
        &mut self,
        group: &str,
        sku: &str,
        purchase: &Purchase,
        field: &str,
    ) -> Option<(Price<'a>, String, Option<Decimal>)> {
        if let Purchase::Reserved(lease) = purchase {
            let reserved = format!("{group}-{}", lease.group_suffix);
            if let Ok(p) = self.ctx.catalog.price(self.region, &reserved, sku) {
                return Some((p, lease.label.to_string(), None));
            }
            self.diagnostics.push(
                Diagnostic::warning(
                    Code::NoReservedRate,
                    format!(
                        "the catalog has no {} rate for {sku} in {}; priced on demand",
                        lease.label, self.region
                    ),
                )
                .with_path(&self.path.key("purchase"))
                .with_hint(format!(
                    "sync the region's catalog (`planwright prices sync`) or add the rate with a user catalog (group `{reserved}`)"
                )),
            );
        }
        let p = self.price(group, sku, field)?;
        let (label, discount) = match purchase {
            Purchase::Discount(pct) => (format!("{pct}% discount"), Some(dec(*pct))),
            Purchase::Spot => ("spot, priced at the on-demand ceiling".to_string(), None),
            _ => ("on-demand".to_string(), None),
        };
        Some((p, label, discount))
    }

    /// Records that the resource's kind has no price source on the design's cloud: a
    /// located warning on `kind`, and the bill incomplete.
    pub fn no_price_source(&mut self, priced_from: Provider, design: Provider, kind: &str) {
        self.complete = false;
        self.unpriced += 1;
        self.diagnostics.push(
            Diagnostic::warning(
                Code::NoPriceSource,
                format!(
                    "`{kind}` is priced from {}'s price list; Planwright has no {} price source for it, so it is not priced",
                    priced_from.label(),
                    design.label()
                ),
            )
            .with_hint("the total is incomplete; a `kind: custom` line with `monthly_usd` can stand in for a quoted price")
            .with_path(&self.path.key("kind")),
        );
    }

    /// Records a line that cannot be priced because a quantity is not known (not a price
    /// missing from the catalog): a located warning on `field`, and the bill incomplete.
    pub fn unknown_quantity(&mut self, field: &str, message: &str, hint: &str) {
        self.complete = false;
        self.unpriced += 1;
        let path = self.path.join(&DesignPath::parse(field));
        self.diagnostics.push(
            Diagnostic::warning(Code::UnknownQuantity, message)
                .with_hint(hint)
                .with_path(&path),
        );
    }

    /// Adds a catalog-priced line; `discount_pct` is a resource-level discount on top of
    /// the account-wide one.
    pub fn line(
        &mut self,
        description: String,
        qty: Qty,
        price: Price<'_>,
        discount_pct: Option<Decimal>,
    ) {
        let mut unit_price = price.usd;
        for pct in [self.ctx.discount_pct, discount_pct].into_iter().flatten() {
            unit_price *= (Decimal::ONE_HUNDRED - pct) / Decimal::ONE_HUNDRED;
        }
        let unit_price = unit_price.normalize();
        self.push(
            description,
            qty,
            Arc::clone(price.unit),
            unit_price,
            Arc::clone(price.citation),
        );
    }

    /// Adds a line whose price is stated by the design itself (custom resources).
    pub fn fixed(&mut self, description: String, monthly: Decimal, source: String) {
        self.push(
            description,
            Qty::flat(Decimal::ONE),
            Arc::from("months"),
            monthly,
            Arc::from(source),
        );
    }

    fn push(
        &mut self,
        description: String,
        qty: Qty,
        unit: Arc<str>,
        unit_price: Decimal,
        source: Arc<str>,
    ) {
        let monthly = cents(qty.expected * unit_price);
        self.band += Band {
            low: cents(qty.low * unit_price),
            expected: monthly,
            high: cents(qty.high * unit_price),
        };
        self.lines.push(LineItem {
            description,
            quantity: qty.expected.round_dp(4).normalize(),
            unit,
            unit_price,
            monthly,
            source,
        });
    }
}

fn hint(suggestions: &[String]) -> Option<String> {
    match suggestions {
        [] => None,
        [one] => Some(format!("did you mean `{one}`?")),
        many => Some(format!(
            "did you mean {}?",
            many.iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

fn missing_code(group: &str) -> Code {
    if group.starts_with("ec2") {
        Code::UnknownInstanceType
    } else if group.starts_with("rds") || group.starts_with("aurora") {
        Code::UnknownInstanceClass
    } else if group == "elasticache" {
        Code::UnknownNodeType
    } else if group == "mq" {
        Code::UnknownBrokerType
    } else {
        Code::UnknownPrice
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_become_exact_decimals() {
        assert_eq!(dec(0.1).to_string(), "0.1");
        assert_eq!(dec(1.5).to_string(), "1.5");
        assert_eq!(dec(100.0).to_string(), "100");
        assert_eq!(dec(1e-7).to_string(), "0.0000001");
    }

    #[test]
    fn cents_round_half_away_from_zero() {
        assert_eq!(cents("0.125".parse().unwrap()).to_string(), "0.13");
        assert_eq!(cents("0.124".parse().unwrap()).to_string(), "0.12");
    }
}
