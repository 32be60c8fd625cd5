//! Scaling schedules: weekly windows in the group's IANA time zone that raise the floor
//! of an instance group. Instance-hours are integrated over one week (to the minute) and
//! scaled to the billed month.
//!
//! Windows are wall-clock times in the group's zone, so a window lasts the same number of
//! hours every ordinary week whatever the zone; the zone is validated so it can be shown
//! and compared, and the twice-yearly DST weeks (±1 h) are not modelled.

use rust_decimal::Decimal;

use super::{dec, PricingCtx, Qty};
use crate::model::{Scaling, Schedule};

const MINUTES_PER_DAY: u32 = 24 * 60;
const MINUTES_PER_WEEK: u32 = 7 * MINUTES_PER_DAY;
const DAY_NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// Parses `mon-fri`, `sat,sun`, `mon-sun`, `weekdays`, `weekends`, `daily`, `fri-mon`.
pub fn parse_days(text: &str) -> Result<[bool; 7], String> {
    let mut days = [false; 7];
    let lower = text.trim().to_ascii_lowercase();
    match lower.as_str() {
        "daily" | "all" | "everyday" => return Ok([true; 7]),
        "weekdays" => return Ok([true, true, true, true, true, false, false]),
        "weekends" => return Ok([false, false, false, false, false, true, true]),
        _ => {}
    }
    let day = |t: &str| -> Result<usize, String> {
        let t = t.trim();
        let short: String = t.chars().take(3).collect();
        DAY_NAMES
            .iter()
            .position(|d| *d == short && (t.len() == 3 || full_name(d).starts_with(t)))
            .ok_or_else(|| format!("`{t}` is not a day (mon, tue, wed, thu, fri, sat, sun)"))
    };
    for part in lower.split(',') {
        match part.split_once('-') {
            Some((a, b)) => {
                let (mut i, end) = (day(a)?, day(b)?);
                loop {
                    if let Some(d) = days.get_mut(i) {
                        *d = true;
                    }
                    if i == end {
                        break;
                    }
                    i = (i + 1) % 7;
                }
            }
            None => {
                if let Some(d) = days.get_mut(day(part)?) {
                    *d = true;
                }
            }
        }
    }
    Ok(days)
}

fn full_name(short: &str) -> &'static str {
    match short {
        "mon" => "monday",
        "tue" => "tuesday",
        "wed" => "wednesday",
        "thu" => "thursday",
        "fri" => "friday",
        "sat" => "saturday",
        _ => "sunday",
    }
}

/// Parses `"09:00-22:00"` into minutes since midnight. `24:00` is the end of the day; an end
/// before the start runs past midnight; `all` is the whole day.
pub fn parse_hours(text: &str) -> Result<(u32, u32), String> {
    let t = text.trim();
    if t.eq_ignore_ascii_case("all") {
        return Ok((0, MINUTES_PER_DAY));
    }
    let (a, b) = t
        .split_once('-')
        .ok_or_else(|| format!("`{t}` is not a time window like \"09:00-18:00\""))?;
    let (start, end) = (clock(a)?, clock(b)?);
    if start == end {
        return Err(format!("window `{t}` is empty"));
    }
    Ok((start, end))
}

fn clock(t: &str) -> Result<u32, String> {
    let t = t.trim();
    let (h, m) = t.split_once(':').unwrap_or((t, "0"));
    let h: u32 = h
        .parse()
        .map_err(|_| format!("`{t}` is not a time (HH:MM)"))?;
    let m: u32 = m
        .parse()
        .map_err(|_| format!("`{t}` is not a time (HH:MM)"))?;
    if m >= 60 || h > 24 || (h == 24 && m > 0) {
        return Err(format!("`{t}` is not a time of day"));
    }
    Ok(h * 60 + m)
}

mod zones {
    include!(concat!(env!("OUT_DIR"), "/tz_names.rs"));
}

