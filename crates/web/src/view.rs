//! What every panel needs to show a figure: the language and the display currency. Derived
//! by the app from the view settings (`state::settings`) and the report (a design may give
//! its own KRW rate), and provided in the app's context (`state::AppContext`).

use planwright_core::Report;
use yew::prelude::*;

use crate::i18n::Lang;
use crate::money::Money;
use crate::state::settings::Prefs;
use crate::state::AppContext;

#[derive(Debug, Clone, PartialEq)]
pub struct View {
    pub lang: Lang,
    /// How amounts are written (`crate::money`).
    pub money: Money,
}

impl View {
    pub fn new(prefs: &Prefs, report: Option<&Report>) -> View {
        View {
            lang: prefs.lang,
            money: Money::new(prefs, report),
        }
    }

    pub fn t(&self, key: &'static str) -> &'static str {
        self.lang.t(key)
    }
}

/// The app's `View` (outside the app, as on a first visit in dollars).
#[hook]
pub fn use_view() -> View {
    use_context::<AppContext>()
        .map(|c| c.view)
        .unwrap_or_else(|| View::new(&Default::default(), None))
}
