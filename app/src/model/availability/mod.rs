//! Availability over the last days: when each Controller and Agent was up, down, or in a time
//! JOC's history cannot tell (`docs/availability.md`). The server turns JOC's
//! `monitoring/controllers` and `monitoring/agents` answers into [`Periods`]; this module cuts
//! them into days and colours each day.
//!
//! All instants are milliseconds since the Unix epoch (UTC).

use super::colours::Tone;
use serde::{Deserialize, Serialize};

/// One day in milliseconds.
pub const DAY_MS: i64 = 86_400_000;
/// The days a strip shows, today included.
pub const STRIP_DAYS: usize = 7;

/// What is known of one Controller or Agent between `from` and `as_of` of its
/// [`Availability`]: when it ran, and when JOC cannot say whether it ran. The rest of that
/// time it was down. Both lists are sorted, disjoint, and never overlap each other.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Periods {
    pub up: Vec<[i64; 2]>,
    pub unknown: Vec<[i64; 2]>,
}

/// The Agent's ID and its periods.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentPeriods {
    pub agent_id: String,
    pub periods: Periods,
}

/// The availability of one Controller and its Agents, as JOC's history has it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Availability {
    /// Start of the history asked for (JOC's UTC midnight eight days before `as_of`).
    pub from: i64,
    /// When JOC answered: the end of what is known.
    pub as_of: i64,
    /// None when JOC's answer had nothing for this Controller.
    pub controller: Option<Periods>,
    pub agents: Vec<AgentPeriods>,
    /// Why the newest reading failed (the periods are then from an earlier reading, if any).
    pub problem: Option<String>,
}

impl Availability {
    /// The periods of Agent `id`, if JOC has a history of it.
    pub fn agent(&self, id: &str) -> Option<&Periods> {
        self.agents.iter().find(|a| a.agent_id == id).map(|a| &a.periods)
    }
}

impl Periods {
    /// Builds normalised periods from raw spans, clipping them to `[from, to]`: spans are
    /// sorted and merged, and where an up span and an unknown one overlap, up wins (JOC saw it
    /// running).
    pub fn normalised(up: Vec<[i64; 2]>, unknown: Vec<[i64; 2]>, from: i64, to: i64) -> Periods {
        let up = merge(up, from, to);
        let unknown = subtract(&merge(unknown, from, to), &up);
        Periods { up, unknown }
    }

    /// Milliseconds of each kind inside `[start, end)`: (up, unknown).
    fn within(&self, start: i64, end: i64) -> (i64, i64) {
        let sum =
            |spans: &[[i64; 2]]| -> i64 { spans.iter().map(|[a, b]| ((*b).min(end) - (*a).max(start)).max(0)).sum() };
        (sum(&self.up), sum(&self.unknown))
    }

    /// Is the instant `t` in an up span?
    pub fn is_up_at(&self, t: i64) -> bool {
        self.up.iter().any(|[a, b]| *a <= t && t < *b)
    }
}

/// Sorts spans, clips them to `[from, to]`, drops empty ones and merges those that touch.
fn merge(mut spans: Vec<[i64; 2]>, from: i64, to: i64) -> Vec<[i64; 2]> {
    spans.iter_mut().for_each(|s| *s = [s[0].max(from), s[1].min(to)]);
    spans.retain(|[a, b]| a < b);
    spans.sort_unstable();
    let mut out: Vec<[i64; 2]> = Vec::with_capacity(spans.len());
    for s in spans {
        match out.last_mut() {
            Some(last) if s[0] <= last[1] => last[1] = last[1].max(s[1]),
            _ => out.push(s),
        }
    }
    out
}

/// `spans` without the parts covered by `minus` (both merged).
fn subtract(spans: &[[i64; 2]], minus: &[[i64; 2]]) -> Vec<[i64; 2]> {
    let mut out = Vec::new();
    for &[mut a, b] in spans {
        for &[c, d] in minus {
            if d <= a || c >= b {
                continue;
            }
            if c > a {
                out.push([a, c]);
            }
            a = a.max(d);
        }
        if a < b {
            out.push([a, b]);
        }
    }
    out
}

/// One day of a strip: its bounds and how its known time splits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Day {
    /// Local midnight that starts the day.
    pub start: i64,
    pub end: i64,
    pub up: i64,
    pub down: i64,
    pub unknown: i64,
}

impl Day {
    /// The colour of the day: green without downtime, yellow with up to 5 % of its known time
    /// down, red with more, grey when nothing of it is known (the future, or no history).
    pub fn tone(&self) -> Tone {
        let known = self.up + self.down;
        if known == 0 {
            Tone::Idle
        } else if self.down == 0 {
            Tone::Ok
        } else if self.down * 20 <= known {
            Tone::Warn
        } else {
            Tone::Bad
        }
    }
}

/// Cuts periods into days. `bounds` are the days' starts followed by the end of the last
/// (local midnights, ascending); time before `from` or after `as_of` counts as nothing, time in
/// between that is neither up nor unknown is down.
pub fn days(p: &Periods, from: i64, as_of: i64, bounds: &[i64]) -> Vec<Day> {
    bounds
        .windows(2)
        .map(|w| {
            let (start, end) = (w[0], w[1]);
            let (a, b) = (start.max(from), end.min(as_of));
            let span = (b - a).max(0);
            let (up, unknown) = if span > 0 { p.within(a, b) } else { (0, 0) };
            Day { start, end, up, unknown, down: span - up - unknown }
        })
        .collect()
}

/// The share of the known time in the last `window` milliseconds before `as_of` that was up,
/// in percent; None when none of that time is known.
pub fn percent_up(p: &Periods, from: i64, as_of: i64, window: i64) -> Option<f64> {
    let start = from.max(as_of - window);
    let span = (as_of - start).max(0);
    let (up, unknown) = p.within(start, as_of);
    let known = span - unknown;
    (known > 0).then(|| up as f64 * 100.0 / known as f64)
}

/// The percentage as shown: one decimal, but never "100.0" for a day with downtime.
pub fn percent_text(pct: f64) -> String {
    if pct < 100.0 && pct > 99.95 { "99.9".into() } else { format!("{pct:.1}") }
}

/// The day bounds of a strip in UTC (when the browser's time zone is not known: on the
/// server): `STRIP_DAYS` UTC days ending with the day of `as_of`.
pub fn utc_bounds(as_of: i64) -> Vec<i64> {
    let today = as_of.div_euclid(DAY_MS) * DAY_MS;
    (0..=STRIP_DAYS as i64).map(|k| today - (STRIP_DAYS as i64 - 1 - k) * DAY_MS).collect()
}

/// A day's name as the strip's titles show it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DayName {
    /// 0 Sunday … 6 Saturday.
    pub weekday: u8,
    pub day: u8,
    /// 1 January … 12 December.
    pub month: u8,
}

/// The name of the UTC day that contains `t` (the civil calendar from days since 1970).
pub fn utc_day_name(t: i64) -> DayName {
    let days = t.div_euclid(DAY_MS);
    let weekday = (days + 4).rem_euclid(7) as u8;
    // Howard Hinnant's days-to-civil.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    DayName { weekday, day, month }
}

#[cfg(test)]
mod tests;
