//! The page's state and its reducer. Every change of text re-reads and re-prices the
//! design through the core; the last good report stays on screen while the text has errors.
//!
//! Both editors change the same text: typing replaces it, the form and the readiness
//! "apply" buttons splice it through `planwright_core::source::edit` (keeping comments and
//! layout). So one undo history of texts serves both, and what is saved is always the text.

use std::collections::BTreeSet;
use std::rc::Rc;

use planwright_core::load_tree;
use planwright_core::model::Policy;
use planwright_core::source::edit::{self, Change};
use planwright_core::source::node::{DesignPath, Node};
use planwright_core::source::{node, reparse::reparse};
use planwright_core::{apply_pack, evaluate_loaded, load, Design, Diagnostic, Report};
use yew::Reducible;

use crate::catalogs::{self, Prices};
use crate::examples::EXAMPLES;
use crate::i18n::Lang;
use crate::store;
use crate::workspace::{Currency, Prefs, Workspace, PREFS_KEY, V1_TEXT_KEY, WORKSPACE_KEY};

pub const ENV_KEY: &str = "planwright.env.v1";
pub const PACK_KEY: &str = "planwright.policy-pack.v1";

/// Typing within this many milliseconds of the last keystroke is one undo step.
const UNDO_COALESCE_MS: f64 = 1000.0;
/// Undo steps kept.
const UNDO_DEPTH: usize = 200;

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

/// What the side-by-side view compares the current design with.
#[derive(Debug, Clone, PartialEq)]
pub enum CompareWith {
    /// Another environment of this design (`None`: the base design).
    Env(Option<String>),
    /// Another saved design.
    Saved(usize),
}

/// The last text that parsed, with its tree: the next edit is re-read from it, parsing
/// only the entry the edit falls in (`planwright_core::source::reparse`).
#[derive(Debug, PartialEq)]
pub struct Parsed {
    text: String,
    tree: Rc<Node>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    pub text: String,
    pub parsed: Option<Rc<Parsed>>,
    /// Environment variant shown, if any.
    pub env: Option<String>,
    /// Environment names the design defines (kept from the last text that read).
    pub environments: Vec<String>,
    /// Errors of the current text; empty when it reads.
    pub errors: Vec<Diagnostic>,
    /// The report of the current text, or of the last text that read.
    pub report: Option<Rc<Report>>,
    /// The design the report was computed on (environment merged): suggestions apply to it.
    pub design: Option<Rc<Design>>,
    /// The prices designs are evaluated with (fetched per region, plus the user's imports).
    pub prices: Prices,
    /// Every region the last design read prices from (`regions_priced`): the page fetches
    /// their catalogs.
    pub wanted: Rc<BTreeSet<String>>,
    /// Why the last catalog import was refused (the catalogs in force stay).
    pub catalog_errors: Vec<String>,
    /// The tree of the current text's base design, which the form editor shows and edits.
    pub base: Option<Rc<Node>>,
    /// True when `report` is from an earlier text (the current one has errors).
    pub stale: bool,
    /// The imported policy pack and its text (kept to survive a reload).
    pub pack: Option<(Rc<Policy>, String)>,
    /// Errors of the last pack import (the previous pack, if any, stays in force).
    pub pack_errors: Vec<Diagnostic>,
    /// The page crashed last time: the saved design is shown but not evaluated until the
    /// user edits it or picks an example.
    pub recovered: bool,
    /// Texts to go back and forward to. Shared, not copied: the state is cloned on every
    /// keystroke, and 200 copies of a large design would be megabytes each time.
    pub undo: Vec<Rc<str>>,
    pub redo: Vec<Rc<str>>,
    last_typed_ms: f64,
    pub workspace: Workspace,
    pub shared: Option<Shared>,
    /// A one-line message for the user (a refused edit, a design too large to autosave).
    pub notice: Option<String>,
    pub prefs: Prefs,
    pub share_url: Option<String>,
    pub compare: Option<CompareWith>,
    /// The report compared with, and its label.
    pub compare_report: Option<(String, Rc<Report>)>,
}

