//! Planwright's web page: a Yew app over the core. No domain logic here: the core reads,
//! validates and prices the design; this crate keeps the state, saves the text, renders.

pub mod api;
pub mod app;
pub mod components;
pub mod examples;
pub mod state;

pub use app::App;

/// Renders the app into `<main id="app">` (or the body when there is none).
pub fn mount() {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"));
    match root {
        Some(el) => {
            yew::Renderer::<App>::with_root(el).render();
        }
        None => {
            yew::Renderer::<App>::new().render();
        }
    }
}
