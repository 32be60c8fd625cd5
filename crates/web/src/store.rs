//! localStorage, read and written as JSON. Reading goes through the core's YAML reader (JSON
//! is YAML) and its serde deserializer, so the bundle carries no second JSON parser; writing
//! uses serde_json's serializer, which the JS API needs anyway.

use planwright_core::source::{de, node};
use serde::de::DeserializeOwned;
use serde::Serialize;

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// This tab's own storage (sessionStorage): which design the tab shows, across a reload.
pub fn tab_get(key: &str) -> Option<String> {
    web_sys::window()
        .and_then(|w| w.session_storage().ok().flatten())
        .and_then(|s| s.get_item(key).ok().flatten())
}

pub fn tab_set(key: &str, value: &str) {
    if let Some(s) = web_sys::window().and_then(|w| w.session_storage().ok().flatten()) {
        let _ = s.set_item(key, value);
    }
}

/// The raw text under `key`.
pub fn get_raw(key: &str) -> Option<String> {
    storage().and_then(|s| s.get_item(key).ok().flatten())
}

/// Writes `value`; Err when the browser refuses (full or disabled storage).
pub fn set_raw(key: &str, value: &str) -> Result<(), ()> {
    storage().ok_or(())?.set_item(key, value).map_err(|_| ())
}

pub fn delete(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

/// The value under `key`, or None when there is none or it no longer reads.
pub fn get<T: DeserializeOwned>(key: &str) -> Option<T> {
    read(&get_raw(key)?)
}

/// A stored JSON text as `T` (no size limit: this is the page's own data, which may hold
/// several designs).
pub fn read<T: DeserializeOwned>(json: &str) -> Option<T> {
    let tree = node::parse_with_size_limit(json, usize::MAX).ok()?;
    de::from_node(&tree, &node::DesignPath::root()).ok()
}

pub fn set<T: Serialize>(key: &str, value: &T) -> Result<(), ()> {
    let json = serde_json::to_string(value).map_err(|_| ())?;
    set_raw(key, &json)
}
