//! The designs store's concern: what is kept beside the document. The saved designs
//! (`Workspace`, in localStorage, one key per design: see `crate::workspace`), the designs
//! deleted lately (restorable), a design offered by a shared link, the policy pack in
//! force, why the last pack or catalog import was refused, and the one-line notices.
//! What other tabs write arrives as `sync`.
//!
//! An edit is recorded in memory (`record`) and written later (`flush`): the page flushes
//! a second after the first unsaved edit, when the tab is hidden or closed, and before
//! any action other than an edit, so a keystroke never waits for storage. If the page
//! crashes in between (a panic evaluating the edit), the panic hook writes the recorded
//! text (`rescue`): what was typed survives a crash as before.
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
use crate::workspace::{
    design_key, new_id, prune_deleted, read_record, stored_rev, Deleted, Index, Saved, Workspace,
    WorkspaceV2, Wrote, DELETED_KEY, DESIGN_PREFIX, INDEX_KEY, UNREADABLE_KEY, V1_TEXT_KEY, V2_KEY,
};

pub const PACK_KEY: &str = "planwright.policy-pack.v1";
/// This tab's design (sessionStorage), so a reload shows the same one in each tab.
pub const TAB_KEY: &str = "planwright.tab-design";

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

#[derive(Debug, Clone)]
pub struct Designs {
    pub workspace: Workspace,
    /// Designs deleted lately, oldest first (restorable for `KEEP_DELETED_DAYS`).
    pub deleted: Vec<Deleted>,
    /// The name of the design just deleted: offered back with Undo until dismissed.
    pub just_deleted: Option<String>,
    pub shared: Option<Shared>,
    /// The imported policy pack and its text (kept to survive a reload).
    pub pack: Option<(Rc<Policy>, String)>,
    /// Errors of the last pack import (the previous pack, if any, stays in force).
    pub pack_errors: Vec<Diagnostic>,
    /// Why the last catalog import was refused (the catalogs in force stay).
    pub catalog_errors: Vec<String>,
    /// A one-line message for the user (a refused edit, a design too large to autosave).
    pub notice: Option<Notice>,
    pub share_url: Option<String>,
    /// The current design has an edit not yet written to storage.
    pub unsaved: bool,
    /// The seed of the next new design's id, drawn at the edge (`restore`) and stepped on
    /// each use, so the reducer itself reads no clock and no randomness.
    next_seed: u64,
}

thread_local! {
    /// The current design as last recorded and not yet written, for the panic hook: the
    /// reducer's state is borrowed while it runs, so a crash inside it cannot read that.
    static UNWRITTEN: std::cell::RefCell<Option<Saved>> = const { std::cell::RefCell::new(None) };
}

/// Writes the design recorded and not yet written (called by the panic hook). Over a newer
/// save of another tab it is written as a new design, never over the other's.
pub fn rescue() {
    let Some(mut d) = UNWRITTEN.with(|u| u.borrow_mut().take()) else {
        return;
    };
    let stored = store::get_raw(&design_key(&d.id))
        .as_deref()
        .and_then(stored_rev);
    let mut index = store::get::<Index>(INDEX_KEY);
    if stored.is_some_and(|s| s > d.rev) {
        d.id = new_id(seed(), &[]);
        d.rev = 0;
    }
    let mut ws = Workspace::single(d.id.clone(), String::new());
    ws.designs[0] = d;
    let id = ws.current_id().to_string();
    if let Some(json) = ws.next_record(0, None) {
        let _ = store::set_raw(&design_key(&id), &json);
    }
    if let Some(index) = index.as_mut().filter(|i| !i.ids.contains(&id)) {
        index.ids.push(id);
        let _ = store::set(INDEX_KEY, &*index);
    }
}

/// The same store, not an equal one (see `Editor`'s `PartialEq`).
impl PartialEq for Designs {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

/// A one-line message, written in the page's language when shown.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// Another tab saved this design meanwhile: this tab's text was kept as a copy of the
    /// design named so.
    KeptAsCopy(String),
    /// Another tab changed the design shown: its text is shown, this tab's one Undo away.
    ChangedElsewhere,
    /// Another tab deleted the design shown (named so).
    DeletedElsewhere(String),
    /// The browser refused to store this many KB.
    NotSaved(usize),
    /// Words as they came: the core's (English, as in the CLI) or an import's summary.
    Said(String),
}

