//! The simulated JS7 environment: one state machine that owns the JOC Cockpit cluster, the
//! database, the Controller cluster, JOC's ClusterWatch role and the Agents.
//!
//! Every change is a named [`SimEvent`] applied by [`World::apply`]; delays (a restart, a
//! re-coupling, a JOC switch-over) are events scheduled for a later simulated time and applied
//! by [`World::advance`], which re-checks their preconditions when they fall due. The world
//! does no I/O and reads no clock: callers pass the simulated time, so tests drive it
//! transition by transition.

mod controller;
mod events;
mod jocs;
mod parts;
mod view;

#[cfg(test)]
mod tests;

pub use events::{EventLog, Refusal, SimEvent};
pub use parts::{AgentSim, JocInstance, LossKind, Node, SubagentSim, Watch, WorldConfig};
pub use view::{IsActive, stamp};

use app::model::joc::{ClusterType, EventType, ObjectType, Role};
use chrono::{DateTime, Duration, Utc};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Simulated time (UTC). With a speed factor it runs faster than the wall clock.
pub type SimTime = DateTime<Utc>;

/// A scheduled event.
#[derive(Clone, Debug)]
struct Pending {
    due: SimTime,
    event: SimEvent,
}

/// The whole simulated environment.
#[derive(Clone, Debug)]
pub struct World {
    pub cfg: WorldConfig,
    pub jocs: Vec<JocInstance>,
    /// The JOC instance holding the active role in the database's cluster row.
    pub active_joc: Option<usize>,
    /// A JOC switch-over under way, to this instance.
    pub joc_switching_to: Option<usize>,
    pub db_delay: u32,
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
    /// What JOC reports of the database's version (JOC may send null).
    pub db_version: Option<String>,
    /// A Controller is registered in JOC (else `controller/ids` has no `selected`).
    pub registered: bool,
    /// How long stopping every JOC service takes (simulated seconds): a JOC switch-over and a
    /// restart of all services wait for it before JOC answers.
    pub services_stop_secs: u32,
    /// The Controller refuses the next cluster switch-over with these words, after JOC
    /// accepted it (the requester learns it from a `ProblemEvent`).
    pub switchover_refusal: Option<String>,
    /// JOC's licence covers a JOC cluster (else JOC cluster operations are refused with
    /// `MISSING_LICENSE`).
    pub cluster_licence: bool,
    pub events: EventLog,
    pending: Vec<Pending>,
    rng: ChaCha8Rng,
}

impl World {
    /// A healthy environment as configured, started at `now`.
    pub fn new(cfg: WorldConfig, now: SimTime) -> World {
        let started = now - Duration::hours(20);
        let jocs = (0..cfg.jocs.clamp(1, 4))
            .map(|i| JocInstance {
                title: if cfg.jocs > 1 {
                    ["PRIMARY JOC", "SECONDARY JOC", "JOC 3", "JOC 4"][i].into()
                } else {
                    "JOC Cockpit".into()
                },
                display_url: cfg.joc_urls.get(i).cloned().unwrap_or_else(|| format!("http://127.0.0.1:{}", 4446 + i)),
                host: format!("jochost{}", i + 1),
                member_id: format!("jochost{}:{}", i + 1, pseudo_sha256(cfg.seed, i as u64)),
                instance_id: format!("joc#{i}"),
                started_at: started + Duration::seconds(i as i64 * 40),
                running: true,
                beats_stopped_at: None,
                removed: false,
            })
            .collect();
        let roles: &[Role] = if cfg.controller_cluster { &[Role::Primary, Role::Backup] } else { &[Role::Standalone] };
        let nodes = roles
            .iter()
            .enumerate()
            .map(|(i, &role)| Node {
                role,
                host: format!("controller{}", i + 1),
                url: format!("http://controller{}:4444", i + 1),
                started_at: started - Duration::minutes(5) + Duration::seconds(i as i64 * 30),
                running: true,
                ready: true,
                reachable: true,
                seen: false,
            })
            .collect();
        let agents = (0..cfg.agents.min(10))
            .map(|i| AgentSim {
                id: format!("agent-{}", i + 1),
                url: format!("http://agent{}:4445", i + 1),
                shut_down: false,
                problem: None,
                subagents: Vec::new(),
            })
            .collect();
        World {
            cluster: if cfg.controller_cluster { ClusterType::Coupled } else { ClusterType::Empty },
            rng: ChaCha8Rng::seed_from_u64(cfg.seed),
            cfg,
            jocs,
            active_joc: Some(0),
            joc_switching_to: None,
            db_delay: 0,
            nodes,
            active_node: 0,
            watch: Watch { taught: true, loss: None },
            coupling_broken: false,
            agents,
            proxy_coupled: false,
            db_version: Some("16.4".into()),
            registered: true,
            services_stop_secs: 10,
            switchover_refusal: None,
            cluster_licence: true,
            events: EventLog::default(),
            pending: Vec::new(),
        }
    }

    /// Tells pollers that everything may have changed (after a reset).
    pub fn mark_reset(&mut self, now: SimTime) {
        self.emit(now, EventType::JocStateChanged, ObjectType::Joccluster);
        self.emit(now, EventType::ControllerStateChanged, ObjectType::Controller);
    }

    pub fn is_cluster(&self) -> bool {
        self.nodes.len() > 1
    }

    /// The other node of a cluster.
    pub fn other(&self, node: usize) -> usize {
        1 - node
    }

