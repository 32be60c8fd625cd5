//! The editor's concern: the document. One text is the design; every change of text
//! re-reads and re-prices it through the core, and the last good report stays on screen
//! while the text has errors.
//!
//! Both editors change the same text: typing replaces it, the form and the readiness
//! "apply" buttons splice it through `planwright_core::source::edit` (keeping comments and
//! layout). So one undo history of texts serves both, and what is saved is always the text.
//!
//! The editor never writes the saved designs. An edit stops once its history is recorded
//! and hands the new text back (`Step`): the page (`super::Page`) saves it first, then has
//! it read (`Editor::read`), so a design whose evaluation crashes the page is still saved.
//! What it reads from the designs store to evaluate (the policy pack, the saved designs a
//! comparison can pick) comes in as `Inputs`.

use std::collections::BTreeSet;
use std::rc::Rc;

use planwright_core::load_tree;
use planwright_core::model::Policy;
use planwright_core::refs::{self, Named};
use planwright_core::source::edit::{self, Change};
use planwright_core::source::node::{DesignPath, Node};
use planwright_core::source::{node, reparse::reparse};
use planwright_core::{apply_pack, evaluate_loaded, load, Design, Diagnostic, Report};

use crate::catalogs::{self, Prices};
use crate::store;
use crate::workspace::Saved;

pub const ENV_KEY: &str = "planwright.env.v1";

/// Typing within this many milliseconds of the last keystroke is one undo step.
const UNDO_COALESCE_MS: f64 = 1000.0;
/// Undo steps kept.
const UNDO_DEPTH: usize = 200;

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

/// What evaluating reads from the designs store (`super::designs::Designs::inputs`).
pub struct Inputs<'a> {
    /// The policy pack in force.
    pub pack: Option<&'a Policy>,
    /// The saved designs (a comparison may evaluate one).
    pub saved: &'a [Saved],
}

#[derive(Debug, Clone)]
pub struct Editor {
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
    /// The tree of the current text's base design, which the form editor shows and edits.
    pub base: Option<Rc<Node>>,
    /// True when `report` is from an earlier text (the current one has errors).
    pub stale: bool,
    /// The page crashed last time: the saved design is shown but not evaluated until the
    /// user edits it or picks an example.
    pub recovered: bool,
    /// Texts to go back and forward to. Shared, not copied: the state is cloned on every
    /// keystroke, and 200 copies of a large design would be megabytes each time.
    pub undo: Vec<Rc<str>>,
    pub redo: Vec<Rc<str>>,
    /// The text box holds a text that was refused (over the size limit), not `text`:
    /// undo takes that text away first, back to `text`, the last edit.
    pub refused: bool,
    last_typed_ms: f64,
    /// The UTC date waivers expire by, from the clock at the edge: set when the page
    /// starts and moved on by each keystroke's time.
    pub today: String,
    pub compare: Option<CompareWith>,
    /// The report compared with, and its label.
    pub compare_report: Option<(String, Rc<Report>)>,
}

/// The same state, not an equal one: every change of the editor is a new value (the page
/// copies it on write), so comparing addresses says whether anything changed, without a
/// deep comparison of the text, the trees and the report on each render (nor its code).
impl PartialEq for Editor {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

pub enum EditorAction {
    /// The text editor's new text, typed at this time (ms since the epoch: the clock is
    /// read where the keystroke happens, so the reducer reads none; keystrokes within
    /// `UNDO_COALESCE_MS` are one undo step).
    Type(String, f64),
    /// A whole edit made at once in the text editor, at this time (a quick fix, a picked
    /// completion, a paste): one undo step of its own, never merged with typing.
    Put(String, f64),
    /// The text editor holds a text of this many characters, over the design size limit:
    /// shown as an error; the last text that fit stays the design (and saved).
    Oversize(usize),
    /// Form edits, spliced into the text.
    Change(Vec<Change>),
    /// A subnet, security group or resource renamed, with every reference to it
    /// (`planwright_core::refs::rename`): one edit, one undo step.
    Rename {
        names: Named,
        from: String,
        to: String,
    },
    /// The readiness suggestion `index` of scenario `scenario`.
    ApplySuggestion {
        scenario: usize,
        index: usize,
    },
    Undo,
    Redo,
    SelectEnv(Option<String>),
    Compare(Option<CompareWith>),
    /// The prices changed (a catalog arrived, failed, or was imported or removed).
    Prices(Prices),
}

/// What an action leaves to the page (`super::Page`), which owns the saved designs.
pub enum Step {
    /// Nothing: the action is done.
    Done,
    /// An edit's new text, its history recorded: to be saved, then read. A notice on
    /// screen stays unless saving fails.
    Edited(String),
    /// Undo or redo's text: the same, and the notice is replaced by the save's outcome.
    Stepped(String),
    /// An edit that could not be made, and why (a notice; nothing changed).
    Refused(String),
}

impl Editor {
    /// The editor on `text` (the current saved design), evaluated, unless the page crashed
    /// last time: then it is shown but not evaluated until the user acts.
    pub fn restore(text: String, inputs: &Inputs) -> Editor {
        let env: Option<String> = store::get::<Option<String>>(ENV_KEY).flatten();
        let mut blank = Editor {
            text: String::new(),
            parsed: None,
            env,
            environments: Vec::new(),
            errors: Vec::new(),
            report: None,
            design: None,
            prices: catalogs::prices(),
            wanted: Rc::default(),
            base: None,
            stale: false,
            recovered: false,
            undo: Vec::new(),
            redo: Vec::new(),
            refused: false,
            last_typed_ms: f64::NEG_INFINITY,
            today: crate::api::today(),
            compare: None,
            compare_report: None,
        };
        // Written raw by the panic hook (which cannot rely on the app's helpers).
        let crashed = store::get_raw(crate::CRASH_KEY).is_some();
        if crashed {
            store::delete(crate::CRASH_KEY);
            return Editor {
                text,
                recovered: true,
                ..blank
            };
        }
        blank.read(text, inputs);
        blank
    }

