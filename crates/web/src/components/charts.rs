//! Where the money goes (by category and by resource) and when the instances run (the
//! weekly heat map of the scheduled floor, in the design's time zone). Plain SVG: a few
//! rectangles need no charting library in the bundle.

use std::rc::Rc;

use planwright_core::pricing::heatmap::heatmap;
use planwright_core::{Design, Report};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::view::{use_view, View};

#[derive(Properties)]
pub struct Props {
    pub report: Rc<Report>,
    pub design: Option<Rc<Design>>,
}

/// Equal costs and the same design read: comparing two designs field by field would cost
/// every render a walk of every resource, and the page 10 KB of code; a new read of the
/// text is a new `Rc`, and the heat map below compares its own cells.
impl PartialEq for Props {
    fn eq(&self, other: &Self) -> bool {
        let same_design = match (&self.design, &other.design) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        same_design
            && (Rc::ptr_eq(&self.report, &other.report) || self.report.cost == other.report.cost)
    }
}

fn bars(id: &str, rows: &[(String, Decimal)], view: &View) -> Html {
    let max = rows
        .iter()
        .map(|(_, v)| *v)
        .max()
        .unwrap_or_default()
        .to_f64()
        .unwrap_or(0.0)
        .max(f64::MIN_POSITIVE);
    let row_h = 22;
    let height = (rows.len() * row_h).max(row_h);
    html! {
        <svg id={id.to_string()} class="bars" role="img" viewBox={format!("0 0 600 {height}")} preserveAspectRatio="xMinYMin meet">
            { for rows.iter().enumerate().map(|(i, (label, v))| {
                let w = (v.to_f64().unwrap_or(0.0) / max * 300.0).max(1.0);
                let y = i * row_h;
                html! {
                    <g>
                        <title>{ format!("{label}: {}", view.money.show(*v)) }</title>
                        <text x="0" y={(y + 15).to_string()} class="bar-label">{ label.clone() }</text>
                        <rect x="170" y={(y + 4).to_string()} width={format!("{w:.1}")} height="14" rx="2" class="bar-fill" />
                        <text x={format!("{:.1}", 176.0 + w)} y={(y + 15).to_string()} class="bar-value">{ view.money.show(*v) }</text>
                    </g>
                }
            }) }
        </svg>
    }
}

/// A zone's standard (January) UTC offset in hours, from the browser's Intl, so the
/// bundle carries no tz tables. An unknown zone counts as UTC. Remembered per zone: an
/// `Intl.DateTimeFormat` costs about as much to build as pricing a resource.
fn browser_offset_hours(zone: &str) -> i64 {
    thread_local! {
        static OFFSETS: std::cell::RefCell<std::collections::HashMap<String, i64>> =
            Default::default();
    }
    if let Some(h) = OFFSETS.with(|o| o.borrow().get(zone).copied()) {
        return h;
    }
    let hours = intl_offset_hours(zone);
    OFFSETS.with(|o| o.borrow_mut().insert(zone.to_string(), hours));
    hours
}

fn intl_offset_hours(zone: &str) -> i64 {
    use wasm_bindgen::JsValue;
    let get = |on: &JsValue, key: &str| js_sys::Reflect::get(on, &JsValue::from_str(key)).ok();
    let Some(ctor) = get(&js_sys::global(), "Intl")
        .and_then(|intl| get(&intl, "DateTimeFormat"))
        .and_then(|c| c.dyn_into::<js_sys::Function>().ok())
    else {
        return 0;
    };
    let options = js_sys::Object::new();
    let set = |k: &str, v: &str| {
        js_sys::Reflect::set(&options, &JsValue::from_str(k), &JsValue::from_str(v))
    };
    if set("timeZone", zone).is_err() || set("timeZoneName", "shortOffset").is_err() {
        return 0;
    }
    let args = js_sys::Array::of2(&JsValue::from_str("en-US"), &options);
    // Constructed through Reflect so an unknown zone is an error value, not a trap.
    let Ok(format) = js_sys::Reflect::construct(&ctor, &args) else {
        return 0;
    };
    let format: js_sys::Intl::DateTimeFormat = format.unchecked_into();
    // 2026-01-05 12:00 UTC, a Monday in January (standard time north of the equator).
    let date = js_sys::Date::new(&JsValue::from_f64(1_767_614_400_000.0));
    let text = format
        .format()
        .call1(&format, &date)
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default();
    parse_gmt_offset(&text)
}

