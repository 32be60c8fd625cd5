//! The code editor (CodeMirror, `crates/web/code-editor/editor.js`) as the text tab's
//! editor once it has loaded: the bindings to its chunk, the page's prices it asks for
//! (completion itself runs in the assistance module it loads, `crates/assist-wasm`), and
//! the lint marks the page sends it.
//!
//! One editor is mounted at a time; it lives here (not in a component's state) so that a
//! finding or a diagram node anywhere on the page can put its caret on a line.

use std::cell::RefCell;

use planwright_core::assist::{self, PriceList};
use planwright_core::policy::Finding;
use planwright_core::Diagnostic;
use wasm_bindgen::prelude::*;
use web_sys::Element;

use crate::catalogs;

#[wasm_bindgen(module = "/js/code.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = loadCodeEditor)]
    async fn load_code_editor() -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = mountCodeEditor)]
    fn mount_code_editor(loaded: &JsValue, parent: &Element, options: &JsValue) -> CodeView;

    type CodeView;
    #[wasm_bindgen(method, js_name = setDoc)]
    fn set_doc(this: &CodeView, text: &str);
    #[wasm_bindgen(method, js_name = setDiagnostics)]
    fn set_diagnostics(this: &CodeView, marks: &str);
    #[wasm_bindgen(method)]
    fn goto(this: &CodeView, line: u32, column: u32);
    #[wasm_bindgen(method)]
    fn destroy(this: &CodeView);
}

/// What the page does when the user edits, undoes or redoes in the editor.
pub struct Hooks {
    /// The new text, and whether it was typed (else one edit made at once: a quick fix, a
    /// picked completion, a paste).
    pub on_change: Box<dyn Fn(String, bool)>,
    pub undo: Box<dyn Fn()>,
    pub redo: Box<dyn Fn()>,
}

/// The mounted editor and the closures its chunk calls (dropped with it).
struct Mounted {
    view: CodeView,
    _owned: Vec<Box<dyn std::any::Any>>,
}

thread_local! {
    static MOUNTED: RefCell<Option<Mounted>> = const { RefCell::new(None) };
}

/// Loads the editor, its assistance module and the schema (once per page).
pub async fn load() -> Result<JsValue, String> {
    load_code_editor()
        .await
        .map_err(|e| e.as_string().unwrap_or_else(|| format!("{e:?}")))
}

/// Mounts the editor in `parent` with `text`, replacing one mounted before.
pub fn mount(loaded: &JsValue, parent: &Element, text: &str, label: &str, hooks: Hooks) {
    unmount();
    let on_change = Closure::<dyn Fn(String, bool)>::new(hooks.on_change);
    let undo = Closure::<dyn Fn()>::new(hooks.undo);
    let redo = Closure::<dyn Fn()>::new(hooks.redo);
    // The page's catalogs, for the SKUs completion offers (JSON answers).
    let regions = Closure::<dyn Fn() -> String>::new(|| {
        let catalog = catalogs::catalog();
        serde_json::to_string(&PriceList::regions(&*catalog)).unwrap_or_default()
    });
    let choices = Closure::<dyn Fn(String, String, Option<String>) -> JsValue>::new(
        |region: String, group: String, fallback: Option<String>| {
            let catalog = catalogs::catalog();
            assist::sku_choices(&catalog, &region, &group, fallback.as_deref())
                .and_then(|c| serde_json::to_string(&c).ok())
                .map(|j| JsValue::from_str(&j))
                .unwrap_or(JsValue::NULL)
        },
    );
    let prices = js_sys::Object::new();
    let options = js_sys::Object::new();
    let set = |on: &js_sys::Object, key: &str, value: &JsValue| {
        let _ = js_sys::Reflect::set(on, &JsValue::from_str(key), value);
    };
    set(&prices, "regions", regions.as_ref());
    set(&prices, "choices", choices.as_ref());
    set(&options, "doc", &JsValue::from_str(text));
    set(&options, "label", &JsValue::from_str(label));
    set(&options, "onChange", on_change.as_ref());
    set(&options, "undo", undo.as_ref());
    set(&options, "redo", redo.as_ref());
    set(&options, "prices", &prices);
    let view = mount_code_editor(loaded, parent, &options);
    let owned: Vec<Box<dyn std::any::Any>> = vec![
        Box::new(on_change),
        Box::new(undo),
        Box::new(redo),
        Box::new(regions),
        Box::new(choices),
    ];
    MOUNTED.with(|m| {
        *m.borrow_mut() = Some(Mounted {
            view,
            _owned: owned,
        })
    });
}

/// Takes the editor off the page.
pub fn unmount() {
    if let Some(m) = MOUNTED.with(|m| m.borrow_mut().take()) {
        m.view.destroy();
    }
}

/// Shows `text` (from undo, the form, an example) in the mounted editor.
pub fn show(text: &str) {
    MOUNTED.with(|m| {
        if let Some(m) = m.borrow().as_ref() {
            m.view.set_doc(text)
        }
    });
}

/// Sends the lint marks (JSON from [`marks_json`]).
pub fn mark(marks: &str) {
    MOUNTED.with(|m| {
        if let Some(m) = m.borrow().as_ref() {
            m.view.set_diagnostics(marks)
        }
    });
}

/// Puts the caret on a line of the mounted editor; false when there is none.
pub fn reveal(line: u32, column: u32) -> bool {
    MOUNTED.with(|m| match m.borrow().as_ref() {
        Some(m) => {
            m.view.goto(line, column);
            true
        }
        None => false,
    })
}

/// One lint mark, as the editor reads it.
#[derive(serde::Serialize)]
struct Mark<'a> {
    line: u32,
    column: u32,
    severity: &'a str,
    message: String,
    code: &'a str,
    hint: Option<&'a str>,
}

/// The lint marks for a text: its errors (it does not load), else its warnings and open
/// findings, each at its line with its hint (the editor asks the assistance module for the
/// quick fix a hint proposes).
pub fn marks_json(errors: &[Diagnostic], warnings: &[Diagnostic], findings: &[Finding]) -> String {
    fn diagnostic<'a>(d: &'a Diagnostic, severity: &'static str) -> Mark<'a> {
        Mark {
            line: d.line.unwrap_or(1),
            column: d.column.unwrap_or(1),
            severity,
            message: match &d.hint {
                Some(h) => format!("{} ({h})", d.message),
                None => d.message.clone(),
            },
            code: d.code.as_str(),
            hint: d.hint.as_deref(),
        }
    }
    // What is located in a `.tf` file the design came from is not at a line of this text.
    let here = |d: &&Diagnostic| d.file.is_none() && d.line.is_some();
    let mut out: Vec<Mark> = errors
        .iter()
        .filter(here)
        .map(|d| diagnostic(d, "error"))
        .collect();
    if errors.is_empty() {
        out.extend(
            warnings
                .iter()
                .filter(here)
                .map(|d| diagnostic(d, "warning")),
        );
        let open = |f: &&Finding| !f.waived && f.file.is_none() && f.line.is_some();
        out.extend(findings.iter().filter(open).map(|f| Mark {
            line: f.line.unwrap_or(1),
            column: f.column.unwrap_or(1),
            severity: assist::Level::of_finding(f).as_str(),
            message: assist::finding_message(f),
            code: f.rule.as_ref(),
            hint: None,
        }));
    }
    serde_json::to_string(&out).unwrap_or_default()
}
