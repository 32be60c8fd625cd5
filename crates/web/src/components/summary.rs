//! The headline: monthly total, band, completeness. While the design's prices are being
//! fetched, or when a region has none, it says so in words: never a bare $0.

use std::collections::BTreeMap;
use std::rc::Rc;

use planwright_core::Report;
use yew::prelude::*;

use crate::catalogs::TotalState;
use crate::view::View;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub report: Rc<Report>,
    /// The report is from an earlier version of the text.
    pub stale: bool,
    /// Whether the prices of the design's regions are in.
    pub total: TotalState,
    /// Downloads that failed while an earlier copy of their prices stays in force.
    pub problems: Rc<BTreeMap<String, String>>,
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
            { match &props.total {
                TotalState::Priced => html! {
                    <>
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
                    </>
                },
                TotalState::Loading(_) => html! {
                    <div class="total loading" id="total-loading" role="status">{ view.t("Loading prices…") }</div>
                },
                TotalState::NoPrices(regions) => html! {
                    <div class="no-prices" id="no-prices" role="status">
                        { for regions.iter().map(|r| html! { <p>{ no_prices(&view, r) }</p> }) }
                    </div>
                },
                TotalState::Failed(why) => html! {
                    <div class="no-prices" id="prices-failed" role="alert">
                        <p>{ view.t("The prices could not be loaded:") }</p>
                        { for why.iter().map(|w| html! { <p class="why">{ w.clone() }</p> }) }
                    </div>
                },
            } }
            if !props.problems.is_empty() {
                <div class="catalog-problems" id="catalog-problems" role="alert">
                    { for props.problems.values().map(|p| html! { <p>{ p.clone() }</p> }) }
                </div>
            }
            if props.stale {
                <div class="stale-note" id="stale-note">{ view.t("Showing the last valid result: fix the errors above to update it.") }</div>
            }
        </div>
    }
}

/// "No prices for us-west-2 in this deployment — …", in the page's language.
pub fn no_prices(view: &View, region: &str) -> String {
    view.t("No prices for {region} in this deployment — import a catalog or run `planwright prices sync`")
        .replace("{region}", region)
}