pub enum Action {
    /// The text editor's new text.
    Type(String),
    /// The text editor holds a text of this many characters, over the design size limit:
    /// shown as an error; the last text that fit stays the design (and saved).
    Oversize(usize),
    /// Form edits, spliced into the text.
    Change(Vec<Change>),
    /// The readiness suggestion `index` of scenario `scenario`.
    ApplySuggestion {
        scenario: usize,
        index: usize,
    },
    Undo,
    Redo,
    SelectEnv(Option<String>),
    Compare(Option<CompareWith>),
    /// A new saved design from an example.
    NewFromExample(usize),
    SwitchDesign(usize),
    DeleteDesign,
    /// A file's text, opened as a new saved design (the current one is kept).
    ImportFile(String),
    /// The shared link's design, inflated, or why it could not be.
    SharedRead(Result<String, String>),
    OpenShared,
    DismissShared,
    ImportPack(String),
    RemovePack,
    /// The prices changed (a catalog arrived, failed, or was imported or removed).
    Prices(Prices),
    /// Catalog files imported: the errors of those refused (empty: all imported).
    CatalogImport(Vec<String>),
    /// A one-line message (e.g. an import that will not survive a reload).
    Notice(String),
    SetLang(Lang),
    SetCurrency(Currency),
    SetRate(Option<f64>),
    ShowShareUrl(Option<String>),
    DismissNotice,
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

impl AppState {
    /// The saved designs (migrating a v1 store), or the first example on a first visit;
    /// `fragment` is the page's URL fragment, which may carry a shared design.
    pub fn restore(fragment: &str) -> AppState {
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
        let env: Option<String> = store::get::<Option<String>>(ENV_KEY).flatten();
        let prefs: Prefs = store::get(PREFS_KEY).unwrap_or_default();
        // A saved pack that no longer reads is dropped, not fatal.
        let pack = store::get::<String>(PACK_KEY).and_then(|t| {
            planwright_core::policy::load_pack(&t)
                .ok()
                .map(|p| (Rc::new(p), t))
        });
        let text = workspace.text().to_string();
        let shared = match fragment.trim_start_matches('#') {
            "" => None,
            f if f.starts_with(planwright_core::share::PREFIX) => {
                Some(Shared::Opening(f.to_string()))
            }
            _ => None,
        };
        let blank = AppState {
            text: String::new(),
            parsed: None,
            env,
            environments: Vec::new(),
            errors: Vec::new(),
            report: None,
            design: None,
            prices: catalogs::prices(),
            wanted: Rc::default(),
            catalog_errors: Vec::new(),
            base: None,
            stale: false,
            pack,
            pack_errors: Vec::new(),
            recovered: false,
            undo: Vec::new(),
            redo: Vec::new(),
            last_typed_ms: 0.0,
            workspace,
            shared,
            notice: None,
            prefs,
            share_url: None,
            compare: None,
            compare_report: None,
        };
        // Written raw by the panic hook (which cannot rely on the app's helpers).
        let crashed = store::get_raw(crate::CRASH_KEY).is_some();
        if crashed {
            store::delete(crate::CRASH_KEY);
            return AppState {
                text,
                recovered: true,
                ..blank
            };
        }
        blank.with_text(text)
    }

    /// Reads and evaluates `text` (the environment shown falls back to the base design
    /// when the text no longer defines it).
    fn with_text(self, text: String) -> AppState {
        let mut next = self;
        let tree = match &next.parsed {
            Some(last) => reparse(&last.text, &last.tree, &text),
            None => node::parse(&text),
        };
        let tree = match tree {
            Ok(tree) => {
                let tree = Rc::new(tree);
                next.parsed = Some(Rc::new(Parsed {
                    text: text.clone(),
                    tree: tree.clone(),
                }));
                Ok(tree)
            }
            Err(e) => Err(vec![e]),
        };
        let first = tree.clone().and_then(|tree| load_tree(tree, None));
        if let Ok(base) = &first {
            next.environments = base.environments.clone();
            if next
                .env
                .as_ref()
                .is_some_and(|e| !next.environments.contains(e))
            {
                next.env = None;
            }
        }
        let outcome = match (&next.env, first) {
            (None, r) => r,
            (Some(env), Ok(base)) => {
                next.base = Some(base.root);
                tree.and_then(|tree| load_tree(tree, Some(env)))
            }
            (Some(_), Err(e)) => Err(e),
        };
        match outcome {
            Ok(mut loaded) => {
                next.report = Some(Rc::new(next.evaluate(&mut loaded)));
                let wanted = planwright_core::regions_priced(&loaded.design);
                if *next.wanted != wanted {
                    next.wanted = Rc::new(wanted);
                }
                next.design = Some(Rc::new(loaded.design));
                if next.env.is_none() {
                    // The base design is the one evaluated: its tree moves, no copy.
                    next.base = Some(loaded.root);
                }
                next.errors.clear();
                next.stale = false;
            }
            Err(errors) => {
                next.errors = errors;
                next.stale = next.report.is_some();
            }
        }
        next.text = text;
        next.refresh_compare();
        next
    }

    fn evaluate(&self, loaded: &mut planwright_core::Loaded) -> Report {
        if let Some((pack, _)) = &self.pack {
            apply_pack(loaded, pack);
        }
        evaluate_loaded(
            loaded,
            Some(&self.prices.catalog),
            Some(&crate::api::today()),
        )
    }

