//! Helpers the browser tests share: wait for Yew to render, fire the events a user would.
#![allow(dead_code)] // each test binary uses some of them

use wasm_bindgen::JsCast;

/// The page's app, mounted in a new element of the test document (returned).
pub fn mount_app() -> web_sys::Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<planwright_web::App>::with_root_and_props(
        root.clone(),
        planwright_web::app::Props {
            fragment: String::new(),
        },
    )
    .render();
    root
}

/// Fires a bubbling `kind` event at `target`, as the browser does for user input.
pub fn fire(target: &web_sys::EventTarget, kind: &str) {
    let init = js_sys::Object::new();
    js_sys::Reflect::set(&init, &"bubbles".into(), &true.into()).unwrap();
    let constructor: js_sys::Function = js_sys::Reflect::get(&js_sys::global(), &"Event".into())
        .unwrap()
        .unchecked_into();
    let event =
        js_sys::Reflect::construct(&constructor, &js_sys::Array::of2(&kind.into(), &init)).unwrap();
    target.dispatch_event(event.unchecked_ref()).unwrap();
}

/// The element `selector` finds under `root`, once rendered (Yew renders asynchronously,
/// the embed card after its design is read and its catalogs tried: up to two seconds).
pub async fn rendered(root: &web_sys::Element, selector: &str) -> web_sys::Element {
    for _ in 0..200 {
        if let Some(found) = root.query_selector(selector).unwrap() {
            return found;
        }
        sleep(10).await;
    }
    panic!("{selector} was not rendered");
}

/// Waits (up to two seconds) until `done`.
pub async fn until(done: impl Fn() -> bool) {
    for _ in 0..200 {
        if done() {
            return;
        }
        sleep(10).await;
    }
    panic!("timed out");
}

pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}
