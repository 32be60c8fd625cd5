//! Units of the format: durations (`30s`, `15m`, `4h`, `1d`) and money display.

use rust_decimal::{Decimal, RoundingStrategy};

/// Rounds money to the cent, half away from zero (as invoices do).
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
