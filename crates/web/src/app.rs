//! The page: toolbar, the editors (text and form) on the left, results on the right. It
//! holds the two reducers (`state::Page`: the document and the designs store;
//! `state::settings`: the view settings) and provides them to every component through
//! one context (`state::AppContext`), so components dispatch their own actions.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::catalogs::{self, TotalState};
use crate::components::catalog_import::catalog_import;
use crate::components::charts::Charts;
use crate::components::compare::Compare;
use crate::components::cost_table::CostTable;
use crate::components::diagram::Diagram;
use crate::components::editor::Editor;
use crate::components::findings::Findings;
use crate::components::form::FormEditor;
use crate::components::pack_import::PackImport;
use crate::components::problems::Problems;
use crate::components::readiness::Readiness;
use crate::components::summary::Summary;
use crate::components::terraform_import::TerraformImport;
use crate::components::tf_view::TfView;
use crate::components::toolbar::Toolbar;
use crate::state::designs::{DesignsAction, Shared};
use crate::state::editor::EditorAction;
use crate::state::settings::Prefs;
use crate::state::{Action, AppContext, Page};
use crate::view::View;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The URL fragment at load (may carry a shared design).
    pub fragment: String,
}

/// How long after the first unsaved edit it is written (`Action::Flush`).
const SAVE_AFTER_MS: u32 = 1000;