    /// Re-evaluates what the side-by-side view compares with.
    fn refresh_compare(&mut self) {
        self.compare_report = match &self.compare {
            None => None,
            Some(CompareWith::Env(env)) => self
                .tree_of_text()
                .and_then(|tree| load_tree(tree, env.as_deref()).ok())
                .map(|mut l| {
                    let label = env.clone().unwrap_or_else(|| "base design".into());
                    (label, Rc::new(self.evaluate(&mut l)))
                }),
            Some(CompareWith::Saved(i)) => self.workspace.designs.get(*i).and_then(|d| {
                load(&d.text, None)
                    .ok()
                    .map(|mut l| (d.name.clone(), Rc::new(self.evaluate(&mut l))))
            }),
        };
    }

    /// The tree of the current text, when it parses.
    fn tree_of_text(&self) -> Option<Rc<Node>> {
        self.parsed
            .as_ref()
            .filter(|p| p.text == self.text)
            .map(|p| p.tree.clone())
    }

    /// A new text from an edit: the old one goes on the undo history.
    fn edited(mut self, text: String, coalesce: bool) -> AppState {
        if text == self.text {
            return self;
        }
        let now = now_ms();
        if !(coalesce && now - self.last_typed_ms < UNDO_COALESCE_MS) {
            self.undo.push(Rc::from(self.text.as_str()));
            if self.undo.len() > UNDO_DEPTH {
                self.undo.remove(0);
            }
        }
        self.last_typed_ms = if coalesce { now } else { 0.0 };
        self.redo.clear();
        self.recovered = false;
        // Saved before it is evaluated: if evaluating it ever crashes, it survives.
        self.workspace.update(&text);
        self.notice = save_workspace(&self.workspace).err().or(self.notice);
        self.with_text(text)
    }

    /// One step back (undo) or forward (redo) in the history of texts.
    fn step(mut self, back: bool) -> AppState {
        let (from, to) = if back {
            (&mut self.undo, &mut self.redo)
        } else {
            (&mut self.redo, &mut self.undo)
        };
        let Some(text) = from.pop() else {
            return self;
        };
        to.push(Rc::from(self.text.as_str()));
        self.last_typed_ms = 0.0;
        self.workspace.update(&text);
        self.notice = save_workspace(&self.workspace).err();
        self.with_text(text.to_string())
    }

    /// Switches to another text with a fresh history (another design).
    fn opened(mut self, text: String) -> AppState {
        self.undo.clear();
        self.redo.clear();
        self.recovered = false;
        self.env = None;
        self.compare = None;
        self.with_text(text)
    }

