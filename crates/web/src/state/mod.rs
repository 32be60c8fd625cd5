//! The page's state, by concern, each with its own actions:
//!
//! - `editor`: the document (text, parsed tree, undo / redo, environment, report, errors,
//!   comparison, the prices it is evaluated with);
//! - `designs`: the designs store (saved designs, shared link, policy pack, notices);
//! - `settings`: the view settings (language, currency, won rate), a reducer of its own.
//!
//! The editor and the designs store are two sub-states of one reducer, `Page`, because some
//! actions must change both, in order: an edit is saved to the store before the editor
//! evaluates it (if evaluating crashes the page, the design survives), and opening a design
//! (switching, deleting, a new one from an example, a file or a shared link) changes the
//! store's current design and gives the editor that text with a fresh history. Those
//! actions are `Page::reduce`'s alone; `Action::Editor` and `Action::Designs` reach one
//! concern each (a designs action leaves the editor's state as it was, not even copied).
//!
//! The settings never touch a design, so they are a separate reducer: changing the language
//! re-renders the page with a new `View` but evaluates nothing.
//!
//! The app provides one context, `AppContext`: the derived `View`, the settings and the
//! page's dispatcher, so components dispatch themselves instead of the app threading
//! callbacks to them. One context type, not one per concern: each Yew context type is a
//! component type of its own, about 2 KB of the first-paint bundle (measured), and the
//! bundle has a hard limit. The dispatchers never change, so the context changes only with
//! the view settings (or the design's own KRW rate), as the `View` context did.

pub mod designs;
pub mod editor;
pub mod settings;
// Natively only: they run on the in-memory store (`crate::store::backend`).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

use std::rc::Rc;

use yew::{Reducible, UseReducerDispatcher, UseReducerHandle};

use crate::examples::EXAMPLES;
use crate::view::View;
use designs::{Designs, DesignsAction, Shared, Synced};
use editor::{Editor, EditorAction, Step};
use settings::Prefs;

#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub editor: Rc<Editor>,
    pub designs: Rc<Designs>,
}

pub enum Action {
    /// The document alone, or an edit (which the page saves before it is evaluated).
    Editor(EditorAction),
    /// The designs store alone.
    Designs(DesignsAction),
    /// A new saved design from an example.
    NewFromExample(usize),
    SwitchDesign(usize),
    /// The current design, deleted at this time (ms since the epoch) into the recently
    /// deleted list.
    DeleteDesign(f64),
    /// The recently deleted design at this index, saved and opened again.
    RestoreDeleted(usize),
    /// Another tab wrote this storage key (None: cleared it all), with its new value.
    StorageChanged(Option<String>, Option<String>),
    /// A file's text, opened as a new saved design (the current one is kept).
    ImportFile(String),
    /// The shared link's design, inflated, or why it could not be.
    SharedRead(Result<String, String>),
    OpenShared,
    ImportPack(String),
    RemovePack,
    /// Write the recorded edit (the page sends it a second after an edit, and when the
    /// tab is hidden or closed).
    Flush,
}

/// What every component can read from the app (a Yew context; see the module's doc).
#[derive(Clone, PartialEq)]
pub struct AppContext {
    /// How figures are shown (from the settings and the report's KRW rate).
    pub view: View,
    pub settings: UseReducerHandle<Prefs>,
    pub page: UseReducerDispatcher<Page>,
}

impl AppContext {
    pub fn dispatch(&self, action: Action) {
        self.page.dispatch(action)
    }

    pub fn edit(&self, action: EditorAction) {
        self.page.dispatch(Action::Editor(action))
    }
}

impl Page {
    /// The saved designs and the current one, read; `fragment` is the page's URL fragment,
    /// which may carry a shared design.
    pub fn restore(fragment: &str) -> Page {
        let designs = Designs::restore(fragment);
        let editor = Editor::restore(designs.workspace.text().to_string(), &designs.inputs());
        Page {
            editor: Rc::new(editor),
            designs: Rc::new(designs),
        }
    }

