//! The design text editor. At first (and for good, with the "plain text box" setting, or
//! when the code editor cannot load) a text area with line numbers and a marker on each line
//! with an error (its message on hover); once the code editor has loaded after the first
//! paint, it takes the text area's place (`code_editor`). Either way input stays responsive
//! on very large texts: evaluation is deferred while typing into one, so a keystroke never
//! waits on re-reading megabytes.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use planwright_core::{Diagnostic, Report};
use web_sys::{Element, HtmlTextAreaElement};
use yew::prelude::*;

use crate::components::code_editor::{self, Hooks};
use crate::state::editor::EditorAction;
use crate::state::{Action, AppContext, Page};

/// The largest text the page evaluates as you type, in characters (about 4,000 resources
/// of the generated benchmark design). Reading a design is linear but not free: in
/// WebAssembly about a second per megabyte on this project's test machine, so a larger
/// text would freeze the tab. Larger designs are refused with an error, before they are
/// even copied out of the text box; the CLI reads up to `limits::MAX_DESIGN_BYTES`.
pub const LIVE_LIMIT_CHARS: usize = 512 * 1024;
/// Texts larger than this are evaluated after a pause in typing, not on every keystroke.
const DEFER_BYTES: usize = 256 * 1024;
const DEFER_MS: u32 = 300;
/// The code editor's lint marks are sent this long after the last change.
const MARK_MS: u32 = 120;
/// Line height of the editor in pixels (matches `.editor` and `.gutter` in style.css).
const LINE_PX: u32 = 20;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub text: String,
    pub errors: Vec<Diagnostic>,
    /// The report of the text, for the code editor's marks of warnings and findings.
    pub report: Option<Rc<Report>>,
    pub node_ref: NodeRef,
}

/// Sends a typed text to the page's reducer: at once, or after a pause in typing when the
/// text is large. `pending` holds the deferred one (a newer keystroke replaces it).
fn typed(page: &UseReducerDispatcher<Page>, pending: &Rc<RefCell<Option<Timeout>>>, text: String) {
    pending.borrow_mut().take().map(Timeout::cancel);
    let later = text.len() > DEFER_BYTES;
    let page = page.clone();
    let edit = move || {
        page.dispatch(Action::Editor(EditorAction::Type(
            text,
            js_sys::Date::now(),
        )))
    };
    if later {
        *pending.borrow_mut() = Some(Timeout::new(DEFER_MS, edit));
    } else {
        edit();
    }
}

