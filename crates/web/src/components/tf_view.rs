//! A read-only view of one imported `.tf` file at a line: what a finding, a cost row or a
//! readiness component points at in the Terraform the design came from.

use yew::prelude::*;

use crate::tf_source::{kept_file, Origin};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub origin: Origin,
    /// The design's name, under which its import's files are kept.
    pub design: String,
    pub on_close: Callback<()>,
}

#[component]
pub fn TfView(props: &Props) -> Html {
    let text = {
        let (design, file) = (props.design.clone(), props.origin.file.clone());
        use_memo((design, file), |(d, f)| kept_file(d, f))
    };
    let here = use_node_ref();
    let view = crate::view::use_view();
    let t = |key: &'static str| view.t(key);
    {
        let here = here.clone();
        use_effect_with(props.origin.clone(), move |_| {
            if let Some(el) = here.cast::<web_sys::Element>() {
                el.scroll_into_view();
            }
        });
    }
    let close = {
        let cb = props.on_close.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let target = props.origin.line as usize;
    html! {
        <div class="tf-view" id="tf-view" role="dialog" aria-label={props.origin.label()}>
            <header>
                <code>{ props.origin.label() }</code>
                <span class="muted">{ " read-only, as imported" }</span>
                <button id="tf-view-close" onclick={close}>{ t("Close") }</button>
            </header>
            { match text.as_ref() {
                Some(text) => html! {
                    <ol class="tf-lines">
                        { for text.lines().enumerate().map(|(i, line)| {
                            let n = i + 1;
                            if n == target {
                                html! { <li class="here" ref={here.clone()} value={n.to_string()}><code>{ line }</code></li> }
                            } else {
                                html! { <li value={n.to_string()}><code>{ line }</code></li> }
                            }
                        }) }
                    </ol>
                },
                None => html! {
                    <p class="muted" id="tf-view-missing">{ t("The imported .tf files are not kept in this browser: open the Terraform folder again to view them.") }</p>
                },
            } }
        </div>
    }
}
