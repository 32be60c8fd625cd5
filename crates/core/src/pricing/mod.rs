//! A whole design's monthly cost: every resource's bill (its kind prices itself, see
//! `resources/`) and the unattributed transfer, summed per band, with what could not be
//! priced. Pricing never fails: a missing price becomes a diagnostic and marks the total
//! incomplete. Above the design; below readiness (whose suggestions re-price through
//! [`price`]) and policy (whose budget rules read the total).

pub mod heatmap;

use crate::diag::Code;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::catalog::Catalog;
use crate::cost::transfer::price_transfer;
use crate::cost::{dec, Band, Bill, LineItem, PricingCtx};
use crate::design::Design;
use crate::diag::Diagnostic;
use crate::path::DesignPath;
use crate::resources::{Category, Resource};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CostReport {
    /// Always `USD`: the display currency is a view concern.
    pub currency: &'static str,
    /// False when any price was missing from the catalog (see `diagnostics`).
    pub complete: bool,
    /// How many prices were missing: lines the total leaves out.
    #[serde(skip_serializing_if = "is_zero")]
    pub unpriced: u32,
    /// Regions the catalog has no prices for at all (the page offers to load them).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub regions_unpriced: Vec<String>,
    pub monthly: Band,
    pub resources: Vec<ResourceCost>,
    /// How the design asks money to be shown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display: Option<DisplayCurrency>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DisplayCurrency {
    /// Its ISO 4217 code.
    pub currency: String,
    /// Units per US dollar.
    #[serde(with = "rust_decimal::serde::float")]
    pub per_usd: rust_decimal::Decimal,
    /// The rate's date, when the design gives it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResourceCost {
    pub name: String,
    pub kind: &'static str,
    pub complete: bool,
    pub monthly: Band,
    pub lines: Vec<LineItem>,
}

/// The `kind` of the cost entry for the design's `transfer:` section (not a resource kind).
pub const TRANSFER_KIND: &str = "transfer";

impl ResourceCost {
    /// Where this entry's money goes on the "cost by category" chart.
    pub fn category(&self) -> Category {
        match crate::resources::kind_info(self.kind) {
            Some(info) => info.category,
            None if self.kind == TRANSFER_KIND => Category::Network,
            None => Category::Other,
        }
    }
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// Prices a typed design against a catalog.
pub fn price(design: &Design, catalog: &Catalog, diagnostics: &mut Vec<Diagnostic>) -> CostReport {
    let mut ctx = PricingCtx::new(catalog, &design.region);
    ctx.provider = design.provider;
    if let Some(p) = &design.pricing {
        ctx.free_tier = p.free_tier;
        ctx.discount_pct = p.discount_pct.map(dec);
        if let Some(h) = p.hours_per_month {
            ctx.hours_per_month = dec(h);
        }
    }
    if !catalog.has_region(&design.region) {
        let provider = design.provider;
        // The message is the resources' own (one warning per region); the hint tells a
        // misspelt region apart from a real one whose prices are not loaded.
        let message = format!("the catalog has no prices for region `{}`", design.region);
        let hint = if provider.has_region(&design.region) {
            crate::diag::did_you_mean(&design.region, catalog.region_names())
        } else {
            let guess =
                crate::diag::did_you_mean(&design.region, provider.regions().iter().copied());
            Some(format!(
                "`{}` is not one of {}'s regions{}",
                design.region,
                provider.label(),
                guess.map(|g| format!(": {g}")).unwrap_or_default()
            ))
        };
        diagnostics.push(
            Diagnostic::warning(Code::UnknownRegion, message)
                .with_path(&DesignPath::root().key("region"))
                .with_hint_opt(hint),
        );
    }
    let mut resources = Vec::with_capacity(design.resources.len() + 1);
    let mut total = Band::default();
    let mut complete = true;
    let mut unpriced = 0u32;
    let mut regions_unpriced: Vec<String> = Vec::new();
    if !catalog.has_region(&design.region) {
        regions_unpriced.push(design.region.clone());
    }
    let mut push = |name: String, kind: &'static str, bill: Bill, diags: &mut Vec<Diagnostic>| {
        total += bill.band;
        complete &= bill.complete;
        unpriced += bill.unpriced;
        for r in &bill.regions_unpriced {
            if !regions_unpriced.contains(r) {
                regions_unpriced.push(r.clone());
            }
        }
        for d in bill.diagnostics {
            // One "unknown region" warning per region is enough.
            if d.code == Code::UnknownRegion
                && diags
                    .iter()
                    .any(|x| x.code == d.code && x.message == d.message)
            {
                continue;
            }
            diags.push(d);
        }
        resources.push(ResourceCost {
            name,
            kind,
            complete: bill.complete,
            monthly: bill.band,
            lines: bill.lines,
        });
    };
    for (name, r) in &design.resources {
        let region = r.region().unwrap_or(&design.region);
        let mut bill = Bill::new(&ctx, DesignPath::root().key("resources").key(name), region);
        let info = r.info();
        // A kind priced from one cloud's list is not priced for another cloud's design: the
        // resource is unpriced (the total incomplete), never priced at the wrong cloud's
        // rates. A custom line is the design's own figure, on any cloud.
        if !info.priced_on.contains(&design.provider) && !matches!(r, Resource::Custom(_)) {
            bill.no_price_source(info.provider, design.provider, r.kind());
        } else {
            r.cost(&mut bill);
        }
        push(name.clone(), r.kind(), bill, diagnostics);
    }
    if let Some(t) = &design.transfer {
        let mut bill = Bill::new(&ctx, DesignPath::root().key("transfer"), &design.region);
        price_transfer(t, &mut bill);
        if !bill.lines.is_empty() || !bill.complete {
            push("transfer".into(), TRANSFER_KIND, bill, diagnostics);
        }
    }

    let display = design.display.as_ref().and_then(|d| {
        d.rate().map(|r| DisplayCurrency {
            currency: d.currency.0.clone(),
            per_usd: dec(r),
            as_of: d.as_of.clone(),
        })
    });
    CostReport {
        currency: "USD",
        complete,
        unpriced,
        regions_unpriced,
        monthly: total,
        resources,
        display,
    }
}

/// Sum of the displayed expected amounts (what the total must equal).
pub fn sum_of_lines(cost: &CostReport) -> Decimal {
    cost.resources
        .iter()
        .flat_map(|r| r.lines.iter())
        .map(|l| l.monthly)
        .sum()
}
