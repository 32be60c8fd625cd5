//! `?embed`: a compact estimate card for docs portals, sized for an iframe, or with
//! `&view=diagram` the design's architecture diagram (with its costs and findings). The
//! design comes from the URL fragment (`#d=…`, as in share links) or from a same-origin URL
//! (`?embed&src=designs/shop.yaml`), never from another site.

use std::rc::Rc;

use planwright_core::readiness::Verdict;
use planwright_core::{Diagnostic, Report};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use yew::prelude::*;

use crate::catalogs::TotalState;
use crate::i18n::Lang;
use crate::state::settings::Prefs;
use crate::view::View;

#[derive(Clone, PartialEq)]
enum Card {
    Loading,
    /// The design is read; its regions' prices are being fetched.
    LoadingPrices,
    /// The report, where the full editor can open the design, whether its prices are in
    /// (a total is shown only when they are), and the design's text.
    Ready(Rc<Report>, String, TotalState, AttrValue),
    Failed(String),
    Invalid(Vec<Diagnostic>),
}

/// Fetches the prices of the design's regions, then evaluates it.
async fn evaluate(text: &str, open: String, card: &UseStateHandle<Card>) -> Card {
    let design = match planwright_core::load(text, None) {
        Ok(l) => l.design,
        Err(e) => return Card::Invalid(e),
    };
    let wanted = planwright_core::regions_priced(&design);
    card.set(Card::LoadingPrices);
    crate::catalogs::load(&wanted.iter().cloned().collect::<Vec<_>>()).await;
    match crate::api::evaluate_in_page(text, None) {
        Ok(r) => {
            let prices = crate::catalogs::prices();
            let total = crate::catalogs::total_state(&prices, &wanted, &design.region, &r);
            Card::Ready(Rc::new(r), open, total, AttrValue::from(text.to_string()))
        }
        Err(e) => Card::Invalid(e),
    }
}

/// Fetches a design from this page's own origin.
async fn fetch_same_origin(src: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("no window")?;
    let here = window.location().href().map_err(|_| "no location")?;
    let url =
        web_sys::Url::new_with_base(src, &here).map_err(|_| format!("`{src}` is not a URL"))?;
    if url.origin() != window.location().origin().unwrap_or_default() {
        return Err(format!(
            "`{src}` is on another site: an embed only reads designs from its own origin"
        ));
    }
    let response = JsFuture::from(window.fetch_with_str(&url.href()))
        .await
        .map_err(|_| format!("could not fetch `{src}`"))?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| "not a response")?;
    if !response.ok() {
        return Err(format!("`{src}` answered HTTP {}", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(|_| "no body")?)
        .await
        .map_err(|_| "could not read the body")?;
    Ok(text.as_string().unwrap_or_default())
}

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The page's `?…` query and `#…` fragment.
    pub query: String,
    pub fragment: String,
}

