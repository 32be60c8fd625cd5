//! Design -> Report. Evaluation never fails: what cannot be priced becomes a diagnostic
//! and marks the total incomplete.

use rust_decimal::Decimal;

use crate::catalog::Catalog;
use crate::cost::transfer::price_transfer;
use crate::cost::{dec, Band, Bill, PricingCtx};
use crate::diag::Diagnostic;
use crate::model::{Currency, Design};
use crate::report::{CostReport, DisplayCurrency, Readiness, Report, ResourceCost, Targets};
use crate::source::node::{DesignPath, Locator, Node};
use crate::units::parse_duration_minutes;

/// Prices a typed design against a catalog.
pub fn evaluate(design: &Design, catalog: &Catalog) -> Report {
    let mut ctx = PricingCtx::new(catalog, &design.region);
    if let Some(p) = &design.pricing {
        ctx.free_tier = p.free_tier;
        ctx.discount_pct = p.discount_pct.map(dec);
        if let Some(h) = p.hours_per_month {
            ctx.hours_per_month = dec(h);
        }
    }
    let mut diagnostics = Vec::new();
    if !catalog.has_region(&design.region) {
        diagnostics.push(
            Diagnostic::warning(
                "unknown-region",
                format!("the catalog has no prices for region `{}`", design.region),
            )
            .with_path(&DesignPath::root().key("region"))
            .with_hint_opt(crate::diag::did_you_mean(
                &design.region,
                catalog.region_names(),
            )),
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
            if d.code == "unknown-region"
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
        r.cost(&mut bill);
        push(name.clone(), r.kind(), bill, &mut diagnostics);
    }
    if let Some(t) = &design.transfer {
        let mut bill = Bill::new(&ctx, DesignPath::root().key("transfer"), &design.region);
        price_transfer(t, &mut bill);
        if !bill.lines.is_empty() || !bill.complete {
            push("transfer".into(), "transfer", bill, &mut diagnostics);
        }
    }

    let display = design.display.as_ref().and_then(|d| match d.currency {
        Currency::USD => None,
        Currency::KRW => d.usd_to_krw.map(|r| DisplayCurrency {
            currency: "KRW",
            per_usd: dec(r),
        }),
    });
    let targets = design
        .dr
        .as_ref()
        .and_then(|d| d.targets.as_ref())
        .map(|t| Targets {
            rto_minutes: t
                .rto
                .as_deref()
                .and_then(|v| parse_duration_minutes(v).ok()),
            rpo_minutes: t
                .rpo
                .as_deref()
                .and_then(|v| parse_duration_minutes(v).ok()),
        });
    Report {
        version: 1,
        design: design.name.clone(),
        environment: design
            .environment
            .map(|e| e.as_str().to_string())
            .unwrap_or_default(),
        cost: CostReport {
            currency: "USD",
            complete,
            unpriced,
            regions_unpriced,
            monthly: total,
            resources,
            display,
        },
        findings: Vec::new(),
        readiness: Readiness {
            targets,
            scenarios: Vec::new(),
        },
        diagnostics,
    }
}

/// Fills in line and column of diagnostics that only know their design path.
pub fn locate(diagnostics: &mut [Diagnostic], root: &Node) {
    let mut locator = Locator::new(root);
    for d in diagnostics.iter_mut().filter(|d| d.line.is_none()) {
        let span = locator.locate(&DesignPath::parse(&d.path));
        d.line = Some(span.start.line);
        d.column = Some(span.start.column);
    }
}

/// Sum of the displayed expected amounts (what the total must equal).
pub fn sum_of_lines(report: &Report) -> Decimal {
    report
        .cost
        .resources
        .iter()
        .flat_map(|r| r.lines.iter())
        .map(|l| l.monthly)
        .sum()
}