impl Notice {
    pub fn text(&self, lang: crate::i18n::Lang) -> String {
        let ko = lang == crate::i18n::Lang::Ko;
        match (self, ko) {
            (Notice::KeptAsCopy(n), false) => format!("Another tab changed “{n}” meanwhile: this tab's text is kept as a copy, and the other tab's is in “{n}”."),
            (Notice::KeptAsCopy(n), true) => format!("다른 탭이 그사이 “{n}”을(를) 바꿨습니다. 이 탭의 텍스트는 사본으로 보관했고, 다른 탭의 텍스트는 “{n}”에 있습니다."),
            (Notice::ChangedElsewhere, false) => "Another tab changed this design: its text is shown (Undo brings this tab's back).".into(),
            (Notice::ChangedElsewhere, true) => "다른 탭이 이 설계를 바꿨습니다. 그 텍스트를 보여 줍니다(실행 취소로 이 탭의 텍스트로 돌아갑니다).".into(),
            (Notice::DeletedElsewhere(n), false) => format!("Another tab deleted “{n}”: it is in Recently deleted."),
            (Notice::DeletedElsewhere(n), true) => format!("다른 탭이 “{n}”을(를) 삭제했습니다. 최근 삭제 목록에 있습니다."),
            (Notice::NotSaved(kb), false) => format!("This browser would not save your designs ({kb} KB): export the design to keep it."),
            (Notice::NotSaved(kb), true) => format!("이 브라우저가 설계를 저장하지 않았습니다({kb} KB). 설계를 내보내 보관하세요."),
            (Notice::Said(s), _) => s.clone(),
        }
    }
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
    DismissDeleted,
}

/// What another tab's write did to the design this tab shows.
#[derive(Debug, PartialEq)]
pub enum Synced {
    Unchanged,
    /// Another tab saved a newer text of it: this one.
    Changed(String),
    /// Another tab deleted it: the store's current design is now another.
    Gone,
}

/// A fresh id's seed: the clock and randomness (ids only need to differ between tabs).
fn seed() -> u64 {
    #[cfg(target_arch = "wasm32")]
    return (js_sys::Date::now() as u64)
        .wrapping_mul(1000)
        .wrapping_add((js_sys::Math::random() * 1000.0) as u64);
    // Natively (unit tests): a new seed per call, as two tabs would draw.
    #[cfg(not(target_arch = "wasm32"))]
    {
        thread_local!(static NEXT: std::cell::Cell<u64> = const { std::cell::Cell::new(1) });
        NEXT.with(|n| {
            n.set(n.get() + 1_000_003);
            n.get()
        })
    }
}

/// The stored value under `key` that does not read: kept aside, never overwritten.
fn keep_aside(raw: &Option<String>) {
    if let Some(raw) = raw {
        let _ = store::set_raw(UNREADABLE_KEY, raw);
    }
}

fn stored_record(id: &str) -> Option<Saved> {
    store::get_raw(&design_key(id)).and_then(|raw| read_record(id, &raw))
}

/// Changes the stored index in place (read, changed, written at once), so that two tabs
/// adding or deleting designs never drop each other's.
fn change_index(ws: &Workspace, change: impl FnOnce(&mut Index)) -> Result<(), ()> {
    let mut index = store::get::<Index>(INDEX_KEY).unwrap_or_else(|| ws.index());
    change(&mut index);
    store::set(INDEX_KEY, &index)
}

impl Designs {
    /// The saved designs (migrating an older store), or the first example on a first visit;
    /// `fragment` is the page's URL fragment, which may carry a shared design.
    pub fn restore(fragment: &str) -> Designs {
        let index_raw = store::get_raw(INDEX_KEY);
        let index: Option<Index> = index_raw.as_deref().and_then(store::read);
        if index.is_none() && index_raw.is_some() {
            keep_aside(&index_raw);
        }
        let mut workspace = index
            .as_ref()
            .and_then(|i| Workspace::from_index(i, stored_record));
        let mut migrated = false;
        if workspace.is_none() {
            let v2_raw = store::get_raw(V2_KEY);
            let v2: Option<WorkspaceV2> = v2_raw.as_deref().and_then(store::read);
            if v2.is_none() && v2_raw.is_some() {
                keep_aside(&v2_raw);
            }
            workspace = Workspace::migrate(v2, store::get(V1_TEXT_KEY), seed());
            migrated = workspace.is_some();
        }
        let mut workspace = workspace
            .unwrap_or_else(|| Workspace::single(new_id(seed(), &[]), EXAMPLES[0].text.into()));
        // The design this tab showed before a reload, if it is still there.
        if let Some(i) =
            store::tab_get(TAB_KEY).and_then(|id| workspace.designs.iter().position(|d| d.id == id))
        {
            workspace.current = i;
        }
        let mut designs = Designs {
            workspace,
            deleted: store::get(DELETED_KEY).unwrap_or_default(),
            just_deleted: None,
            shared: None,
            pack: None,
            pack_errors: Vec::new(),
            catalog_errors: Vec::new(),
            notice: None,
            share_url: None,
            unsaved: false,
            next_seed: seed(),
        };
        if migrated && designs.write_all().is_ok() {
            store::delete(V2_KEY);
            store::delete(V1_TEXT_KEY);
        }
        // A saved pack that no longer reads is dropped, not fatal.
        designs.pack = store::get::<String>(PACK_KEY).and_then(|t| {
            planwright_core::policy::load_pack(&t)
                .ok()
                .map(|p| (Rc::new(p), t))
        });
        designs.shared = match fragment.trim_start_matches('#') {
            "" => None,
            f if f.starts_with(planwright_core::share::PREFIX) => {
                Some(Shared::Opening(f.to_string()))
            }
            _ => None,
        };
        designs
    }

