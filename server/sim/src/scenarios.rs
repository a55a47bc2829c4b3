//! The environments the simulator can start in (`--sim-scenario`), each the faults that hold
//! from the start.

use super::world::SimEvent;

/// A start-up scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Scenario {
    /// Everything healthy.
    Healthy,
    /// The standby JOC Cockpit instance stopped writing heartbeats.
    JocDown,
    /// The database's heartbeats lag by 45 s.
    DbSlow,
    /// JOC cannot reach the backup Controller instance.
    ControllerUnreachable,
    /// The Controller instances cannot couple while both run.
    Decoupled,
    /// The active Controller crashed while no JOC witnessed it: a loss awaits confirmation.
    NodeLoss,
    /// JOC started while no Controller instance could be reached, and has never reached one.
    NeverReached,
    /// What real installations show in the Agents row: an Agent cluster with a Subagent down,
    /// and an Agent whose connection failed (JOC still says COUPLED, severity 2).
    AgentFaults,
}

impl Scenario {
    pub const ALL: [Scenario; 8] = [
        Scenario::Healthy,
        Scenario::JocDown,
        Scenario::DbSlow,
        Scenario::ControllerUnreachable,
        Scenario::Decoupled,
        Scenario::NodeLoss,
        Scenario::NeverReached,
        Scenario::AgentFaults,
    ];

    /// The faults that hold from the start.
    pub fn events(self) -> Vec<SimEvent> {
        use SimEvent::*;
        match self {
            Scenario::Healthy => vec![],
            Scenario::JocDown => vec![JocHeartbeats { joc: 1, beating: false }],
            Scenario::DbSlow => vec![DbDelay { seconds: 45 }],
            Scenario::ControllerUnreachable => vec![NodeReachable { node: 1, reachable: false }],
            Scenario::Decoupled => vec![CouplingBroken { broken: true }],
            Scenario::NodeLoss => vec![CrashUnwitnessed],
            Scenario::NeverReached => {
                vec![NodeReachable { node: 0, reachable: false }, NodeReachable { node: 1, reachable: false }]
            }
            Scenario::AgentFaults => vec![
                AgentCluster { agent: 0, subagents: 3 },
                SubagentShutDown { agent: 0, subagent: 2, down: true },
                AgentConnection { agent: 1, severity: Some(2) },
            ],
        }
    }
}
