//! The parts of the simulated environment: its configuration, the JOC instances, the
//! Controller instances (nodes), ClusterWatch's knowledge, the Agents.

use super::SimTime;
use app::model::joc::Role;

/// How the environment looks at start.
#[derive(Clone, Debug)]
pub struct WorldConfig {
    /// Number of JOC Cockpit instances (1 to 4).
    pub jocs: usize,
    /// URLs the JOC instances answer on, by index (display URLs until someone changes them).
    pub joc_urls: Vec<String>,
    /// A Controller cluster (PRIMARY + BACKUP) or a standalone Controller.
    pub controller_cluster: bool,
    pub controller_id: String,
    /// Number of Agents (0 to 10).
    pub agents: usize,
    /// The Controller cluster requires fail-over confirmation (FailoverToBeConfirmed).
    pub require_failover_confirmation: bool,
    /// Seed of every random choice (switch-over durations, log contents).
    pub seed: u64,
    /// The version JOC reports (`joc/version`, every instance's `version`).
    pub joc_version: String,
}

impl Default for WorldConfig {
    fn default() -> Self {
        WorldConfig {
            jocs: 2,
            joc_urls: vec!["http://127.0.0.1:4446".into(), "http://127.0.0.1:4447".into()],
            controller_cluster: true,
            controller_id: "controller".into(),
            agents: 3,
            require_failover_confirmation: false,
            seed: 7,
            joc_version: "2.8.4".into(),
        }
    }
}

/// A JOC Cockpit instance.
#[derive(Clone, Debug)]
pub struct JocInstance {
    pub title: String,
    pub display_url: String,
    pub host: String,
    pub member_id: String,
    pub instance_id: String,
    pub started_at: SimTime,
    /// The process runs and answers HTTP.
    pub running: bool,
    /// When it stopped writing heartbeats to the database (None: it beats).
    pub beats_stopped_at: Option<SimTime>,
    /// Deleted from JOC's inventory (`joc/cluster/delete_member`): JOC no longer lists it
    /// until it beats again, which registers it anew.
    pub removed: bool,
}

/// A Controller instance.
#[derive(Clone, Debug)]
pub struct Node {
    pub role: Role,
    pub host: String,
    pub url: String,
    pub started_at: SimTime,
    pub running: bool,
    /// Ready to answer after start-up (a starting active node answers 503).
    pub ready: bool,
    /// JOC can reach it over the network.
    pub reachable: bool,
    /// JOC has reached it since JOC started (else JOC knows nothing of its platform: `os: {}`).
    pub seen: bool,
}

/// Why a node loss awaits confirmation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LossKind {
    Loss,
    Failover,
}

/// JOC's knowledge as the Controller cluster's ClusterWatch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Watch {
    /// False while no JOC witnessed the cluster (then a loss needs a person to confirm it).
    pub taught: bool,
    /// The node whose loss awaits confirmation, by index.
    pub loss: Option<(usize, LossKind)>,
}

/// An Agent, or an Agent cluster when it has Subagents.
#[derive(Clone, Debug)]
pub struct AgentSim {
    pub id: String,
    pub url: String,
    pub shut_down: bool,
    /// The severity of a connection problem (2 permanent error, 5 not dedicated, 8 temporary
    /// error): JOC then keeps the text `COUPLED` and sends this severity.
    pub problem: Option<i32>,
    pub subagents: Vec<SubagentSim>,
}

/// A Subagent of an Agent cluster.
#[derive(Clone, Debug)]
pub struct SubagentSim {
    pub id: String,
    pub url: String,
    pub shut_down: bool,
}
