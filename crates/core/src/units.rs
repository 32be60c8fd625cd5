//! Units of the format: durations (`30s`, `15m`, `4h`, `1d`) and money display.

use rust_decimal::{Decimal, RoundingStrategy};

/// Rounds money to the cent, half away from zero (as invoices do).
/// The UTC date (`YYYY-MM-DD`) of a day counted from 1970-01-01, in the proleptic Gregorian
/// calendar: the "today" waivers expire by, which every shell reads off its own clock.
pub fn civil_date(days_since_epoch: i64) -> String {
    let z = days_since_epoch + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

pub fn cents(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Parses a duration into minutes: `90s`, `15m`, `4h`, `1d`, `1h30m`, or a bare number of minutes.
pub fn parse_duration_minutes(text: &str) -> Result<f64, String> {
    let t = text.trim();
    if let Ok(n) = t.parse::<f64>() {
        if n.is_finite() && n >= 0.0 {
            return Ok(n);
        }
    }
    let mut total = 0.0;
    let mut num = String::new();
    let mut any = false;
    for c in t.chars() {
        if c.is_ascii_digit() || c == '.' {
            num.push(c);
            continue;
        }
        let per_minute = match c {
            's' => 1.0 / 60.0,
            'm' => 1.0,
            'h' => 60.0,
            'd' => 1440.0,
            _ => return Err(format!("`{t}` is not a duration")),
        };
        let n: f64 = num
            .parse()
            .map_err(|_| format!("`{t}` is not a duration"))?;
        total += n * per_minute;
        num.clear();
        any = true;
    }
    if !num.is_empty() || !any {
        return Err(format!(
            "`{t}` is not a duration (missing unit s, m, h or d)"
        ));
    }
    Ok(total)
}

/// `$1,234.56`
pub fn format_usd(amount: Decimal) -> String {
    let neg = amount.is_sign_negative() && !amount.is_zero();
    let cents = cents(amount.abs());
    let text = format!("{cents:.2}");
    let (int, frac) = text.split_once('.').unwrap_or((&text, "00"));
    format!(
        "{}${}.{frac}",
        if neg { "-" } else { "" },
        group_thousands(int)
    )
}

/// `₩1,703,201` (won have no minor unit in practice).
pub fn format_krw(usd: Decimal, usd_to_krw: Decimal) -> String {
    let won = (usd * usd_to_krw).round();
    let neg = won.is_sign_negative() && !won.is_zero();
    format!(
        "{}₩{}",
        if neg { "-" } else { "" },
        group_thousands(&won.abs().trunc().to_string())
    )
}

/// Whether amounts in `code` have no minor unit (ISO 4217 list one, "Minor unit" 0, for
/// the currencies in use): won and yen are shown whole.
pub fn shown_whole(code: &str) -> bool {
    const WHOLE: &[&str] = &[
        "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "VND", "VUV",
        "XAF", "XOF", "XPF",
    ];
    WHOLE.contains(&code)
}

/// An amount in a display currency: `₩1,703,201`, `€1,234.50`, `¥18,000`, `CHF 1,234.50`.
/// Currencies whose ISO 4217 minor unit is 0 (won, yen…) are shown whole.
pub fn format_in(usd: Decimal, code: &str, per_usd: Decimal) -> String {
    if code == "USD" {
        return format_usd(usd * per_usd);
    }
    let amount = usd * per_usd;
    let neg = amount.is_sign_negative() && !amount.round_dp(2).is_zero();
    let digits = if shown_whole(code) {
        group_thousands(&amount.abs().round().trunc().to_string())
    } else {
        let text = format!("{:.2}", amount.abs().round_dp(2));
        let (int, frac) = text.split_once('.').unwrap_or((&text, "00"));
        format!("{}.{frac}", group_thousands(int))
    };
    let symbol = match code {
        "KRW" => "₩",
        "JPY" => "¥",
        "EUR" => "€",
        "GBP" => "£",
        "INR" => "₹",
        _ => "",
    };
    let sign = if neg { "-" } else { "" };
    if symbol.is_empty() {
        format!("{sign}{code} {digits}")
    } else {
        format!("{sign}{symbol}{digits}")
    }
}

fn group_thousands(int: &str) -> String {
    let mut out = String::with_capacity(int.len() + int.len() / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_currencies() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(format_in(d("1234.5"), "KRW", d("1380")), "₩1,703,610");
        assert_eq!(
            format_in(d("1234.5"), "KRW", d("1380")),
            format_krw(d("1234.5"), d("1380"))
        );
        assert_eq!(format_in(d("100"), "JPY", d("150.4")), "¥15,040");
        assert_eq!(format_in(d("1000"), "EUR", d("0.92")), "€920.00");
        assert_eq!(format_in(d("-10"), "CHF", d("0.88")), "-CHF 8.80");
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration_minutes("4h").unwrap(), 240.0);
        assert_eq!(parse_duration_minutes("60s").unwrap(), 1.0);
        assert_eq!(parse_duration_minutes("1h30m").unwrap(), 90.0);
        assert_eq!(parse_duration_minutes("1d").unwrap(), 1440.0);
        assert!(parse_duration_minutes("4 hours").is_err());
        assert!(parse_duration_minutes("h").is_err());
    }

    #[test]
    fn money() {
        assert_eq!(format_usd("1234567.891".parse().unwrap()), "$1,234,567.89");
        assert_eq!(format_usd("-5".parse().unwrap()), "-$5.00");
        assert_eq!(format_usd("0".parse().unwrap()), "$0.00");
        assert_eq!(
            format_krw("100.5".parse().unwrap(), "1380".parse().unwrap()),
            "₩138,690"
        );
    }
}
