//! The design text editor: line numbers, a marker on each line with an error (its message
//! on hover), and input that stays responsive on very large texts (evaluation is deferred
//! while typing into one, so a keystroke never waits on re-reading megabytes).

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use planwright_core::Diagnostic;
use web_sys::{Element, HtmlTextAreaElement};
use yew::prelude::*;

use crate::state::editor::EditorAction;
use crate::state::{Action, AppContext};

/// The largest text the page evaluates as you type, in characters (about 4,000 resources
/// of the generated benchmark design). Reading a design is linear but not free: in
/// WebAssembly about a second per megabyte on this project's test machine, so a larger
/// text would freeze the tab. Larger designs are refused with an error, before they are
/// even copied out of the text box; the CLI reads up to `limits::MAX_DESIGN_BYTES`.
pub const LIVE_LIMIT_CHARS: usize = 512 * 1024;
/// Texts larger than this are evaluated after a pause in typing, not on every keystroke.
const DEFER_BYTES: usize = 256 * 1024;
const DEFER_MS: u32 = 300;
/// Line height of the editor in pixels (matches `.editor` and `.gutter` in style.css).
const LINE_PX: u32 = 20;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub text: String,
    pub errors: Vec<Diagnostic>,
    pub node_ref: NodeRef,
}

#[component]
pub fn Editor(props: &Props) -> Html {
    let gutter = use_node_ref();
    let pending: Rc<RefCell<Option<Timeout>>> = use_mut_ref(|| None);
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
    let page = use_context::<AppContext>().map(|c| c.page);
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
            let later = text.len() > DEFER_BYTES;
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
    html! {
        <div class="editor-wrap">
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
                aria-label="Design (YAML or JSON)"
                aria-invalid={(!props.errors.is_empty()).to_string()}
                {oninput}
                {onscroll}
            />
        </div>
    }
}