    pub fn reduce(&mut self, action: EditorAction, inputs: &Inputs) -> Step {
        match action {
            EditorAction::Type(text, at_ms) => {
                self.today = crate::api::date_of(at_ms);
                self.edit(text, Some(at_ms))
            }
            EditorAction::Put(text, at_ms) => {
                self.today = crate::api::date_of(at_ms);
                self.edit(text, None)
            }
            EditorAction::Oversize(chars) => {
                self.errors = vec![Diagnostic::error(
                    planwright_core::diag::Code::DesignTooLarge,
                    format!(
                        "the text is {chars} characters; the editor reads designs of up to {} characters (about 4,000 resources) as you type. It is not evaluated or saved: the last design that fit is kept",
                        crate::components::editor::LIVE_LIMIT_CHARS
                    ),
                )
                .at(planwright_core::diag::Location::start())
                .with_hint("split the design, delete what was pasted by mistake (Ctrl+Z), or check it with the CLI (`planwright evaluate`)")];
                self.stale = self.report.is_some();
                self.refused = true;
                Step::Done
            }
            EditorAction::Change(changes) => self.splice(&changes),
            EditorAction::Rename { names, from, to } => match self.tree_of_text() {
                Some(tree) => match refs::rename(&tree, names, &from, &to) {
                    Ok(changes) => self.splice(&changes),
                    Err(why) => Step::Refused(why.to_string()),
                },
                None => Step::Refused("the design has an error to fix first".into()),
            },
            EditorAction::ApplySuggestion { scenario, index } => {
                let found = self.report.as_ref().and_then(|r| {
                    r.readiness
                        .scenarios
                        .get(scenario)
                        .and_then(|s| s.suggestions.get(index))
                        .map(|s| s.edit.clone())
                });
                match (found, self.design.clone()) {
                    (Some(e), Some(design)) if !self.stale => {
                        let under = match &self.env {
                            Some(env) => DesignPath::root().key("environments").key(env.as_str()),
                            None => DesignPath::root(),
                        };
                        self.splice(&e.changes(&design, &under))
                    }
                    _ => Step::Done,
                }
            }
            EditorAction::Undo if self.refused => {
                // The refused text goes; the last edit, still the design, comes back.
                self.refused = false;
                self.reread(inputs);
                Step::Done
            }
            EditorAction::Undo => self.step(true),
            EditorAction::Redo => self.step(false),
            EditorAction::SelectEnv(env) => {
                self.env = env;
                self.reread(inputs);
                Step::Done
            }
            EditorAction::Compare(with) => {
                self.compare = with;
                self.refresh_compare(inputs);
                Step::Done
            }
            EditorAction::Prices(prices) => {
                if prices != self.prices {
                    self.prices = prices;
                    // Re-priced with the new catalog, unless the page is holding a design
                    // back after a crash (it is evaluated when the user acts).
                    if !(self.recovered || self.report.is_none()) {
                        self.reread(inputs);
                    }
                }
                Step::Done
            }
        }
    }

