//! The top bar: saved designs, new from an example, environment and comparison, undo /
//! redo, import / export / share / print, language and currency.

use planwright_core::render;
use planwright_core::source::edit::to_yaml;
use planwright_core::source::node;
use wasm_bindgen_futures::spawn_local;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::download::{download, file_stem};
use crate::examples::EXAMPLES;
use crate::i18n::Lang;
use std::rc::Rc;

use crate::state::designs::{Designs, DesignsAction};
use crate::state::editor::{CompareWith, Editor, EditorAction};
use crate::state::settings::{Currency, SettingsAction};
use crate::state::{Action, AppContext};

/// The document and the designs store, read; actions go through the app's context (the
/// view settings too are read from it).
#[derive(Properties, PartialEq)]
pub struct Props {
    pub editor: Rc<Editor>,
    pub designs: Rc<Designs>,
}

fn select_value(e: &Event) -> String {
    let select: HtmlSelectElement = e.target_unchecked_into();
    select.value()
}

#[component]
pub fn Toolbar(props: &Props) -> Html {
    let Some(app) = use_context::<AppContext>() else {
        return html! {};
    };
    let (view, settings, page) = (&app.view, &app.settings, &app.page);
    let (s, ws) = (&props.editor, &props.designs.workspace);
    let dispatch = |make: fn(String) -> Option<Action>| {
        let page = page.clone();
        Callback::from(move |e: Event| {
            if let Some(a) = make(select_value(&e)) {
                page.dispatch(a);
            }
        })
    };
    let on_design = dispatch(|v| v.parse().ok().map(Action::SwitchDesign));
    let on_restore = dispatch(|v| v.parse().ok().map(Action::RestoreDeleted));
    let on_example = {
        let page = page.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Ok(i) = select.value().parse::<usize>() {
                page.dispatch(Action::NewFromExample(i));
            }
            // Back to the placeholder, so picking the same example again works.
            select.set_value("");
        })
    };
    let on_env = dispatch(|v| {
        Some(Action::Editor(EditorAction::SelectEnv(
            (!v.is_empty()).then_some(v),
        )))
    });
    let on_compare = dispatch(|v| {
        Some(Action::Editor(EditorAction::Compare(match v.as_str() {
            "" => None,
            "env:" => Some(CompareWith::Env(None)),
            v => match v.strip_prefix("env:") {
                Some(env) => Some(CompareWith::Env(Some(env.to_string()))),
                None => v
                    .strip_prefix("saved:")
                    .and_then(|i| i.parse().ok())
                    .map(CompareWith::Saved),
            },
        })))
    });
    let set = |make: fn(String) -> SettingsAction| {
        let settings = settings.dispatcher();
        Callback::from(move |e: Event| settings.dispatch(make(select_value(&e))))
    };
    let on_lang = set(|v| SettingsAction::Lang(if v == "ko" { Lang::Ko } else { Lang::En }));
    let on_currency = set(|v| {
        SettingsAction::Currency(match v.as_str() {
            "KRW" => Currency::Krw,
            "USD" => Currency::Usd,
            _ => Currency::Design,
        })
    });
    let on_rate = {
        let settings = settings.dispatcher();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            settings.dispatch(SettingsAction::Rate(input.value().trim().parse().ok()));
        })
    };
    let click = |action: fn() -> Action| {
        let page = page.clone();
        Callback::from(move |_: MouseEvent| page.dispatch(action()))
    };
    let on_import = {
        let page = page.clone();
        crate::download::on_file_text(Callback::from(move |text: String| {
            page.dispatch(Action::ImportFile(text))
        }))
    };
    let name = file_stem(&crate::workspace::design_name(&s.text));
    // The text is read when clicked, not copied into each callback on every keystroke.
    let on_export_yaml = {
        let (s, name) = (s.clone(), name.clone());
        Callback::from(move |_: MouseEvent| {
            let text = &s.text;
            // A JSON design is exported as block YAML; a YAML one exactly as written.
            let yaml = if text.trim_start().starts_with('{') {
                node::parse(text)
                    .map(|n| to_yaml(&n.to_json()))
                    .unwrap_or_else(|_| text.clone())
            } else {
                text.clone()
            };
            download(&format!("{name}.yaml"), "application/yaml", &yaml);
        })
    };
    let on_export_json = {
        let (s, name) = (s.clone(), name.clone());
        Callback::from(move |_: MouseEvent| {
            if let Ok(n) = node::parse(&s.text) {
                let json = serde_json::to_string_pretty(&n.to_json()).unwrap_or_default();
                download(&format!("{name}.json"), "application/json", &json);
            }
        })
    };
    let on_export_md = {
        let (report, name) = (s.report.clone(), name.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(r) = &report {
                // The whole report: cost, then policy and readiness, each once; the
                // diagram under the title, inside the file (a data URL: one file to attach).
                let mut md = render::markdown(r);
                let image = crate::components::diagram::latest_diagram_data_url();
                if !image.is_empty() {
                    let image = format!("![Architecture diagram]({image})\n\n");
                    md = match md.split_once('\n') {
                        Some((title, rest)) => {
                            format!("{title}\n\n{image}{}", rest.trim_start_matches('\n'))
                        }
                        None => image + &md,
                    };
                }
                download(&format!("{name}-report.md"), "text/markdown", &md);
            }
        })
    };
    let on_print = Callback::from(|_: MouseEvent| {
        if let Some(w) = web_sys::window() {
            // The cost table opens every resource first (it listens for `beforeprint`);
            // printing waits a moment for it to be drawn.
            if let Ok(e) = web_sys::Event::new("beforeprint") {
                let _ = w.dispatch_event(&e);
            }
            gloo_timers::callback::Timeout::new(100, move || {
                let _ = w.print();
            })
            .forget();
        }
    });
    let on_share = {
        let (s, page) = (s.clone(), page.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(location) = web_sys::window().map(|w| w.location()) else {
                return;
            };
            let base = format!(
                "{}{}",
                location.origin().unwrap_or_default(),
                location.pathname().unwrap_or_default()
            );
            let (page, text) = (page.clone(), s.text.clone());
            spawn_local(async move {
                let Some(fragment) = crate::share_link::fragment(&text).await else {
                    return;
                };
                let url = format!("{base}#{fragment}");
                if let Some(clip) = web_sys::window().map(|w| w.navigator().clipboard()) {
                    let _ = clip.write_text(&url);
                }
                page.dispatch(Action::Designs(DesignsAction::ShowShareUrl(Some(url))));
            });
        })
    };
    let env_value = |env: &Option<String>| format!("env:{}", env.clone().unwrap_or_default());
    let compare_value = match &s.compare {
        None => String::new(),
        Some(CompareWith::Env(e)) => env_value(e),
        Some(CompareWith::Saved(i)) => format!("saved:{i}"),
    };
    // What "the design's currency" is for this design: its `display.currency`, else dollars.
    let design_currency = format!(
        "{} ({})",
        view.t("Design's currency"),
        s.report
            .as_ref()
            .and_then(|r| r.cost.display.as_ref())
            .map_or("USD", |d| d.currency.as_str())
    );
    let rate_text = settings
        .krw_per_usd
        .map(|r| r.to_string())
        .unwrap_or_default();
    html! {
        <header class="toolbar">
            <h1 class="brand">{ "Planwright" }</h1>
            <span class="tagline">{ view.t("price a cloud design as you write it") }</span>
            <label class="picker">
                { view.t("Designs") }{ " " }
                <select id="design-picker" onchange={on_design}>
                    { for ws.designs.iter().enumerate().map(|(i, d)| html! {
                        <option value={i.to_string()} selected={i == ws.current}>{ &d.name }</option>
                    }) }
                </select>
            </label>
            <select id="example-picker" aria-label={view.t("New from example…")} onchange={on_example}>
                <option value="" selected=true>{ view.t("New from example…") }</option>
                { for EXAMPLES.iter().enumerate().map(|(i, ex)| html! {
                    <option value={i.to_string()} data-id={ex.id}>{ ex.title }</option>
                }) }
            </select>
            if !s.environments.is_empty() {
                <label class="picker">
                    { view.t("Environment") }{ " " }
                    <select id="env-picker" onchange={on_env}>
                        <option value="" selected={s.env.is_none()}>{ view.t("base design") }</option>
                        { for s.environments.iter().map(|e| html! {
                            <option value={e.clone()} selected={s.env.as_ref() == Some(e)}>{ e }</option>
                        }) }
                    </select>
                </label>
            }
            <label class="picker">
                { view.t("Compare with") }{ " " }
                <select id="compare-picker" onchange={on_compare}>
                    <option value="" selected={compare_value.is_empty()}>{ view.t("nothing") }</option>
                    if !s.environments.is_empty() {
                        <option value="env:" selected={compare_value == "env:"}>{ view.t("base design") }</option>
                        { for s.environments.iter().map(|e| { let v = format!("env:{e}"); html! {
                            <option value={v.clone()} selected={compare_value == v}>{ format!("{}: {e}", view.t("Environment")) }</option>
                        }}) }
                    }
                    { for ws.designs.iter().enumerate().filter(|(i, _)| *i != ws.current).map(|(i, d)| { let v = format!("saved:{i}"); html! {
                        <option value={v.clone()} selected={compare_value == v}>{ format!("{}: {}", view.t("Design"), d.name) }</option>
                    }}) }
                </select>
            </label>
            <span class="group">
                <button id="undo" title="Ctrl+Z" disabled={s.undo.is_empty() && !s.refused} onclick={click(|| Action::Editor(EditorAction::Undo))}>{ view.t("Undo") }</button>
                <button id="redo" title="Ctrl+Shift+Z" disabled={s.redo.is_empty()} onclick={click(|| Action::Editor(EditorAction::Redo))}>{ view.t("Redo") }</button>
            </span>
            <span class="group">
                <label class="button file">
                    { view.t("Import file") }
                    <input id="import-file" type="file" accept=".yaml,.yml,.json" onchange={on_import} />
                </label>
                <button id="export-yaml" onclick={on_export_yaml}>{ view.t("Export YAML") }</button>
                <button id="export-json" onclick={on_export_json}>{ view.t("Export JSON") }</button>
                <button id="export-md" disabled={s.report.is_none()} onclick={on_export_md}>{ view.t("Export Markdown report") }</button>
                <button id="print" onclick={on_print}>{ view.t("Print") }</button>
                <button id="share" onclick={on_share}>{ view.t("Share link") }</button>
                <button id="delete-design" disabled={ws.designs.len() < 2} onclick={click(|| Action::DeleteDesign(js_sys::Date::now()))}>{ view.t("Delete design") }</button>
                if !props.designs.deleted.is_empty() {
                    <select id="deleted-picker" aria-label={view.t("Recently deleted")} onchange={on_restore}>
                        <option value="" selected=true>{ format!("{} ({})", view.t("Recently deleted"), props.designs.deleted.len()) }</option>
                        { for props.designs.deleted.iter().enumerate().rev().map(|(i, d)| html! {
                            <option value={i.to_string()}>{ format!("{} · {}", d.name, when(d.at_ms, view.lang)) }</option>
                        }) }
                    </select>
                }
            </span>
            <span class="group">
                <select id="lang-picker" aria-label={view.t("Language")} onchange={on_lang}>
                    <option value="en" selected={view.lang == Lang::En}>{ "English" }</option>
                    <option value="ko" selected={view.lang == Lang::Ko}>{ "한국어" }</option>
                </select>
                <select id="currency-picker" aria-label={view.t("Currency")} onchange={on_currency}>
                    <option value="design" selected={settings.currency == Currency::Design}>{ design_currency }</option>
                    <option value="USD" selected={settings.currency == Currency::Usd}>{ "USD" }</option>
                    <option value="KRW" selected={settings.currency == Currency::Krw}>{ "KRW" }</option>
                </select>
                if settings.currency == Currency::Krw {
                    <input id="krw-rate" class="rate" type="number" min="0" step="any"
                        aria-label={view.t("won per US$")} placeholder={view.t("won per US$")}
                        value={rate_text} onchange={on_rate} />
                    // Which rate the won amounts use, or that there is none yet.
                    <span id="krw-rate-note" class="rate-note" role="status">{
                        match (settings.krw_per_usd, view.money.krw) {
                            (_, None) => view.t("no rate: amounts stay in US$ until you enter won per US$").to_string(),
                            (Some(_), Some(_)) => view.t("at your rate").to_string(),
                            (None, Some(r)) => format!("{} ({r})", view.t("at the design's rate")),
                        }
                    }</span>
                }
            </span>
        </header>
    }
}

/// A moment (ms since the epoch) as the page's language writes a date and time.
fn when(at_ms: f64, lang: crate::i18n::Lang) -> String {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
    let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
    let locale = match lang {
        crate::i18n::Lang::Ko => "ko-KR",
        crate::i18n::Lang::En => "en-US",
    };
    js_sys::Date::new(&at_ms.into())
        .to_locale_string(locale, &options)
        .into()
}