    fn apply(&mut self, action: Action) {
        // Anything but an edit may change which design is current, or what is stored:
        // the pending edit is written first.
        if !matches!(action, Action::Editor(_)) && self.designs.unsaved {
            Rc::make_mut(&mut self.designs).flush();
        }
        match action {
            Action::Flush => {}
            Action::Editor(action) => {
                let step = Rc::make_mut(&mut self.editor).reduce(action, &self.designs.inputs());
                let (text, keep_notice) = match step {
                    Step::Done => return,
                    Step::Refused(why) => {
                        Rc::make_mut(&mut self.designs).notice = Some(designs::Notice::Said(why));
                        return;
                    }
                    Step::Edited(text) => (text, true),
                    Step::Stepped(text) => (text, false),
                };
                // Recorded before it is evaluated: if evaluating it ever crashes, the panic
                // hook writes it (`designs::rescue`); otherwise it is written off the
                // keystroke's path (`Action::Flush`).
                Rc::make_mut(&mut self.designs).record(&text, keep_notice);
                Rc::make_mut(&mut self.editor).read(text, &self.designs.inputs());
            }
            Action::Designs(action) => Rc::make_mut(&mut self.designs).reduce(action),
            Action::NewFromExample(i) => {
                if let Some(ex) = EXAMPLES.get(i) {
                    self.open_new(ex.text.to_string());
                }
            }
            Action::SwitchDesign(i) => {
                if i < self.designs.workspace.designs.len() {
                    Rc::make_mut(&mut self.designs).switch(i);
                    self.open_current();
                }
            }
            Action::DeleteDesign(at_ms) => {
                Rc::make_mut(&mut self.designs).delete_current(at_ms);
                self.open_current();
            }
            Action::RestoreDeleted(i) => {
                if Rc::make_mut(&mut self.designs).restore_deleted(i) {
                    self.open_current();
                }
            }
            Action::StorageChanged(key, value) => {
                match Rc::make_mut(&mut self.designs).sync(key.as_deref(), value.as_deref()) {
                    Synced::Unchanged => {}
                    // This tab's text stays one Undo away.
                    Synced::Changed(text) => {
                        Rc::make_mut(&mut self.editor).take_external(text, &self.designs.inputs())
                    }
                    Synced::Gone => self.open_current(),
                }
            }
            Action::ImportFile(text) => self.open_new(text),
            Action::OpenShared => {
                if let Some(Shared::Offer(text)) = self.designs.shared.clone() {
                    Rc::make_mut(&mut self.designs).shared = None;
                    self.open_new(text);
                }
            }
            Action::SharedRead(read) => {
                // Dismissed while it was being read: stays dismissed.
                if matches!(self.designs.shared, Some(Shared::Opening(_))) {
                    Rc::make_mut(&mut self.designs).shared = match read {
                        Ok(t) if t == self.editor.text => None,
                        Ok(t) => Some(Shared::Offer(t)),
                        Err(why) => Some(Shared::Damaged(why)),
                    };
                }
            }
            Action::ImportPack(pack_text) => match planwright_core::policy::load_pack(&pack_text) {
                Ok(pack) => {
                    let designs = Rc::make_mut(&mut self.designs);
                    designs.pack = Some((Rc::new(pack), pack_text));
                    designs.pack_errors = Vec::new();
                    self.reread();
                }
                Err(errors) => Rc::make_mut(&mut self.designs).pack_errors = errors,
            },
            Action::RemovePack => {
                let designs = Rc::make_mut(&mut self.designs);
                designs.pack = None;
                designs.pack_errors = Vec::new();
                self.reread();
            }
        }
    }

    /// `text` as a new saved design, opened.
    fn open_new(&mut self, text: String) {
        Rc::make_mut(&mut self.designs).add(text.clone());
        Rc::make_mut(&mut self.editor).open(text, &self.designs.inputs());
    }

    /// The store's current design, opened.
    fn open_current(&mut self) {
        let text = self.designs.workspace.text().to_string();
        Rc::make_mut(&mut self.editor).open(text, &self.designs.inputs());
    }

    /// The current text evaluated again (the pack changed).
    fn reread(&mut self) {
        Rc::make_mut(&mut self.editor).reread(&self.designs.inputs());
    }
}

thread_local! {
    static BURIED: std::cell::RefCell<Vec<Rc<Page>>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Keeps the state a keystroke replaces alive for a moment, so freeing its report and tree
/// (a millisecond on a large design) happens between keystrokes, not before the page
/// shows the new figures.
fn bury(old: Rc<Page>) {
    #[cfg(not(target_arch = "wasm32"))]
    return drop(old);
    #[cfg(target_arch = "wasm32")]
    BURIED.with(|b| {
        let mut b = b.borrow_mut();
        if b.is_empty() {
            gloo_timers::callback::Timeout::new(100, || BURIED.with(|b| b.borrow_mut().clear()))
                .forget();
        }
        b.push(old);
    });
}

impl Reducible for Page {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.apply(action);
        // Written when they change, not on every keystroke. Storage can be full or
        // disabled (private mode): the page keeps working.
        if next.editor.env != self.editor.env {
            next.editor.save();
        }
        if next.designs.pack.as_ref().map(|(_, t)| t) != self.designs.pack.as_ref().map(|(_, t)| t)
        {
            next.designs.save();
        }
        bury(self);
        Rc::new(next)
    }
}
