//! Import (or remove) an organisation's policy pack; a bad pack shows its located errors
//! and changes nothing.

use yew::prelude::*;

use crate::state::{Action, AppContext};

#[derive(Properties, PartialEq)]
pub struct Props {
    /// Name of the pack in force, if any.
    pub current: Option<String>,
}

#[component]
pub fn PackImport(props: &Props) -> Html {
    let Some(app) = use_context::<AppContext>() else {
        return html! {};
    };
    let (page, view) = (app.page, app.view);
    let onchange = {
        let page = page.clone();
        crate::download::on_file_text(Callback::from(move |text| {
            page.dispatch(Action::ImportPack(text))
        }))
    };
    let on_remove = Callback::from(move |_: MouseEvent| page.dispatch(Action::RemovePack));
    html! {
        <span class="pack">
            if let Some(name) = &props.current {
                <span class="pack-name" id="pack-name" title={view.t("Policy pack in force")}>{ format!("{} {name}", view.t("Pack:")) }</span>
                <button class="link" id="remove-pack" onclick={on_remove}>{ view.t("remove") }</button>
            }
            <label class="picker file">
                { view.t("Import policy pack…") }
                <input id="pack-file" type="file" accept=".yaml,.yml,.json" {onchange} />
            </label>
        </span>
    }
}
