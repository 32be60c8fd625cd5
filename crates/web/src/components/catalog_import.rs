//! Import price catalog files (one or more `.json` files, as `planwright prices sync` writes
//! them) on top of the deployment's prices, or remove the imported ones. A file that does
//! not read is refused with its first located error, and changes nothing.
//!
//! A function, not a component: it re-renders with the toolbar's sub-bar, and a component
//! type of its own would add its own copy of Yew's lifecycle code to the bundle.

use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::view::View;

/// `imported`: regions of the imported catalogs in force; `on_files`: each picked file's
/// name and text (or why it was not read).
pub fn catalog_import(
    view: &View,
    imported: &[String],
    on_files: Callback<Vec<(String, Result<String, String>)>>,
    on_remove: Callback<MouseEvent>,
) -> Html {
    let onchange =
        crate::download::on_files_text(on_files, planwright_core::limits::MAX_CATALOG_BYTES);
    // A real button (keyboard-reachable, labelled) opens the hidden file input.
    let on_pick = Callback::from(|_: MouseEvent| {
        if let Some(input) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("catalog-file"))
            .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
        {
            input.click();
        }
    });
    html! {
        <span class="pack catalogs">
            if !imported.is_empty() {
                <span class="pack-name" id="imported-catalogs">
                    { format!("{} {}", view.t("Imported prices:"), imported.join(", ")) }
                </span>
                <button class="link" id="remove-catalogs" onclick={on_remove}>{ view.t("Remove imported prices") }</button>
            }
            <button class="link" id="import-catalog" onclick={on_pick}>{ view.t("Import prices…") }</button>
            <input id="catalog-file" type="file" accept=".json,application/json" multiple=true
                hidden=true tabindex="-1" aria-label={view.t("Import prices…")} {onchange} />
        </span>
    }
}
