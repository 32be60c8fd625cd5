//! The top bar: product name, example picker, environment picker.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::examples::EXAMPLES;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub environments: Vec<String>,
    pub env: Option<String>,
    pub on_example: Callback<usize>,
    pub on_env: Callback<Option<String>>,
}

#[component]
pub fn Toolbar(props: &Props) -> Html {
    let on_example = {
        let cb = props.on_example.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Ok(i) = select.value().parse::<usize>() {
                cb.emit(i);
            }
            // Back to the placeholder, so picking the same example again reloads it.
            select.set_value("");
        })
    };
    let on_env = {
        let cb = props.on_env.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let v = select.value();
            cb.emit(if v.is_empty() { None } else { Some(v) });
        })
    };
    html! {
        <header class="toolbar">
            <h1 class="brand">{ "Planwright" }</h1>
            <span class="tagline">{ "price a cloud design as you write it" }</span>
            <label class="picker">
                { "Example " }
                <select id="example-picker" onchange={on_example}>
                    <option value="" selected=true>{ "Load an example…" }</option>
                    { for EXAMPLES.iter().enumerate().map(|(i, ex)| html! {
                        <option value={i.to_string()} data-id={ex.id}>{ ex.title }</option>
                    }) }
                </select>
            </label>
            if !props.environments.is_empty() {
                <label class="picker">
                    { "Environment " }
                    <select id="env-picker" onchange={on_env}>
                        <option value="" selected={props.env.is_none()}>{ "base design" }</option>
                        { for props.environments.iter().map(|e| html! {
                            <option value={e.clone()} selected={props.env.as_ref() == Some(e)}>{ e }</option>
                        }) }
                    </select>
                </label>
            }
        </header>
    }
}
