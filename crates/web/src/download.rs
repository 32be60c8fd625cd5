//! Files in and out of the page, without a server: reading a picked file's text (import),
//! offering a text as a download (export).

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::HtmlInputElement;
use yew::Callback;

/// An `onchange` for `<input type="file">` that passes the picked file's text to `then`
/// (and clears the input, so picking the same file again works).
pub fn on_file_text(then: Callback<String>) -> Callback<web_sys::Event> {
    Callback::from(move |e: web_sys::Event| {
        let Some(input) = e
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        let then = then.clone();
        spawn_local(async move {
            if let Ok(text) = JsFuture::from(file.text()).await {
                then.emit(text.as_string().unwrap_or_default());
            }
        });
    })
}

/// An `onchange` for `<input type="file" multiple>` that passes each picked file's name and
/// text to `then` at once, once all are read; a file over `max_bytes` is refused unread.
pub fn on_files_text(
    then: Callback<Vec<(String, Result<String, String>)>>,
    max_bytes: usize,
) -> Callback<web_sys::Event> {
    Callback::from(move |e: web_sys::Event| {
        let Some(input) = e
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(list) = input.files() else {
            return;
        };
        let files: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
        input.set_value("");
        if files.is_empty() {
            return;
        }
        let then = then.clone();
        spawn_local(async move {
            let mut read = Vec::with_capacity(files.len());
            for file in files {
                let name = file.name();
                let text = if file.size() > max_bytes as f64 {
                    Err(format!(
                        "{name} is {:.1} MB; the limit is {} MB",
                        file.size() / 1_048_576.0,
                        max_bytes / 1_048_576
                    ))
                } else {
                    JsFuture::from(file.text())
                        .await
                        .ok()
                        .and_then(|t| t.as_string())
                        .ok_or_else(|| format!("{name} could not be read"))
                };
                read.push((name, text));
            }
            then.emit(read);
        });
    })
}

/// Offers `text` as a download named `name`.
pub fn download(name: &str, mime: &str, text: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let bag = web_sys::BlobPropertyBag::new();
    bag.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &bag) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let doc = web_sys::window().and_then(|w| w.document());
    if let Some(a) = doc
        .and_then(|d| d.create_element("a").ok())
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// A file name from a design name: letters, digits and dashes.
pub fn file_stem(name: &str) -> String {
    let stem: String = name
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect();
    let stem = stem.trim_matches('-').to_string();
    if stem.is_empty() {
        "design".into()
    } else {
        stem
    }
}
