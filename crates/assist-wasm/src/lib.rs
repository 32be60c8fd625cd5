//! The page's code-editor assistance and architecture diagram, a WebAssembly module of its
//! own: what the core's `assist` answers (completion, hover, go-to-definition, quick fixes)
//! and its `diagram` draws are not needed for the first paint, so the page loads this after
//! it, with the code editor. Strings in and out
//! (JSON where a value has parts), so the editor needs no bindings to the core's types.
//!
//! Prices are the page's: the page's module holds the catalogs it fetched and the user
//! imported, and answers through the `prices` object the editor passes (`regions()`,
//! `choices(region, group, fallback)`), so an instance type is offered at the price the
//! page computes with.

use std::cell::RefCell;

use planwright_core::assist::{self, PriceList, Schema};
use serde_json::json;
use wasm_bindgen::prelude::*;

thread_local! {
    static SCHEMA: RefCell<Option<Schema>> = const { RefCell::new(None) };
}

/// The design format's schema (`schema.json`): field names, docs and enumerated values.
#[wasm_bindgen(js_name = setSchema)]
pub fn set_schema(json: &str) -> bool {
    let schema = Schema::from_json(json);
    let ok = schema.is_some();
    SCHEMA.with(|s| *s.borrow_mut() = schema);
    ok
}

/// The page's prices, asked through the object the editor passes.
struct PagePrices(JsValue);

impl PagePrices {
    fn call(&self, name: &str, args: &[JsValue]) -> Option<String> {
        let f: js_sys::Function = js_sys::Reflect::get(&self.0, &JsValue::from_str(name))
            .ok()?
            .dyn_into()
            .ok()?;
        let array: js_sys::Array = args.iter().collect();
        f.apply(&self.0, &array).ok()?.as_string()
    }
}

impl PriceList for PagePrices {
    fn regions(&self) -> Vec<String> {
        self.call("regions", &[])
            .and_then(|j| serde_json::from_str(&j).ok())
            .unwrap_or_default()
    }

    fn choices(
        &self,
        region: &str,
        group: &str,
        fallback: Option<&str>,
    ) -> Option<Vec<(String, String)>> {
        let fallback = fallback.map(JsValue::from_str).unwrap_or(JsValue::NULL);
        let answer = self.call("choices", &[region.into(), group.into(), fallback])?;
        serde_json::from_str(&answer).ok()
    }
}

/// Completions at a line and column (1-based, characters): `{ from_column, items: [{
/// label, detail, docs, insert, kind }] }`.
#[wasm_bindgen]
pub fn complete(text: &str, line: u32, column: u32, prices: JsValue) -> String {
    let prices = PagePrices(prices);
    let found = SCHEMA.with(|s| assist::complete(text, line, column, s.borrow().as_ref(), &prices));
    let items: Vec<serde_json::Value> = found
        .items
        .iter()
        .map(|i| {
            json!({
                "label": i.label,
                "detail": i.detail,
                "docs": i.docs,
                "insert": i.insert,
                "kind": i.kind.as_str(),
            })
        })
        .collect();
    json!({ "from_column": found.from_column, "items": items }).to_string()
}

/// What is under the position, in Markdown.
#[wasm_bindgen]
pub fn hover(text: &str, line: u32, column: u32) -> Option<String> {
    SCHEMA.with(|s| assist::hover(text, line, column, s.borrow().as_ref()))
}

/// Where the reference at the position is declared: `{ line, column }`.
#[wasm_bindgen]
pub fn definition(text: &str, line: u32, column: u32) -> Option<String> {
    assist::definition(text, line, column)
        .map(|s| json!({ "line": s.start.line, "column": s.start.column }).to_string())
}

/// The edit a diagnostic's "did you mean" hint proposes: `{ title, line, from, to, text }`.
#[wasm_bindgen(js_name = quickFix)]
pub fn quick_fix(text: &str, line: u32, column: u32, hint: &str) -> Option<String> {
    assist::quick_fix_at(text, line, column, hint).map(|f| {
        json!({ "title": f.title, "line": f.line, "from": f.from_column, "to": f.to_column, "text": f.text })
            .to_string()
    })
}

/// The architecture diagram (SVG) of a design text in an environment (`None`: the base),
/// with the page's facts (`diagram::Facts` as JSON: costs as the page writes money,
/// findings); the lines come from the text. Empty when the text does not load.
#[wasm_bindgen]
pub fn diagram(text: &str, env: Option<String>, facts: &str) -> String {
    let Ok(loaded) = planwright_core::load(text, env.as_deref()) else {
        return String::new();
    };
    let mut facts: planwright_core::diagram::Facts =
        serde_json::from_str(facts).unwrap_or_default();
    facts.locate(&loaded.root);
    planwright_core::diagram::svg(&loaded.design, &facts)
}