/// `…GMT+9`, `…GMT-3:30`, `…GMT` → whole hours.
fn parse_gmt_offset(text: &str) -> i64 {
    let Some(tail) = text.rsplit("GMT").next().filter(|_| text.contains("GMT")) else {
        return 0;
    };
    let (h, m) = tail.split_once(':').unwrap_or((tail, "0"));
    let hours: f64 = h.trim().parse().unwrap_or(0.0);
    let minutes: f64 = m.trim().parse().unwrap_or(0.0);
    (hours + hours.signum() * minutes / 60.0).round() as i64
}

const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

#[component]
pub fn Charts(props: &Props) -> Html {
    let view = use_view();
    let r = &props.report;
    let mut by_category: Vec<(String, Decimal)> = Vec::new();
    for res in &r.cost.resources {
        let c = res.category().label();
        match by_category.iter_mut().find(|(k, _)| k == c) {
            Some((_, v)) => *v += res.monthly.expected,
            None => by_category.push((c.to_string(), res.monthly.expected)),
        }
    }
    planwright_core::order::sort_by(&mut by_category, |a, b| b.1.cmp(&a.1));
    let mut by_resource: Vec<(String, Decimal)> = r
        .cost
        .resources
        .iter()
        .map(|res| (res.name.clone(), res.monthly.expected))
        .collect();
    planwright_core::order::sort_by(&mut by_resource, |a, b| b.1.cmp(&a.1));
    let others = by_resource.len().saturating_sub(12);
    if others > 0 {
        let rest: Decimal = by_resource.drain(12..).map(|(_, v)| v).sum();
        by_resource.push((format!("+{others}"), rest));
    }
    let map = props
        .design
        .as_deref()
        .and_then(|d| heatmap(d, &browser_offset_hours));
    html! {
        <div class="charts" id="charts">
            <h2>{ view.t("Cost by category") }</h2>
            { bars("by-category", &by_category, &view) }
            <h2>{ view.t("Cost by resource") }</h2>
            { bars("by-resource", &by_resource, &view) }
            if let Some(map) = map {
                <h2>{ view.t("Instances per hour of the week") }<span class="muted">{ format!(" · {}", map.timezone) }</span></h2>
                <HeatMap cells={map.cells} days={DAYS.map(|d| view.t(d))} unit={view.t("instances")} />
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct HeatProps {
    cells: [[f64; 24]; 7],
    /// The days' names and the unit, in the page's language.
    days: [&'static str; 7],
    unit: &'static str,
}

/// Its own component: 168 cells re-rendered only when the schedule's counts change.
#[component]
fn HeatMap(props: &HeatProps) -> Html {
    let cells = &props.cells;
    let max = cells
        .iter()
        .flatten()
        .copied()
        .fold(0.0f64, f64::max)
        .max(1.0);
    let (cw, ch, left, top) = (22, 18, 36, 16);
    html! {
        <svg id="heatmap" class="heatmap" role="img" viewBox={format!("0 0 {} {}", left + 24 * cw, top + 7 * ch)}>
            { for (0..24).step_by(3).map(|h| html! {
                <text x={(left + h * cw + 2).to_string()} y="11" class="axis">{ format!("{h:02}") }</text>
            }) }
            { for cells.iter().enumerate().map(|(d, row)| html! {
                <g>
                    <text x="0" y={(top + d * ch + 13).to_string()} class="axis">{ props.days[d] }</text>
                    { for row.iter().enumerate().map(|(h, v)| html! {
                        <rect x={(left + h * cw).to_string()} y={(top + d * ch).to_string()} width={(cw - 2).to_string()} height={(ch - 2).to_string()}
                            class="cell" fill-opacity={format!("{:.2}", 0.08 + 0.92 * v / max)} data-value={format!("{v}")}>
                            <title>{ format!("{} {h:02}:00 — {v:.1} {}", props.days[d], props.unit) }</title>
                        </rect>
                    }) }
                </g>
            }) }
        </svg>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn gmt_offsets() {
        assert_eq!(super::parse_gmt_offset("1/5/2026, 9:00 PM GMT+9"), 9);
        assert_eq!(super::parse_gmt_offset("1/5/2026, 7:00 AM GMT-5"), -5);
        assert_eq!(super::parse_gmt_offset("1/5/2026, 6:00 PM GMT+5:30"), 6);
        assert_eq!(super::parse_gmt_offset("1/5/2026, 12:00 PM GMT"), 0);
        assert_eq!(super::parse_gmt_offset("garbage"), 0);
    }
}
