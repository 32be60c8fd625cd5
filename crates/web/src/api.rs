//! The JavaScript API (for docs portals and the browser benchmark): the same report
//! contract as the CLI's `--format json`.
//!
//! ```js
//! import init, { evaluate } from './planwright-web.js';
//! await init();
//! const result = evaluate(designText, { env: 'prod' });
//! if (result.ok) console.log(result.report.cost.monthly.expected);
//! else console.table(result.errors); // each with line, column, path, hint
//! ```

use wasm_bindgen::prelude::*;

/// Evaluates a design. `options` is optional: `{ env: "prod" }` picks an environment
/// variant. Returns `{ ok: true, report }` or `{ ok: false, errors: [...] }`, each error
/// located as in the CLI.
#[wasm_bindgen(js_name = evaluate)]
pub fn evaluate_js(text: &str, options: JsValue) -> JsValue {
    let env = js_sys::Reflect::get(&options, &JsValue::from_str("env"))
        .ok()
        .and_then(|v| v.as_string())
        // The first API took the environment name itself as its second argument.
        .or_else(|| options.as_string());
    let json = evaluate_json(text, env);
    js_sys::JSON::parse(&json).unwrap_or(JsValue::NULL)
}

/// As `evaluate`, returning the JSON text (no conversion to objects: for benchmarks and
/// for callers that forward the report as it is).
#[wasm_bindgen(js_name = evaluateJson)]
pub fn evaluate_json(text: &str, env: Option<String>) -> String {
    // Written straight to text: building a `serde_json::Value` of the report first would
    // compile a second serializer for every report type into the bundle. (Serializing a
    // report cannot fail: its maps have string keys.)
    match evaluate_in_page(text, env.as_deref()) {
        Ok(report) => format!(
            r#"{{"ok":true,"report":{}}}"#,
            serde_json::to_string(&report).unwrap_or_default()
        ),
        Err(errors) => format!(
            r#"{{"ok":false,"errors":{}}}"#,
            serde_json::to_string(&errors).unwrap_or_default()
        ),
    }
}

/// What the API evaluates: the embedded catalog, today's date in the browser.
pub(crate) fn evaluate_in_page(
    text: &str,
    env: Option<&str>,
) -> Result<planwright_core::Report, Vec<planwright_core::Diagnostic>> {
    let today = today();
    let options = planwright_core::Options {
        env,
        today: Some(&today),
        ..Default::default()
    };
    planwright_core::evaluate_text(text, &options)
}

/// A generated design of `resources` resources (benchmarks, demos).
#[wasm_bindgen(js_name = generateSample)]
pub fn generate_sample(resources: usize) -> String {
    planwright_core::sample::generate(resources)
}

/// The expected monthly total in USD (for estimate cards), or NaN when the design has
/// errors. Skips building the JSON report.
#[wasm_bindgen(js_name = evaluateTotal)]
pub fn evaluate_total(text: &str, env: Option<String>) -> f64 {
    use rust_decimal::prelude::ToPrimitive;
    match evaluate_in_page(text, env.as_deref()) {
        Ok(report) => report.cost.monthly.expected.to_f64().unwrap_or(f64::NAN),
        Err(_) => f64::NAN,
    }
}

/// Today's date in the browser, `YYYY-MM-DD` (for waiver expiry).
pub fn today() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

/// Panics on purpose, so the end-to-end tests can prove that a crash leaves a way back and
/// loses no work. Harmless: it only stops the page that calls it.
#[wasm_bindgen(js_name = crashForTest)]
pub fn crash_for_test() {
    std::panic::panic_any("deliberate crash for the recovery test");
}
