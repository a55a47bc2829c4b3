//! The named events of the simulated world, the refusals of operations, and the log of JOC
//! events that `events` long-polls read.

use super::SimTime;
use app::model::joc::{EventSnapshot, EventType, ObjectType};

/// Everything that can happen: operations, their delayed consequences, and injected faults.
/// As JSON (for `/sim/event`), `{"type": "JocHeartbeats", "joc": 0, "beating": false}`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "type", rename_all_fields = "camelCase")]
pub enum SimEvent {
    /// `controller/terminate` (restart false) or `controller/restart` (true).
    Terminate { node: usize, restart: bool, switchover: bool },
    /// `controller/abort` or `controller/abort_and_restart`.
    Abort { node: usize, restart: bool },
    /// `controller/cluster/switchover`.
    ClusterSwitchOver,
    /// `controller/cluster/confirm_node_loss`.
    ConfirmNodeLoss,
    /// A stopped Controller instance is back.
    NodeStarted { node: usize },
    /// A started Controller instance is ready.
    NodeReady { node: usize },
    /// The passive node asks to couple.
    CouplingPrepared,
    /// Coupling done.
    Coupled,
    /// `joc/cluster/switch_member`: the named instance is to become active.
    JocSwitchOver { to: usize },
    /// The JOC switch-over has completed.
    JocSwitchOverDone { to: usize },
    /// `joc/url`.
    JocUrlChanged { joc: usize, url: String },
    /// `joc/cluster/delete_member`: a dead standby instance leaves JOC's inventory.
    JocRemoved { joc: usize },
    /// Fault: JOC's licence no longer covers (or covers again) a JOC cluster.
    JocClusterLicence { valid: bool },
    /// Fault: a JOC instance stops (or resumes) writing heartbeats; its process still answers.
    JocHeartbeats { joc: usize, beating: bool },
    /// Fault: a JOC instance's process stops (or starts again).
    JocProcess { joc: usize, running: bool },
    /// Fault: the database heartbeats lag by this many seconds.
    DbDelay { seconds: u32 },
    /// Fault: JOC cannot (or can again) reach a Controller instance.
    NodeReachable { node: usize, reachable: bool },
    /// Fault: the two Controller instances cannot (or can again) couple while both run.
    CouplingBroken { broken: bool },
    /// Fault: the active Controller crashes while no JOC witnesses it.
    CrashUnwitnessed,
    /// Fault: an Agent shuts down (or comes back).
    AgentShutDown { agent: usize, down: bool },
    /// Fault: the Controller's connection to an Agent has a problem of this severity (2
    /// permanent, 5 not dedicated, 8 temporary; none: healthy). JOC still says `COUPLED`.
    AgentConnection { agent: usize, severity: Option<i32> },
    /// An Agent becomes an Agent cluster with this many Subagents (0 to 8; 0: a plain Agent).
    AgentCluster { agent: usize, subagents: usize },
    /// Fault: a Subagent of an Agent cluster shuts down (or comes back).
    SubagentShutDown { agent: usize, subagent: usize, down: bool },
    /// What JOC reports of the database's version (none: JOC sends null).
    DatabaseVersion { version: Option<String> },
    /// The Controller is registered in JOC, or not (then JOC has no Controller to select).
    ControllerRegistered { registered: bool },
    /// Stopping every JOC service takes this long (simulated seconds; default 10).
    JocServicesStopTime { seconds: u32 },
    /// Fault: the Controller refuses the next cluster switch-over with these words after JOC
    /// accepted it (none: it accepts again).
    ControllerRefusesSwitchOver { message: Option<String> },
}

/// Why an operation is refused, as JOC refuses it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("the Controller cluster is not coupled")]
    NotCoupled,
    #[error("there is no Controller cluster")]
    NotACluster,
    #[error("a JOC Cockpit switch-over is in progress")]
    JocSwitchOverInProgress,
    #[error("a Controller cluster switch-over is in progress")]
    ClusterSwitchOverInProgress,
    #[error("no loss of a Controller instance awaits confirmation")]
    NoLossNode,
    #[error("connection refused: {0}")]
    Unreachable(String),
    #[error("unknown member: {0}")]
    UnknownMember(String),
    #[error("unknown instance: {0}")]
    UnknownInstance(String),
    #[error("{0} is already active")]
    AlreadyActive(String),
    /// The event names an instance this environment does not have (fault injection input).
    #[error("there is no {0}")]
    NoSuch(String),
}

