//! Reads JOC's availability history (`monitoring/controllers`, `monitoring/agents`) and turns
//! it into up and unknown periods (`docs/availability.md`).
//!
//! JOC keeps one row per session: from a Controller's or Agent's ready event to its shutdown.
//! A session that ended without a shutdown (a crash, a kill, a fail-over) has no known end:
//! JOC counts it as 0 ms for a Controller and as running until the next start for an Agent;
//! the board shows that time as unknown instead of guessing either way.

use super::{Failure, Feed};
use crate::joc::{Joc, JocError, JocSession};
use app::model::availability::{AgentPeriods, Availability, DAY_MS, Periods};
use app::model::joc::{
    AgentHistory, ControllerHistory, EntryItemSource, MonitoringEntry, MonitoringFilter, RunningTimeSource,
};
use std::time::Duration;

/// How many days back the board asks for: the strip's seven and one more, so that the first
/// day of the strip is whole in any time zone.
pub const DAYS_BACK: i64 = 8;

/// The request: relative dates, which JOC resolves on its own clock in UTC (`-8d` is midnight
/// UTC eight days ago, `0d` as `dateTo` is tonight's midnight), so that a clock difference
/// between the board and JOC moves nothing.
pub fn filter(controller_id: &str) -> MonitoringFilter {
    MonitoringFilter {
        controller_id: Some(controller_id.into()),
        date_from: Some(format!("-{DAYS_BACK}d")),
        date_to: Some("0d".into()),
        time_zone: None,
    }
}

/// Reads both histories of one Controller.
pub async fn read<J: Joc>(joc: &J, s: &JocSession, controller_id: &str) -> Result<Availability, JocError> {
    let controllers = joc.controllers_history(s, &filter(controller_id)).await?;
    let agents = joc.agents_history(s, &filter(controller_id)).await?;
    let as_of = millis(&controllers.delivery_date)
        .or_else(|| millis(&agents.delivery_date))
        .unwrap_or_else(|| chrono::Utc::now().timestamp_millis());
    let from = as_of.div_euclid(DAY_MS) * DAY_MS - DAYS_BACK * DAY_MS;
    let controller = controllers
        .controllers
        .iter()
        .find(|c| c.controller_id == controller_id)
        .map(|c| controller_periods(c, from, as_of));
    let agents = agents
        .controllers
        .iter()
        .filter(|c| c.controller_id == controller_id)
        .flat_map(|c| &c.agents)
        .map(|a| AgentPeriods { agent_id: a.agent_id.clone(), periods: agent_periods(a, from, as_of) })
        .collect();
    Ok(Availability { from, as_of, controller, agents, problem: None })
}

/// Milliseconds of a JOC timestamp (`2025-09-01T08:15:30.123+00:00`, or with `Z`).
pub fn millis(s: &str) -> Option<i64> {
    chrono::DateTime::parse_from_rfc3339(s).ok().map(|t| t.timestamp_millis())
}

/// How a session ended, as far as JOC's answer tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum End {
    /// Shut down at this time.
    Shutdown(i64),
    /// Still running.
    Running,
    /// Ended without a shutdown, at a time JOC does not know.
    Unknown,
}

/// A session: its start and how it ended.
type Session = (i64, End);

/// The periods of a list of sessions (ascending) between `from` and `as_of`; `before_known`
/// says whether the time from `from` to the first session is known to be down (JOC had an
/// earlier session that ended) or unknown (JOC has no history from before).
fn periods(sessions: &[Session], before_known: bool, from: i64, as_of: i64) -> Periods {
    let (mut up, mut unknown) = (Vec::new(), Vec::new());
    let first = sessions.first().map_or(as_of, |s| s.0);
    if !before_known {
        unknown.push([from, first]);
    }
    for (i, &(start, end)) in sessions.iter().enumerate() {
        let next = sessions.get(i + 1).map_or(as_of, |s| s.0);
        match end {
            End::Shutdown(at) => up.push([start, at.min(next)]),
            End::Running => up.push([start, next]),
            End::Unknown => unknown.push([start, next]),
        }
    }
    Periods::normalised(up, unknown, from, as_of)
}

/// A Controller's periods. Its entries end with a shutdown (`lastKnownTime` after
/// `readyTime`), end unknown (`lastKnownTime` equal to `readyTime`: no shutdown was recorded)
/// or run on (no `lastKnownTime`).
pub fn controller_periods(c: &ControllerHistory, from: i64, as_of: i64) -> Periods {
    let session = |e: &MonitoringEntry| -> Option<Session> {
        let ready = millis(&e.ready_time)?;
        let end = match e.last_known_time.as_deref().map(millis) {
            None => End::Running,
            Some(Some(t)) if t > ready => End::Shutdown(t),
            Some(_) => End::Unknown,
        };
        Some((ready, end))
    };
    let mut sessions: Vec<Session> = c.entries.iter().filter_map(session).collect();
    sessions.sort_by_key(|s| s.0);
    let prev = c.previous_entry.as_ref().and_then(session);
    with_previous(prev, sessions, from, as_of)
}

