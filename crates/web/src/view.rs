//! What every panel needs to show a figure: the language and the display currency.
//! Provided once by the app as a Yew context.

use planwright_core::Report;

use crate::i18n::Lang;
use crate::money::Money;
use crate::workspace::Prefs;

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
