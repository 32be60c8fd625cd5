//! The page: toolbar, editor on the left, results on the right.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::components::cost_table::CostTable;
use crate::components::editor::Editor;
use crate::components::findings::Findings;
use crate::components::pack_import::PackImport;
use crate::components::problems::Problems;
use crate::components::readiness::Readiness;
use crate::components::summary::Summary;
use crate::components::toolbar::Toolbar;
use crate::state::{Action, AppState};

#[component]
pub fn App() -> Html {
    let state = use_reducer(AppState::restore);
    let editor_ref = use_node_ref();

    let on_edit = {
        let state = state.clone();
        Callback::from(move |text: String| state.dispatch(Action::Edit(text)))
    };
    let on_example = {
        let state = state.clone();
        Callback::from(move |i: usize| state.dispatch(Action::LoadExample(i)))
    };
    let on_env = {
        let state = state.clone();
        Callback::from(move |env: Option<String>| state.dispatch(Action::SelectEnv(env)))
    };
    let on_import = {
        let state = state.clone();
        Callback::from(move |text: String| state.dispatch(Action::ImportPack(text)))
    };
    let on_remove = {
        let state = state.clone();
        Callback::from(move |_: ()| state.dispatch(Action::RemovePack))
    };
    let pack_name = state
        .pack
        .as_ref()
        .map(|(p, _)| p.name.clone().unwrap_or_else(|| "unnamed pack".into()));
    // Clicking a problem puts the cursor on its line and column.
    let on_jump = {
        let editor_ref = editor_ref.clone();
        let text = state.text.clone();
        Callback::from(move |(line, column): (u32, u32)| {
            if let Some(area) = editor_ref.cast::<HtmlTextAreaElement>() {
                let offset = utf16_offset(&text, line, column);
                let _ = area.focus();
                let _ = area.set_selection_range(offset, offset);
            }
        })
    };

    html! {
        <div class="app">
            <Toolbar
                environments={state.environments.clone()}
                env={state.env.clone()}
                {on_example}
                {on_env}
            />
            <div class="subbar">
                <PackImport current={pack_name} {on_import} {on_remove} />
            </div>
            <div class="panes">
                <section class="pane editor-pane" aria-label="Design">
                    <Editor text={state.text.clone()} {on_edit} node_ref={editor_ref} />
                </section>
                <section class="pane results-pane" aria-label="Results">
                    if state.recovered {
                        <div class="recovered" id="recovered">
                            { "Planwright stopped with an internal error last time. Your design is back, not yet evaluated: edit it, or load an example, to continue." }
                        </div>
                    }
                    if !state.pack_errors.is_empty() {
                        <div class="pack-errors" id="pack-errors">
                            <h2>{ "The policy pack was not imported" }</h2>
                            <ul>{ for state.pack_errors.iter().map(|d| html! {
                                <li>{ format!("pack line {}:{} — {} [{}]{}", d.line.unwrap_or(0), d.column.unwrap_or(0), d.message, d.code,
                                    d.hint.as_ref().map(|h| format!(" ({h})")).unwrap_or_default()) }</li>
                            }) }</ul>
                        </div>
                    }
                    <Problems errors={state.errors.clone()} report={state.report.clone()} on_jump={on_jump.clone()} />
                    if let Some(report) = state.report.clone() {
                        <Summary report={report.clone()} stale={state.stale} />
                        <Findings report={report.clone()} {on_jump} />
                        <Readiness report={report.clone()} />
                        <CostTable {report} />
                    }
                </section>
            </div>
        </div>
    }
}

/// Offset in UTF-16 code units (what a textarea's selection counts) of a 1-based line and
/// column (in characters).
fn utf16_offset(text: &str, line: u32, column: u32) -> u32 {
    let mut offset = 0u32;
    for (i, l) in text.split('\n').enumerate() {
        if i + 1 == line as usize {
            let col: u32 = l
                .chars()
                .take(column.saturating_sub(1) as usize)
                .map(|c| c.len_utf16() as u32)
                .sum();
            return offset + col;
        }
        offset += l.chars().map(|c| c.len_utf16() as u32).sum::<u32>() + 1;
    }
    offset
}
