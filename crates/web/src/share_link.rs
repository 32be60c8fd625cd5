//! Share links in the page. The browser compresses and inflates them itself
//! (`CompressionStream` / `DecompressionStream`, raw deflate), so the bundle carries no
//! deflate code; the link format, its checks and its error messages are the core's
//! (`planwright_core::share`, whose own decoder the CLI and the fuzz target use), and
//! inflating stops at the core's size limit, so a crafted link cannot exhaust the tab.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use js_sys::{Array, Function, Promise, Reflect, Uint8Array};
use planwright_core::limits::MAX_DESIGN_BYTES;
use planwright_core::share::{self, ShareError};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, ReadableStream};

/// The fragment (`d=…`, without `#`) carrying `text`, or None when the browser cannot
/// compress (no `CompressionStream`).
pub async fn fragment(text: &str) -> Option<String> {
    let blob = Blob::new_with_str_sequence(&Array::of1(&JsValue::from_str(text))).ok()?;
    let compressed = piped("CompressionStream", &blob)?;
    let response = web_sys::Response::new_with_opt_readable_stream(Some(&compressed)).ok()?;
    let buffer = JsFuture::from(response.array_buffer().ok()?).await.ok()?;
    let bytes = Uint8Array::new(&buffer).to_vec();
    Some(format!(
        "{}{}",
        share::PREFIX,
        URL_SAFE_NO_PAD.encode(bytes)
    ))
}

/// The design text of a fragment (with or without its `#`), as `share::decode` reads it.
pub async fn open(fragment: &str) -> Result<String, ShareError> {
    let packed = share::compressed(fragment)?;
    share::text(inflate(&packed).await?)
}

/// `blob.stream().pipeThrough(new <kind>("deflate-raw"))`, or None when the browser lacks
/// the stream (looked up by name: web-sys has no binding for it).
fn piped(kind: &str, blob: &Blob) -> Option<ReadableStream> {
    let ctor: Function = Reflect::get(&js_sys::global(), &JsValue::from_str(kind))
        .ok()?
        .dyn_into()
        .ok()?;
    let transform =
        Reflect::construct(&ctor, &Array::of1(&JsValue::from_str("deflate-raw"))).ok()?;
    let stream = blob.stream();
    let pipe: Function = Reflect::get(&stream, &JsValue::from_str("pipeThrough"))
        .ok()?
        .dyn_into()
        .ok()?;
    pipe.call1(&stream, &transform).ok()?.dyn_into().ok()
}

/// Inflates raw-deflate bytes, chunk by chunk, refusing more than the largest design.
async fn inflate(packed: &[u8]) -> Result<Vec<u8>, ShareError> {
    let blob = Blob::new_with_u8_array_sequence(&Array::of1(&Uint8Array::from(packed)))
        .map_err(|_| ShareError::Compression)?;
    let stream = piped("DecompressionStream", &blob).ok_or(ShareError::Unsupported)?;
    // A damaged or truncated stream fails while it is read.
    read_bounded(&stream, MAX_DESIGN_BYTES)
        .await
        .map_err(|e| match e {
            StreamError::TooLarge => ShareError::TooLarge,
            StreamError::Failed => ShareError::Compression,
        })
}

/// Why a stream was not read to its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StreamError {
    /// It failed or was cut off (a damaged deflate stream, a dropped connection).
    Failed,
    /// It held more than the limit (reading stopped there).
    TooLarge,
}

/// Reads a stream of bytes to its end, chunk by chunk, stopping (and cancelling it) as soon
/// as it holds more than `limit` bytes. Shared by share links and catalog downloads.
pub(crate) async fn read_bounded(
    stream: &ReadableStream,
    limit: usize,
) -> Result<Vec<u8>, StreamError> {
    let failed = |_| StreamError::Failed;
    let reader = stream.get_reader();
    let method = |name: &str| -> Result<Function, StreamError> {
        Reflect::get(&reader, &JsValue::from_str(name))
            .and_then(|f| f.dyn_into::<Function>())
            .map_err(failed)
    };
    let read = method("read")?;
    let mut out = Vec::new();
    loop {
        let promise: Promise = read
            .call0(&reader)
            .map_err(failed)?
            .dyn_into()
            .map_err(failed)?;
        let chunk = JsFuture::from(promise).await.map_err(failed)?;
        if Reflect::get(&chunk, &JsValue::from_str("done"))
            .map_err(failed)?
            .as_bool()
            == Some(true)
        {
            return Ok(out);
        }
        let value: Uint8Array = Reflect::get(&chunk, &JsValue::from_str("value"))
            .map_err(failed)?
            .dyn_into()
            .map_err(failed)?;
        let start = out.len();
        let end = start + value.length() as usize;
        if end > limit {
            let _ = method("cancel").map(|cancel| cancel.call0(&reader));
            return Err(StreamError::TooLarge);
        }
        out.resize(end, 0);
        if let Some(dst) = out.get_mut(start..end) {
            value.copy_to(dst);
        }
    }
}
