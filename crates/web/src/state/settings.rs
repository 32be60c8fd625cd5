//! The view settings: the language, the display currency and the user's won rate. Their
//! own reducer (`use_reducer::<Prefs>` in the app, provided through `AppContext`), because
//! they change how figures are written, never what they are: picking a language or a
//! currency cannot reach the design, its undo history or its report (nothing is
//! re-evaluated; the app derives a new `View` from the same report).
//!
//! Persisted under `PREFS_KEY` on every change, and once when the page starts, so the
//! language a first visit got from the browser stays the page's until the user picks
//! another (as when every action of the single reducer wrote them).

use std::rc::Rc;

use serde::{Deserialize, Serialize};
use yew::Reducible;

use crate::i18n::Lang;
use crate::store;

pub const PREFS_KEY: &str = "planwright.prefs.v1";

/// The display currency the user picked: dollars, won at their rate (else the design's),
/// or whatever the design displays in (`display.currency`, dollars when it names none).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Currency {
    #[default]
    Usd,
    Krw,
    Design,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Prefs {
    pub lang: Lang,
    pub currency: Currency,
    /// Won per US dollar, typed by the user (no default: a rate needs a source and a date,
    /// which only the user has). Falls back to the design's `display.usd_to_krw`.
    pub krw_per_usd: Option<f64>,
    /// The plain text box instead of the code editor (a screen reader's choice, or a
    /// browser that cannot load the editor). Absent from settings saved before it existed.
    #[serde(default)]
    pub plain_editor: bool,
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs {
            lang: Lang::from_browser(),
            currency: Currency::Usd,
            krw_per_usd: None,
            plain_editor: false,
        }
    }
}

pub enum SettingsAction {
    Lang(Lang),
    Currency(Currency),
    /// The rate typed (none, zero, negative or not a number: no rate).
    Rate(Option<f64>),
    PlainEditor(bool),
}

impl Prefs {
    /// The saved settings, else the defaults (the browser's language, dollars).
    pub fn restore() -> Prefs {
        let prefs: Prefs = store::get(PREFS_KEY).unwrap_or_default();
        prefs.save();
        prefs
    }

    fn save(&self) {
        // Storage can be full or disabled (private mode): the page keeps working.
        let _ = store::set(PREFS_KEY, self);
    }
}

impl Reducible for Prefs {
    type Action = SettingsAction;

    fn reduce(self: Rc<Self>, action: SettingsAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            SettingsAction::Lang(lang) => next.lang = lang,
            SettingsAction::Currency(c) => next.currency = c,
            SettingsAction::PlainEditor(plain) => next.plain_editor = plain,
            SettingsAction::Rate(rate) => {
                next.krw_per_usd = rate.filter(|r| r.is_finite() && *r > 0.0)
            }
        }
        next.save();
        Rc::new(next)
    }
}
