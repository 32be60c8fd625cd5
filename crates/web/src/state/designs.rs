//! The designs store's concern: what is kept beside the document. The saved designs
//! (`Workspace`, in localStorage), a design offered by a shared link, the policy pack in
//! force, why the last pack or catalog import was refused, and the one-line notices.
//!
//! It never reads or evaluates a design: opening one (switching, a new one from an
//! example, a file, a shared link) also gives the editor a new text with a fresh history,
//! and a new pack re-evaluates the current text, so those actions are the page's
//! (`super::Page`), which changes both concerns in one place.

use std::rc::Rc;

use planwright_core::model::Policy;
use planwright_core::Diagnostic;

use super::editor::Inputs;
use crate::examples::EXAMPLES;
use crate::store;
use crate::workspace::{Workspace, V1_TEXT_KEY, WORKSPACE_KEY};

pub const PACK_KEY: &str = "planwright.policy-pack.v1";

/// A design arriving in the page's URL fragment.
#[derive(Debug, Clone, PartialEq)]
pub enum Shared {
    /// A link being inflated (by the browser, asynchronously): the fragment.
    Opening(String),
    /// A readable design, offered (never opened without asking).
    Offer(String),
    /// A link that does not decode, with the reason.
    Damaged(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Designs {
    pub workspace: Workspace,
    pub shared: Option<Shared>,
    /// The imported policy pack and its text (kept to survive a reload).
    pub pack: Option<(Rc<Policy>, String)>,
    /// Errors of the last pack import (the previous pack, if any, stays in force).
    pub pack_errors: Vec<Diagnostic>,
    /// Why the last catalog import was refused (the catalogs in force stay).
    pub catalog_errors: Vec<String>,
    /// A one-line message for the user (a refused edit, a design too large to autosave).
    pub notice: Option<String>,
    pub share_url: Option<String>,
}

/// What changes the store alone.
pub enum DesignsAction {
    DismissShared,
    /// Catalog files imported: the errors of those refused (empty: all imported).
    CatalogImport(Vec<String>),
    /// A one-line message (e.g. an import that will not survive a reload).
    Notice(String),
    ShowShareUrl(Option<String>),
    DismissNotice,
}

impl Designs {
    /// The saved designs (migrating a v1 store), or the first example on a first visit;
    /// `fragment` is the page's URL fragment, which may carry a shared design.
    pub fn restore(fragment: &str) -> Designs {
        let v2: Option<String> = store::get_raw(WORKSPACE_KEY);
        let v1: Option<String> = store::get(V1_TEXT_KEY);
        let v2_read: Option<Workspace> = v2.as_deref().and_then(store::read);
        if v2.is_some() && v2_read.is_none() {
            // What storage held does not read: keep it aside, never overwrite it.
            if let Some(raw) = &v2 {
                let _ = store::set_raw(crate::workspace::UNREADABLE_KEY, raw);
            }
        }
        let workspace = Workspace::from_storage(v2_read, v1.clone())
            .unwrap_or_else(|| Workspace::single(EXAMPLES[0].text.to_string()));
        if v1.is_some() && save_workspace(&workspace).is_ok() {
            store::delete(V1_TEXT_KEY);
        }
        // A saved pack that no longer reads is dropped, not fatal.
        let pack = store::get::<String>(PACK_KEY).and_then(|t| {
            planwright_core::policy::load_pack(&t)
                .ok()
                .map(|p| (Rc::new(p), t))
        });
        let shared = match fragment.trim_start_matches('#') {
            "" => None,
            f if f.starts_with(planwright_core::share::PREFIX) => {
                Some(Shared::Opening(f.to_string()))
            }
            _ => None,
        };
        Designs {
            workspace,
            shared,
            pack,
            pack_errors: Vec::new(),
            catalog_errors: Vec::new(),
            notice: None,
            share_url: None,
        }
    }

    pub fn reduce(&mut self, action: DesignsAction) {
        match action {
            DesignsAction::DismissShared => self.shared = None,
            DesignsAction::CatalogImport(errors) => self.catalog_errors = errors,
            DesignsAction::Notice(notice) => self.notice = Some(notice),
            DesignsAction::ShowShareUrl(url) => self.share_url = url,
            DesignsAction::DismissNotice => self.notice = None,
        }
    }

    /// What the editor evaluates with.
    pub fn inputs(&self) -> Inputs<'_> {
        Inputs {
            pack: self.pack.as_ref().map(|(p, _)| &**p),
            saved: &self.workspace.designs,
        }
    }

    /// Records the current design's new text and saves it. A save that fails says so;
    /// one that works clears the notice, unless `keep_notice`.
    pub fn record(&mut self, text: &str, keep_notice: bool) {
        self.workspace.update(text);
        let failed = save_workspace(&self.workspace).err();
        self.notice = if keep_notice {
            failed.or(self.notice.take())
        } else {
            failed
        };
    }

    /// Adds a saved design, makes it current and saves (saying so when that fails).
    pub fn add(&mut self, text: String) {
        self.workspace.add(text);
        self.notice = save_workspace(&self.workspace).err();
    }

    /// Saves the pack (storage can be full or disabled: the page keeps working).
    pub fn save(&self) {
        match &self.pack {
            Some((_, text)) => {
                let _ = store::set(PACK_KEY, text);
            }
            None => store::delete(PACK_KEY),
        }
    }
}

/// Writes the saved designs; says so when the browser refuses (full or disabled storage).
pub fn save_workspace(ws: &Workspace) -> Result<(), String> {
    let json = serde_json::to_string(ws).map_err(|e| e.to_string())?;
    store::set_raw(WORKSPACE_KEY, &json).map_err(|_| {
        format!(
            "This browser would not save your designs ({} KB): export the design to keep it.",
            json.len() / 1024
        )
    })
}