#[component]
pub fn Editor(props: &Props) -> Html {
    let gutter = use_node_ref();
    let host = use_node_ref();
    let pending: Rc<RefCell<Option<Timeout>>> = use_mut_ref(|| None);
    // The lint marks waiting for a pause, and the last sent.
    let marking: Rc<RefCell<Option<Timeout>>> = use_mut_ref(|| None);
    let marked: Rc<RefCell<String>> = use_mut_ref(String::new);
    let context = use_context::<AppContext>();
    let plain = context.as_ref().is_some_and(|c| c.settings.plain_editor);
    let label = context
        .as_ref()
        .map(|c| c.view.t("Design (YAML or JSON)"))
        .unwrap_or("Design (YAML or JSON)");
    // The code editor has taken the text area's place.
    let coded = use_state_eq(|| false);
    // What the code editor shows (written there only when the text comes from elsewhere).
    let in_code: Rc<RefCell<String>> = use_mut_ref(String::new);
    // The newest text, for a code editor that finishes loading after it changed.
    let latest: Rc<RefCell<String>> = use_mut_ref(String::new);
    latest.borrow_mut().clone_from(&props.text);
    {
        let (host, coded, in_code, latest, pending) = (
            host.clone(),
            coded.clone(),
            in_code.clone(),
            latest.clone(),
            pending.clone(),
        );
        let page = context.as_ref().map(|c| c.page.clone());
        use_effect_with(plain, move |plain| {
            let plain = *plain;
            if !plain {
                wasm_bindgen_futures::spawn_local(async move {
                    let loaded = match code_editor::load().await {
                        Ok(l) => l,
                        Err(e) => {
                            web_sys::console::warn_1(
                                &format!(
                                    "the code editor did not load ({e}): the plain text box stays"
                                )
                                .into(),
                            );
                            return;
                        }
                    };
                    let (Some(parent), Some(page)) = (host.cast::<Element>(), page) else {
                        return;
                    };
                    let text = latest.borrow().clone();
                    in_code.borrow_mut().clone_from(&text);
                    let (p1, p2, p3) = (page.clone(), page.clone(), page);
                    let typed_in = in_code.clone();
                    let hooks = Hooks {
                        on_change: Box::new(move |text: String, typing: bool| {
                            typed_in.borrow_mut().clone_from(&text);
                            if text.chars().count() > LIVE_LIMIT_CHARS {
                                typed_in.borrow_mut().clear();
                                p1.dispatch(Action::Editor(EditorAction::Oversize(
                                    text.chars().count(),
                                )));
                                return;
                            }
                            if typing {
                                typed(&p1, &pending, text);
                            } else {
                                pending.borrow_mut().take().map(Timeout::cancel);
                                p1.dispatch(Action::Editor(EditorAction::Put(
                                    text,
                                    js_sys::Date::now(),
                                )));
                            }
                        }),
                        undo: Box::new(move || p2.dispatch(Action::Editor(EditorAction::Undo))),
                        redo: Box::new(move || p3.dispatch(Action::Editor(EditorAction::Redo))),
                    };
                    code_editor::mount(&loaded, &parent, &text, label, hooks);
                    coded.set(true);
                });
            }
            move || {
                if !plain {
                    code_editor::unmount();
                }
            }
        });
    }
    if plain && *coded {
        coded.set(false);
    }
    {
        let (coded, text) = (*coded, props.text.clone());
        let (errors, report) = (props.errors.clone(), props.report.clone());
        let (in_code, marking, marked) = (in_code.clone(), marking.clone(), marked.clone());
        use_effect(move || {
            if coded {
                if *in_code.borrow() != text {
                    code_editor::show(&text);
                    *in_code.borrow_mut() = text;
                }
                // Lint marks follow a pause in typing (as in other editors), and only when
                // they changed: a keystroke does not wait on re-marking the text.
                marking.borrow_mut().take().map(Timeout::cancel);
                *marking.borrow_mut() = Some(Timeout::new(MARK_MS, move || {
                    let (warnings, findings) = report
                        .as_ref()
                        .map(|r| (&r.diagnostics[..], &r.findings[..]))
                        .unwrap_or_default();
                    let marks = code_editor::marks_json(&errors, warnings, findings);
                    if *marked.borrow() != marks {
                        code_editor::mark(&marks);
                        *marked.borrow_mut() = marks;
                    }
                }));
            }
        });
    }
    // What the text box holds. The box is written only when the text comes from elsewhere
    // (undo, the form, an example): handing a typed text back to the box it came from
    // would copy it out of WebAssembly and have the browser compare it, every keystroke.
    let shown: Rc<RefCell<String>> = use_mut_ref(String::new);
    {
        let (area, shown, text) = (props.node_ref.clone(), shown.clone(), props.text.clone());
        use_effect(move || {
            if *shown.borrow() != text {
                if let Some(area) = area.cast::<HtmlTextAreaElement>() {
                    area.set_value(&text);
                }
                *shown.borrow_mut() = text;
            }
        });
    }
    let lines = props.text.bytes().filter(|b| *b == b'\n').count() + 1;
    // The numbers are one text node, rebuilt only when the number of lines changes.
    let numbers = use_memo(lines, |n| {
        let mut s = String::with_capacity(n * 6);
        for i in 1..=*n {
            s.push_str(&i.to_string());
            s.push('\n');
        }
        s
    });
    // Edits go to the page's reducer (`state::editor`), through the app's context.
    let page = context.as_ref().map(|c| c.page.clone());
    let oninput = {
        Callback::from(move |e: InputEvent| {
            let Some(page) = page.clone() else { return };
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            pending.borrow_mut().take().map(Timeout::cancel);
            // Checked before the text is copied out of the page: copying, saving and
            // re-rendering megabytes that can only be refused would freeze the tab.
            let length = area.text_length() as usize;
            // A text over the design size limit, by its length: not read into the app at all.
            if length > LIVE_LIMIT_CHARS {
                // The box no longer shows the design: the next text the page gives it
                // (even the same one, after an undo) is written back.
                shown.borrow_mut().clear();
                page.dispatch(Action::Editor(EditorAction::Oversize(length)));
                return;
            }
            let text = area.value();
            shown.borrow_mut().clone_from(&text);
            typed(&page, &pending, text);
        })
    };
    let onscroll = {
        let gutter = gutter.clone();
        Callback::from(move |e: Event| {
            let area: Element = e.target_unchecked_into();
            if let Some(g) = gutter.cast::<Element>() {
                g.set_scroll_top(area.scroll_top());
            }
        })
    };
    let mut marked: Vec<(u32, String)> = Vec::new();
    for d in props.errors.iter().filter(|d| d.line.is_some()) {
        let line = d.line.unwrap_or(1);
        match marked.iter_mut().find(|(l, _)| *l == line) {
            Some((_, m)) => {
                m.push('\n');
                m.push_str(&d.message);
            }
            None => marked.push((line, d.message.clone())),
        }
    }
    let coded = *coded;
    html! {
        <>
        <div class="code-host" ref={host} hidden={!coded}></div>
        <div class="editor-wrap" hidden={coded}>
            <div class="gutter" ref={gutter} aria-hidden="true">
                <pre class="numbers">{ (*numbers).clone() }</pre>
                { for marked.into_iter().take(200).map(|(line, message)| html! {
                    <div class="error-mark" data-line={line.to_string()} title={message}
                        style={format!("top: {}px", (line - 1) * LINE_PX + 12)}></div>
                }) }
            </div>
            <textarea
                id="design"
                class="editor"
                ref={props.node_ref.clone()}
                spellcheck="false"
                wrap="off"
                autocomplete="off"
                aria-label={label}
                aria-invalid={(!props.errors.is_empty()).to_string()}
                {oninput}
                {onscroll}
            />
        </div>
        </>
    }
}
