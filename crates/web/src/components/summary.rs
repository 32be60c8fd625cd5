//! The headline: monthly total, band, completeness.

use std::rc::Rc;

use planwright_core::render::money;
use planwright_core::units::format_usd;
use planwright_core::Report;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub report: Rc<Report>,
    /// The report is from an earlier version of the text.
    pub stale: bool,
}

#[component]
pub fn Summary(props: &Props) -> Html {
    let r = &props.report;
    let m = &r.cost.monthly;
    let env = if r.environment.is_empty() {
        String::new()
    } else {
        format!(" · {}", r.environment)
    };
    html! {
        <div class={classes!("summary", props.stale.then_some("stale"))}>
            <div class="design-name">{ format!("{}{env}", r.design) }</div>
            <div class="total" id="total">{ money(r, m.expected) }</div>
            <div class="per">{ "per month, expected" }</div>
            <div class="band" id="band">
                <span>{ "low " }<b>{ format_usd(m.low) }</b></span>
                <span>{ "expected " }<b>{ format_usd(m.expected) }</b></span>
                <span>{ "high " }<b>{ format_usd(m.high) }</b></span>
            </div>
            if !r.cost.complete {
                <div class="incomplete" id="incomplete">{ "Incomplete: some prices are missing from the catalog (see warnings)." }</div>
            }
            if props.stale {
                <div class="stale-note" id="stale-note">{ "Showing the last valid result: fix the errors above to update it." }</div>
            }
        </div>
    }
}
