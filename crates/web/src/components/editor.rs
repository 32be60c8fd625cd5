//! The design text editor.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub text: String,
    pub on_edit: Callback<String>,
    pub node_ref: NodeRef,
}

#[component]
pub fn Editor(props: &Props) -> Html {
    let oninput = {
        let cb = props.on_edit.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            cb.emit(area.value());
        })
    };
    html! {
        <textarea
            id="design"
            class="editor"
            ref={props.node_ref.clone()}
            spellcheck="false"
            wrap="off"
            autocomplete="off"
            aria-label="Design (YAML or JSON)"
            value={props.text.clone()}
            {oninput}
        />
    }
}
