//! Text renderings of a report shared by the CLI and the web page: Markdown, CSV and the
//! cost diff of two reports. Pure functions of the report.

use std::fmt::Write;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::cost::Band;
use crate::report::Report;
use crate::units::{format_krw, format_usd};

/// Money in USD, plus the display currency in brackets when the design asks for one.
pub fn money(report: &Report, usd: Decimal) -> String {
    match &report.cost.display {
        Some(d) if d.currency == "KRW" => {
            format!("{} ({})", format_usd(usd), format_krw(usd, d.per_usd))
        }
        _ => format_usd(usd),
    }
}

fn md_escape(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// The report as Markdown: per-resource tables, the total and the band, diagnostics.
pub fn markdown(report: &Report) -> String {
    let mut out = String::new();
    let env = if report.environment.is_empty() {
        String::new()
    } else {
        format!(" ({})", report.environment)
    };
    let _ = writeln!(out, "## {}{env}: monthly cost\n", md_escape(&report.design));
    let _ = writeln!(
        out,
        "**Total: {}** per month, band {} – {}{}\n",
        money(report, report.cost.monthly.expected),
        format_usd(report.cost.monthly.low),
        format_usd(report.cost.monthly.high),
        if report.cost.complete {
            ""
        } else {
            " — **incomplete**: some prices are missing (see diagnostics)"
        }
    );
    let _ = writeln!(
        out,
        "| Resource | Item | Quantity | Unit | Unit price | Monthly |"
    );
    let _ = writeln!(out, "|---|---|---:|---|---:|---:|");
    for r in &report.cost.resources {
        for l in &r.lines {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | ${} | {} |",
                md_escape(&r.name),
                md_escape(&l.description),
                l.quantity,
                l.unit,
                l.unit_price,
                format_usd(l.monthly)
            );
        }
        let _ = writeln!(
            out,
            "| **{}** | *subtotal ({})* | | | | **{}** |",
            md_escape(&r.name),
            r.kind,
            format_usd(r.monthly.expected)
        );
    }
    if !report.diagnostics.is_empty() {
        let _ = writeln!(out, "\n### Diagnostics\n");
        for d in &report.diagnostics {
            let _ = writeln!(out, "- {}", md_escape(&d.to_string()));
        }
    }
    out
}

/// One row per line item: resource, kind, description, quantity, unit, unit price, monthly, source.
pub fn csv(report: &Report) -> String {
    let mut out =
        String::from("resource,kind,description,quantity,unit,unit_price_usd,monthly_usd,source\n");
    let field = |s: &str| {
        if s.contains([',', '"', '\n']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    for r in &report.cost.resources {
        for l in &r.lines {
            let _ = writeln!(
                out,
                "{},{},{},{},{},{},{:.2},{}",
                field(&r.name),
                r.kind,
                field(&l.description),
                l.quantity,
                field(&l.unit),
                l.unit_price,
                l.monthly,
                field(&l.source)
            );
        }
    }
    let _ = writeln!(out, "TOTAL,,,,,,{:.2},", report.cost.monthly.expected);
    out
}

/// The cost difference between two reports, per resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CostDiff {
    pub old_total: Band,
    pub new_total: Band,
    pub rows: Vec<DiffRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiffRow {
    pub name: String,
    pub kind: &'static str,
    /// None when the resource is new.
    #[serde(with = "rust_decimal::serde::float_option")]
    pub old: Option<Decimal>,
    /// None when the resource was removed.
    #[serde(with = "rust_decimal::serde::float_option")]
    pub new: Option<Decimal>,
    #[serde(with = "rust_decimal::serde::float")]
    pub delta: Decimal,
}

pub fn diff(old: &Report, new: &Report) -> CostDiff {
    let mut rows = Vec::new();
    for r in &new.cost.resources {
        let before = old.cost.resources.iter().find(|o| o.name == r.name);
        let old_amount = before.map(|b| b.monthly.expected);
        rows.push(DiffRow {
            name: r.name.clone(),
            kind: r.kind,
            old: old_amount,
            new: Some(r.monthly.expected),
            delta: r.monthly.expected - old_amount.unwrap_or_default(),
        });
    }
    for o in &old.cost.resources {
        if !new.cost.resources.iter().any(|r| r.name == o.name) {
            rows.push(DiffRow {
                name: o.name.clone(),
                kind: o.kind,
                old: Some(o.monthly.expected),
                new: None,
                delta: -o.monthly.expected,
            });
        }
    }
    CostDiff {
        old_total: old.cost.monthly,
        new_total: new.cost.monthly,
        rows,
    }
}

fn signed(d: Decimal) -> String {
    if d > Decimal::ZERO {
        format!("+{}", format_usd(d))
    } else {
        format_usd(d)
    }
}

/// The diff as a pull-request comment: changed resources first, biggest change first.
pub fn diff_markdown(d: &CostDiff, old_name: &str, new_name: &str) -> String {
    let mut out = String::new();
    let delta = d.new_total.expected - d.old_total.expected;
    let pct = if d.old_total.expected.is_zero() {
        String::new()
    } else {
        format!(
            " ({}{}%)",
            if delta > Decimal::ZERO { "+" } else { "" },
            (delta / d.old_total.expected * Decimal::ONE_HUNDRED).round_dp(1)
        )
    };
    let _ = writeln!(out, "### Planwright cost diff\n");
    let _ = writeln!(
        out,
        "Monthly cost: **{} → {}**, {}{pct}\n",
        format_usd(d.old_total.expected),
        format_usd(d.new_total.expected),
        signed(delta)
    );
    let mut changed: Vec<&DiffRow> = d
        .rows
        .iter()
        .filter(|r| !r.delta.is_zero() || r.old.is_none() || r.new.is_none())
        .collect();
    changed.sort_by(|a, b| b.delta.abs().cmp(&a.delta.abs()).then(a.name.cmp(&b.name)));
    if changed.is_empty() {
        let _ = writeln!(out, "No resource changed cost.");
        return out;
    }
    let _ = writeln!(out, "| Resource | Kind | Before | After | Change |");
    let _ = writeln!(out, "|---|---|---:|---:|---:|");
    for r in changed {
        let cell = |x: Option<Decimal>, missing: &str| {
            x.map(format_usd).unwrap_or_else(|| missing.to_string())
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            md_escape(&r.name),
            r.kind,
            cell(r.old, "—"),
            cell(r.new, "removed"),
            signed(r.delta)
        );
    }
    let unchanged = d
        .rows
        .iter()
        .filter(|r| r.delta.is_zero() && r.old.is_some() && r.new.is_some())
        .count();
    if unchanged > 0 {
        let _ = writeln!(
            out,
            "\n{unchanged} resource(s) unchanged. Compared `{}` with `{}`.",
            md_escape(old_name),
            md_escape(new_name)
        );
    }
    out
}
