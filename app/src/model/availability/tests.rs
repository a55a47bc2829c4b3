use super::*;
use proptest::prelude::*;

const H: i64 = 3_600_000;

fn p(up: &[[i64; 2]], unknown: &[[i64; 2]]) -> Periods {
    Periods { up: up.to_vec(), unknown: unknown.to_vec() }
}

#[test]
fn normalising_sorts_merges_clips_and_lets_up_win() {
    let n = Periods::normalised(vec![[5, 8], [0, 3], [2, 4], [9, 9]], vec![[3, 12], [-5, 1]], 0, 10);
    assert_eq!(n.up, vec![[0, 4], [5, 8]]);
    assert_eq!(n.unknown, vec![[4, 5], [8, 10]]);
}

#[test]
fn a_day_splits_into_up_down_and_unknown() {
    // Day 0 from 0 to 24 h: up 0-20 h, unknown 20-22 h, down 22-24 h.
    let periods = p(&[[0, 20 * H]], &[[20 * H, 22 * H]]);
    let d = days(&periods, 0, 48 * H, &[0, 24 * H]);
    assert_eq!(d, vec![Day { start: 0, end: 24 * H, up: 20 * H, unknown: 2 * H, down: 2 * H }]);
    assert_eq!(d[0].tone(), Tone::Bad, "2 h down out of 22 h known");
}

#[test]
fn time_before_the_history_and_after_now_counts_as_nothing() {
    let periods = p(&[[0, 100 * H]], &[]);
    // from = 10 h, as_of = 30 h; days 0-24 and 24-48.
    let d = days(&periods, 10 * H, 30 * H, &[0, 24 * H, 48 * H]);
    assert_eq!((d[0].up, d[0].down, d[0].unknown), (14 * H, 0, 0));
    assert_eq!((d[1].up, d[1].down, d[1].unknown), (6 * H, 0, 0));
    let future = days(&periods, 0, 30 * H, &[48 * H, 72 * H]);
    assert_eq!(future[0].tone(), Tone::Idle, "a day after now is grey");
}

#[test]
fn day_colours() {
    let day = |up, down, unknown| Day { start: 0, end: 0, up, down, unknown };
    assert_eq!(day(24 * H, 0, 0).tone(), Tone::Ok);
    assert_eq!(day(20 * H, 0, 4 * H).tone(), Tone::Ok, "no known downtime");
    assert_eq!(day(0, 0, 24 * H).tone(), Tone::Idle, "nothing known");
    assert_eq!(day(95 * H, 5 * H, 0).tone(), Tone::Warn, "5 % down");
    assert_eq!(day(94 * H, 6 * H, 0).tone(), Tone::Bad, "6 % down");
    assert_eq!(day(0, 24 * H, 0).tone(), Tone::Bad);
}

#[test]
fn percent_counts_known_time_only() {
    let periods = p(&[[0, 9 * H]], &[[9 * H, 10 * H]]);
    // Window of 12 h ending at 12 h: 9 h up, 1 h unknown, 2 h down → 9 / 11.
    let pct = percent_up(&periods, 0, 12 * H, 12 * H).unwrap();
    assert!((pct - 900.0 / 11.0).abs() < 1e-9, "{pct}");
    assert_eq!(percent_up(&p(&[], &[[0, 5 * H]]), 0, 5 * H, 24 * H), None, "nothing known");
    assert_eq!(percent_text(99.99), "99.9");
    assert_eq!(percent_text(100.0), "100.0");
    assert_eq!(percent_text(97.25), "97.2");
}

#[test]
fn utc_bounds_end_with_the_day_of_as_of() {
    let as_of = 10 * DAY_MS + 5 * H;
    let b = utc_bounds(as_of);
    assert_eq!(b.len(), STRIP_DAYS + 1);
    assert_eq!(b[STRIP_DAYS - 1], 10 * DAY_MS);
    assert_eq!(b[STRIP_DAYS], 11 * DAY_MS);
    assert_eq!(b[0], 4 * DAY_MS);
}

#[test]
fn utc_day_names() {
    assert_eq!(utc_day_name(0), DayName { weekday: 4, day: 1, month: 1 }, "1970-01-01, a Thursday");
    // 2026-12-06T19:00:00Z, a Sunday.
    assert_eq!(utc_day_name(1_796_583_600_000), DayName { weekday: 0, day: 6, month: 12 });
    // 2024-02-29, a Thursday.
    assert_eq!(utc_day_name(1_709_164_800_000 + 5 * H), DayName { weekday: 4, day: 29, month: 2 });
}

fn spans() -> impl Strategy<Value = Vec<[i64; 2]>> {
    proptest::collection::vec((0i64..200, 0i64..60), 0..12)
        .prop_map(|v| v.into_iter().map(|(a, l)| [a, a + l]).collect())
}

proptest! {
    /// Whatever JOC's history says, each day's up, down and unknown time add up to the part of
    /// the day between `from` and `as_of`, and the normalised spans are sorted, disjoint and
    /// inside the range.
    #[test]
    fn days_account_for_every_millisecond(up in spans(), unknown in spans(), from in 0i64..100, len in 0i64..200) {
        let as_of = from + len;
        let n = Periods::normalised(up, unknown, from, as_of);
        for list in [&n.up, &n.unknown] {
            for w in list.windows(2) {
                prop_assert!(w[0][1] < w[1][0], "sorted and disjoint: {:?}", list);
            }
            for [a, b] in list.iter() {
                prop_assert!(from <= *a && a < b && *b <= as_of);
            }
        }
        for [a, b] in &n.unknown {
            prop_assert!(!n.up.iter().any(|[c, d]| c < b && a < d), "up and unknown overlap");
        }
        let bounds: Vec<i64> = (0..=10).map(|k| k * 25).collect();
        for d in days(&n, from, as_of, &bounds) {
            let span = (d.end.min(as_of) - d.start.max(from)).max(0);
            prop_assert_eq!(d.up + d.down + d.unknown, span);
            prop_assert!(d.up >= 0 && d.down >= 0 && d.unknown >= 0);
        }
        if let Some(pct) = percent_up(&n, from, as_of, 1000) {
            prop_assert!((0.0..=100.0).contains(&pct));
        }
    }
}
