//! The answers of `monitoring/controllers` and `monitoring/agents` built from the history rows
//! as JOC 2.8.4 builds them (`docs/availability.md`, "What JOC answers"), quirks included: a
//! Controller session without a shutdown counts 0 ms, an Agent's counts until its next start,
//! and `totalRunningTime` is a running sum from `dateFrom`.

use crate::world::{HistoryRow, SimTime, stamp};
use app::model::joc::{
    AgentHistory, ControllerHistory, EntryItemSource, EntrySource, MonitoringEntry, RunningTimeSource,
};
use chrono::Duration;

fn ms(d: Duration) -> i64 {
    d.num_milliseconds()
}

/// One Controller's rows, by ID.
pub struct ControllerRows<'a> {
    pub id: &'a str,
    pub rows: &'a [HistoryRow],
}

/// `monitoring/controllers`: the Controllers with a session in `[from, to)`, each with its
/// sessions and the one before; with none in the range, the last session before `from` of
/// every Controller, whatever `controllerId` asked for (as JOC does).
pub fn controllers(
    all: &[ControllerRows],
    only: Option<&str>,
    from: Option<SimTime>,
    to: Option<SimTime>,
    now: SimTime,
) -> Vec<ControllerHistory> {
    let in_range = |r: &HistoryRow| from.is_none_or(|f| r.ready >= f) && to.is_none_or(|t| r.ready < t);
    let selected: Vec<&ControllerRows> = all.iter().filter(|c| only.is_none_or(|id| c.id == id)).collect();
    if !selected.iter().any(|c| c.rows.iter().any(in_range)) {
        let (Some(from), Some(to)) = (from, to) else { return Vec::new() };
        if from > now && to > now {
            return Vec::new();
        }
        return all.iter().filter_map(|c| previous_only(c, from, now)).collect();
    }
    // A Controller started after `to` keeps the last running session's end at its start.
    let later_start = to.is_some_and(|t| all.iter().any(|c| c.rows.iter().any(|r| r.ready > t)));
    selected
        .into_iter()
        .filter_map(|c| {
            let first = c.rows.iter().position(in_range)?;
            let rows: Vec<&HistoryRow> = c.rows[first..].iter().filter(|r| in_range(r)).collect();
            let mut total = 0i64;
            let previous_entry = match (from, first.checked_sub(1).map(|i| &c.rows[i])) {
                (Some(from), Some(p)) => {
                    let last = p.shutdown.unwrap_or(p.ready);
                    if p.ready < from && from < last {
                        total = ms(last - from);
                    }
                    Some(entry(Some(ms(last - p.ready)), p.ready, Some(last), None))
                }
                _ => None,
            };
            let n = rows.len();
            let entries = rows
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let mut last = Some(r.shutdown.unwrap_or(r.ready));
                    if i + 1 == n && r.shutdown.is_none() && !later_start {
                        last = None;
                    }
                    match (last, to) {
                        (None, Some(to)) => total += ms(to.min(now) - r.ready),
                        (Some(l), _) => total += ms(to.map_or(l, |t| l.min(t)) - r.ready),
                        (None, None) => {}
                    }
                    entry(Some(total), r.ready, last, None)
                })
                .collect();
            Some(ControllerHistory {
                controller_id: c.id.into(),
                url: Some(rows[0].url.clone()),
                previous_entry,
                entries,
            })
        })
        .collect()
}

/// The last session before `from` of one Controller, alone (JOC's answer when no session
/// falls in the range): without a shutdown JOC has no end for it and counts up to now.
fn previous_only(c: &ControllerRows, from: SimTime, now: SimTime) -> Option<ControllerHistory> {
    let p = c.rows.iter().rev().find(|r| r.ready < from)?;
    let total = match p.shutdown {
        None => Some(ms(now - from)),
        Some(s) if s > from => Some(ms(s - from)),
        Some(_) => None,
    };
    Some(ControllerHistory {
        controller_id: c.id.into(),
        url: Some(p.url.clone()),
        previous_entry: Some(entry(total, p.ready, p.shutdown, None)),
        entries: Vec::new(),
    })
}

fn entry(
    total: Option<i64>,
    ready: SimTime,
    last: Option<SimTime>,
    source: Option<(EntryItemSource, Option<RunningTimeSource>)>,
) -> MonitoringEntry {
    MonitoringEntry {
        total_running_time: total,
        ready_time: stamp(ready),
        last_known_time: last.map(stamp),
        source: source.map(|(item, total_running_time)| EntrySource { item: Some(item), total_running_time }),
    }
}

/// One Agent of `monitoring/agents`: its sessions in `[from, to)`, the one before (as
/// `previousEntry`, continued from `from` by a `webservice` entry when it did not shut down)
/// and the first one after (only as the end of the one before it).
pub fn agent(id: &str, url: &str, rows: &[HistoryRow], from: SimTime, to: SimTime, now: SimTime) -> AgentHistory {
    use EntryItemSource::{History, Webservice};
    use RunningTimeSource as S;
    let prev = rows.iter().rfind(|r| r.ready < from);
    let after = rows.iter().rfind(|r| r.ready >= to);
    let list: Vec<&HistoryRow> =
        prev.into_iter().chain(rows.iter().filter(|r| r.ready >= from && r.ready < to)).chain(after).collect();
    let mut out = AgentHistory {
        agent_id: id.into(),
        url: list.first().map_or(url, |r| r.url.as_str()).into(),
        previous_entry: None,
        entries: Vec::new(),
    };
    let mut total = 0i64;
    let mut start = 0;
    if let Some(p) = list.first().filter(|r| r.ready < from) {
        start = 1;
        if let Some(down) = p.shutdown {
            out.previous_entry =
                Some(entry(Some(ms(down - p.ready)), p.ready, Some(down), Some((History, Some(S::Shutdown)))));
        } else {
            out.previous_entry =
                Some(entry(Some(ms(from - p.ready)), p.ready, None, Some((History, Some(S::DateFrom)))));
            let (end, source) = match list.get(1) {
                Some(n) if n.ready < to => (n.ready, S::NextReadyTime),
                Some(_) => (to, S::DateTo),
                None => (to, S::DateFrom),
            };
            let end = end.min(now);
            total = ms(end - from);
            out.entries.push(entry(Some(total), from, Some(end), Some((Webservice, Some(source)))));
        }
    }
    for (i, r) in list.iter().enumerate().skip(start) {
        if r.ready >= to {
            break;
        }
        let (last, mut source) = match (r.shutdown, list.get(i + 1)) {
            (Some(down), _) => (Some(down), Some(S::Shutdown)),
            (None, Some(n)) if n.ready > to => (Some(to - Duration::seconds(1)), Some(S::NextReadyTime)),
            (None, Some(n)) => (Some(n.ready), None),
            (None, None) => (None, None),
        };
        match last {
            None => {
                total += ms(to.min(now) - r.ready);
                source = Some(if now > to { S::DateTo } else { S::Now });
            }
            Some(l) => total += ms(l - r.ready),
        }
        out.entries.push(entry(Some(total), r.ready, last, Some((History, source))));
    }
    out
}

#[cfg(test)]
mod tests;
