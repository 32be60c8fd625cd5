//! What every panel needs to show a figure: the language and the display currency.
//! Provided once by the app as a Yew context.

use planwright_core::units::{format_krw, format_usd};
use planwright_core::Report;
use rust_decimal::prelude::FromPrimitive;
use rust_decimal::Decimal;

use crate::i18n::Lang;
use crate::workspace::{Currency, Prefs};

#[derive(Debug, Clone, PartialEq)]
pub struct View {
    pub lang: Lang,
    /// Won per dollar when the page shows KRW (the user's rate, else the design's).
    pub krw: Option<Decimal>,
}

impl View {
    pub fn new(prefs: &Prefs, report: Option<&Report>) -> View {
        let krw = match prefs.currency {
            Currency::Usd => None,
            Currency::Krw => prefs.krw_per_usd.and_then(Decimal::from_f64).or_else(|| {
                report
                    .and_then(|r| r.cost.display.as_ref())
                    .filter(|d| d.currency == "KRW")
                    .map(|d| d.per_usd)
            }),
        };
        View {
            lang: prefs.lang,
            krw,
        }
    }

    pub fn t(&self, key: &'static str) -> &'static str {
        self.lang.t(key)
    }

    pub fn money(&self, usd: Decimal) -> String {
        match self.krw {
            Some(rate) => format_krw(usd, rate),
            None => format_usd(usd),
        }
    }
}
