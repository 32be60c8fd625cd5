//! Every amount of money the page shows, as text: one place, so a total, a delta and a
//! suggestion's price can never be written three ways. The digits are the core's
//! (`planwright_core::units`: cents rounded once, thousands grouped, won without a minor
//! unit); this module chooses the currency and the sign.

use planwright_core::units::{format_in, format_krw, format_usd};
use planwright_core::Report;
use rust_decimal::prelude::FromPrimitive;
use rust_decimal::Decimal;

use crate::state::settings::{Currency, Prefs};

/// The currency the page shows figures in. Amounts are always computed in US dollars.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Money {
    /// Won per dollar when the page shows KRW (the user's rate, else the design's).
    pub krw: Option<Decimal>,
    /// Another currency the design displays in (`display: { currency, per_usd }`): its
    /// ISO 4217 code and units per dollar.
    pub other: Option<([u8; 3], Decimal)>,
}

impl Money {
    /// The user's pick, with the rate they typed, else the design's `display.usd_to_krw`
    /// (in `report`). KRW without any rate shows dollars.
    pub fn new(prefs: &Prefs, report: Option<&Report>) -> Money {
        let design = report.and_then(|r| r.cost.display.as_ref());
        let design_krw = || design.filter(|d| d.currency == "KRW").map(|d| d.per_usd);
        match prefs.currency {
            Currency::Usd => Money::default(),
            Currency::Krw => Money {
                krw: prefs
                    .krw_per_usd
                    .and_then(Decimal::from_f64)
                    .or_else(design_krw),
                other: None,
            },
            // The design's own display currency, at its rate; dollars when it names none.
            Currency::Design => match design {
                Some(d) if d.currency == "KRW" => Money {
                    krw: Some(d.per_usd),
                    other: None,
                },
                Some(d) => Money {
                    krw: None,
                    other: <[u8; 3]>::try_from(d.currency.as_bytes())
                        .ok()
                        .filter(|_| d.currency != "USD")
                        .map(|code| (code, d.per_usd)),
                },
                None => Money::default(),
            },
        }
    }

    /// The code of the currency shown.
    pub fn code(self) -> String {
        match (self.krw, self.other) {
            (Some(_), _) => "KRW".into(),
            (None, Some((code, _))) => String::from_utf8_lossy(&code).into_owned(),
            (None, None) => "USD".into(),
        }
    }

    /// `$1,234.50` or `₩1,703,201`.
    pub fn show(self, usd: Decimal) -> String {
        match (self.krw, self.other) {
            (Some(rate), _) => format_krw(usd, rate),
            (None, Some((code, rate))) => {
                format_in(usd, std::str::from_utf8(&code).unwrap_or("USD"), rate)
            }
            (None, None) => format_usd(usd),
        }
    }

    /// A difference between two figures: `+$12.00`, `-$3.50`, and zero unsigned (`$0.00`).
    pub fn delta(self, usd: Decimal) -> String {
        self.signed(usd, usd > Decimal::ZERO)
    }

    /// What a change adds to the bill: `+` unless it saves, so a free change reads `+$0.00`.
    pub fn change(self, usd: Decimal) -> String {
        self.signed(usd, !usd.is_sign_negative())
    }

    fn signed(self, usd: Decimal, plus: bool) -> String {
        let mut text = String::from(if plus { "+" } else { "" });
        text.push_str(&self.show(usd));
        text
    }
}

/// A catalog price exactly as the catalog holds it, always in dollars (prices are quoted in
/// USD, to more places than a cent): `$0.0104`.
pub fn unit_price(usd: Decimal) -> String {
    format!("${usd}")
}

/// An hourly catalog price: `$0.096/h`.
pub fn per_hour(usd: Decimal) -> String {
    format!("${usd}/h")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    const USD: Money = Money {
        krw: None,
        other: None,
    };

    fn won() -> Money {
        Money {
            krw: Some(d("1350")),
            other: None,
        }
    }

    #[test]
    fn amounts_in_each_currency() {
        assert_eq!(USD.show(d("1234.5")), "$1,234.50");
        assert_eq!(USD.show(d("0")), "$0.00");
        assert_eq!(USD.show(d("-3.456")), "-$3.46");
        assert_eq!(won().show(d("1261.64")), "₩1,703,214");
        assert_eq!(won().show(d("-1")), "-₩1,350");
        assert_eq!(Money::default(), USD);
    }

    #[test]
    fn deltas_sign_only_what_moved() {
        assert_eq!(USD.delta(d("12")), "+$12.00");
        assert_eq!(USD.delta(d("-3.5")), "-$3.50");
        assert_eq!(USD.delta(d("0")), "$0.00");
        assert_eq!(won().delta(d("1")), "+₩1,350");
        assert_eq!(won().delta(d("-1")), "-₩1,350");
    }

    #[test]
    fn changes_read_as_what_they_add() {
        assert_eq!(USD.change(d("12")), "+$12.00");
        assert_eq!(USD.change(d("0")), "+$0.00");
        assert_eq!(USD.change(d("-3.5")), "-$3.50");
        assert_eq!(won().change(d("0.5")), "+₩675");
    }

    #[test]
    fn catalog_prices_stay_exact_and_in_dollars() {
        assert_eq!(unit_price(d("0.0104")), "$0.0104");
        assert_eq!(per_hour(d("0.096")), "$0.096/h");
    }

    #[test]
    fn the_users_rate_wins_over_the_designs() {
        use crate::i18n::Lang;
        let prefs = |currency, krw_per_usd| Prefs {
            lang: Lang::En,
            currency,
            krw_per_usd,
            plain_editor: false,
        };
        assert_eq!(Money::new(&prefs(Currency::Usd, Some(1300.0)), None), USD);
        assert_eq!(
            Money::new(&prefs(Currency::Krw, Some(1300.0)), None).krw,
            Some(d("1300"))
        );
        // KRW without a rate from the user or the design: dollars.
        assert_eq!(Money::new(&prefs(Currency::Krw, None), None), USD);
        // The design's currency with no `display:`: dollars.
        assert_eq!(Money::new(&prefs(Currency::Design, None), None), USD);
    }

    #[test]
    fn the_designs_own_currency_at_its_rate() {
        let euro = Money {
            krw: None,
            other: Some((*b"EUR", d("0.92"))),
        };
        assert_eq!(euro.show(d("100")), "€92.00");
        assert_eq!(euro.delta(d("-10")), "-€9.20");
        assert_eq!(euro.code(), "EUR");
        let franc = Money {
            krw: None,
            other: Some((*b"CHF", d("0.8"))),
        };
        assert_eq!(franc.show(d("1000")), "CHF 800.00");
    }
}