    /// Applies events that fell due by `now` and the time-driven rules (JOC fail-over after
    /// missed heartbeats). Returns whether anything changed.
    pub fn advance(&mut self, now: SimTime) -> bool {
        let mut changed = false;
        while let Some(i) =
            self.pending.iter().enumerate().filter(|(_, p)| p.due <= now).min_by_key(|(_, p)| p.due).map(|(i, _)| i)
        {
            let p = self.pending.remove(i);
            changed |= self.apply(p.event, p.due).is_ok();
        }
        changed | self.joc_failover(now)
    }

    /// When the next scheduled event falls due.
    pub fn next_due(&self) -> Option<SimTime> {
        self.pending.iter().map(|p| p.due).min()
    }

    fn schedule(&mut self, due: SimTime, event: SimEvent) {
        self.pending.push(Pending { due, event });
    }

    /// Applies one event at simulated time `now`.
    pub fn apply(&mut self, event: SimEvent, now: SimTime) -> Result<(), Refusal> {
        use SimEvent::*;
        if let Some(what) = self.missing(&event) {
            return Err(Refusal::NoSuch(what));
        }
        match event {
            Terminate { node, restart, switchover } => self.terminate(node, restart, switchover, now),
            Abort { node, restart } => self.abort(node, restart, now),
            ClusterSwitchOver => self.cluster_switchover(now),
            ConfirmNodeLoss => self.confirm_node_loss(now),
            NodeStarted { node } => self.node_started(node, now),
            NodeReady { node } => self.node_ready(node, now),
            CouplingPrepared => self.coupling_prepared(now),
            Coupled => self.coupled(now),
            JocSwitchOver { to } => self.joc_switchover(to, now),
            JocSwitchOverDone { to } => self.joc_switchover_done(to, now),
            JocUrlChanged { joc, url } => self.joc_url(joc, url, now),
            JocRemoved { joc } => self.joc_removed(joc, now),
            JocClusterLicence { valid } => {
                self.cluster_licence = valid;
                Ok(())
            }
            JocHeartbeats { joc, beating } => self.joc_heartbeats(joc, beating, now),
            JocProcess { joc, running } => self.joc_process(joc, running, now),
            DbDelay { seconds } => {
                self.db_delay = seconds;
                Ok(())
            }
            NodeReachable { node, reachable } => self.node_reachable(node, reachable, now),
            CouplingBroken { broken } => self.coupling_fault(broken, now),
            CrashUnwitnessed => {
                self.watch.taught = false;
                let active = self.active_node;
                self.abort(active, false, now)
            }
            AgentShutDown { agent, down } => self.agent_fault(agent, now, |a| a.shut_down = down),
            AgentConnection { agent, severity } => self.agent_fault(agent, now, |a| a.problem = severity),
            AgentCluster { agent, subagents } => self.agent_fault(agent, now, |a| {
                a.subagents = (0..subagents)
                    .map(|i| SubagentSim {
                        id: format!("{}-sub{}", a.id, i + 1),
                        url: format!("http://{}-sub{}:4445", a.id, i + 1),
                        shut_down: false,
                    })
                    .collect()
            }),
            SubagentShutDown { agent, subagent, down } => {
                let known = self.agents.get(agent).is_some_and(|a| subagent < a.subagents.len());
                if !known {
                    return Err(Refusal::UnknownInstance(format!("subagent {subagent} of agent {agent}")));
                }
                self.agent_fault(agent, now, |a| a.subagents[subagent].shut_down = down)
            }
            DatabaseVersion { version } => {
                self.db_version = version;
                self.emit(now, EventType::JocStateChanged, ObjectType::Joccluster);
                Ok(())
            }
            JocServicesStopTime { seconds } => {
                self.services_stop_secs = seconds;
                Ok(())
            }
            ControllerRefusesSwitchOver { message } => {
                self.switchover_refusal = message;
                Ok(())
            }
            ControllerRegistered { registered } => {
                self.registered = registered;
                self.emit(now, EventType::ControllerStateChanged, ObjectType::Controller);
                Ok(())
            }
        }
    }

    /// Changes Agent `agent` and tells pollers.
    fn agent_fault(&mut self, agent: usize, now: SimTime, f: impl FnOnce(&mut AgentSim)) -> Result<(), Refusal> {
        let a = self.agents.get_mut(agent).ok_or_else(|| Refusal::UnknownInstance(format!("agent {agent}")))?;
        f(a);
        self.emit(now, EventType::AgentStateChanged, ObjectType::Agent);
        Ok(())
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

    fn emit(&mut self, now: SimTime, t: EventType, o: ObjectType) {
        self.events.push(now, t, o, None, None);
    }

    fn emit_problem(&mut self, now: SimTime, t: EventType, message: String) {
        let path = Some(self.cfg.controller_id.clone());
        self.events.push(now, t, ObjectType::Problem, path, Some(message));
    }

    /// A delay drawn from `[lo, hi]` seconds with the seeded generator.
    fn delay(&mut self, lo: i64, hi: i64) -> Duration {
        Duration::milliseconds(self.rng.random_range(lo * 1000..=hi * 1000))
    }
}

/// A stable 64-hex-digit stand-in for JOC's sha256 of the data folder.
fn pseudo_sha256(seed: u64, i: u64) -> String {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ (i.wrapping_mul(0x9E37_79B9_7F4A_7C15)));
    (0..4).map(|_| format!("{:016x}", rng.random::<u64>())).collect()
}