impl SimEvent {
    /// The Controller instance, JOC instance and Agent the event names, if any.
    fn names(&self) -> (Option<usize>, Option<usize>, Option<usize>) {
        use SimEvent::*;
        match self {
            Terminate { node, .. } | Abort { node, .. } | NodeStarted { node } | NodeReady { node } => {
                (Some(*node), None, None)
            }
            NodeReachable { node, .. } => (Some(*node), None, None),
            JocSwitchOver { to } | JocSwitchOverDone { to } => (None, Some(*to), None),
            JocUrlChanged { joc, .. } | JocRemoved { joc } | JocHeartbeats { joc, .. } | JocProcess { joc, .. } => {
                (None, Some(*joc), None)
            }
            AgentShutDown { agent, .. }
            | AgentConnection { agent, .. }
            | AgentCluster { agent, .. }
            | SubagentShutDown { agent, .. } => (None, None, Some(*agent)),
            _ => (None, None, None),
        }
    }
}

impl SimEvent {
    /// Does the event concern JOC itself (its instances, its database, its settings) rather
    /// than one of its Controllers?
    pub fn joc_wide(&self) -> bool {
        use SimEvent::*;
        matches!(
            self,
            JocSwitchOver { .. }
                | JocSwitchOverDone { .. }
                | JocUrlChanged { .. }
                | JocRemoved { .. }
                | JocClusterLicence { .. }
                | JocHeartbeats { .. }
                | JocProcess { .. }
                | DbDelay { .. }
                | DatabaseVersion { .. }
                | JocServicesStopTime { .. }
        )
    }
}

impl super::World {
    /// Which JOC instance the event names that does not exist here (None: all do).
    pub(super) fn missing_joc(&self, event: &SimEvent) -> Option<String> {
        let (_, joc, _) = event.names();
        joc.filter(|&j| j >= self.jocs.len()).map(|j| format!("JOC Cockpit instance {j}"))
    }
}

impl super::ControllerWorld {
    /// What of the event's instances this Controller does not have (None: all exist).
    pub(super) fn missing(&self, event: &SimEvent) -> Option<String> {
        let (node, _, agent) = event.names();
        if let Some(n) = node.filter(|&n| n >= self.nodes.len()) {
            return Some(format!("Controller instance {n}"));
        }
        if let Some(a) = agent.filter(|&a| a >= self.agents.len()) {
            return Some(format!("Agent {a}"));
        }
        if let SimEvent::AgentCluster { subagents, .. } = event
            && *subagents > 8
        {
            return Some(format!("Agent cluster of {subagents} Subagents (at most 8)"));
        }
        None
    }
}

impl SimEvent {
    /// Is this a fault (or a manual start) that `/sim/event` may inject? Operations go through
    /// the JOC API with its checks instead.
    pub fn is_injectable(&self) -> bool {
        use SimEvent::*;
        matches!(
            self,
            NodeStarted { .. }
                | JocHeartbeats { .. }
                | JocProcess { .. }
                | DbDelay { .. }
                | NodeReachable { .. }
                | CouplingBroken { .. }
                | CrashUnwitnessed
                | AgentShutDown { .. }
                | AgentConnection { .. }
                | AgentCluster { .. }
                | SubagentShutDown { .. }
                | DatabaseVersion { .. }
                | ControllerRegistered { .. }
                | JocClusterLicence { .. }
                | JocServicesStopTime { .. }
                | ControllerRefusesSwitchOver { .. }
        )
    }
}

