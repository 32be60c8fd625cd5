//! Import price catalog files (one or more `.json` files, as `planwright prices sync` writes
//! them) on top of the deployment's prices, or remove the imported ones. A file that does
//! not read is refused with its first located error, and changes nothing.
//!
//! A function, not a component: it re-renders with the toolbar's sub-bar, and a component
//! type of its own would add its own copy of Yew's lifecycle code to the bundle.

use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::catalogs;
use crate::state::designs::DesignsAction;
use crate::state::{Action, AppContext};

/// `imported`: regions of the imported catalogs in force. The new prices reach the editor
/// through `catalogs::subscribe`; what was refused is the designs store's to show.
pub fn catalog_import(app: &AppContext, imported: &[String]) -> Html {
    let view = &app.view;
    let refused = |page: &yew::UseReducerDispatcher<crate::state::Page>, errors| {
        page.dispatch(Action::Designs(DesignsAction::CatalogImport(errors)))
    };
    // Each picked file's name and text (or why it was not read).
    let on_files = {
        let page = app.page.clone();
        Callback::from(move |files: Vec<(String, Result<String, String>)>| {
            let mut errors = Vec::new();
            for (name, read) in files {
                match read.and_then(|text| catalogs::import(&name, &text).map(|r| (r, text))) {
                    Ok((region, text)) => {
                        let page = page.clone();
                        wasm_bindgen_futures::spawn_local(async move {
                            if let Err(why) = catalogs::keep_import(&region, &text).await {
                                page.dispatch(Action::Designs(DesignsAction::Notice(why)));
                            }
                        });
                    }
                    Err(why) => errors.push(why),
                }
            }
            refused(&page, errors);
        })
    };
    let on_remove = {
        let page = app.page.clone();
        Callback::from(move |_: MouseEvent| {
            catalogs::remove_imports();
            refused(&page, Vec::new());
        })
    };
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