#[component]
pub fn App(props: &Props) -> Html {
    let fragment = props.fragment.clone();
    let page = use_reducer(move || Page::restore(&fragment));
    let settings = use_reducer(Prefs::restore);
    let (editor, designs) = (page.editor.clone(), page.designs.clone());
    let editor_ref = use_node_ref();
    let form_tab = use_state(|| false);
    // Where the design's names came from in Terraform, and the .tf file shown (if any).
    let origins: crate::tf_source::Origins = (*use_memo(editor.text.clone(), |t| {
        Rc::new(crate::tf_source::origins(t))
    }))
    .clone();
    let tf_shown = use_state(|| None::<crate::tf_source::Origin>);
    let on_tf = {
        let tf_shown = tf_shown.setter();
        use_callback((), move |origin: crate::tf_source::Origin, _| {
            tf_shown.set(Some(origin))
        })
    };
    let close_tf = {
        let tf_shown = tf_shown.setter();
        use_callback((), move |_: (), _| tf_shown.set(None))
    };
    let view = View::new(&settings, editor.report.as_deref());
    let app = AppContext {
        view: view.clone(),
        settings,
        page: page.dispatcher(),
    };

    // The document's language follows the UI's (screen readers, hyphenation, fonts).
    {
        let lang = view.lang.code();
        use_effect_with(lang, move |lang| {
            if let Some(el) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
            {
                let _ = el.set_attribute("lang", lang);
            }
        });
    }

    // Saving off the keystroke's path: a second after the first unsaved edit (so typing
    // on writes once a second at most), and at once when the tab is hidden or closed.
    {
        let dispatcher = page.dispatcher();
        use_effect_with(page.designs.unsaved, move |unsaved| {
            let timer = unsaved.then(|| {
                gloo_timers::callback::Timeout::new(SAVE_AFTER_MS, move || {
                    dispatcher.dispatch(Action::Flush)
                })
            });
            move || drop(timer)
        });
    }
    {
        let dispatcher = page.dispatcher();
        use_effect_with((), move |_| {
            let window = web_sys::window();
            let on_hide = {
                let dispatcher = dispatcher.clone();
                window.as_ref().map(|w| {
                    gloo_events::EventListener::new(w, "pagehide", move |_| {
                        dispatcher.dispatch(Action::Flush)
                    })
                })
            };
            let on_hidden = window.and_then(|w| w.document()).map(|d| {
                let doc = d.clone();
                gloo_events::EventListener::new(&d, "visibilitychange", move |_| {
                    if doc.hidden() {
                        dispatcher.dispatch(Action::Flush);
                    }
                })
            });
            move || drop((on_hide, on_hidden))
        });
    }

    // Other tabs' writes (the browser tells every other tab of the origin): the saved
    // designs, the deleted list and this tab's design follow them.
    {
        let dispatcher = page.dispatcher();
        use_effect_with((), move |_| {
            // Removed when dropped, with the app.
            let listener = web_sys::window().map(|w| {
                gloo_events::EventListener::new(&w, "storage", move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::StorageEvent>() else {
                        return;
                    };
                    let key = e.key();
                    if key.as_deref().is_none_or(|k| k.starts_with("planwright.")) {
                        dispatcher.dispatch(Action::StorageChanged(key, e.new_value()));
                    }
                })
            });
            move || drop(listener)
        });
    }

    // Undo / redo from anywhere in the page, for both editors (one history of texts). On the
    // document, not the app's element: after a click removes the focused button (an applied
    // suggestion), focus is on the body.
    {
        let dispatcher = page.dispatcher();
        use_effect_with((), move |_| {
            let document = web_sys::window().and_then(|w| w.document());
            // Not passive: it prevents the browser's own undo of the text box.
            let options = gloo_events::EventListenerOptions::enable_prevent_default();
            let listener = document.map(|d| {
                gloo_events::EventListener::new_with_options(&d, "keydown", options, move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                        return;
                    };
                    if !(e.ctrl_key() || e.meta_key()) {
                        return;
                    }
                    let action = match (e.key().to_ascii_lowercase().as_str(), e.shift_key()) {
                        ("z", false) => EditorAction::Undo,
                        ("z", true) | ("y", false) => EditorAction::Redo,
                        _ => return,
                    };
                    e.prevent_default();
                    dispatcher.dispatch(Action::Editor(action));
                })
            });
            move || drop(listener)
        });
    }
    // Prices: the editor hears of every change of the page's catalogs, and the catalogs of
    // the regions the design uses are fetched when it first needs them.
    {
        let dispatcher = page.dispatcher();
        use_effect_with((), move |_| {
            let listener = dispatcher.clone();
            let id = catalogs::subscribe(Callback::from(move |p| {
                listener.dispatch(Action::Editor(EditorAction::Prices(p)))
            }));
            // What changed before this subscription (a catalog that arrived first).
            dispatcher.dispatch(Action::Editor(EditorAction::Prices(catalogs::prices())));
            move || catalogs::unsubscribe(id)
        });
    }
    {
        let wanted = editor.wanted.clone();
        let recovered = editor.recovered;
        use_effect_with((wanted, recovered), move |(wanted, recovered)| {
            if !*recovered {
                catalogs::ensure(wanted);
            }
        });
    }
    // A shared link in the URL is inflated by the browser (asynchronously), then offered.
    {
        let opening = match &designs.shared {
            Some(Shared::Opening(fragment)) => Some(fragment.clone()),
            _ => None,
        };
        let dispatcher = page.dispatcher();
        use_effect_with(opening, move |opening| {
            if let Some(fragment) = opening.clone() {
                wasm_bindgen_futures::spawn_local(async move {
                    let read = crate::share_link::open(&fragment).await;
                    dispatcher.dispatch(Action::SharedRead(read.map_err(|e| e.to_string())));
                });
            }
        });
    }
    let pack_name = designs
        .pack
        .as_ref()
        .map(|(p, _)| p.name.clone().unwrap_or_else(|| "unnamed pack".into()));
    // Clicking a problem puts the cursor on its line and column (in the text editor).
    let on_jump = {
        let editor_ref = editor_ref.clone();
        let show_form = form_tab.setter();
        use_callback((), move |(line, column): (u32, u32), _| {
            show_form.set(false);
            // After the text tab is drawn: a hidden text area takes no focus and no scroll
            // (a finding clicked while the form is shown).
            let editor_ref = editor_ref.clone();
            gloo_timers::callback::Timeout::new(0, move || {
                if crate::components::code_editor::reveal(line, column) {
                    return;
                }
                if let Some(area) = editor_ref.cast::<HtmlTextAreaElement>() {
                    let offset = utf16_offset(&area.value(), line, column);
                    let _ = area.focus();
                    let _ = area.set_selection_range(offset, offset);
                    // The line a third of the way down, whatever the browser did with the caret.
                    let line_px = web_sys::window()
                        .and_then(|w| w.get_computed_style(&area).ok().flatten())
                        .and_then(|st| st.get_property_value("line-height").ok())
                        .and_then(|v| v.trim_end_matches("px").parse::<f64>().ok())
                        .unwrap_or(18.0);
                    let top = f64::from(line.saturating_sub(1)) * line_px
                        - f64::from(area.client_height()) / 3.0;
                    area.set_scroll_top(top.max(0.0) as i32);
                }
            })
            .forget();
        })
    };
    let on_plain = {
        let settings = app.settings.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            settings.dispatch(crate::state::settings::SettingsAction::PlainEditor(
                input.checked(),
            ));
        })
    };
    let tab = |form: bool| {
        let form_tab = form_tab.clone();
        Callback::from(move |_: MouseEvent| form_tab.set(form))
    };
    let dispatch = |action: fn() -> Action| {
        let page = app.page.clone();
        Callback::from(move |_: MouseEvent| page.dispatch(action()))
    };
    let total_state = match (&editor.report, &editor.design) {
        (Some(r), Some(d)) => catalogs::total_state(&editor.prices, &editor.wanted, &d.region, r),
        _ => TotalState::Priced,
    };
    // Until the design's prices arrive, nothing priced is shown (no $0 lines or warnings).
    let loading = matches!(total_state, TotalState::Loading(_));
    let shared_name = match &designs.shared {
        Some(Shared::Offer(text)) => crate::workspace::design_name(text),
        _ => String::new(),
    };
    let can_apply = !editor.stale && editor.errors.is_empty();

    html! {
        <ContextProvider<AppContext> context={app.clone()}>
        <div class="app">
            <Toolbar editor={editor.clone()} designs={designs.clone()} />
            <div class="subbar">
                <PackImport current={pack_name} />
                <TerraformImport />
                { catalog_import(&app, &editor.prices.imported) }
            </div>
            if let Some(shared) = &designs.shared {
                <div class="banner" id="shared-banner" role="alert">
                    { match shared {
                        Shared::Opening(_) => html! { <span>{ "…" }</span> },
                        Shared::Offer(_) => html! {
                            <>
                                <span>{ format!("{}: “{shared_name}”. ", view.t("Open the shared design")) }{ view.t("Your saved designs are kept.") }</span>
                                <button id="open-shared" onclick={dispatch(|| Action::OpenShared)}>{ view.t("Open the shared design") }</button>
                            </>
                        },
                        Shared::Damaged(why) => html! {
                            <span id="shared-damaged">{ format!("{} ({why})", view.t("This share link is damaged; nothing was changed.")) }</span>
                        },
                    } }
                    <button id="dismiss-shared" onclick={dispatch(|| Action::Designs(DesignsAction::DismissShared))}>{ view.t("Dismiss") }</button>
                </div>
            }
            if let Some(url) = &designs.share_url {
                <div class="banner" id="share-banner">
                    <label>{ view.t("Copy this link to share the design:") }
                        <input id="share-url" readonly=true value={url.clone()} onfocus={Callback::from(|e: FocusEvent| {
                            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                            input.select();
                        })} />
                    </label>
                    <button onclick={dispatch(|| Action::Designs(DesignsAction::ShowShareUrl(None)))}>{ view.t("Dismiss") }</button>
                </div>
            }
            if let Some(name) = &designs.just_deleted {
                <div class="banner notice" id="deleted-toast" role="status">
                    <span>{ format!("{} “{name}”.", view.t("Deleted")) }</span>
                    <button id="undo-delete" onclick={Callback::from({ let page = app.page.clone(); let n = designs.deleted.len(); move |_: MouseEvent| page.dispatch(Action::RestoreDeleted(n.saturating_sub(1))) })}>{ view.t("Undo") }</button>
                    <button onclick={dispatch(|| Action::Designs(DesignsAction::DismissDeleted))}>{ view.t("Dismiss") }</button>
                </div>
            }
            if let Some(notice) = &designs.notice {
                <div class="banner notice" id="notice" role="status">
                    <span>{ notice.text(view.lang) }</span>
                    <button onclick={dispatch(|| Action::Designs(DesignsAction::DismissNotice))}>{ view.t("Dismiss") }</button>
                </div>
            }
            if let Some(origin) = (*tf_shown).clone() {
                <TfView {origin} design={crate::workspace::design_name(&editor.text)} on_close={close_tf} />
            }
            <div class="panes">
                <section class="pane editor-pane" aria-label={view.t("Design")}>
                    <div class="tabs" role="tablist">
                        <button id="tab-text" role="tab" aria-selected={(!*form_tab).to_string()} onclick={tab(false)}>{ view.t("Text") }</button>
                        <button id="tab-form" role="tab" aria-selected={form_tab.to_string()} onclick={tab(true)}>{ view.t("Form") }</button>
                        <label class="plain-toggle">
                            <input type="checkbox" id="plain-editor" checked={app.settings.plain_editor} onchange={on_plain} />
                            { view.t("Plain text box") }
                        </label>
                    </div>
                    // The text editor stays mounted (hidden) so its caret and scroll survive a
                    // visit to the form.
                    <div class={classes!("tab-body", form_tab.then_some("hidden"))}>
                        <Editor text={editor.text.clone()} errors={editor.errors.clone()} report={editor.report.clone()} node_ref={editor_ref} />
                    </div>
                    if *form_tab {
                        <div class="tab-body form-body">
                            <FormEditor editor={editor.clone()} />
                        </div>
                    }
                </section>
                <section class="pane results-pane" aria-label="Results">
                    if editor.recovered {
                        <div class="recovered" id="recovered">
                            { view.t("Planwright stopped with an internal error last time. Your design is back, not yet evaluated: edit it, or load an example, to continue.") }
                        </div>
                    }
                    if !designs.pack_errors.is_empty() {
                        <div class="pack-errors" id="pack-errors">
                            <h2>{ view.t("The policy pack was not imported") }</h2>
                            <ul>{ for designs.pack_errors.iter().map(|d| html! {
                                <li>{ format!("{} {}:{} — {} [{}]{}", view.t("pack line"), d.line.unwrap_or(0), d.column.unwrap_or(0), d.message, d.code,
                                    d.hint.as_ref().map(|h| format!(" ({h})")).unwrap_or_default()) }</li>
                            }) }</ul>
                        </div>
                    }
                    if !designs.catalog_errors.is_empty() {
                        <div class="pack-errors" id="catalog-errors" role="alert">
                            <h2>{ view.t("The catalog file was not imported; the prices in force are unchanged") }</h2>
                            <ul>{ for designs.catalog_errors.iter().map(|e| html! { <li>{ e.clone() }</li> }) }</ul>
                        </div>
                    }
                    <Problems errors={editor.errors.clone()} report={if loading { None } else { editor.report.clone() }} on_jump={on_jump.clone()} />
                    if let Some(report) = editor.report.clone() {
                        <Summary report={report.clone()} stale={editor.stale} total={total_state} regions={editor.prices.regions.clone()} />
                        if !loading {
                            if let Some((label, other)) = editor.compare_report.clone() {
                                <Compare left={other} left_label={label}
                                    right={report.clone()} right_label={editor.env.clone().unwrap_or_else(|| crate::workspace::design_name(&editor.text))} />
                            }
                        }
                        <Findings report={report.clone()} on_jump={on_jump.clone()} origins={origins.clone()} on_tf={on_tf.clone()} />
                        if !loading {
                            <section class="findings diagram-section" aria-labelledby="diagram-title">
                                <h2 id="diagram-title">{ view.t("Diagram") }</h2>
                                <Diagram text={editor.text.clone()} env={editor.env.clone().map(AttrValue::from)} report={report.clone()}
                                    name={crate::workspace::design_name(&editor.text)} on_jump={on_jump.clone()} />
                            </section>
                            <Readiness report={report.clone()} {can_apply} origins={origins.clone()} on_tf={on_tf.clone()} />
                            <Charts report={report.clone()} design={editor.design.clone()} />
                            <CostTable {report} origins={origins.clone()} on_tf={on_tf.clone()} />
                        }
                    }
                </section>
            </div>
        </div>
        </ContextProvider<AppContext>>
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