/// The JOC events emitted so far (`events` long-poll), with strictly increasing ids. An event
/// of one Controller goes to the pollers of that Controller ID, one of JOC itself to all. A
/// problem of one session's operation (`ProblemEvent`) is kept with that session's token and
/// goes to that session only, without an `eventId` of its own, as JOC sends it.
#[derive(Clone, Debug, Default)]
pub struct EventLog {
    /// Each event with the id it is ordered by (for a `ProblemEvent` not sent with it) and the
    /// Controller it concerns, by index (None: JOC itself).
    entries: Vec<Entry>,
    last_id: u64,
}

#[derive(Clone, Debug)]
struct Entry {
    id: u64,
    controller: Option<usize>,
    snapshot: EventSnapshot,
}

impl EventLog {
    /// Keep the last this many events; a poller further behind gets the newest ones.
    const KEEP: usize = 1000;

    fn next_id(&mut self, now: SimTime) -> u64 {
        let id = (now.timestamp().max(0) as u64).max(self.last_id + 1);
        self.last_id = id;
        id
    }

    fn keep(&mut self, id: u64, controller: Option<usize>, snapshot: EventSnapshot) {
        self.entries.push(Entry { id, controller, snapshot });
        if self.entries.len() > Self::KEEP {
            self.entries.drain(..self.entries.len() - Self::KEEP);
        }
    }

    pub(super) fn push(
        &mut self,
        now: SimTime,
        controller: Option<usize>,
        event_type: EventType,
        object: ObjectType,
        path: Option<String>,
        message: Option<String>,
    ) {
        let id = self.next_id(now);
        let e =
            EventSnapshot { event_id: Some(id), event_type, object_type: object, path, message, access_token: None };
        self.keep(id, controller, e);
    }

    /// A `ProblemEvent` about Controller `controller` for the session of `token` only.
    pub fn push_problem(&mut self, now: SimTime, controller: usize, token: &str, message: String) {
        let id = self.next_id(now);
        let e = EventSnapshot {
            event_id: None,
            event_type: EventType::ProblemEvent,
            object_type: ObjectType::Problem,
            path: None,
            message: Some(message),
            access_token: Some(token.to_string()),
        };
        self.keep(id, Some(controller), e);
    }

    /// Events for every session newer than `after`, of the first Controller and of JOC.
    pub fn since(&self, after: u64) -> Vec<EventSnapshot> {
        self.for_session(after, "", Some(0)).0
    }

    /// Events newer than `after` that the session of `token` sees when it polls Controller
    /// `controller` (by index; None: one JOC does not know, which gets JOC's own events), and
    /// the id to ask after next.
    pub fn for_session(&self, after: u64, token: &str, controller: Option<usize>) -> (Vec<EventSnapshot>, u64) {
        let seen = self.entries.iter().filter(|e| {
            e.id > after
                && e.controller.is_none_or(|c| Some(c) == controller)
                && e.snapshot.access_token.as_deref().is_none_or(|t| t == token)
        });
        let last = seen.clone().map(|e| e.id).max().unwrap_or(after);
        (seen.map(|e| e.snapshot.clone()).collect(), last)
    }

    /// Id of the newest event (0 when none yet).
    pub fn last_id(&self) -> u64 {
        self.last_id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fault injection naming an instance the environment does not have is refused, and the
    /// world goes on answering.
    #[test]
    fn events_naming_missing_instances_are_refused() {
        let now = chrono::Utc::now();
        let mut w = super::super::World::new(super::super::WorldConfig::default(), now);
        for e in [
            SimEvent::NodeStarted { node: 9 },
            SimEvent::NodeReachable { node: 2, reachable: false },
            SimEvent::JocHeartbeats { joc: 7, beating: false },
            SimEvent::AgentShutDown { agent: 99, down: true },
            SimEvent::AgentCluster { agent: 0, subagents: 9 },
        ] {
            assert!(matches!(w.apply(e.clone(), now), Err(Refusal::NoSuch(_))), "{e:?}");
        }
        assert!(w.apply(SimEvent::NodeReachable { node: 1, reachable: false }, now).is_ok());
        assert_eq!(w.components(0, 0, now).controllers.len(), 2);
    }
}
