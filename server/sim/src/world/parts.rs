//! The parts of the simulated environment: its configuration, the JOC instances, the
//! Controller instances (nodes), ClusterWatch's knowledge, the Agents.

use super::SimTime;
use super::history::{self, HistoryRow};
use app::model::joc::{ClusterType, Role};
use chrono::Duration;

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
    /// Further Controllers registered in the same JOC, after the one described above.
    pub more_controllers: Vec<ControllerConfig>,
}

/// One Controller (a cluster or a standalone instance) registered in JOC, with its Agents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ControllerConfig {
    pub id: String,
    /// A Controller cluster (PRIMARY + BACKUP) or a standalone Controller.
    pub cluster: bool,
    /// Number of Agents (0 to 10).
    pub agents: usize,
    /// The Controller cluster requires fail-over confirmation (FailoverToBeConfirmed).
    pub require_failover_confirmation: bool,
}

impl std::str::FromStr for ControllerConfig {
    type Err = String;
    /// `ID`, `ID:standalone`, `ID:N` or `ID:standalone:N` (N Agents, 0 to 10; default 2): a
    /// cluster unless standalone.
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("'{s}' is not ID[:standalone][:agents]");
        let mut parts = s.split(':');
        let id = parts.next().filter(|id| app::model::joc::is_valid_controller_id(id)).ok_or_else(bad)?;
        let mut cfg =
            ControllerConfig { id: id.into(), cluster: true, agents: 2, require_failover_confirmation: false };
        for part in parts {
            match part {
                "standalone" if cfg.cluster => cfg.cluster = false,
                n => cfg.agents = n.parse().ok().filter(|n| *n <= 10).ok_or_else(bad)?,
            }
        }
        Ok(cfg)
    }
}

impl WorldConfig {
    /// Every Controller registered in JOC, the first one first.
    pub fn controllers(&self) -> Vec<ControllerConfig> {
        let first = ControllerConfig {
            id: self.controller_id.clone(),
            cluster: self.controller_cluster,
            agents: self.agents,
            require_failover_confirmation: self.require_failover_confirmation,
        };
        std::iter::once(first).chain(self.more_controllers.iter().cloned()).collect()
    }
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
            more_controllers: Vec::new(),
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

/// One Controller as JOC sees it: its instances (nodes), the engine's cluster state, JOC's
/// role as its ClusterWatch and its Agents.
#[derive(Clone, Debug)]
pub struct ControllerWorld {
    pub cfg: ControllerConfig,
    pub nodes: Vec<Node>,
    /// The engine's cluster state (never one of JOC's synthesised types).
    pub cluster: ClusterType,
    /// The active node, by index.
    pub active_node: usize,
    pub watch: Watch,
    pub coupling_broken: bool,
    pub agents: Vec<AgentSim>,
    /// JOC's proxy has coupled with the active Controller since JOC started (else `events`
    /// answers carry no `surveyDate`).
    pub proxy_coupled: bool,
    /// The Controller is registered in JOC (else JOC does not know its ID).
    pub registered: bool,
    /// The Controller refuses the next cluster switch-over with these words, after JOC
    /// accepted it (the requester learns it from a `ProblemEvent`).
    pub switchover_refusal: Option<String>,
    /// JOC's history of the Controller's sessions, oldest first.
    pub history: Vec<HistoryRow>,
}

impl ControllerWorld {
    /// A healthy Controller, the `index`-th registered in JOC, its instances started a little
    /// before `started`. The first Controller's hosts are `controller1`, `controller2` and
    /// `agent1`...; a further one's carry its ID (`test-1`, `test-agent-1`).
    pub fn new(index: usize, cfg: ControllerConfig, started: SimTime) -> ControllerWorld {
        let roles: &[Role] = if cfg.cluster { &[Role::Primary, Role::Backup] } else { &[Role::Standalone] };
        let host = |i: usize| if index == 0 { format!("controller{i}") } else { format!("{}-{i}", cfg.id) };
        let agent = |i: usize| if index == 0 { format!("agent{i}") } else { format!("{}-agent{i}", cfg.id) };
        let nodes: Vec<Node> = roles
            .iter()
            .enumerate()
            .map(|(i, &role)| Node {
                role,
                host: host(i + 1),
                url: format!("http://{}:4444", host(i + 1)),
                started_at: started - Duration::minutes(5) + Duration::seconds(i as i64 * 30),
                running: true,
                ready: true,
                reachable: true,
                seen: false,
            })
            .collect();
        let agents = (0..cfg.agents.min(10))
            .map(|i| AgentSim {
                id: if index == 0 { format!("agent-{}", i + 1) } else { format!("{}-agent-{}", cfg.id, i + 1) },
                url: format!("http://{}:4445", agent(i + 1)),
                shut_down: false,
                problem: None,
                subagents: Vec::new(),
                history: history::agent_past(i, &format!("http://{}:4445", agent(i + 1)), started),
            })
            .collect();
        let history = history::controller_past(index, &nodes[0].url, nodes[0].started_at + Duration::seconds(10));
        ControllerWorld {
            history,
            cluster: if cfg.cluster { ClusterType::Coupled } else { ClusterType::Empty },
            cfg,
            nodes,
            active_node: 0,
            watch: Watch { taught: true, loss: None },
            coupling_broken: false,
            agents,
            proxy_coupled: false,
            registered: true,
            switchover_refusal: None,
        }
    }

    pub fn is_cluster(&self) -> bool {
        self.nodes.len() > 1
    }

    /// The other node of a cluster.
    pub fn other(&self, node: usize) -> usize {
        1 - node
    }

    /// Is a cluster switch-over still settling (switched, not yet re-coupled)?
    pub fn switching(&self) -> bool {
        self.cluster == ClusterType::SwitchedOver && self.nodes.iter().all(|n| n.running)
    }

    /// What JOC learns by reading: the instances it reaches now are known from now on, and its
    /// proxy has coupled once the active Controller answered.
    pub fn note_seen(&mut self) {
        for i in 0..self.nodes.len() {
            if self.nodes[i].running && self.nodes[i].reachable {
                self.nodes[i].seen = true;
                self.proxy_coupled |= i == self.active_node;
            }
        }
    }
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
    /// JOC's history of the Agent's sessions, oldest first.
    pub history: Vec<HistoryRow>,
}

/// A Subagent of an Agent cluster.
#[derive(Clone, Debug)]
pub struct SubagentSim {
    pub id: String,
    pub url: String,
    pub shut_down: bool,
}
