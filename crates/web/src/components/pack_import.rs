//! Import (or remove) an organisation's policy pack; a bad pack shows its located errors
//! and changes nothing.

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
    let onchange = crate::download::on_file_text(props.on_import.clone());
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
