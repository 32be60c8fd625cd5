//! What changed between two reports of a design, as a reviewer reads a pull request: the
//! cost per resource with its band, a change of completeness, the policy findings that
//! appeared or went away, and the readiness verdicts that moved. Pure functions of the two
//! reports.

use std::collections::BTreeMap;
use std::fmt::Write;

use rust_decimal::Decimal;
use serde::Serialize;

use super::{duration, md_escape, money_in, unpriced_summary, verdict_markdown};
use crate::cost::Band;
use crate::model::Scenario;
use crate::pricing::DisplayCurrency;
use crate::readiness::Verdict;
use crate::report::{Finding, Report, ScenarioReport};
use crate::units::format_in;

/// The difference between two reports (old → new).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportDiff {
    pub old_total: Band,
    pub new_total: Band,
    pub rows: Vec<DiffRow>,
    /// What each side's total leaves out (`None` when it is complete): a diff of
    /// incomplete totals is not the cost change.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_incomplete: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_incomplete: Option<String>,
    /// Open findings of the new report the old one did not have (matched by rule and
    /// design path, not by line: an edit above a finding moves its line).
    pub findings_added: Vec<FindingChange>,
    /// Open findings of the old report the new one no longer has open (fixed, waived, or
    /// their resource removed).
    pub findings_resolved: Vec<FindingChange>,
    /// Scenarios whose verdict, RTO or RPO changed.
    pub readiness: Vec<VerdictChange>,
    /// The new side's display currency, so amounts are shown in it too.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display: Option<DisplayCurrency>,
}

/// The cost of one resource on each side.
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
    /// The change of the expected cost.
    #[serde(with = "rust_decimal::serde::float")]
    pub delta: Decimal,
    /// The change of each end of the band (low − low, expected − expected, high − high).
    pub delta_band: Band,
}

/// A finding that appeared or went away.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FindingChange {
    pub rule: String,
    pub severity: String,
    pub resource: String,
    pub path: String,
    /// Where it is: in the new design for an added finding, in the old for a resolved one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    pub line: Option<u32>,
    pub message: String,
    /// A resolved finding that is still there, waived (with the waiver's reason).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub now_waived: Option<String>,
}

/// One scenario on each side (`None`: the side does not assess it).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VerdictChange {
    pub scenario: Scenario,
    pub old: Option<Outcome>,
    pub new: Option<Outcome>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    pub verdict: Verdict,
    pub rto_minutes: Option<f64>,
    pub rpo_minutes: Option<f64>,
}

impl Outcome {
    fn of(s: &ScenarioReport) -> Outcome {
        Outcome {
            verdict: s.verdict,
            rto_minutes: s.rto_minutes,
            rpo_minutes: s.rpo_minutes,
        }
    }
}

fn band_minus(a: Band, b: Band) -> Band {
    Band {
        low: a.low - b.low,
        expected: a.expected - b.expected,
        high: a.high - b.high,
    }
}

pub fn diff(old: &Report, new: &Report) -> ReportDiff {
    let zero = Band::default();
    let mut rows = Vec::new();
    for r in &new.cost.resources {
        let before = old.cost.resources.iter().find(|o| o.name == r.name);
        rows.push(DiffRow {
            name: r.name.clone(),
            kind: r.kind,
            old: before.map(|b| b.monthly.expected),
            new: Some(r.monthly.expected),
            delta: r.monthly.expected - before.map_or(Decimal::ZERO, |b| b.monthly.expected),
            delta_band: band_minus(r.monthly, before.map_or(zero, |b| b.monthly)),
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
                delta_band: band_minus(zero, o.monthly),
            });
        }
    }
    let incomplete = |r: &Report| (!r.cost.complete).then(|| unpriced_summary(r));
    let (findings_added, findings_resolved) = findings_changed(&old.findings, &new.findings);
    ReportDiff {
        old_total: old.cost.monthly,
        new_total: new.cost.monthly,
        rows,
        old_incomplete: incomplete(old),
        new_incomplete: incomplete(new),
        findings_added,
        findings_resolved,
        readiness: verdicts_changed(old, new),
        display: new.cost.display.clone(),
    }
}

/// A finding's identity across two versions of a design: its rule and where it points.
fn key(f: &Finding) -> (String, String) {
    (f.rule.to_string(), f.path.to_string())
}

