//! Making share links in the page. Compression uses the browser's own `CompressionStream`
//! (raw deflate), so the bundle carries only the decompressor
//! (`planwright_core::share::decode`, bounded, fuzzed): the link format is the core's.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use js_sys::{Array, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The fragment (`d=…`, without `#`) carrying `text`, or None when the browser cannot
/// compress (no `CompressionStream`).
pub async fn fragment(text: &str) -> Option<String> {
    let global = js_sys::global();
    let ctor: js_sys::Function = Reflect::get(&global, &JsValue::from_str("CompressionStream"))
        .ok()?
        .dyn_into()
        .ok()?;
    let compressor =
        Reflect::construct(&ctor, &Array::of1(&JsValue::from_str("deflate-raw"))).ok()?;
    let blob = web_sys::Blob::new_with_str_sequence(&Array::of1(&JsValue::from_str(text))).ok()?;
    let stream = blob.stream();
    let pipe: js_sys::Function = Reflect::get(&stream, &JsValue::from_str("pipeThrough"))
        .ok()?
        .dyn_into()
        .ok()?;
    let compressed: web_sys::ReadableStream =
        pipe.call1(&stream, &compressor).ok()?.dyn_into().ok()?;
    let response = web_sys::Response::new_with_opt_readable_stream(Some(&compressed)).ok()?;
    let buffer = JsFuture::from(response.array_buffer().ok()?).await.ok()?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    Some(format!(
        "{}{}",
        planwright_core::share::PREFIX,
        URL_SAFE_NO_PAD.encode(bytes)
    ))
}
