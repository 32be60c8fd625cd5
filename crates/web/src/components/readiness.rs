//! Readiness: per scenario, achieved RTO and RPO against the targets as bars, the critical
//! path, and the priced suggestions.

use std::rc::Rc;

use planwright_core::render::duration;
use planwright_core::Report;
use yew::prelude::*;

use crate::state::editor::EditorAction;
use crate::state::AppContext;

#[derive(Properties)]
pub struct Props {
    pub report: Rc<Report>,
    /// The suggestions can be applied to the design (not while the text has errors).
    pub can_apply: bool,
    /// Where each resource came from in Terraform (empty for a design written by hand).
    #[prop_or_default]
    pub origins: crate::tf_source::Origins,
    #[prop_or_default]
    pub on_tf: Callback<crate::tf_source::Origin>,
}

/// Equal when the readiness section is: most keystrokes leave it as it was.
impl PartialEq for Props {
    fn eq(&self, other: &Self) -> bool {
        self.can_apply == other.can_apply
            && self.on_tf == other.on_tf
            && self.origins == other.origins
            && self.report.readiness == other.report.readiness
    }
}

/// A bar for an achieved figure against its target: full width at twice the target,
/// red past the target, striped when unbounded.
fn bar(label: &str, achieved: Option<f64>, target: Option<f64>, target_word: &'static str) -> Html {
    let (pct, class) = match (achieved, target) {
        (None, _) => (100.0, "bar unbounded"),
        (Some(a), Some(t)) if t > 0.0 => (
            (a / (2.0 * t) * 100.0).clamp(2.0, 100.0),
            if a <= t { "bar ok" } else { "bar over" },
        ),
        (Some(_), _) => (2.0, "bar ok"),
    };
    let target_mark =
        target.map(|_| html! { <span class="target-mark" title={target_word}></span> });
    html! {
        <div class="bar-row">
            <span class="bar-label">{ label }</span>
            <span class="bar-track">
                <span class={class} style={format!("width: {pct:.0}%")}></span>
                { for target_mark }
            </span>
            <span class="bar-value">
                { duration(achieved) }
                if let Some(t) = target { <span class="bar-target">{ format!(" / {}", duration(Some(t))) }</span> }
            </span>
        </div>
    }
}

#[component]
pub fn Readiness(props: &Props) -> Html {
    let Some(app) = use_context::<AppContext>() else {
        return html! {};
    };
    let view = &app.view;
    let r = &props.report.readiness;
    if r.scenarios.is_empty() {
        return html! {};
    }
    let missed = r.scenarios.iter().filter(|s| !s.meets).count();
    html! {
        <div class="readiness" id="readiness">
            <h2>
                { view.t("Readiness") }{ " " }
                if r.targets.is_some() || r.scenarios.iter().any(|s| !s.resource_targets.is_empty()) {
                    <span class={classes!("count", if missed == 0 { "ok" } else { "high" })}>
                        { if missed == 0 { view.t("all targets met").to_string() } else { format!("{missed} {}", view.t("of 4 scenarios miss a target")) } }
                    </span>
                } else {
                    <span class="count low">{ view.t("no targets: set dr.targets") }</span>
                }
            </h2>
            { for r.scenarios.iter().enumerate().map(|(si, s)| html! {
                <div class={classes!("scenario", (!s.meets).then_some("missed"))} data-scenario={s.scenario.as_str()}>
                    <div class="scenario-head">
                        <strong>{ format!("{} {}", view.lang.scenario(s.scenario.as_str()), view.t("loss")) }</strong>
                        if !s.critical_path.is_empty() {
                            <span class="critical-path">{ format!("{} {}", view.t("critical path:"), s.critical_path.join(", ")) }
                                { for s.critical_path.iter().map(|n| crate::tf_source::button(&props.origins, n, &props.on_tf, view.t("Open the Terraform it came from"))) }
                            </span>
                        }
                    </div>
                    { bar("RTO", s.rto_minutes, s.target.as_ref().and_then(|t| t.rto_minutes), view.t("target")) }
                    { bar("RPO", s.rpo_minutes, s.target.as_ref().and_then(|t| t.rpo_minutes), view.t("target")) }
                    if !s.resource_targets.is_empty() {
                        <ul class="resource-targets">
                            { for s.resource_targets.iter().map(|t| html! {
                                <li class={classes!(if t.meets { "ok" } else { "missed" })} data-resource={t.resource.clone()}>
                                    { format!("{} {}: RTO {}{}, RPO {}{}", if t.meets { "✓" } else { "✗" }, t.resource,
                                        duration(t.rto_minutes), t.target.rto_minutes.map(|m| format!(" / {}", duration(Some(m)))).unwrap_or_default(),
                                        duration(t.rpo_minutes), t.target.rpo_minutes.map(|m| format!(" / {}", duration(Some(m)))).unwrap_or_default()) }
                                </li>
                            }) }
                        </ul>
                    }
                    if !s.suggestions.is_empty() {
                        <ul class="suggestions">
                            { for s.suggestions.iter().take(3).enumerate().map(|(fi, f)| html! {
                                <li class={classes!(f.closes_gap.then_some("closes"))}>
                                    { f.change.clone() }
                                    <span class="delta">{ format!(" {} {}", view.money.change(f.monthly_delta), view.t("/ month")) }</span>
                                    <span class="after">{ format!(" → RTO {}, RPO {}", duration(f.rto_minutes), duration(f.rpo_minutes)) }</span>
                                    if props.can_apply {
                                        <button class="apply" data-for={s.scenario.as_str()} data-index={fi.to_string()}
                                            onclick={ let app = app.clone(); Callback::from(move |_: MouseEvent| app.edit(EditorAction::ApplySuggestion { scenario: si, index: fi })) }>
                                            { view.t("Apply") }
                                        </button>
                                    }
                                </li>
                            }) }
                        </ul>
                    }
                </div>
            }) }
            if let Some(note) = planwright_core::render::not_in_rpo_note(&props.report) {
                <p class="not-in-rpo" id="not-in-rpo">{ note }</p>
            }
        </div>
    }
}