/// Checks an IANA zone name, suggesting the closest ones when it is unknown.
pub fn check_timezone(name: &str) -> Result<(), Option<String>> {
    if zones::TZ_NAMES.binary_search(&name).is_ok() {
        return Ok(());
    }
    Err(crate::diag::did_you_mean(
        name,
        zones::TZ_NAMES.iter().copied(),
    ))
}

/// The windows of a schedule as `[start, end)` minute intervals of the week (Monday 00:00 = 0).
fn intervals(s: &Schedule) -> Result<Vec<(u32, u32)>, String> {
    let days = parse_days(&s.days)?;
    let (start, end) = parse_hours(&s.hours)?;
    let len = if end > start {
        end - start
    } else {
        MINUTES_PER_DAY - start + end
    };
    let mut out = Vec::new();
    for (d, on) in days.iter().enumerate() {
        if !on {
            continue;
        }
        let s0 = d as u32 * MINUTES_PER_DAY + start;
        let e0 = s0 + len;
        if e0 <= MINUTES_PER_WEEK {
            out.push((s0, e0));
        } else {
            // Sunday night into Monday morning wraps to the start of the week.
            out.push((s0, MINUTES_PER_WEEK));
            out.push((0, e0 - MINUTES_PER_WEEK));
        }
    }
    Ok(out)
}

/// The week cut into pieces of constant floor: `(start minute, end minute, instances)`,
/// every minute running `max(base_min, min of each window covering it)` instances.
fn floor_segments(base_min: u32, schedules: &[Schedule]) -> Result<Vec<(u32, u32, u32)>, String> {
    let mut windows: Vec<(u32, u32, u32)> = Vec::new();
    for s in schedules {
        for (a, b) in intervals(s)? {
            windows.push((a, b, s.min));
        }
    }
    let mut cuts: Vec<u32> = vec![0, MINUTES_PER_WEEK];
    for (a, b, _) in &windows {
        cuts.push(*a);
        cuts.push(*b);
    }
    crate::order::sort(&mut cuts);
    cuts.dedup();
    Ok(cuts
        .windows(2)
        .filter_map(|pair| {
            let &[a, b] = pair else { return None };
            let floor = windows
                .iter()
                .filter(|(s, e, _)| *s <= a && b <= *e)
                .map(|(_, _, m)| *m)
                .fold(base_min, u32::max);
            Some((a, b, floor))
        })
        .collect())
}

/// Instance-minutes per week at the scheduled floor.
pub fn floor_instance_minutes(base_min: u32, schedules: &[Schedule]) -> Result<u64, String> {
    Ok(floor_segments(base_min, schedules)?
        .iter()
        .map(|(a, b, floor)| u64::from(b - a) * u64::from(*floor))
        .sum())
}

/// The scheduled floor as a week of hours in the group's time zone: `[day][hour]`, Monday
/// first, each the average number of instances over that hour (the weekly heat map).
pub fn floor_by_hour(base_min: u32, schedules: &[Schedule]) -> Result<[[f64; 24]; 7], String> {
    let mut grid = [[0.0f64; 24]; 7];
    for (a, b, floor) in floor_segments(base_min, schedules)? {
        let mut m = a;
        while m < b {
            let hour_end = (m / 60 + 1) * 60;
            let piece = hour_end.min(b) - m;
            let h = (m / 60) as usize;
            if let Some(cell) = grid.get_mut(h / 24).and_then(|d| d.get_mut(h % 24)) {
                *cell += f64::from(floor) * f64::from(piece) / 60.0;
            }
            m += piece;
        }
    }
    Ok(grid)
}