fn change(f: &Finding, now_waived: Option<String>) -> FindingChange {
    FindingChange {
        rule: f.rule.to_string(),
        severity: f.severity.to_string(),
        resource: f.resource.clone(),
        path: f.path.to_string(),
        file: f.file.as_deref().map(str::to_string),
        line: f.line,
        message: f.message.clone(),
        now_waived,
    }
}

/// Open findings matched as multisets by [`key`]: two findings of one rule at one path on
/// the old side and one on the new side leave one resolved.
fn findings_changed(old: &[Finding], new: &[Finding]) -> (Vec<FindingChange>, Vec<FindingChange>) {
    let added = unmatched(new, old).map(|f| change(f, None)).collect();
    let resolved = unmatched(old, new)
        .map(|f| {
            let waiver = new
                .iter()
                .find(|w| w.waived && key(w) == key(f))
                .map(|w| w.waiver.clone().unwrap_or_default());
            change(f, waiver)
        })
        .collect();
    (added, resolved)
}

/// The open findings of `side` beyond those `other` has open under the same [`key`]
/// (the n-th of a key is matched when `other` has at least n).
fn unmatched<'a>(side: &'a [Finding], other: &[Finding]) -> impl Iterator<Item = &'a Finding> {
    let mut left: BTreeMap<(String, String), usize> = BTreeMap::new();
    for f in other.iter().filter(|f| !f.waived) {
        *left.entry(key(f)).or_default() += 1;
    }
    side.iter()
        .filter(|f| !f.waived)
        .filter(move |f| match left.get_mut(&key(f)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
}

fn verdicts_changed(old: &Report, new: &Report) -> Vec<VerdictChange> {
    let mut scenarios: Vec<Scenario> = new
        .readiness
        .scenarios
        .iter()
        .chain(&old.readiness.scenarios)
        .map(|s| s.scenario)
        .collect();
    crate::order::sort(&mut scenarios);
    scenarios.dedup();
    let outcome = |r: &Report, sc: Scenario| {
        r.readiness
            .scenarios
            .iter()
            .find(|s| s.scenario == sc)
            .map(Outcome::of)
    };
    scenarios
        .into_iter()
        .filter_map(|sc| {
            let (o, n) = (outcome(old, sc), outcome(new, sc));
            (o != n).then_some(VerdictChange {
                scenario: sc,
                old: o,
                new: n,
            })
        })
        .collect()
}

/// `+$1.00`, `-$1.00`, `$0.00`.
pub(crate) fn signed(d: Decimal) -> String {
    if d > Decimal::ZERO {
        format!("+{}", crate::units::format_usd(d))
    } else {
        crate::units::format_usd(d)
    }
}

/// [`signed`], with the display currency in brackets when there is one.
pub(crate) fn signed_in(display: Option<&DisplayCurrency>, d: Decimal) -> String {
    let usd = signed(d);
    match display {
        Some(c) => format!(
            "{usd} ({}{})",
            if d > Decimal::ZERO { "+" } else { "" },
            format_in(d, &c.currency, c.per_usd)
        ),
        None => usd,
    }
}

fn outcome_text(o: &Option<Outcome>) -> String {
    match o {
        None => "not assessed".into(),
        Some(o) => format!(
            "RTO {}, RPO {}, {}",
            duration(o.rto_minutes),
            duration(o.rpo_minutes),
            verdict_markdown(o.verdict)
        ),
    }
}

/// The diff as a pull-request comment: the cost (changed resources first, biggest change
/// first), completeness, then findings and readiness, each saying so when nothing changed.
pub fn diff_markdown(d: &ReportDiff, old_name: &str, new_name: &str) -> String {
    let mut out = String::new();
    let shown = d.display.as_ref();
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
    let _ = writeln!(
        out,
        "### Planwright diff: `{}` → `{}`\n",
        md_escape(old_name),
        md_escape(new_name)
    );
    let _ = writeln!(
        out,
        "Monthly cost: **{} → {}**, {}{pct}; band {} … {}\n",
        money_in(shown, d.old_total.expected),
        money_in(shown, d.new_total.expected),
        signed_in(shown, delta),
        signed_in(shown, d.new_total.low - d.old_total.low),
        signed_in(shown, d.new_total.high - d.old_total.high),
    );
    match (&d.old_incomplete, &d.new_incomplete) {
        (None, Some(now)) => {
            let _ = writeln!(
                out,
                "**Now incomplete**: {now}; the new total leaves those lines out, so the change is not the whole cost change.\n"
            );
        }
        (Some(was), None) => {
            let _ = writeln!(
                out,
                "**Now complete**: every line is priced (before: {was}).\n"
            );
        }
        (Some(was), Some(now)) => {
            let _ = writeln!(
                out,
                "**Incomplete on both sides**: before {was}; after {now}. The totals leave those lines out.\n"
            );
        }
        (None, None) => {}
    }
    let mut changed: Vec<&DiffRow> = d
        .rows
        .iter()
        .filter(|r| !r.delta.is_zero() || r.old.is_none() || r.new.is_none())
        .collect();
    crate::order::sort_by(&mut changed, |a, b| {
        b.delta.abs().cmp(&a.delta.abs()).then(a.name.cmp(&b.name))
    });
    if changed.is_empty() {
        let _ = writeln!(out, "No resource changed cost.");
    } else {
        let _ = writeln!(
            out,
            "| Resource | Kind | Before | After | Change | Change, low … high |"
        );
        let _ = writeln!(out, "|---|---|---:|---:|---:|---:|");
        for r in changed {
            let cell = |x: Option<Decimal>, missing: &str| {
                x.map(|v| money_in(shown, v))
                    .unwrap_or_else(|| missing.to_string())
            };
            let b = r.delta_band;
            let range = if b.low == b.expected && b.high == b.expected {
                "—".to_string()
            } else {
                format!("{} … {}", signed(b.low), signed(b.high))
            };
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {range} |",
                md_escape(&r.name),
                r.kind,
                cell(r.old, "—"),
                cell(r.new, "removed"),
                signed_in(shown, r.delta)
            );
        }
        let unchanged = d
            .rows
            .iter()
            .filter(|r| r.delta.is_zero() && r.old.is_some() && r.new.is_some())
            .count();
        if unchanged > 0 {
            let _ = writeln!(out, "\n{unchanged} resource(s) unchanged.");
        }
    }
    findings_section(&mut out, d);
    readiness_section(&mut out, d);
    out
}

