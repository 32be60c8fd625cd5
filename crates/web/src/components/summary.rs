//! The headline: monthly total, band, completeness.

use std::rc::Rc;

use planwright_core::Report;
use yew::prelude::*;

use crate::view::View;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub report: Rc<Report>,
    /// The report is from an earlier version of the text.
    pub stale: bool,
}

#[component]
pub fn Summary(props: &Props) -> Html {
    let view = use_context::<View>().unwrap_or_else(|| View::new(&Default::default(), None));
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
            <div class="total" id="total">{ view.money(m.expected) }</div>
            <div class="per">{ view.t("per month, expected") }</div>
            <div class="band" id="band">
                <span>{ view.t("low") }{ " " }<b>{ view.money(m.low) }</b></span>
                <span>{ view.t("expected") }{ " " }<b>{ view.money(m.expected) }</b></span>
                <span>{ view.t("high") }{ " " }<b>{ view.money(m.high) }</b></span>
            </div>
            if !r.cost.complete {
                <div class="incomplete" id="incomplete">{ view.t("Incomplete: some prices are missing from the catalog (see warnings).") }</div>
            }
            if props.stale {
                <div class="stale-note" id="stale-note">{ view.t("Showing the last valid result: fix the errors above to update it.") }</div>
            }
        </div>
    }
}
