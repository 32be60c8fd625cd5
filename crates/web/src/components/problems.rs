//! Errors of the current text and warnings of the report, each clickable to its line.

use std::rc::Rc;

use planwright_core::{Diagnostic, Report};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub errors: Vec<Diagnostic>,
    pub report: Option<Rc<Report>>,
    pub on_jump: Callback<(u32, u32)>,
}

#[component]
pub fn Problems(props: &Props) -> Html {
    let view = crate::view::use_view();
    let warnings: Vec<Diagnostic> = if props.errors.is_empty() {
        props
            .report
            .as_ref()
            .map(|r| r.diagnostics.clone())
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    if props.errors.is_empty() && warnings.is_empty() {
        return html! {};
    }
    let item = |d: &Diagnostic| {
        let (line, col) = (d.line.unwrap_or(1), d.column.unwrap_or(1));
        let onclick = {
            let cb = props.on_jump.clone();
            Callback::from(move |_: MouseEvent| cb.emit((line, col)))
        };
        html! {
            <li class={classes!("problem", if d.is_error() { "error" } else { "warning" })}>
                <button class="at" {onclick} title={view.t("Go to this line")}>{ format!("{line}:{col}") }</button>
                <span class="message">{ &d.message }</span>
                <code class="code">{ d.code.as_str() }</code>
                if !d.path.is_empty() { <span class="path">{ &d.path }</span> }
                if let Some(h) = &d.hint { <div class="hint">{ h }</div> }
            </li>
        }
    };
    html! {
        <div class="problems" id="problems">
            if !props.errors.is_empty() {
                <h2>{ format!("{} {}", props.errors.len(), if props.errors.len() == 1 { view.t("error") } else { view.t("errors") }) }</h2>
                <ul id="errors">{ for props.errors.iter().map(item) }</ul>
            }
            if !warnings.is_empty() {
                <h2>{ format!("{} {}", warnings.len(), if warnings.len() == 1 { view.t("warning") } else { view.t("warnings") }) }</h2>
                <ul id="warnings">{ for warnings.iter().map(item) }</ul>
            }
        </div>
    }
}
