//! Import price catalog files (one or more `.json` files, as `planwright prices sync` writes
//! them) on top of the deployment's prices, or remove the imported ones. A file that does
//! not read is refused with its first located error, and changes nothing.

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::view::View;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// Regions of the imported catalogs in force.
    pub imported: Rc<Vec<String>>,
    /// Each picked file's name and text (or why it was not read).
    pub on_files: Callback<Vec<(String, Result<String, String>)>>,
    pub on_remove: Callback<()>,
}

#[component]
pub fn CatalogImport(props: &Props) -> Html {
    let view = use_context::<View>().unwrap_or_else(|| View::new(&Default::default(), None));
    let input = use_node_ref();
    let onchange = crate::download::on_files_text(
        props.on_files.clone(),
        planwright_core::limits::MAX_CATALOG_BYTES,
    );
    // A real button (keyboard-reachable, labelled) opens the hidden file input.
    let on_pick = {
        let input = input.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(i) = input.cast::<HtmlInputElement>() {
                i.click();
            }
        })
    };
    let on_remove = {
        let cb = props.on_remove.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    html! {
        <span class="pack catalogs">
            if !props.imported.is_empty() {
                <span class="pack-name" id="imported-catalogs">
                    { format!("{} {}", view.t("Imported prices:"), props.imported.join(", ")) }
                </span>
                <button class="link" id="remove-catalogs" onclick={on_remove}>{ view.t("Remove imported prices") }</button>
            }
            <button class="link" id="import-catalog" onclick={on_pick}>{ view.t("Import prices…") }</button>
            <input id="catalog-file" ref={input} type="file" accept=".json,application/json" multiple=true
                hidden=true tabindex="-1" aria-label={view.t("Import prices…")} {onchange} />
        </span>
    }
}