fn findings_section(out: &mut String, d: &ReportDiff) {
    let (added, resolved) = (&d.findings_added, &d.findings_resolved);
    if added.is_empty() && resolved.is_empty() {
        let _ = writeln!(out, "\n#### Policy findings: no change");
        return;
    }
    let _ = writeln!(
        out,
        "\n#### Policy findings: {} new, {} resolved\n",
        added.len(),
        resolved.len()
    );
    let _ = writeln!(out, "| | Severity | Rule | Resource | Line | Finding |");
    let _ = writeln!(out, "|---|---|---|---|---:|---|");
    let at = |f: &FindingChange| match (&f.file, f.line) {
        (Some(file), Some(l)) => format!("{}:{l}", md_escape(file)),
        (None, Some(l)) => l.to_string(),
        _ => String::new(),
    };
    for f in added {
        let _ = writeln!(
            out,
            "| new | {} | {} | {} | {} | {} |",
            f.severity,
            f.rule,
            md_escape(&f.resource),
            at(f),
            md_escape(&f.message)
        );
    }
    for f in resolved {
        let how = match &f.now_waived {
            Some(why) if !why.is_empty() => format!("waived ({})", md_escape(why)),
            Some(_) => "waived".into(),
            None => "resolved".into(),
        };
        let _ = writeln!(
            out,
            "| {how} | {} | {} | {} | {} | ~~{}~~ |",
            f.severity,
            f.rule,
            md_escape(&f.resource),
            at(f),
            md_escape(&f.message)
        );
    }
}

fn readiness_section(out: &mut String, d: &ReportDiff) {
    if d.readiness.is_empty() {
        let _ = writeln!(out, "\n#### Readiness: no verdict or duration changed");
        return;
    }
    let _ = writeln!(out, "\n#### Readiness\n");
    let _ = writeln!(out, "| Scenario | Before | After |");
    let _ = writeln!(out, "|---|---|---|");
    for c in &d.readiness {
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            c.scenario,
            outcome_text(&c.old),
            outcome_text(&c.new)
        );
    }
}