/// The periods when JOC's previous session (before `from`) may reach into the range.
fn with_previous(prev: Option<Session>, mut sessions: Vec<Session>, from: i64, as_of: i64) -> Periods {
    match prev {
        Some(p) => {
            sessions.insert(0, p);
            periods(&sessions, true, from, as_of)
        }
        None => periods(&sessions, false, from, as_of),
    }
}

/// An Agent's periods. JOC says in `source` how each entry's running time ends: a shutdown,
/// the next start (no shutdown was recorded: unknown), or now (running). Its synthetic
/// `webservice` entry continues the previous session from `dateFrom`; an `inventory` entry
/// stands for an Agent JOC has no history of.
pub fn agent_periods(a: &AgentHistory, from: i64, as_of: i64) -> Periods {
    let source = |e: &MonitoringEntry| e.source.as_ref().and_then(|s| s.total_running_time);
    let item = |e: &MonitoringEntry| e.source.as_ref().and_then(|s| s.item);
    let end_of = |e: &MonitoringEntry, ready: i64| -> End {
        let last = e.last_known_time.as_deref().and_then(millis);
        match (source(e), last) {
            (Some(RunningTimeSource::Shutdown), Some(t)) => End::Shutdown(t),
            (Some(RunningTimeSource::Now | RunningTimeSource::DateTo), _) | (_, None) => End::Running,
            (None, Some(t)) if e.source.is_none() && t > ready => End::Shutdown(t),
            _ => End::Unknown,
        }
    };
    let mut sessions: Vec<Session> = Vec::new();
    let mut before_known = false;
    if let Some(p) = &a.previous_entry
        && let Some(ready) = millis(&p.ready_time)
    {
        before_known = true;
        // Not when it runs on into the range: the `webservice` entry stands for that part.
        if source(p) != Some(RunningTimeSource::DateFrom) {
            sessions.push((ready, end_of(p, ready)));
        }
    }
    for e in &a.entries {
        let Some(ready) = millis(&e.ready_time) else { continue };
        let end = match item(e) {
            // JOC has no history of this Agent: its time is unknown.
            Some(EntryItemSource::Inventory) => End::Unknown,
            // The previous session, from `dateFrom` on: still running when JOC counts it to
            // the end of the range, else ended without a shutdown before the next start.
            Some(EntryItemSource::Webservice) => match source(e) {
                Some(RunningTimeSource::DateFrom | RunningTimeSource::Now) => End::Running,
                _ => End::Unknown,
            },
            _ => end_of(e, ready),
        };
        sessions.push((ready, end));
    }
    sessions.sort_by_key(|s| s.0);
    periods(&sessions, before_known, from, as_of)
}

/// How often the history is read when nothing happens.
const EVERY: Duration = Duration::from_secs(60);
/// How long after a change it is read: JOC writes its history rows from the Controller's
/// events, a moment after it reports the change.
const AFTER_CHANGE: Duration = Duration::from_secs(3);
/// The shortest time between two readings, so that a Controller changing all the time costs
/// JOC at most eight more requests a minute.
const MIN_GAP: Duration = Duration::from_secs(15);

impl<J: Joc> Feed<J> {
    /// Reads the availability history once the status is shown, then every minute and soon
    /// after a change (3 s after it, at least 15 s after the last reading), and publishes it. A failure is shown beside the last history read
    /// and never makes the status stale; only an ended JOC session ends the loop (to log in
    /// again, as the status loop does).
    pub(super) async fn keep_availability(&self, joc: &J, s: &JocSession, controller_id: &str) -> Result<(), Failure> {
        let mut shown = self.tx.subscribe();
        let _ = shown.wait_for(|s| s.components.is_some() && s.controller_id == controller_id).await;
        loop {
            let read_at = tokio::time::Instant::now();
            match read(joc, s, controller_id).await {
                Ok(a) => self.publish(|s| s.availability = Some(a)),
                Err(error) if error.needs_login() => return Err(Failure { endpoint: "monitoring/controllers", error }),
                Err(error) => {
                    let problem = Some(error.short());
                    if self.tx.borrow().availability.as_ref().is_none_or(|a| a.problem != problem) {
                        tracing::info!(%error, "the availability history cannot be read");
                        self.publish(|s| s.availability.get_or_insert_with(Availability::default).problem = problem);
                    }
                }
            }
            tokio::select! {
                () = tokio::time::sleep(EVERY) => {}
                () = self.history_due.notified() => {
                    tokio::time::sleep_until((tokio::time::Instant::now() + AFTER_CHANGE).max(read_at + MIN_GAP)).await
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