/// Monthly instance-hours of a group: a fixed `count`, or `scaling` with its schedules.
/// Low is every hour at its floor, expected the floor or `scaling.expected` if higher,
/// high every hour at `max`.
pub fn group_hours(ctx: &PricingCtx, count: Option<u32>, scaling: Option<&Scaling>) -> Qty {
    let hours = ctx.hours_per_month;
    match scaling {
        None => Qty::flat(Decimal::from(count.unwrap_or(1)) * hours),
        Some(s) => {
            // Validation has already rejected unparseable schedules; fall back to the
            // plain floor rather than fail if one slips through.
            let minutes = floor_instance_minutes(s.min, &s.schedules)
                .unwrap_or(u64::from(s.min) * u64::from(MINUTES_PER_WEEK));
            let floor_weekly_hours = Decimal::from(minutes) / Decimal::from(60);
            let low = floor_weekly_hours * ctx.weeks_per_month();
            let expected = match s.expected {
                Some(e) => low.max(dec(e) * hours),
                None => low,
            };
            let high = (Decimal::from(s.max.max(s.min)) * hours).max(low);
            Qty {
                low,
                expected: expected.min(high),
                high,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sched(days: &str, hours: &str, min: u32) -> Schedule {
        Schedule {
            name: None,
            days: days.into(),
            hours: hours.into(),
            min,
            max: None,
        }
    }

    #[test]
    fn floor_by_hour_follows_the_windows() {
        // Weekdays 09:00-17:30 at 4, otherwise 1.
        let grid = floor_by_hour(1, &[sched("mon-fri", "09:00-17:30", 4)]).unwrap();
        assert_eq!(grid[0][8], 1.0);
        assert_eq!(grid[0][9], 4.0);
        assert_eq!(grid[4][17], 2.5); // half an hour at 4, half at 1
        assert_eq!(grid[5][12], 1.0);
        let week: f64 = grid.iter().flatten().sum();
        let minutes = floor_instance_minutes(1, &[sched("mon-fri", "09:00-17:30", 4)]).unwrap();
        assert_eq!(week, minutes as f64 / 60.0);
    }

    #[test]
    fn day_forms() {
        assert_eq!(
            parse_days("mon-fri").unwrap(),
            [true, true, true, true, true, false, false]
        );
        assert_eq!(
            parse_days("sat,sun").unwrap(),
            parse_days("weekends").unwrap()
        );
        assert_eq!(
            parse_days("fri-mon").unwrap(),
            [true, false, false, false, true, true, true]
        );
        assert_eq!(parse_days("Monday").unwrap()[0], true);
        assert!(parse_days("mon-funday").is_err());
    }

    #[test]
    fn hour_forms() {
        assert_eq!(parse_hours("09:00-22:00").unwrap(), (540, 1320));
        assert_eq!(parse_hours("22:00-06:00").unwrap(), (1320, 360));
        assert_eq!(parse_hours("00:00-24:00").unwrap(), (0, 1440));
        assert!(parse_hours("25:00-26:00").is_err());
        assert!(parse_hours("9am").is_err());
    }

    #[test]
    fn business_hours_floor() {
        // min 2 all week; 3 from 09:00 to 22:00 every day (13 h × 7 = 91 h a week).
        // Weekly instance-hours = 2 × 168 + 1 × 91 = 427.
        let m = floor_instance_minutes(2, &[sched("mon-sun", "09:00-22:00", 3)]).unwrap();
        assert_eq!(m, 427 * 60);
    }

    #[test]
    fn overlapping_windows_take_the_higher_floor() {
        // 4 on weekdays 08-20 (60 h), 6 on mon 12-14 (2 h, inside the first), base 1.
        // = 1×168 + 3×60 + 2×2 = 352.
        let m = floor_instance_minutes(
            1,
            &[
                sched("weekdays", "08:00-20:00", 4),
                sched("mon", "12:00-14:00", 6),
            ],
        )
        .unwrap();
        assert_eq!(m, 352 * 60);
    }

    #[test]
    fn sunday_night_wraps_to_monday() {
        // sun 22:00 - mon 02:00 = 4 h at 2 on top of base 0.
        let m = floor_instance_minutes(0, &[sched("sun", "22:00-02:00", 2)]).unwrap();
        assert_eq!(m, 8 * 60);
    }

    #[test]
    fn timezones() {
        assert!(check_timezone("Asia/Seoul").is_ok());
        assert_eq!(
            check_timezone("Asia/Seol").unwrap_err().as_deref(),
            Some("did you mean `Asia/Seoul`?")
        );
    }
}