    pub fn reduce(&mut self, action: DesignsAction) {
        match action {
            DesignsAction::DismissShared => self.shared = None,
            DesignsAction::CatalogImport(errors) => self.catalog_errors = errors,
            DesignsAction::Notice(notice) => self.notice = Some(Notice::Said(notice)),
            DesignsAction::ShowShareUrl(url) => self.share_url = url,
            DesignsAction::DismissNotice => self.notice = None,
            DesignsAction::DismissDeleted => self.just_deleted = None,
        }
    }

    /// What the editor evaluates with.
    pub fn inputs(&self) -> Inputs<'_> {
        Inputs {
            pack: self.pack.as_ref().map(|(p, _)| &**p),
            saved: &self.workspace.designs,
        }
    }

    /// Records the current design's new text, to be written by `flush` (the panic hook
    /// writes it if the page crashes first). The notice goes, unless `keep_notice`.
    pub fn record(&mut self, text: &str, keep_notice: bool) {
        self.workspace.update(text);
        self.just_deleted = None;
        if !keep_notice {
            self.notice = None;
        }
        self.unsaved = true;
        let current = self.workspace.designs.get(self.workspace.current).cloned();
        UNWRITTEN.with(|u| *u.borrow_mut() = current);
    }

    /// Writes the recorded edit, if any. A save that fails says so. Another tab's newer
    /// save of this design is never overwritten: this text becomes a copy (and says so).
    pub fn flush(&mut self) {
        if !self.unsaved {
            return;
        }
        self.unsaved = false;
        UNWRITTEN.with(|u| *u.borrow_mut() = None);
        match self.write_current() {
            Ok(Wrote::Saved) => {}
            Ok(Wrote::Copied(original)) => self.notice = Some(Notice::KeptAsCopy(original)),
            Err(why) => self.notice = Some(why),
        }
    }

    /// A new design's id seed (stepped, so ids drawn in one tab never repeat).
    fn draw_seed(&mut self) -> u64 {
        let s = self.next_seed;
        self.next_seed = s
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        s
    }

    /// Adds a saved design, makes it current and saves (saying so when that fails).
    pub fn add(&mut self, text: String) {
        let seed = self.draw_seed();
        let id = new_id(seed, &self.workspace.designs);
        self.workspace.add(id.clone(), text);
        self.notice = self.write_current().err();
        let _ = change_index(&self.workspace, |i| i.current = id);
    }

    /// Makes design `i` current (this tab's, and the one a new tab opens).
    pub fn switch(&mut self, i: usize) {
        if i < self.workspace.designs.len() {
            self.workspace.current = i;
            let id = self.workspace.current_id().to_string();
            if self.workspace.designs[i].rev > 0 {
                let _ = change_index(&self.workspace, |index| index.current = id);
            }
        }
    }

    /// Deletes the current design into the recently deleted list (at `at_ms`), offered back.
    pub fn delete_current(&mut self, at_ms: f64) {
        let Some(gone) = self.workspace.remove_current() else {
            return;
        };
        self.deleted = store::get(DELETED_KEY).unwrap_or_default();
        self.deleted.push(Deleted {
            name: gone.name.clone(),
            text: gone.text,
            at_ms,
        });
        prune_deleted(&mut self.deleted, at_ms);
        if store::set(DELETED_KEY, &self.deleted).is_err() {
            // Kept in this tab at least; the store could not take it.
            self.notice = Some(too_full(""));
        }
        let _ = change_index(&self.workspace, |i| i.ids.retain(|id| *id != gone.id));
        store::delete(&design_key(&gone.id));
        self.just_deleted = Some(gone.name);
    }

    /// The recently deleted design `i` (the newest: `deleted.len() - 1`), as a saved design
    /// again, current. Its text comes back exactly as it was.
    pub fn restore_deleted(&mut self, i: usize) -> bool {
        // Another tab may have changed the list: the stored one wins, else this tab's.
        self.deleted = store::get(DELETED_KEY).unwrap_or_else(|| std::mem::take(&mut self.deleted));
        if i >= self.deleted.len() {
            return false;
        }
        let back = self.deleted.remove(i);
        let _ = store::set(DELETED_KEY, &self.deleted);
        self.just_deleted = None;
        self.add(back.text);
        true
    }

    /// What another tab wrote under `key` (None: the whole storage was cleared), with the
    /// value it wrote, taken in; says what it did to this tab's design.
    pub fn sync(&mut self, key: Option<&str>, value: Option<&str>) -> Synced {
        // This tab's pending edit is written first: over a newer save of the other tab it
        // becomes a copy, and the other tab's text is then simply the original's.
        self.flush();
        match key {
            Some(DELETED_KEY) => {
                self.deleted = value.and_then(store::read).unwrap_or_default();
                Synced::Unchanged
            }
            Some(INDEX_KEY) | None => self.reindex(),
            Some(k) => {
                let Some(id) = k.strip_prefix(DESIGN_PREFIX) else {
                    return Synced::Unchanged;
                };
                let current = self.workspace.current;
                let Some(i) = self.workspace.designs.iter().position(|d| d.id == id) else {
                    return Synced::Unchanged;
                };
                match value.and_then(|raw| read_record(id, raw)) {
                    Some(newer) if newer.rev > self.workspace.designs[i].rev => {
                        let changed = newer.text != self.workspace.designs[i].text;
                        let text = newer.text.clone();
                        self.workspace.designs[i] = newer;
                        if changed && i == current {
                            self.notice = Some(Notice::ChangedElsewhere);
                            Synced::Changed(text)
                        } else {
                            Synced::Unchanged
                        }
                    }
                    // Removed: the index's change says so.
                    _ => Synced::Unchanged,
                }
            }
        }
    }

    /// The stored index read again: designs other tabs added come in, those they deleted
    /// go (a design of this tab never saved stays).
    fn reindex(&mut self) -> Synced {
        let Some(index) = store::get::<Index>(INDEX_KEY) else {
            return Synced::Unchanged;
        };
        let current = self.workspace.designs.get(self.workspace.current).cloned();
        let mut designs: Vec<Saved> = index
            .ids
            .iter()
            .filter_map(|id| {
                self.workspace
                    .designs
                    .iter()
                    .find(|d| d.id == *id)
                    .cloned()
                    .or_else(|| stored_record(id))
            })
            .collect();
        if let Some(c) = current.as_ref().filter(|c| c.rev == 0) {
            designs.push(c.clone());
        }
        if designs.is_empty() {
            return Synced::Unchanged;
        }
        let at = current
            .as_ref()
            .and_then(|c| designs.iter().position(|d| d.id == c.id));
        self.workspace.designs = designs;
        match at {
            Some(i) => {
                self.workspace.current = i;
                Synced::Unchanged
            }
            None => {
                self.workspace.current = 0;
                self.deleted = store::get(DELETED_KEY).unwrap_or_default();
                self.notice = Some(Notice::DeletedElsewhere(
                    current.map(|c| c.name).unwrap_or_default(),
                ));
                Synced::Gone
            }
        }
    }

    /// Writes the current design (and this tab's choice of it).
    fn write_current(&mut self) -> Result<Wrote, Notice> {
        let i = self.workspace.current;
        let id = self.workspace.current_id().to_string();
        store::tab_set(TAB_KEY, &id);
        let key = design_key(&id);
        let stored = store::get_raw(&key).as_deref().and_then(stored_rev);
        if let Some(json) = self.workspace.next_record(i, stored) {
            store::set_raw(&key, &json).map_err(|()| too_full(&json))?;
            if self.workspace.designs[i].rev == 1 {
                // Its first save (a first visit's example, a new design): listed.
                change_index(&self.workspace, |index| {
                    if !index.ids.contains(&id) {
                        index.ids.push(id.clone());
                    }
                })
                .map_err(|()| too_full(&json))?;
            }
            return Ok(Wrote::Saved);
        }
        // Another tab saved this design since this tab read it: its text stays, this
        // tab's becomes a new design.
        let mine = self.workspace.text().to_string();
        let original = self.workspace.designs[i].name.clone();
        if let Some(theirs) = stored_record(&id) {
            self.workspace.designs[i] = theirs;
        }
        self.add(mine);
        Ok(Wrote::Copied(original))
    }

    /// Writes every design and the index (after a migration).
    fn write_all(&mut self) -> Result<(), ()> {
        for i in 0..self.workspace.designs.len() {
            let key = design_key(&self.workspace.designs[i].id);
            let json = self.workspace.next_record(i, None).ok_or(())?;
            store::set_raw(&key, &json)?;
        }
        store::set(INDEX_KEY, &self.workspace.index())
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

/// Why a save failed (full or disabled storage), with what to do.
fn too_full(json: &str) -> Notice {
    Notice::NotSaved(json.len() / 1024)
}
