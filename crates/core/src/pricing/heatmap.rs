//! The weekly heat map: how many instances the design runs at its scheduled floor, for
//! each hour of the week (7 × 24), in one time zone.
//!
//! Every group's schedules are wall-clock times in its own zone. The map is drawn in the
//! zone of the first group that names one (UTC when none does); groups in other zones are
//! shifted by the difference of their standard (January) UTC offsets, rounded to the hour.
//! Like the pricing, it does not model the DST weeks.

use std::str::FromStr;

use chrono::{NaiveDate, Offset, TimeZone};
use serde::Serialize;

use crate::cost::schedule::floor_by_hour;
use crate::design::Design;
use crate::model::Schedule;
use crate::resources::Resource;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Heatmap {
    /// The IANA zone the hours are in.
    pub timezone: String,
    /// `[day][hour]`, Monday first: instances at the scheduled floor.
    pub cells: [[f64; 24]; 7],
    /// The groups counted (compute, containers, Kubernetes node groups).
    pub groups: usize,
}

/// Standard UTC offset of a zone in whole hours (UTC for an unknown zone), from the tz
/// database compiled into chrono-tz. The browser passes its own (Intl's) instead: linking
/// these tables would add a megabyte to the web bundle.
pub fn offset_hours(zone: &str) -> i64 {
    let Ok(tz) = chrono_tz::Tz::from_str(zone) else {
        return 0;
    };
    let Some(reference) = NaiveDate::from_ymd_opt(2026, 1, 5).and_then(|d| d.and_hms_opt(12, 0, 0))
    else {
        return 0;
    };
    let seconds = tz
        .offset_from_utc_datetime(&reference)
        .fix()
        .local_minus_utc();
    (f64::from(seconds) / 3600.0).round() as i64
}

/// The map of a design (None when it has no instance groups); `offset_hours` gives a
/// zone's standard UTC offset in hours (see [`offset_hours`]).
pub fn heatmap(design: &Design, offset_hours: &dyn Fn(&str) -> i64) -> Option<Heatmap> {
    // (floor outside windows, schedules, zone) of every group.
    let mut groups: Vec<(u32, &[Schedule], Option<&str>)> = Vec::new();
    for (_, r) in &design.resources {
        match r {
            Resource::Compute(c) => groups.push(match &c.scaling {
                Some(s) => (s.min, &s.schedules, s.timezone.as_deref()),
                None => (c.count.unwrap_or(1), &[], None),
            }),
            Resource::Container(c) => groups.push(match &c.tasks {
                Some(s) => (s.min, &s.schedules, s.timezone.as_deref()),
                None => (c.count.unwrap_or(1), &[], None),
            }),
            Resource::Kubernetes(k) => {
                for g in &k.node_groups {
                    groups.push((g.min, &g.schedules, g.timezone.as_deref()));
                }
            }
            _ => {}
        }
    }
    if groups.is_empty() {
        return None;
    }
    let timezone = groups
        .iter()
        .find_map(|(_, _, z)| *z)
        .unwrap_or("UTC")
        .to_string();
    let shown = offset_hours(&timezone);
    let mut cells = [[0.0f64; 24]; 7];
    for (min, schedules, zone) in &groups {
        // Validation rejects bad schedules; a group whose schedule slips through counts its floor.
        let grid = floor_by_hour(*min, schedules).unwrap_or([[f64::from(*min); 24]; 7]);
        let shift = shown - offset_hours(zone.unwrap_or("UTC"));
        for (h, value) in grid.iter().flatten().enumerate() {
            let to = (h as i64 + shift).rem_euclid(168) as usize;
            if let Some(cell) = cells.get_mut(to / 24).and_then(|d| d.get_mut(to % 24)) {
                *cell += value;
            }
        }
    }
    Some(Heatmap {
        timezone,
        cells,
        groups: groups.len(),
    })
}
