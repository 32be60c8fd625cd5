//! Text renderings of a report shared by the CLI and the web page: Markdown, CSV, SARIF,
//! and (in `diff`) what changed between two reports. Pure functions of the report.

mod diff;

pub use diff::{diff, diff_markdown, DiffRow, FindingChange, Outcome, ReportDiff, VerdictChange};

use std::fmt::Write;

use rust_decimal::Decimal;

use crate::report::Report;
use crate::units::{format_in, format_usd};

/// Money in USD, plus the display currency in brackets when the design asks for one.
pub fn money(report: &Report, usd: Decimal) -> String {
    money_in(report.cost.display.as_ref(), usd)
}

/// [`money`] with the display currency given.
pub(crate) fn money_in(display: Option<&crate::pricing::DisplayCurrency>, usd: Decimal) -> String {
    match display {
        Some(d) => format!(
            "{} ({})",
            format_usd(usd),
            format_in(usd, &d.currency, d.per_usd)
        ),
        None => format_usd(usd),
    }
}

/// Said once under a total shown in a second currency: the rate, its date, and that the
/// prices themselves are dollars. `None` when amounts are shown in USD only.
pub fn rate_note(report: &Report) -> Option<String> {
    let d = report.cost.display.as_ref()?;
    // A whole-unit rate reads as money (₩1,380); a fractional one as a ratio (0.92 EUR).
    let rate = if crate::units::shown_whole(&d.currency) {
        format!(
            "{} per US dollar",
            format_in(Decimal::ONE, &d.currency, d.per_usd)
        )
    } else {
        format!("{} {} per US dollar", d.per_usd.normalize(), d.currency)
    };
    let date = d
        .as_of
        .as_deref()
        .map(|a| format!(", the rate of {a}"))
        .unwrap_or_else(|| ", the design's rate (no date given)".into());
    Some(format!(
        "Amounts in brackets are {} at {rate}{date}; prices are quoted and summed in USD.",
        d.currency
    ))
}

pub(crate) fn md_escape(s: &str) -> String {
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
        money(report, report.cost.monthly.low),
        money(report, report.cost.monthly.high),
        if report.cost.complete {
            String::new()
        } else {
            format!(
                " — **incomplete**: {} (see diagnostics)",
                unpriced_summary(report)
            )
        }
    );
    if let Some(note) = rate_note(report) {
        let _ = writeln!(out, "{note}\n");
    }
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
                money(report, l.monthly)
            );
        }
        let _ = writeln!(
            out,
            "| **{}** | *subtotal ({})* | | | | **{}** |",
            md_escape(&r.name),
            r.kind,
            money(report, r.monthly.expected)
        );
    }
    out += &findings_markdown(report);
    out += &readiness_markdown(report);
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

/// The findings as a Markdown section (empty when there are none).
pub fn findings_markdown(report: &Report) -> String {
    let mut out = String::new();
    if report.findings.is_empty() {
        return out;
    }
    let active: Vec<&crate::report::Finding> =
        report.findings.iter().filter(|f| !f.waived).collect();
    let waived: Vec<&crate::report::Finding> =
        report.findings.iter().filter(|f| f.waived).collect();
    let _ = writeln!(
        out,
        "\n### Policy findings: {} open, {} waived\n",
        active.len(),
        waived.len()
    );
    if !active.is_empty() {
        let _ = writeln!(out, "| Severity | Rule | Resource | Line | Finding | Fix |");
        let _ = writeln!(out, "|---|---|---|---:|---|---|");
        for f in &active {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                f.severity,
                f.rule,
                md_escape(&f.resource),
                f.line.unwrap_or(0),
                md_escape(&f.message),
                md_escape(&f.fix)
            );
        }
    }
    if !waived.is_empty() {
        let _ = writeln!(out, "\nWaived:\n");
        for f in &waived {
            let _ = writeln!(
                out,
                "- {} {} on `{}` — {}",
                f.rule,
                f.severity,
                md_escape(&f.resource),
                md_escape(f.waiver.as_deref().unwrap_or(""))
            );
        }
    }
    out
}

