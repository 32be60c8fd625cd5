//! The architecture diagram of the design, live: drawn by the core (`planwright_core::diagram`)
//! in the module the page loads after its first paint (`crates/assist-wasm`), a moment after
//! the text last changed. Click a node (or Enter on it) to put the editor's caret on its
//! line; the editor's caret marks its node. Zoom with the buttons or Ctrl+wheel, pan by
//! dragging or scrolling; export as SVG or PNG.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use planwright_core::diagram::Facts;
use planwright_core::Report;
use wasm_bindgen::prelude::*;
use web_sys::Element;
use yew::prelude::*;

use crate::download::download;
use crate::view::use_view;

#[wasm_bindgen(module = "/js/code.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = drawDiagram)]
    async fn draw_diagram(text: &str, env: Option<String>, facts: &str)
        -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = exportPng)]
    async fn export_png(svg: &str, name: &str) -> Result<JsValue, JsValue>;
}

/// Drawing waits this long after the last change (typing stays fluid on large designs).
const SETTLE_MS: u32 = 150;

thread_local! {
    /// The newest diagram drawn, for exports that want it (the Markdown report).
    static LATEST: RefCell<Rc<str>> = RefCell::new(Rc::from(""));
}

/// The newest diagram drawn on this page (empty before the first).
pub fn latest() -> Rc<str> {
    LATEST.with(|l| l.borrow().clone())
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub text: AttrValue,
    pub env: Option<AttrValue>,
    pub report: Option<Rc<Report>>,
    /// The design's name, for the exported files.
    pub name: AttrValue,
    /// A node was chosen: its line.
    #[prop_or_default]
    pub on_jump: Option<Callback<(u32, u32)>>,
    /// Without the zoom and export bar (the embed).
    #[prop_or_default]
    pub bare: bool,
}