    fn save(&self) {
        // Storage can be full or disabled (private mode): the page keeps working.
        let _ = store::set(ENV_KEY, &self.env);
        let _ = store::set(PREFS_KEY, &self.prefs);
        match &self.pack {
            Some((_, text)) => {
                let _ = store::set(PACK_KEY, text);
            }
            None => store::delete(PACK_KEY),
        }
    }
}

/// Writes the saved designs; says so when the browser refuses (full or disabled storage).
fn save_workspace(ws: &Workspace) -> Result<(), String> {
    let json = serde_json::to_string(ws).map_err(|e| e.to_string())?;
    store::set_raw(WORKSPACE_KEY, &json).map_err(|_| {
        format!(
            "This browser would not save your designs ({} KB): export the design to keep it.",
            json.len() / 1024
        )
    })
}

thread_local! {
    static BURIED: std::cell::RefCell<Vec<Rc<AppState>>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Keeps the state a keystroke replaces alive for a moment, so freeing its report and tree
/// (a millisecond on a large design) happens between keystrokes, not before the page
/// shows the new figures.
fn bury(old: Rc<AppState>) {
    BURIED.with(|b| {
        let mut b = b.borrow_mut();
        if b.is_empty() {
            gloo_timers::callback::Timeout::new(100, || BURIED.with(|b| b.borrow_mut().clear()))
                .forget();
        }
        b.push(old);
    });
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let current = (*self).clone();
        bury(self);
        let next = match action {
            Action::Type(text) => current.edited(text, true),
            Action::Oversize(chars) => AppState {
                errors: vec![Diagnostic::error(
                    planwright_core::diag::Code::DesignTooLarge,
                    format!(
                        "the text is {chars} characters; the editor reads designs of up to {} characters (about 4,000 resources) as you type. It is not evaluated or saved: the last design that fit is kept",
                        crate::components::editor::LIVE_LIMIT_CHARS
                    ),
                )
                .at(planwright_core::diag::Location::start())
                .with_hint("split the design, delete what was pasted by mistake, or check it with the CLI (`planwright evaluate`)")],
                stale: current.report.is_some(),
                ..current
            },
            Action::Change(changes) => match edit::apply(&current.text, &changes) {
                Ok(text) => current.edited(text, false),
                Err(e) => AppState {
                    notice: Some(e.to_string()),
                    ..current
                },
            },
            Action::ApplySuggestion { scenario, index } => {
                let found = current.report.as_ref().and_then(|r| {
                    r.readiness
                        .scenarios
                        .get(scenario)
                        .and_then(|s| s.suggestions.get(index))
                        .map(|s| s.edit.clone())
                });
                match (found, current.design.clone()) {
                    (Some(e), Some(design)) if !current.stale => {
                        let under = match &current.env {
                            Some(env) => DesignPath::root().key("environments").key(env.as_str()),
                            None => DesignPath::root(),
                        };
                        let changes = e.changes(&design, &under);
                        match edit::apply(&current.text, &changes) {
                            Ok(text) => current.edited(text, false),
                            Err(err) => AppState {
                                notice: Some(err.to_string()),
                                ..current
                            },
                        }
                    }
                    _ => current,
                }
            }
            Action::Undo => current.step(true),
            Action::Redo => current.step(false),
            Action::SelectEnv(env) => {
                let text = current.text.clone();
                AppState { env, ..current }.with_text(text)
            }
            Action::Compare(with) => {
                let mut s = AppState {
                    compare: with,
                    ..current
                };
                s.refresh_compare();
                s
            }
            Action::NewFromExample(i) => match EXAMPLES.get(i) {
                Some(ex) => {
                    let mut s = current;
                    s.workspace.add(ex.text.to_string());
                    s.notice = save_workspace(&s.workspace).err();
                    s.opened(ex.text.to_string())
                }
                None => current,
            },
            Action::SwitchDesign(i) if i < current.workspace.designs.len() => {
                let mut s = current;
                s.workspace.current = i;
                let _ = save_workspace(&s.workspace);
                let text = s.workspace.text().to_string();
                s.opened(text)
            }
            Action::SwitchDesign(_) => current,
            Action::DeleteDesign => {
                let mut s = current;
                s.workspace.remove_current();
                let _ = save_workspace(&s.workspace);
                let text = s.workspace.text().to_string();
                s.opened(text)
            }
            Action::ImportFile(text) => {
                let mut s = current;
                s.workspace.add(text.clone());
                s.notice = save_workspace(&s.workspace).err();
                s.opened(text)
            }
            Action::OpenShared => match current.shared.clone() {
                Some(Shared::Offer(text)) => {
                    let mut s = AppState {
                        shared: None,
                        ..current
                    };
                    s.workspace.add(text.clone());
                    s.notice = save_workspace(&s.workspace).err();
                    s.opened(text)
                }
                _ => current,
            },
            // Dismissed while it was being read: stays dismissed.
            Action::SharedRead(_) if !matches!(current.shared, Some(Shared::Opening(_))) => current,
            Action::SharedRead(read) => AppState {
                shared: match read {
                    Ok(t) if t == current.text => None,
                    Ok(t) => Some(Shared::Offer(t)),
                    Err(why) => Some(Shared::Damaged(why)),
                },
                ..current
            },
            Action::DismissShared => AppState {
                shared: None,
                ..current
            },
            Action::ImportPack(pack_text) => match planwright_core::policy::load_pack(&pack_text) {
                Ok(pack) => {
                    let text = current.text.clone();
                    AppState {
                        pack: Some((Rc::new(pack), pack_text)),
                        pack_errors: Vec::new(),
                        ..current
                    }
                    .with_text(text)
                }
                Err(errors) => AppState {
                    pack_errors: errors,
                    ..current
                },
            },
            Action::RemovePack => {
                let text = current.text.clone();
                AppState {
                    pack: None,
                    pack_errors: Vec::new(),
                    ..current
                }
                .with_text(text)
            }
            Action::Prices(prices) if prices == current.prices => current,
            Action::Prices(prices) => {
                let s = AppState { prices, ..current };
                // Re-priced with the new catalog, unless the page is holding a design back
                // after a crash (it is evaluated when the user acts).
                if s.recovered || s.report.is_none() {
                    s
                } else {
                    let text = s.text.clone();
                    s.with_text(text)
                }
            }
            Action::CatalogImport(errors) => AppState {
                catalog_errors: errors,
                ..current
            },
            Action::Notice(notice) => AppState {
                notice: Some(notice),
                ..current
            },
            Action::SetLang(lang) => {
                let mut s = current;
                s.prefs.lang = lang;
                s
            }
            Action::SetCurrency(c) => {
                let mut s = current;
                s.prefs.currency = c;
                s
            }
            Action::SetRate(rate) => {
                let mut s = current;
                s.prefs.krw_per_usd = rate.filter(|r| r.is_finite() && *r > 0.0);
                s
            }
            Action::ShowShareUrl(url) => AppState {
                share_url: url,
                ..current
            },
            Action::DismissNotice => AppState {
                notice: None,
                ..current
            },
        };
        next.save();
        Rc::new(next)
    }
}
