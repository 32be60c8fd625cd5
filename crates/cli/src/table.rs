//! The terminal table of `evaluate --format table`.

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, CellAlignment, Table};
use planwright_core::render::money;
use planwright_core::units::format_usd;
use planwright_core::Report;

pub fn render(report: &Report) -> String {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED);
    t.set_header(vec![
        "Resource",
        "Item",
        "Quantity",
        "Unit",
        "Unit price",
        "Monthly",
    ]);
    let right = |s: String| Cell::new(s).set_alignment(CellAlignment::Right);
    for r in &report.cost.resources {
        for (i, l) in r.lines.iter().enumerate() {
            let name = if i == 0 {
                format!("{} ({})", r.name, r.kind)
            } else {
                String::new()
            };
            t.add_row(vec![
                Cell::new(name),
                Cell::new(&l.description),
                right(l.quantity.to_string()),
                Cell::new(&l.unit),
                right(format!("${}", l.unit_price)),
                right(money(report, l.monthly)),
            ]);
        }
        let mark = if r.complete { "" } else { " (incomplete)" };
        // A resource with no priced line still says which it is.
        let name = if r.lines.is_empty() {
            format!("{} ({})", r.name, r.kind)
        } else {
            String::new()
        };
        t.add_row(vec![
            Cell::new(name),
            Cell::new(format!("subtotal{mark}")),
            Cell::new(""),
            Cell::new(""),
            Cell::new(""),
            right(money(report, r.monthly.expected)),
        ]);
    }
    let c = &report.cost;
    let env = if report.environment.is_empty() {
        String::new()
    } else {
        format!(" [{}]", report.environment)
    };
    let mut s = format!("{}{env}\n{t}\n", report.design);
    s += &format!(
        "Total per month: {}{}\nBand: low {} · expected {} · high {}\n",
        money(report, c.monthly.expected),
        if c.complete {
            ""
        } else {
            "  (INCOMPLETE: some prices are missing, see warnings)"
        },
        money(report, c.monthly.low),
        money(report, c.monthly.expected),
        money(report, c.monthly.high),
    );
    if let Some(note) = planwright_core::render::rate_note(report) {
        s += &note;
        s.push('\n');
    }
    s += &findings(report);
    s += &readiness(report);
    s
}

fn readiness(report: &Report) -> String {
    use planwright_core::render::duration;
    let r = &report.readiness;
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED);
    t.set_header(vec![
        "Scenario",
        "RTO",
        "RPO",
        "Target",
        "Critical path",
        "Cheapest fix (monthly)",
    ]);
    for s in &r.scenarios {
        let fix = s
            .suggestions
            .first()
            .map(|f| format!("{} ({})", f.change, format_usd(f.monthly_delta)))
            .unwrap_or_default();
        t.add_row(vec![
            Cell::new(s.scenario),
            Cell::new(duration(s.rto_minutes)),
            Cell::new(duration(s.rpo_minutes)),
            Cell::new(match s.verdict {
                planwright_core::readiness::Verdict::Meets => "met",
                planwright_core::readiness::Verdict::Misses => "MISSED",
                planwright_core::readiness::Verdict::NoTarget => "no target",
            }),
            Cell::new(s.critical_path.join(", ")),
            Cell::new(fix),
        ]);
    }
    let targets = match &r.targets {
        Some(tg) => format!(
            "targets: RTO {}, RPO {}",
            duration(tg.rto_minutes),
            duration(tg.rpo_minutes)
        ),
        None => "no targets (dr.targets)".into(),
    };
    let mut out = format!("\nReadiness ({targets})\n{t}\n");
    if let Some(note) = planwright_core::render::not_in_rpo_note(report) {
        out += &note;
        out.push('\n');
    }
    out
}

fn findings(report: &Report) -> String {
    if report.findings.is_empty() {
        return "\nPolicy: no findings.\n".into();
    }
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED);
    t.set_header(vec!["Severity", "Rule", "Resource", "Line", "Finding"]);
    let open: Vec<_> = report.findings.iter().filter(|f| !f.waived).collect();
    let waived: Vec<_> = report.findings.iter().filter(|f| f.waived).collect();
    for f in open.iter().chain(waived.iter()) {
        let sev = if f.waived {
            format!("{} (waived)", f.severity)
        } else {
            f.severity.to_string()
        };
        t.add_row(vec![
            Cell::new(sev),
            Cell::new(&f.rule),
            Cell::new(&f.resource),
            Cell::new(match &f.file {
                Some(file) => format!("{file}:{}", f.line.unwrap_or(0)),
                None => format!("{}:{}", f.line.unwrap_or(0), f.column.unwrap_or(0)),
            }),
            Cell::new(format!("{}\nfix: {}", f.message, f.fix)),
        ]);
    }
    format!(
        "\nPolicy findings: {} open, {} waived\n{t}\n",
        open.len(),
        waived.len()
    )
}
