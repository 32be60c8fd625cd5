//! Policy findings: counts by severity, each finding clickable to its line; waived apart.

use std::rc::Rc;

use planwright_core::report::Finding;
use planwright_core::Report;
use yew::prelude::*;

use crate::tf_source::Origins;

#[derive(Properties)]
pub struct Props {
    pub report: Rc<Report>,
    pub on_jump: Callback<(u32, u32)>,
    /// Where each resource came from in Terraform (empty for a design written by hand).
    pub origins: Origins,
    pub on_tf: Callback<crate::tf_source::Origin>,
}

/// Equal when the findings are: a keystroke that changes only costs leaves the list alone.
impl PartialEq for Props {
    fn eq(&self, other: &Self) -> bool {
        self.on_jump == other.on_jump
            && self.on_tf == other.on_tf
            && self.origins == other.origins
            && self.report.findings == other.report.findings
    }
}

const SEVERITIES: [&str; 4] = ["critical", "high", "medium", "low"];

/// Findings listed before "show all": a long list costs every keystroke a re-render.
const FIRST: usize = 40;

#[component]
pub fn Findings(props: &Props) -> Html {
    let show_all = use_state(|| false);
    let view = crate::view::use_view();
    let findings = &props.report.findings;
    let mut open: Vec<&Finding> = findings.iter().filter(|f| !f.waived).collect();
    // Worst first, so what is cut off by "show all" is the least severe.
    planwright_core::order::sort_by_key(&mut open, |f| {
        SEVERITIES
            .iter()
            .position(|s| *s == f.severity)
            .unwrap_or(SEVERITIES.len())
    });
    let waived: Vec<&Finding> = findings.iter().filter(|f| f.waived).collect();
    let item = |f: &&Finding| {
        let (line, col) = (f.line.unwrap_or(1), f.column.unwrap_or(1));
        let onclick = {
            let cb = props.on_jump.clone();
            Callback::from(move |_: MouseEvent| cb.emit((line, col)))
        };
        html! {
            <li class={classes!("finding", f.severity.to_string(), f.waived.then_some("waived"))} data-rule={f.rule.to_string()}>
                <span class={classes!("sev", f.severity.to_string())}>{ view.lang.severity(&f.severity) }</span>
                <button class="at" {onclick} title={view.t("Go to this line")}>{ format!("{line}:{col}") }</button>
                { crate::tf_source::button(&props.origins, &f.resource, &props.on_tf, view.t("Open the Terraform it came from")) }
                <code class="rule">{ f.rule.as_ref() }</code>
                <span class="title">{ f.title.as_ref() }</span>
                <div class="message">{ &f.message }</div>
                if let Some(reason) = &f.waiver {
                    <div class="waiver">{ format!("{} {reason}", view.t("Waived:")) }</div>
                } else {
                    <div class="fix">{ format!("{} {}", view.t("Fix:"), f.fix) }</div>
                }
            </li>
        }
    };
    html! {
        <div class="findings" id="findings">
            <h2>
                { view.t("Policy") }{ " " }
                { for SEVERITIES.iter().map(|s| {
                    let n = open.iter().filter(|f| f.severity == *s).count();
                    let label = format!("{n} {}", view.lang.severity(s));
                    html! { <span class={classes!("count", *s, (n == 0).then_some("zero"))} title={label.clone()}>{ label }</span> }
                }) }
                if !waived.is_empty() { <span class="count waived">{ format!("{} {}", waived.len(), view.t("waived")) }</span> }
            </h2>
            if open.is_empty() {
                <p class="all-clear" id="no-findings">{ view.t("No open findings.") }</p>
            } else {
                <ul id="open-findings">{ for open.iter().take(if *show_all { usize::MAX } else { FIRST }).map(item) }</ul>
                if open.len() > FIRST && !*show_all {
                    <button class="link" id="show-all-findings" onclick={{ let show_all = show_all.clone(); Callback::from(move |_: MouseEvent| show_all.set(true)) }}>
                        { format!("{} ({})", view.t("Show all open findings"), open.len()) }
                    </button>
                }
            }
            if !waived.is_empty() {
                <details class="waived-list">
                    <summary>{ format!("{} ({})", view.t("Waived findings"), waived.len()) }</summary>
                    <ul id="waived-findings">{ for waived.iter().map(item) }</ul>
                </details>
            }
        </div>
    }
}
