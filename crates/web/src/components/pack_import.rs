//! Import (or remove) an organisation's policy pack; a bad pack shows its located errors
//! and changes nothing.

use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// Name of the pack in force, if any.
    pub current: Option<String>,
    pub on_import: Callback<String>,
    pub on_remove: Callback<()>,
}

#[component]
pub fn PackImport(props: &Props) -> Html {
    let onchange = {
        let cb = props.on_import.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            let cb = cb.clone();
            spawn_local(async move {
                if let Ok(text) = JsFuture::from(file.text()).await {
                    cb.emit(text.as_string().unwrap_or_default());
                }
            });
        })
    };
    let on_remove = {
        let cb = props.on_remove.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    html! {
        <span class="pack">
            if let Some(name) = &props.current {
                <span class="pack-name" id="pack-name" title="Policy pack in force">{ format!("Pack: {name}") }</span>
                <button class="link" id="remove-pack" onclick={on_remove}>{ "remove" }</button>
            }
            <label class="picker file">
                { "Import policy pack…" }
                <input id="pack-file" type="file" accept=".yaml,.yml,.json" {onchange} />
            </label>
        </span>
    }
}