#[component]
pub fn EmbedCard(props: &Props) -> Html {
    let card = use_state(|| Card::Loading);
    {
        let card = card.clone();
        let (query, fragment) = (props.query.clone(), props.fragment.clone());
        use_effect_with((), move |_| {
            let src = query
                .trim_start_matches('?')
                .split('&')
                .find_map(|kv| kv.strip_prefix("src="))
                .map(|s| {
                    js_sys::decode_uri_component(s)
                        .map(String::from)
                        .unwrap_or_default()
                });
            match src {
                Some(src) => spawn_local(async move {
                    let next = match fetch_same_origin(&src).await {
                        Ok(text) => evaluate(&text, src.clone(), &card).await,
                        Err(e) => Card::Failed(e),
                    };
                    card.set(next);
                }),
                None => spawn_local(async move {
                    let next = match crate::share_link::open(&fragment).await {
                        // The editor opens the same link (asking before it adds the design).
                        Ok(text) => evaluate(&text, format!("./{fragment}"), &card).await,
                        Err(e) => Card::Failed(e.to_string()),
                    };
                    card.set(next);
                }),
            }
        });
    }
    let prefs = Prefs {
        lang: Lang::from_browser(),
        ..Default::default()
    };
    let view = View::new(&prefs, None);
    let diagram = props
        .query
        .trim_start_matches('?')
        .split('&')
        .any(|kv| kv == "view=diagram");
    let body = match &*card {
        Card::Loading => html! { <p class="muted">{ "…" }</p> },
        Card::LoadingPrices => {
            html! { <p class="muted" id="embed-loading">{ view.t("Loading prices…") }</p> }
        }
        Card::Failed(why) => html! { <p class="embed-error" id="embed-error">{ why.clone() }</p> },
        Card::Invalid(errors) => html! {
            <div class="embed-error" id="embed-error">
                <strong>{ view.t("The design has errors") }</strong>
                <ul>{ for errors.iter().take(3).map(|d| html! {
                    <li>{ format!("{}:{} {}", d.line.unwrap_or(0), d.column.unwrap_or(0), d.message) }</li>
                }) }</ul>
            </div>
        },
        Card::Ready(r, open, _, text) if diagram => html! {
            <>
                <div class="embed-head">
                    <span class="design-name">{ r.design.clone() }</span>
                    <a href={open.clone()} target="_blank" rel="noopener">{ if open.starts_with("./#") { view.t("Open in Planwright ↗") } else { view.t("Design file ↗") } }</a>
                </div>
                <crate::components::diagram::Diagram text={text.clone()} env={None::<AttrValue>} report={r.clone()}
                    name={r.design.clone()} on_jump={Callback::noop()} />
            </>
        },
        Card::Ready(r, open, total, _) => {
            let m = &r.cost.monthly;
            let open = open.clone();
            let mut findings: Vec<&planwright_core::report::Finding> =
                r.findings.iter().filter(|f| !f.waived).collect();
            let rank = |s: &str| match s {
                "critical" => 0,
                "high" => 1,
                "medium" => 2,
                _ => 3,
            };
            planwright_core::order::sort_by_key(&mut findings, |f| rank(&f.severity));
            let open_findings = findings.len();
            html! {
                <>
                    <div class="embed-head">
                        <span class="design-name">{ r.design.clone() }</span>
                        <a href={open.clone()} target="_blank" rel="noopener">{ if open.starts_with("./#") { view.t("Open in Planwright ↗") } else { view.t("Design file ↗") } }</a>
                    </div>
                    if *total == TotalState::Priced {
                        <div class="total" id="embed-total">{ view.money.show(m.expected) }<span class="per">{ " " }{ view.t("/ month") }</span></div>
                        <div class="band" id="embed-band">
                            <span>{ view.t("low") }{ " " }<b>{ view.money.show(m.low) }</b></span>
                            <span>{ view.t("high") }{ " " }<b>{ view.money.show(m.high) }</b></span>
                            if !r.cost.complete { <span class="incomplete">{ view.t("incomplete") }</span> }
                        </div>
                    } else {
                        { crate::components::summary::price_note(&view, total) }
                    }
                    <div class="embed-findings" id="embed-findings">
                        <strong>{ format!("{open_findings} {}", if open_findings == 1 { view.t("finding") } else { view.t("findings") }) }</strong>
                        <ul>{ for findings.iter().take(3).map(|f| html! {
                            <li><span class={classes!("sev", f.severity.to_string())}>{ f.severity.to_string() }</span>{ format!(" {} — {}", f.rule, f.title) }</li>
                        }) }</ul>
                    </div>
                    if !r.readiness.scenarios.is_empty() {
                        <div class="embed-readiness" id="embed-readiness">
                            { for r.readiness.scenarios.iter().map(|s| html! {
                                <span class={classes!("verdict", match s.verdict { Verdict::Meets => "ok", Verdict::Misses => "missed", Verdict::NoTarget => "none" })} data-scenario={s.scenario.as_str()} title={s.verdict.as_str()}>
                                    { format!("{} {}", s.verdict.symbol(), s.scenario) }
                                </span>
                            }) }
                        </div>
                    }
                </>
            }
        }
    };
    html! { <div class={classes!("embed-card", diagram.then_some("embed-diagram"))} id="embed-card">{ body }</div> }
}
