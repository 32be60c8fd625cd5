//! The architecture diagram of the design, live. The core draws it
//! (`planwright_core::diagram`) in the module the page loads after its first paint
//! (`crates/assist-wasm`), a moment after the text last changed; its frame (zoom, pan,
//! export, click or Enter on a node to put the editor's caret on its line) is the lazily
//! loaded `code/diagram.js`. This component only hands them the text and the facts the
//! page knows (each resource's cost as the page writes money, its findings).

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use planwright_core::diagram::Facts;
use planwright_core::Report;
use wasm_bindgen::prelude::*;
use web_sys::Element;
use yew::prelude::*;

use crate::view::use_view;

#[wasm_bindgen(module = "/js/code.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = showDiagram)]
    async fn show_diagram(
        host: &Element,
        text: &str,
        env: Option<String>,
        facts: &str,
        options: &JsValue,
    ) -> Result<JsValue, JsValue>;
    /// The newest diagram drawn on the page as a `data:` URL (empty before the first).
    #[wasm_bindgen(js_name = latestDiagramDataUrl)]
    pub fn latest_diagram_data_url() -> String;
}

/// Drawing waits this long after the last change, longer on large texts: a diagram of 200
/// resources takes about 0.1 s to redraw (scripts/bench-keystroke.mjs CODE=1), which must not
/// fall between two keystrokes.
const SETTLE_MS: u32 = 150;
const SETTLE_LARGE_MS: u32 = 600;
const LARGE_BYTES: usize = 16 * 1024;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub text: AttrValue,
    pub env: Option<AttrValue>,
    pub report: Option<Rc<Report>>,
    /// The design's name, for the exported files.
    pub name: AttrValue,
    /// A node was chosen: its line.
    pub on_jump: Callback<(u32, u32)>,
}

/// What the frame calls back, kept for the component's life.
struct Hooks {
    options: JsValue,
    _closures: (Closure<dyn Fn(u32)>, Closure<dyn Fn() -> String>),
}

#[component]
pub fn Diagram(props: &Props) -> Html {
    let view = use_view();
    let host = use_node_ref();
    let pending: Rc<RefCell<Option<Timeout>>> = use_mut_ref(|| None);
    // The newest callback and name, read by the frame when it calls back.
    let jump: Rc<RefCell<Callback<(u32, u32)>>> = use_mut_ref(|| props.on_jump.clone());
    let name: Rc<RefCell<String>> = use_mut_ref(String::new);
    *jump.borrow_mut() = props.on_jump.clone();
    *name.borrow_mut() = crate::download::file_stem(&props.name);
    let hooks = {
        let (jump, name, view) = (jump.clone(), name.clone(), view.clone());
        use_mut_ref(move || {
            let on_jump =
                Closure::<dyn Fn(u32)>::new(move |line: u32| jump.borrow().emit((line, 1)));
            let file = Closure::<dyn Fn() -> String>::new(move || name.borrow().clone());
            let options = js_sys::Object::new();
            let labels = js_sys::Object::new();
            let set = |on: &js_sys::Object, key: &str, value: &JsValue| {
                let _ = js_sys::Reflect::set(on, &JsValue::from_str(key), value);
            };
            for (key, text) in [
                ("zoomIn", view.t("Zoom in")),
                ("zoomOut", view.t("Zoom out")),
                (
                    "frame",
                    view.t("Architecture diagram: Tab to a resource, Enter to show its line"),
                ),
                ("drawing", view.t("Drawing…")),
            ] {
                set(&labels, key, &JsValue::from_str(text));
            }
            set(&options, "labels", &labels);
            set(&options, "onJump", on_jump.as_ref());
            set(&options, "name", file.as_ref());
            Hooks {
                options: options.into(),
                _closures: (on_jump, file),
            }
        })
    };
    {
        let text_len = props.text.len();
        // Read when the pause is over, not on every keystroke.
        let (text, env, report, money) = (
            props.text.clone(),
            props.env.as_ref().map(|e| e.to_string()),
            props.report.clone(),
            view.money,
        );
        let deps = (
            props.text.clone(),
            props.env.clone(),
            props.report.clone(),
            view.money,
        );
        let host = host.clone();
        use_effect_with(deps, move |_| {
            let run = move || {
                let Some(el) = host.cast::<Element>() else {
                    return;
                };
                let facts = report
                    .map(|r| {
                        serde_json::to_string(&Facts::of_report(&r, &|usd| money.show(usd)))
                            .unwrap_or_default()
                    })
                    .unwrap_or_else(|| "{}".into());
                wasm_bindgen_futures::spawn_local(async move {
                    let options = hooks.borrow().options.clone();
                    if let Err(e) = show_diagram(&el, &text, env, &facts, &options).await {
                        web_sys::console::warn_1(&e);
                    }
                });
            };
            pending.borrow_mut().take().map(Timeout::cancel);
            let settle = if text_len > LARGE_BYTES {
                SETTLE_LARGE_MS
            } else {
                SETTLE_MS
            };
            *pending.borrow_mut() = Some(Timeout::new(settle, run));
        });
    }
    // The frame's children are the frame's own (`code/diagram.js`): Yew renders none here.
    html! { <div class="diagram-card" ref={host}></div> }
}
