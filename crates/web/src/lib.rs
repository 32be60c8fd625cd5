//! Planwright's web page: a Yew app over the core. No domain logic here: the core reads,
//! validates and prices the design; this crate keeps the state, saves the text, renders.

pub mod api;
pub mod app;
pub mod catalogs;
pub mod components;
pub mod download;
pub mod embed;
pub mod examples;
pub mod i18n;
pub mod money;
pub mod share_link;
pub mod state;
pub mod store;
pub mod tf_source;
pub mod view;
pub mod workspace;

pub use app::App;

/// Marks a crash for the next load (see `state::editor::Editor::restore`).
pub const CRASH_KEY: &str = "planwright.crashed.v1";

/// A panic in WebAssembly stops the module for good: log it, remember it (so the next load
/// does not evaluate the same design blindly), and replace the dead page with a message and
/// a way back. The design itself was saved before it was evaluated.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let detail = info.to_string();
        web_sys::console::error_1(&format!("Planwright crashed: {detail}").into());
        // The edit being evaluated, if it was not written yet.
        state::designs::rescue();
        if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
            let _ = storage.set_item(CRASH_KEY, "1");
        }
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let Some(body) = doc.body() else { return };
        let Ok(banner) = doc.create_element("div") else {
            return;
        };
        banner.set_id("crash");
        banner.set_class_name("crash");
        // Text nodes only: the panic message may quote design text.
        let parts = [
            ("strong", "Planwright hit an internal error and stopped."),
            ("p", "Your design is saved in this browser. Reload the page to continue: it will open your design without evaluating it, so you can fix or replace it."),
            ("code", detail.as_str()),
        ];
        for (tag, text) in parts {
            if let Ok(el) = doc.create_element(tag) {
                el.set_text_content(Some(text));
                let _ = banner.append_child(&el);
            }
        }
        if let Ok(link) = doc.create_element("a") {
            let _ = link.set_attribute("href", "");
            link.set_id("crash-reload");
            link.set_text_content(Some("Reload"));
            let _ = banner.append_child(&link);
        }
        let _ = body.prepend_with_node_1(&banner);
    }));
}

/// Renders the page into `<main id="app">`: the editor, or with `?embed` the compact card.
/// A page without that element (a docs portal importing the module for the JS API) gets
/// nothing rendered.
pub fn mount() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(root) = window.document().and_then(|d| d.get_element_by_id("app")) else {
        return;
    };
    let location = window.location();
    let query = location.search().unwrap_or_default();
    let fragment = location.hash().unwrap_or_default();
    let embed = query
        .trim_start_matches('?')
        .split('&')
        .any(|kv| kv == "embed" || kv.starts_with("embed="));
    if embed {
        if let Some(body) = window.document().and_then(|d| d.body()) {
            body.set_class_name("embedded");
        }
        yew::Renderer::<embed::EmbedCard>::with_root_and_props(
            root,
            embed::Props { query, fragment },
        )
        .render();
    } else {
        yew::Renderer::<App>::with_root_and_props(root, app::Props { fragment }).render();
    }
    // After rendering: Yew sets its own (console-only) panic hook when it starts.
    install_panic_hook();
}
