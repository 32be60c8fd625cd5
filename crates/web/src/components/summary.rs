//! The headline: monthly total, band, completeness. While the design's prices are being
//! fetched, or when a region has none, it says so in words: never a bare $0.

use std::rc::Rc;

use planwright_core::Report;
use yew::prelude::*;

use crate::catalogs::{Region, TotalState};
use crate::view::{use_view, View};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub report: Rc<Report>,
    /// The report is from an earlier version of the text.
    pub stale: bool,
    /// Whether the prices of the design's regions are in.
    pub total: TotalState,
    /// The regions' prices (a failed download while an earlier copy stays in force is said).
    pub regions: Rc<Vec<Region>>,
}

#[component]
pub fn Summary(props: &Props) -> Html {
    let view = use_view();
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
                        <div class="total" id="total">{ view.money.show(m.expected) }</div>
                        <div class="per">{ view.t("per month, expected") }</div>
                        <div class="band" id="band">
                            <span>{ view.t("low") }{ " " }<b>{ view.money.show(m.low) }</b></span>
                            <span>{ view.t("expected") }{ " " }<b>{ view.money.show(m.expected) }</b></span>
                            <span>{ view.t("high") }{ " " }<b>{ view.money.show(m.high) }</b></span>
                        </div>
                        if !r.cost.complete {
                            <div class="incomplete" id="incomplete">{ view.t("Incomplete: some prices are missing from the catalog (see warnings).") }</div>
                        }
                    </>
                },
                other => price_note(&view, other),
            } }
            if props.regions.iter().any(|r| r.problem.is_some()) {
                <div class="catalog-problems" id="catalog-problems" role="alert">
                    { for props.regions.iter().filter_map(|r| r.problem.clone()).map(|p| html! { <p>{ p }</p> }) }
                </div>
            }
            if props.stale {
                <div class="stale-note" id="stale-note">{ view.t("Showing the last valid result: fix the errors above to update it.") }</div>
            }
        </div>
    }
}

/// What stands in for a total that cannot be shown (also the embed card's).
pub fn price_note(view: &View, total: &TotalState) -> Html {
    match total {
        TotalState::Priced => Html::default(),
        TotalState::Loading(_) => html! {
            <div class="total loading" id="total-loading" role="status">{ view.t("Loading prices…") }</div>
        },
        TotalState::NoPrices(regions) => html! {
            <div class="no-prices" id="no-prices" role="status">
                { for regions.iter().map(|r| html! { <p>{
                    view.t("No prices for {region} in this deployment — import a catalog or run `planwright prices sync`")
                        .replace("{region}", r)
                }</p> }) }
            </div>
        },
        TotalState::Failed(why) => html! {
            <div class="no-prices" id="prices-failed" role="alert">
                <p>{ view.t("The prices could not be loaded:") }</p>
                { for why.iter().map(|w| html! { <p class="why">{ w.clone() }</p> }) }
            </div>
        },
    }
}
