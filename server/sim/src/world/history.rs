//! JOC's history of sessions (`HISTORY_CONTROLLERS`, `HISTORY_AGENTS`): a row when a
//! Controller or an Agent becomes ready, its shutdown time when it shuts down; a crash, a kill
//! or a fail-over leaves the row without one. The simulator records the rows of what it does
//! and starts with a made-up past of ten days, so that the availability history is not empty.

use super::{AgentSim, ControllerWorld, SimEvent, SimTime};
use chrono::Duration;

/// One session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoryRow {
    pub ready: SimTime,
    /// The URL of the instance that became ready (an Agent's, or the active Controller's).
    pub url: String,
    pub shutdown: Option<SimTime>,
}

impl HistoryRow {
    fn new(ready: SimTime, url: &str) -> HistoryRow {
        HistoryRow { ready, url: url.into(), shutdown: None }
    }
}

/// Records a shutdown on the open (last) row, if it is open.
fn shut(rows: &mut [HistoryRow], at: SimTime) {
    if let Some(last) = rows.last_mut()
        && last.shutdown.is_none()
    {
        last.shutdown = Some(at.max(last.ready));
    }
}

/// The made-up past of a Controller whose instances started at `started`: a maintenance
/// stop of 40 minutes six days ago, a stop of 12 minutes before the current session; the
/// `index`-th Controller's sessions are shifted by as many hours.
pub(super) fn controller_past(index: usize, url: &str, started: SimTime) -> Vec<HistoryRow> {
    let shift = Duration::hours(index as i64);
    let first = started - Duration::days(10) - shift;
    let stop = started - Duration::days(6) - shift;
    let second = stop + Duration::minutes(40);
    vec![
        HistoryRow { ready: first, url: url.into(), shutdown: Some(stop) },
        HistoryRow { ready: second, url: url.into(), shutdown: Some(started - Duration::minutes(12)) },
        HistoryRow::new(started, url),
    ]
}

/// The made-up past of Agent `i`: every Agent restarted for an update three days ago (a few
/// minutes apart) and once more when the environment started; the second one crashed after
/// the update (no shutdown recorded) and came back two hours later.
pub(super) fn agent_past(i: usize, url: &str, started: SimTime) -> Vec<HistoryRow> {
    let update = started - Duration::days(3) + Duration::minutes(5 * i as i64);
    let restart = Some(started - Duration::minutes(10));
    let mut rows = vec![HistoryRow { ready: started - Duration::days(12), url: url.into(), shutdown: Some(update) }];
    let after_update = update + Duration::minutes(3);
    if i == 1 {
        rows.push(HistoryRow::new(after_update, url));
        rows.push(HistoryRow { ready: after_update + Duration::hours(2), url: url.into(), shutdown: restart });
    } else {
        rows.push(HistoryRow { ready: after_update, url: url.into(), shutdown: restart });
    }
    rows.push(HistoryRow::new(started, url));
    rows
}

impl ControllerWorld {
    /// The node serving as the Controller: the active one, running and ready.
    pub(super) fn serving(&self) -> Option<usize> {
        let n = &self.nodes[self.active_node];
        (n.running && n.ready).then_some(self.active_node)
    }

    /// Records what an event did to the Controller's sessions: the serving node before was
    /// `before`. A planned stop or hand-over (terminate, switch-over) records a shutdown; a
    /// new serving node starts a session.
    pub(super) fn record_history(&mut self, event: &SimEvent, before: Option<usize>, now: SimTime) {
        let after = self.serving();
        if before == after {
            return;
        }
        if before.is_some() && matches!(event, SimEvent::Terminate { .. } | SimEvent::ClusterSwitchOver) {
            shut(&mut self.history, now);
        }
        if let Some(node) = after {
            let url = self.nodes[node].url.clone();
            self.history.push(HistoryRow::new(now, &url));
        }
    }
}

impl AgentSim {
    /// Records a shutdown, or a new session when the Agent comes back.
    pub(super) fn record_shutdown(&mut self, down: bool, now: SimTime) {
        if down == self.shut_down {
            return;
        }
        if down {
            shut(&mut self.history, now);
        } else {
            let url = self.url.clone();
            self.history.push(HistoryRow::new(now, &url));
        }
    }
}
