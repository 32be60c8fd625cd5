//! The weekly heat map of the scheduled instance floor, in the first group's time zone.

use planwright_core::pricing::heatmap::{heatmap, offset_hours};

#[test]
fn groups_in_other_zones_are_shifted_into_the_first_zone() {
    let text = "version: 1\nname: x\nregion: us-east-1\nresources:\n  \
        web: { kind: compute, instance_type: t3.micro, scaling: { min: 1, max: 9, timezone: Asia/Seoul, schedules: [ { days: mon-fri, hours: \"09:00-10:00\", min: 5 } ] } }\n  \
        batch: { kind: compute, instance_type: t3.micro, scaling: { min: 0, max: 4, timezone: UTC, schedules: [ { days: mon, hours: \"00:00-01:00\", min: 2 } ] } }\n  \
        always: { kind: compute, instance_type: t3.micro, count: 1 }\n";
    let design = planwright_core::load(text, None).unwrap().design;
    let map = heatmap(&design, &offset_hours).unwrap();
    assert_eq!(map.timezone, "Asia/Seoul");
    assert_eq!(map.groups, 3);
    // Tuesday 09:00 Seoul: web's window raises it to 5, + always (1); batch is at 0.
    assert_eq!(map.cells[1][9], 6.0);
    // Monday 09:00 Seoul is Monday 00:00 UTC: batch's window (2) adds to it.
    assert_eq!(map.cells[0][9], 8.0);
    // Outside every window: web's floor (1) and always (1).
    assert_eq!(map.cells[0][8], 2.0);
    assert_eq!(map.cells[6][23], 2.0);
}