#[component]
pub fn Diagram(props: &Props) -> Html {
    let view = use_view();
    let svg = use_state_eq(|| AttrValue::from(""));
    let failed = use_state_eq(|| false);
    let zoom = use_state_eq(|| 1.0_f64);
    let pending: Rc<RefCell<Option<Timeout>>> = use_mut_ref(|| None);
    let drag: Rc<RefCell<Option<(i32, i32, i32, i32)>>> = use_mut_ref(|| None);
    let host = use_node_ref();
    {
        let (svg, failed, pending) = (svg.clone(), failed.clone(), pending.clone());
        let facts = props.report.as_ref().map(|r| {
            let money = view.money;
            serde_json::to_string(&Facts::of_report(r, &|usd| money.show(usd))).unwrap_or_default()
        });
        let (text, env) = (
            props.text.to_string(),
            props.env.as_ref().map(|e| e.to_string()),
        );
        use_effect_with(
            (
                props.text.clone(),
                props.env.clone(),
                props.report.clone(),
                view.money,
            ),
            move |_| {
                let run = move || {
                    wasm_bindgen_futures::spawn_local(async move {
                        let facts = facts.unwrap_or_else(|| "{}".into());
                        match draw_diagram(&text, env, &facts).await {
                            Ok(drawn) => {
                                let drawn = drawn.as_string().unwrap_or_default();
                                // A text that does not load keeps the last diagram (as the
                                // figures keep the last valid result).
                                if !drawn.is_empty() {
                                    LATEST.with(|l| *l.borrow_mut() = Rc::from(drawn.as_str()));
                                    svg.set(AttrValue::from(drawn));
                                }
                                failed.set(false);
                            }
                            Err(_) => failed.set(true),
                        }
                    });
                };
                pending.borrow_mut().take().map(Timeout::cancel);
                *pending.borrow_mut() = Some(Timeout::new(SETTLE_MS, run));
            },
        );
    }
    let chosen = |target: web_sys::EventTarget| -> Option<u32> {
        let el: Element = target.dyn_into().ok()?;
        el.closest(".pwd-node")
            .ok()??
            .get_attribute("data-line")?
            .parse()
            .ok()
    };
    let onclick = {
        let on_jump = props.on_jump.clone();
        Callback::from(move |e: MouseEvent| {
            if let (Some(line), Some(jump)) = (e.target().and_then(chosen), &on_jump) {
                jump.emit((line, 1));
            }
        })
    };
    let onkeydown = {
        let (on_jump, zoom) = (props.on_jump.clone(), zoom.clone());
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Enter" | " " => {
                if let (Some(line), Some(jump)) = (e.target().and_then(chosen), &on_jump) {
                    e.prevent_default();
                    jump.emit((line, 1));
                }
            }
            "+" | "=" => zoom.set((*zoom * 1.25).min(4.0)),
            "-" => zoom.set((*zoom / 1.25).max(0.25)),
            "0" => zoom.set(1.0),
            _ => {}
        })
    };
    let onwheel = {
        let zoom = zoom.clone();
        Callback::from(move |e: WheelEvent| {
            if e.ctrl_key() || e.meta_key() {
                e.prevent_default();
                let factor = if e.delta_y() < 0.0 { 1.1 } else { 1.0 / 1.1 };
                zoom.set((*zoom * factor).clamp(0.25, 4.0));
            }
        })
    };
    // Drag to pan: the scroll position follows the pointer.
    let onmousedown = {
        let (drag, host) = (drag.clone(), host.clone());
        Callback::from(move |e: MouseEvent| {
            if let Some(el) = host.cast::<Element>() {
                *drag.borrow_mut() = Some((
                    e.client_x(),
                    e.client_y(),
                    el.scroll_left(),
                    el.scroll_top(),
                ));
            }
        })
    };
    let onmousemove = {
        let (drag, host) = (drag.clone(), host.clone());
        Callback::from(move |e: MouseEvent| {
            if e.buttons() == 0 {
                drag.borrow_mut().take();
                return;
            }
            if let (Some((x, y, left, top)), Some(el)) = (*drag.borrow(), host.cast::<Element>()) {
                el.set_scroll_left(left - (e.client_x() - x));
                el.set_scroll_top(top - (e.client_y() - y));
            }
        })
    };
    let onmouseup = {
        let drag = drag.clone();
        Callback::from(move |_: MouseEvent| {
            drag.borrow_mut().take();
        })
    };
    let set_zoom = |z: Option<f64>| {
        let zoom = zoom.clone();
        Callback::from(move |_: MouseEvent| {
            zoom.set(match z {
                Some(f) => (*zoom * f).clamp(0.25, 4.0),
                None => 1.0,
            })
        })
    };
    let file = format!("{}-diagram", crate::download::file_stem(&props.name));
    let on_svg = {
        let (svg, file) = (svg.clone(), file.clone());
        Callback::from(move |_: MouseEvent| download(&format!("{file}.svg"), "image/svg+xml", &svg))
    };
    let on_png = {
        let svg = svg.clone();
        Callback::from(move |_: MouseEvent| {
            let (svg, file) = (svg.to_string(), file.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let _ = export_png(&svg, &format!("{file}.png")).await;
            });
        })
    };
    let empty = svg.is_empty();
    html! {
        <div class="diagram-card">
            if !props.bare {
                <div class="diagram-bar" role="toolbar" aria-label={view.t("Diagram")}>
                    <button class="zoom-out" onclick={set_zoom(Some(1.0 / 1.25))} aria-label={view.t("Zoom out")} title={view.t("Zoom out")}>{ "−" }</button>
                    <button class="zoom-reset" onclick={set_zoom(None)}>{ format!("{:.0}%", *zoom * 100.0) }</button>
                    <button class="zoom-in" onclick={set_zoom(Some(1.25))} aria-label={view.t("Zoom in")} title={view.t("Zoom in")}>{ "+" }</button>
                    <span class="spacer"></span>
                    <button id="diagram-svg" disabled={empty} onclick={on_svg}>{ "SVG" }</button>
                    <button id="diagram-png" disabled={empty} onclick={on_png}>{ "PNG" }</button>
                </div>
            }
            <div id="diagram" class="diagram" ref={host} tabindex="0"
                aria-label={view.t("Architecture diagram: Tab to a resource, Enter to show its line")}
                {onclick} {onkeydown} {onwheel} {onmousedown} {onmousemove} {onmouseup}>
                if empty {
                    <p class="muted">{ if *failed { view.t("The diagram could not be loaded (offline?).") } else { view.t("Drawing…") } }</p>
                } else {
                    <div class="diagram-zoom" style={format!("zoom: {}", *zoom)}>
                        { Html::from_html_unchecked((*svg).clone()) }
                    </div>
                }
            </div>
        </div>
    }
}