/// SARIF 2.1.0 for code-scanning annotations: one result per open finding, located at its
/// line and column of `artifact_uri`, with every built-in rule's metadata.
pub fn sarif(report: &Report, artifact_uri: &str) -> serde_json::Value {
    use crate::policy::{Severity, DOCS, RULES};
    use serde_json::json;
    let level = |s: &str| match Severity::parse(s) {
        Some(Severity::Critical) | Some(Severity::High) => "error",
        Some(Severity::Medium) => "warning",
        _ => "note",
    };
    let rules: Vec<serde_json::Value> = RULES
        .iter()
        .zip(DOCS)
        .map(|(r, d)| {
            json!({
                "id": r.id,
                "name": r.slug,
                "shortDescription": { "text": r.title },
                "fullDescription": { "text": d.explanation },
                "help": { "text": r.fix },
                "defaultConfiguration": { "level": level(r.severity.as_str()) },
                "properties": { "security-severity": match r.severity {
                    Severity::Critical => "9.5", Severity::High => "7.5", Severity::Medium => "5.0", Severity::Low => "2.0" },
                    "tags": [r.category.as_str()], "equivalents": d.equivalents }
            })
        })
        .collect();
    let results: Vec<serde_json::Value> = report
        .findings
        .iter()
        .map(|f| {
            // A finding located in an imported `.tf` file: its path is below `artifact_uri`.
            let uri = match &f.file {
                Some(file) if artifact_uri.is_empty() || artifact_uri == "." => file.to_string(),
                Some(file) => format!("{}/{file}", artifact_uri.trim_end_matches('/')),
                None => artifact_uri.to_string(),
            };
            let mut result = json!({
                "ruleId": f.rule,
                "level": level(&f.severity),
                "message": { "text": format!("{} Fix: {}", f.message, f.fix) },
                "locations": [ { "physicalLocation": {
                    "artifactLocation": { "uri": uri },
                    "region": { "startLine": f.line.unwrap_or(1), "startColumn": f.column.unwrap_or(1) }
                }, "logicalLocations": [ { "fullyQualifiedName": f.path } ] } ]
            });
            if let (true, Some(obj)) = (f.waived, result.as_object_mut()) {
                obj.insert("suppressions".into(), json!([ { "kind": "inSource", "justification": f.waiver } ]));
            }
            result
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [ {
            "tool": { "driver": {
                "name": "Planwright",
                "informationUri": "https://github.com/planwright/planwright",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules
            } },
            "results": results,
            // A total that leaves prices out says so where CI reads tool messages.
            "invocations": [ {
                "executionSuccessful": true,
                "toolExecutionNotifications": if report.cost.complete { json!([]) } else { json!([ {
                    "level": "warning",
                    "descriptor": { "id": "cost-incomplete" },
                    "message": { "text": format!("The monthly total is incomplete: {}; the priced part is {}.", unpriced_summary(report), format_usd(report.cost.monthly.expected)) }
                } ]) }
            } ],
            "properties": { "costComplete": report.cost.complete, "unpricedLines": report.cost.unpriced }
        } ]
    })
}

/// What an incomplete total leaves out, in words: `3 lines unpriced (no prices for
/// us-west-2)`.
pub fn unpriced_summary(report: &Report) -> String {
    let c = &report.cost;
    let lines = match c.unpriced {
        1 => "1 line unpriced".to_string(),
        n => format!("{n} lines unpriced"),
    };
    match c.regions_unpriced.as_slice() {
        [] => lines,
        rs => format!("{lines} (no prices for {})", rs.join(", ")),
    }
}

/// Minutes as people read them: `45 min`, `4 h 30 min`, `unbounded`.
pub fn duration(minutes: Option<f64>) -> String {
    match minutes {
        None => "unbounded".into(),
        Some(m) if m < 1.0 && m > 0.0 => format!("{:.0} s", m * 60.0),
        Some(m) if m < 120.0 => format!("{} min", (m * 10.0).round() / 10.0),
        Some(m) => {
            let h = (m / 60.0).floor();
            let rest = (m - h * 60.0).round();
            if rest == 0.0 {
                format!("{h} h")
            } else {
                format!("{h} h {rest} min")
            }
        }
    }
}

/// The readiness section as Markdown.
pub fn readiness_markdown(report: &Report) -> String {
    let r = &report.readiness;
    if r.scenarios.is_empty() {
        return String::new();
    }
    let mut out = String::new();
    let (rto_t, rpo_t) = r
        .targets
        .as_ref()
        .map(|t| (t.rto_minutes, t.rpo_minutes))
        .unwrap_or((None, None));
    let target = |t: Option<f64>| {
        t.map(|m| duration(Some(m)))
            .unwrap_or_else(|| "none".into())
    };
    let _ = writeln!(
        out,
        "\n### Readiness (targets: RTO {}, RPO {})\n",
        target(rto_t),
        target(rpo_t)
    );
    let _ = writeln!(
        out,
        "| Scenario | RTO | RPO | Target | Critical path | Cheapest fix |"
    );
    let _ = writeln!(out, "|---|---:|---:|---|---|---|");
    for s in &r.scenarios {
        let fix = s
            .suggestions
            .first()
            .map(|f| {
                format!(
                    "{} ({} / month)",
                    md_escape(&f.change),
                    diff::signed_in(report.cost.display.as_ref(), f.monthly_delta)
                )
            })
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            s.scenario,
            duration(s.rto_minutes),
            duration(s.rpo_minutes),
            verdict_markdown(s.verdict),
            md_escape(&s.critical_path.join(", ")),
            fix
        );
    }
    if let Some(note) = not_in_rpo_note(report) {
        let _ = writeln!(out, "\n{}", md_escape(&note));
    }
    out
}

/// A scenario's verdict as a Markdown cell: "met", "**missed**", "no target".
pub(crate) fn verdict_markdown(v: crate::readiness::Verdict) -> &'static str {
    match v {
        crate::readiness::Verdict::Meets => "met",
        crate::readiness::Verdict::Misses => "**missed**",
        crate::readiness::Verdict::NoTarget => "no target",
    }
}

/// Resources written `recovery: none`, said once under the readiness figures: they are
/// left out of every RPO above. `None` when there are none.
pub fn not_in_rpo_note(report: &Report) -> Option<String> {
    let mut seen: Vec<(&str, Option<&str>)> = Vec::new();
    for n in report
        .readiness
        .scenarios
        .iter()
        .flat_map(|s| &s.not_in_rpo)
    {
        if !seen.iter().any(|(r, _)| *r == n.resource) {
            seen.push((&n.resource, n.reason.as_deref()));
        }
    }
    if seen.is_empty() {
        return None;
    }
    let each: Vec<String> = seen
        .iter()
        .map(|(r, why)| match why {
            Some(why) => format!("`{r}` ({why})"),
            None => format!("`{r}`"),
        })
        .collect();
    Some(format!(
        "Not counted in RPO (`recovery: none`, no data worth recovering): {}.",
        each.join(", ")
    ))
}
