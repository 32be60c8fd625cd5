//! localStorage, read and written as JSON. Reading goes through the core's YAML reader (JSON
//! is YAML) and its serde deserializer, so the bundle carries no second JSON parser; writing
//! uses serde_json's serializer, which the JS API needs anyway.

use planwright_core::source::{de, node};
use serde::de::DeserializeOwned;
use serde::Serialize;

#[cfg(target_arch = "wasm32")]
mod backend {
    fn local() -> Option<web_sys::Storage> {
        web_sys::window().and_then(|w| w.local_storage().ok().flatten())
    }

    fn session() -> Option<web_sys::Storage> {
        web_sys::window().and_then(|w| w.session_storage().ok().flatten())
    }

    pub fn get(tab: bool, key: &str) -> Option<String> {
        let s = if tab { session() } else { local() };
        s.and_then(|s| s.get_item(key).ok().flatten())
    }

    pub fn set(tab: bool, key: &str, value: &str) -> Result<(), ()> {
        let s = if tab { session() } else { local() };
        s.ok_or(())?.set_item(key, value).map_err(|_| ())
    }

    pub fn delete(key: &str) {
        if let Some(s) = local() {
            let _ = s.remove_item(key);
        }
    }
}

/// Natively (the state's unit tests) the two storages are maps in memory: the reducers
/// run unchanged, with no browser.
#[cfg(not(target_arch = "wasm32"))]
pub mod backend {
    use std::cell::RefCell;
    use std::collections::BTreeMap;

    thread_local! {
        static STORES: RefCell<[BTreeMap<String, String>; 2]> = RefCell::default();
    }

    pub fn get(tab: bool, key: &str) -> Option<String> {
        STORES.with(|s| s.borrow()[usize::from(tab)].get(key).cloned())
    }

    pub fn set(tab: bool, key: &str, value: &str) -> Result<(), ()> {
        STORES.with(|s| s.borrow_mut()[usize::from(tab)].insert(key.into(), value.into()));
        Ok(())
    }

    pub fn delete(key: &str) {
        STORES.with(|s| s.borrow_mut()[0].remove(key));
    }

    /// Both storages emptied (a new browser), or only this tab's (a new tab, same origin).
    pub fn clear(only_tab: bool) {
        STORES.with(|s| {
            let mut s = s.borrow_mut();
            s[1].clear();
            if !only_tab {
                s[0].clear();
            }
        });
    }

    /// Every key of localStorage, with its value.
    pub fn local() -> BTreeMap<String, String> {
        STORES.with(|s| s.borrow()[0].clone())
    }
}

/// This tab's own storage (sessionStorage): which design the tab shows, across a reload.
pub fn tab_get(key: &str) -> Option<String> {
    backend::get(true, key)
}

pub fn tab_set(key: &str, value: &str) {
    let _ = backend::set(true, key, value);
}

/// The raw text under `key`.
pub fn get_raw(key: &str) -> Option<String> {
    backend::get(false, key)
}

/// Writes `value`; Err when the browser refuses (full or disabled storage).
pub fn set_raw(key: &str, value: &str) -> Result<(), ()> {
    backend::set(false, key, value)
}

pub fn delete(key: &str) {
    backend::delete(key)
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
