//! The JavaScript API (for docs portals and the browser benchmark): the same report
//! contract as the CLI's `--format json`.
//!
//! Prices are not in the module: `evaluate` prices with the catalogs loaded so far, so load
//! the design's regions first (`loadCatalogs` fetches `catalog/<region>.json` from the
//! page's own origin, and the global prices once).
//!
//! ```js
//! import init, { evaluate, loadCatalogs, regionsPriced } from './planwright-web.js';
//! await init();
//! await loadCatalogs(regionsPriced(designText));   // { loaded, missing, failed }
//! const result = evaluate(designText, { env: 'prod' });
//! if (result.ok) console.log(result.report.cost.monthly.expected);
//! else console.table(result.errors); // each with line, column, path, hint
//!
//! const tf = await importTerraform([{ path: 'main.tf', text: hcl }], { region: 'ap-northeast-2' });
//! if (!tf.errors) console.log(evaluate(tf.design).report.findings);
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

/// Reads Terraform, loading the reader (`tf/`) on first use. `files` is `[{ path, text }]`:
/// a root module's `.tf` / `.tfvars` and its local modules, or one `terraform show -json`
/// plan, or a repository's `.zip` as a `Blob` / `File`; `options` (optional) `{ rootDir, name, region, vars: ["NAME=VALUE"] }`. Resolves to
/// `{ design, region, resources, unsupported, diagnostics, errors, lines }`: `design` is the
/// design text to `evaluate` (empty when `errors` > 0), `diagnostics` are located in the
/// `.tf` files, and `lines[n - 1]` is the `.tf` file and line of the design's line n.
#[wasm_bindgen(js_name = importTerraform)]
pub async fn import_terraform_js(files: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let request = js_sys::Object::new();
    // A repository's .zip (a Blob or File) is unpacked by the reader.
    let zip = files.dyn_ref::<web_sys::Blob>().cloned();
    let listed = if zip.is_some() {
        js_sys::Array::new().into()
    } else {
        files
    };
    js_sys::Reflect::set(&request, &"files".into(), &listed)?;
    if options.is_object() {
        for (js, rust) in [
            ("rootDir", "root_dir"),
            ("name", "name"),
            ("region", "region"),
            ("vars", "vars"),
        ] {
            let v = js_sys::Reflect::get(&options, &js.into())?;
            if !v.is_undefined() && !v.is_null() {
                js_sys::Reflect::set(&request, &rust.into(), &v)?;
            }
        }
    }
    let text = js_sys::JSON::stringify(&request)?
        .as_string()
        .unwrap_or_default();
    let reply = crate::components::terraform_import::call_reader(text, zip).await?;
    js_sys::JSON::parse(&reply)
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

/// What the API evaluates: the catalogs loaded so far, today's date in the browser.
pub(crate) fn evaluate_in_page(
    text: &str,
    env: Option<&str>,
) -> Result<planwright_core::Report, Vec<planwright_core::Diagnostic>> {
    let today = today();
    let catalog = crate::catalogs::catalog();
    let options = planwright_core::Options {
        env,
        today: Some(&today),
        catalog: Some(&catalog),
        ..Default::default()
    };
    planwright_core::evaluate_text(text, &options)
}

/// The regions a design's prices come from (home, resources, replicas, backup copies,
/// replication, DR), for `loadCatalogs`; empty when the design does not read.
#[wasm_bindgen(js_name = regionsPriced)]
pub fn regions_priced(text: &str, env: Option<String>) -> JsValue {
    let regions: Vec<String> = planwright_core::load(text, env.as_deref())
        .map(|l| {
            planwright_core::regions_priced(&l.design)
                .into_iter()
                .collect()
        })
        .unwrap_or_default();
    js_sys::JSON::parse(&serde_json::to_string(&regions).unwrap_or_default())
        .unwrap_or(JsValue::NULL)
}

/// Fetches the catalogs of `regions` (an array of region codes, or one code) from this
/// page's origin (`catalog/<region>.json`, and `catalog/global.json` once), each once per
/// page; later `evaluate` calls price with them. Resolves to
/// `{ loaded: [...], missing: [...], failed: [{ region, message }] }`: `missing` are the
/// regions this deployment has no catalog for.
#[wasm_bindgen(js_name = loadCatalogs)]
pub async fn load_catalogs(regions: JsValue) -> JsValue {
    use crate::catalogs::Fetch;
    let names: Vec<String> = match regions.as_string() {
        Some(one) => vec![one],
        None => js_sys::Array::from(&regions)
            .iter()
            .filter_map(|v| v.as_string())
            .collect(),
    };
    let (mut loaded, mut missing, mut failed) = (Vec::new(), Vec::new(), Vec::new());
    for (region, status) in crate::catalogs::load(&names).await {
        match status {
            Fetch::Loaded => loaded.push(region),
            Fetch::Missing => missing.push(region),
            Fetch::Loading => {}
            Fetch::Failed(why) => failed.push(format!(
                r#"{{"region":{},"message":{}}}"#,
                serde_json::to_string(&region).unwrap_or_default(),
                serde_json::to_string(&why).unwrap_or_default()
            )),
        }
    }
    let json = format!(
        r#"{{"loaded":{},"missing":{},"failed":[{}]}}"#,
        serde_json::to_string(&loaded).unwrap_or_default(),
        serde_json::to_string(&missing).unwrap_or_default(),
        failed.join(",")
    );
    js_sys::JSON::parse(&json).unwrap_or(JsValue::NULL)
}

/// Adds a catalog file's prices (one region's, or the global ones, as `planwright prices
/// sync` writes them) on top of the deployment's, for this page. Returns
/// `{ ok: true, region }` or `{ ok: false, errors: [...] }`, each error located (line,
/// column, path) as for designs; a refused file changes nothing.
#[wasm_bindgen(js_name = addCatalog)]
pub fn add_catalog(text: &str) -> JsValue {
    let json = match crate::catalogs::add_user_catalog(text) {
        Ok(region) => format!(
            r#"{{"ok":true,"region":{}}}"#,
            serde_json::to_string(&region).unwrap_or_default()
        ),
        Err(errors) => format!(
            r#"{{"ok":false,"errors":{}}}"#,
            serde_json::to_string(&errors).unwrap_or_default()
        ),
    };
    js_sys::JSON::parse(&json).unwrap_or(JsValue::NULL)
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
    date_of(now_ms())
}

/// The page's clock (ms since the epoch). Read at the edge only: in event handlers and when
/// the page starts, never in a reducer. Natively (unit tests) it stands still at the epoch.
pub fn now_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    return js_sys::Date::now();
    #[cfg(not(target_arch = "wasm32"))]
    return 0.0;
}

/// The UTC date (`YYYY-MM-DD`) of a moment, as the CLI's "today": a waiver expiring today
/// expires at the same moment everywhere.
pub fn date_of(ms: f64) -> String {
    planwright_core::units::civil_date((ms / 86_400_000.0).floor() as i64)
}

#[cfg(test)]
mod date_tests {
    #[test]
    fn dates_are_utc_civil_dates() {
        for (ms, date) in [
            (0.0, "1970-01-01"),
            (1_796_601_600_000.0, "2026-12-07"),
            (951_782_400_000.0, "2000-02-29"),
            (1_798_761_599_999.0, "2026-12-31"),
        ] {
            assert_eq!(super::date_of(ms), date);
        }
    }
}

/// Panics on purpose, so the end-to-end tests can prove that a crash leaves a way back and
/// loses no work. Harmless: it only stops the page that calls it.
#[wasm_bindgen(js_name = crashForTest)]
pub fn crash_for_test() {
    std::panic::panic_any("deliberate crash for the recovery test");
}