    /// Reads and evaluates `text` (the environment shown falls back to the base design
    /// when the text no longer defines it).
    pub fn read(&mut self, text: String, inputs: &Inputs) {
        let tree = match &self.parsed {
            Some(last) => reparse(&last.text, &last.tree, &text),
            None => node::parse(&text),
        };
        let tree = match tree {
            Ok(tree) => {
                let tree = Rc::new(tree);
                self.parsed = Some(Rc::new(Parsed {
                    text: text.clone(),
                    tree: tree.clone(),
                }));
                Ok(tree)
            }
            Err(e) => Err(vec![e]),
        };
        let first = tree.clone().and_then(|tree| load_tree(tree, None));
        if let Ok(base) = &first {
            self.environments = base.environments.clone();
            if self
                .env
                .as_ref()
                .is_some_and(|e| !self.environments.contains(e))
            {
                self.env = None;
            }
        }
        let outcome = match (&self.env, first) {
            (None, r) => r,
            (Some(env), Ok(base)) => {
                self.base = Some(base.root);
                tree.and_then(|tree| load_tree(tree, Some(env)))
            }
            (Some(_), Err(e)) => Err(e),
        };
        match outcome {
            Ok(mut loaded) => {
                self.report = Some(Rc::new(self.evaluate(&mut loaded, inputs)));
                let wanted = planwright_core::regions_priced(&loaded.design);
                if *self.wanted != wanted {
                    self.wanted = Rc::new(wanted);
                }
                self.design = Some(Rc::new(loaded.design));
                if self.env.is_none() {
                    // The base design is the one evaluated: its tree moves, no copy.
                    self.base = Some(loaded.root);
                }
                self.errors.clear();
                self.stale = false;
            }
            Err(errors) => {
                // The form shows the text as it is when it parses (its errors lie in
                // what it means, such as a reference to a missing subnet, which the form
                // can repair), and nothing it could edit at a wrong path when it does not.
                self.base = self
                    .parsed
                    .as_ref()
                    .filter(|p| p.text == text)
                    .map(|p| p.tree.clone());
                self.errors = errors;
                self.stale = self.report.is_some();
            }
        }
        self.text = text;
        self.refresh_compare(inputs);
    }

    /// Reads the current text again (its inputs changed: environment, pack, prices).
    pub fn reread(&mut self, inputs: &Inputs) {
        let text = self.text.clone();
        self.read(text, inputs);
    }

    /// Switches to another text with a fresh history (another design). Nothing of the
    /// design shown before stays: a text that does not read shows its errors, not the
    /// previous design's figures.
    pub fn open(&mut self, text: String, inputs: &Inputs) {
        self.undo.clear();
        self.redo.clear();
        self.recovered = false;
        self.refused = false;
        self.parsed = None;
        self.report = None;
        self.design = None;
        self.base = None;
        self.env = None;
        self.compare = None;
        self.read(text, inputs);
    }

    /// Another tab's text of this design, shown; this tab's goes on the undo history.
    pub fn take_external(&mut self, text: String, inputs: &Inputs) {
        if text != self.text {
            self.undo.push(Rc::from(self.text.as_str()));
            self.redo.clear();
            self.last_typed_ms = f64::NEG_INFINITY;
            self.refused = false;
            self.read(text, inputs);
        }
    }

    /// Saves the environment shown (storage can be full or disabled: the page keeps working).
    pub fn save(&self) {
        let _ = store::set(ENV_KEY, &self.env);
    }

    fn evaluate(&self, loaded: &mut planwright_core::Loaded, inputs: &Inputs) -> Report {
        if let Some(pack) = inputs.pack {
            apply_pack(loaded, pack);
        }
        evaluate_loaded(loaded, Some(&self.prices.catalog), Some(&self.today))
    }

    /// Re-evaluates what the side-by-side view compares with.
    fn refresh_compare(&mut self, inputs: &Inputs) {
        self.compare_report = match &self.compare {
            None => None,
            Some(CompareWith::Env(env)) => self
                .tree_of_text()
                .and_then(|tree| load_tree(tree, env.as_deref()).ok())
                .map(|mut l| {
                    let label = env.clone().unwrap_or_else(|| "base design".into());
                    (label, Rc::new(self.evaluate(&mut l, inputs)))
                }),
            Some(CompareWith::Saved(i)) => inputs.saved.get(*i).and_then(|d| {
                load(&d.text, None)
                    .ok()
                    .map(|mut l| (d.name.clone(), Rc::new(self.evaluate(&mut l, inputs))))
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

    /// `changes` spliced into the text, or why they cannot be.
    fn splice(&mut self, changes: &[Change]) -> Step {
        match edit::apply(&self.text, changes) {
            Ok(text) => self.edit(text, None),
            Err(e) => Step::Refused(e.to_string()),
        }
    }

    /// A new text from an edit: the old one goes on the undo history, unless it was typed
    /// (`typed_at`) right after the last keystroke.
    fn edit(&mut self, text: String, typed_at: Option<f64>) -> Step {
        if text == self.text {
            return Step::Done;
        }
        let coalesce = typed_at.is_some();
        let now = typed_at.unwrap_or(0.0);
        if !(coalesce && now - self.last_typed_ms < UNDO_COALESCE_MS) {
            self.undo.push(Rc::from(self.text.as_str()));
            if self.undo.len() > UNDO_DEPTH {
                self.undo.remove(0);
            }
        }
        self.last_typed_ms = if coalesce { now } else { f64::NEG_INFINITY };
        self.redo.clear();
        self.recovered = false;
        self.refused = false;
        Step::Edited(text)
    }

    /// One step back (undo) or forward (redo) in the history of texts.
    fn step(&mut self, back: bool) -> Step {
        let (from, to) = if back {
            (&mut self.undo, &mut self.redo)
        } else {
            (&mut self.redo, &mut self.undo)
        };
        let Some(text) = from.pop() else {
            return Step::Done;
        };
        to.push(Rc::from(self.text.as_str()));
        self.last_typed_ms = f64::NEG_INFINITY;
        Step::Stepped(text.to_string())
    }
}
