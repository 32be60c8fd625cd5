//! The page's state and its reducer. Every change of text re-reads and re-prices the
//! design through the core; the last good report stays on screen while the text has errors.

use std::rc::Rc;

use gloo_storage::{LocalStorage, Storage};
use planwright_core::model::Policy;
use planwright_core::{apply_pack, evaluate_loaded, load, Diagnostic, Report};
use yew::Reducible;

use crate::examples::EXAMPLES;

/// localStorage keys. Versioned so a future format can migrate instead of misreading.
pub const TEXT_KEY: &str = "planwright.design.v1";
pub const ENV_KEY: &str = "planwright.env.v1";
pub const PACK_KEY: &str = "planwright.policy-pack.v1";

#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    pub text: String,
    /// Environment variant shown, if any.
    pub env: Option<String>,
    /// Environment names the design defines (kept from the last text that read).
    pub environments: Vec<String>,
    /// Errors of the current text; empty when it reads.
    pub errors: Vec<Diagnostic>,
    /// The report of the current text, or of the last text that read.
    pub report: Option<Rc<Report>>,
    /// True when `report` is from an earlier text (the current one has errors).
    pub stale: bool,
    /// The imported policy pack and its text (kept to survive a reload).
    pub pack: Option<(Rc<Policy>, String)>,
    /// Errors of the last pack import (the previous pack, if any, stays in force).
    pub pack_errors: Vec<Diagnostic>,
    /// The page crashed last time: the saved design is shown but not evaluated until the
    /// user edits it or picks an example.
    pub recovered: bool,
}

pub enum Action {
    Edit(String),
    SelectEnv(Option<String>),
    LoadExample(usize),
    ImportPack(String),
    RemovePack,
}

impl AppState {
    /// The saved design, or the first example on a first visit.
    pub fn restore() -> AppState {
        let text: String =
            LocalStorage::get(TEXT_KEY).unwrap_or_else(|_| EXAMPLES[0].text.to_string());
        let env: Option<String> = LocalStorage::get(ENV_KEY).ok().flatten();
        // A saved pack that no longer reads is dropped, not fatal.
        let pack = LocalStorage::get::<String>(PACK_KEY).ok().and_then(|t| {
            planwright_core::policy::load_pack(&t)
                .ok()
                .map(|p| (Rc::new(p), t))
        });
        let blank = AppState {
            text: String::new(),
            env,
            environments: Vec::new(),
            errors: Vec::new(),
            report: None,
            stale: false,
            pack,
            pack_errors: Vec::new(),
            recovered: false,
        };
        // Written raw by the panic hook (which cannot rely on the app's helpers).
        let crashed = LocalStorage::raw()
            .get_item(crate::CRASH_KEY)
            .ok()
            .flatten()
            .is_some();
        if crashed {
            LocalStorage::delete(crate::CRASH_KEY);
            return AppState {
                text,
                recovered: true,
                ..blank
            };
        }
        blank.with_text(text)
    }

    fn with_text(self, text: String) -> AppState {
        let mut next = self;
        // An env that the design no longer defines falls back to the base design.
        let first = load(&text, None);
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
            (Some(env), Ok(_)) => load(&text, Some(env)),
            (Some(_), Err(e)) => Err(e),
        };
        match outcome {
            Ok(mut loaded) => {
                if let Some((pack, _)) = &next.pack {
                    apply_pack(&mut loaded, pack);
                }
                next.report = Some(Rc::new(evaluate_loaded(
                    &loaded,
                    None,
                    Some(&crate::api::today()),
                )));
                next.errors.clear();
                next.stale = false;
            }
            Err(errors) => {
                next.errors = errors;
                next.stale = next.report.is_some();
            }
        }
        next.text = text;
        next
    }

    fn save(&self) {
        // Storage can be full or disabled (private mode): the page keeps working.
        let _ = LocalStorage::set(TEXT_KEY, &self.text);
        let _ = LocalStorage::set(ENV_KEY, &self.env);
        match &self.pack {
            Some((_, text)) => {
                let _ = LocalStorage::set(PACK_KEY, text);
            }
            None => LocalStorage::delete(PACK_KEY),
        }
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let current = (*self).clone();
        let next = match action {
            Action::Edit(text) => {
                // Saved before it is evaluated: if evaluating it ever crashes, it survives.
                let _ = LocalStorage::set(TEXT_KEY, &text);
                AppState {
                    recovered: false,
                    ..current
                }
                .with_text(text)
            }
            Action::SelectEnv(env) => {
                let text = current.text.clone();
                AppState { env, ..current }.with_text(text)
            }
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
            Action::LoadExample(i) => match EXAMPLES.get(i) {
                Some(ex) => AppState {
                    env: None,
                    recovered: false,
                    ..current
                }
                .with_text(ex.text.to_string()),
                None => current,
            },
        };
        next.save();
        Rc::new(next)
    }
}
