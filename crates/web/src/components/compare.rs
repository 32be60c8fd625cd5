//! Two designs (or two environments of one) side by side: totals and the per-resource
//! delta, biggest change first, then the findings that appear or go away and the readiness
//! verdicts that move (the core's `render::diff`, as in the CLI's `planwright diff`).

use std::rc::Rc;

use planwright_core::render::{diff, duration, Outcome};
use planwright_core::Report;
use rust_decimal::Decimal;
use yew::prelude::*;

use crate::view::use_view;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub left: Rc<Report>,
    pub left_label: String,
    pub right: Rc<Report>,
    pub right_label: String,
}

#[component]
pub fn Compare(props: &Props) -> Html {
    let view = use_view();
    // Left is "before", right is "after": the delta reads as what moving there costs.
    let d = diff(&props.left, &props.right);
    let mut rows = d.rows.clone();
    planwright_core::order::sort_by(&mut rows, |a, b| b.delta.abs().cmp(&a.delta.abs()));
    let cell = |v: Option<Decimal>| v.map(|v| view.money.show(v)).unwrap_or_else(|| "—".into());
    html! {
        <div class="compare" id="compare">
            <h2>{ view.t("Side by side") }</h2>
            <table class="cost-table">
                <thead><tr>
                    <th>{ view.t("Resource / item") }</th>
                    <th class="num">{ props.left_label.clone() }</th>
                    <th class="num">{ props.right_label.clone() }</th>
                    <th class="num">{ view.t("Delta") }</th>
                </tr></thead>
                <tbody>
                    { for rows.iter().map(|r| html! {
                        <tr data-resource={r.name.clone()}>
                            <td>{ r.name.clone() }<span class="kind">{ r.kind }</span></td>
                            <td class="num">{ cell(r.old) }</td>
                            <td class="num">{ cell(r.new) }</td>
                            <td class={classes!("num", if r.delta > Decimal::ZERO { "up" } else if r.delta < Decimal::ZERO { "down" } else { "" })}>{ view.money.delta(r.delta) }</td>
                        </tr>
                    }) }
                </tbody>
                <tfoot><tr>
                    <th>{ view.t("Total") }</th>
                    <td class="num" id="compare-left-total">{ view.money.show(d.old_total.expected) }</td>
                    <td class="num" id="compare-right-total">{ view.money.show(d.new_total.expected) }</td>
                    <td class="num" id="compare-delta">{ view.money.delta(d.new_total.expected - d.old_total.expected) }</td>
                </tr></tfoot>
            </table>
            <h3>{ view.t("Findings") }</h3>
            if d.findings_added.is_empty() && d.findings_resolved.is_empty() {
                <p id="compare-findings">{ view.t("No finding appears or goes away.") }</p>
            } else {
                <ul id="compare-findings" class="compare-findings">
                    { for d.findings_added.iter().map(|f| html! {
                        <li class="added"><strong>{ format!("+ {} {}", f.severity, f.rule) }</strong>{ format!(" {}: {}", f.resource, f.message) }</li>
                    }) }
                    { for d.findings_resolved.iter().map(|f| html! {
                        <li class="resolved"><strong>{ format!("− {} {}", f.severity, f.rule) }</strong>{ format!(" {}: {}", f.resource, f.message) }</li>
                    }) }
                </ul>
            }
            <h3>{ view.t("Readiness") }</h3>
            if d.readiness.is_empty() {
                <p id="compare-readiness">{ view.t("No verdict or duration changes.") }</p>
            } else {
                <ul id="compare-readiness">
                    { for d.readiness.iter().map(|c| html! {
                        <li data-scenario={c.scenario.as_str()}>{ format!("{}: {} → {}", c.scenario, outcome(&c.old), outcome(&c.new)) }</li>
                    }) }
                </ul>
            }
        </div>
    }
}

fn outcome(o: &Option<Outcome>) -> String {
    match o {
        None => "—".into(),
        Some(o) => format!(
            "RTO {}, RPO {} {}",
            duration(o.rto_minutes),
            duration(o.rpo_minutes),
            o.verdict.symbol()
        ),
    }
}
