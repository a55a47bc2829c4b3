//! The simulated JS7 environment: one state machine that owns the JOC Cockpit cluster, the
//! database and each Controller registered in JOC (its cluster, JOC's ClusterWatch role for
//! it, its Agents).
//!
//! Every change is a named [`SimEvent`] applied by [`World::apply`]; delays (a restart, a
//! re-coupling, a JOC switch-over) are events scheduled for a later simulated time and applied
//! by [`World::advance`], which re-checks their preconditions when they fall due. The world
//! does no I/O and reads no clock: callers pass the simulated time, so tests drive it
//! transition by transition.

mod controller;
mod events;
mod history;
mod jocs;
mod parts;
mod view;

#[cfg(test)]
mod tests;

pub use events::{EventLog, Refusal, SimEvent};
pub use history::HistoryRow;
pub use parts::{
    AgentSim, ControllerConfig, ControllerWorld, JocInstance, LossKind, Node, SubagentSim, Watch, WorldConfig,
};
pub use view::{IsActive, stamp};

use app::model::joc::{EventType, ObjectType};
use chrono::{DateTime, Duration, Utc};
use controller::Fx;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Simulated time (UTC). With a speed factor it runs faster than the wall clock.
pub type SimTime = DateTime<Utc>;

/// A scheduled event, for the Controller it concerns (by index; JOC-wide events ignore it).
#[derive(Clone, Debug)]
struct Pending {
    due: SimTime,
    controller: usize,
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
    /// The Controllers registered in JOC, in the configured order.
    pub controllers: Vec<ControllerWorld>,
    /// What JOC reports of the database's version (JOC may send null).
    pub db_version: Option<String>,
    /// How long stopping every JOC service takes (simulated seconds): a JOC switch-over and a
    /// restart of all services wait for it before JOC answers.
    pub services_stop_secs: u32,
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
        let controllers =
            cfg.controllers().into_iter().enumerate().map(|(i, c)| ControllerWorld::new(i, c, started)).collect();
        World {
            rng: ChaCha8Rng::seed_from_u64(cfg.seed),
            cfg,
            jocs,
            active_joc: Some(0),
            joc_switching_to: None,
            db_delay: 0,
            controllers,
            db_version: Some("16.4".into()),
            services_stop_secs: 10,
            cluster_licence: true,
            events: EventLog::default(),
            pending: Vec::new(),
        }
    }

    /// The first Controller (the one the flat fields of [`WorldConfig`] describe).
    pub fn first(&self) -> &ControllerWorld {
        &self.controllers[0]
    }

    /// The index of the Controller with this ID, registered in JOC or not.
    pub fn controller_index(&self, id: &str) -> Option<usize> {
        self.controllers.iter().position(|c| c.cfg.id == id)
    }

    /// The Controllers JOC knows (registered), by index.
    pub fn registered(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.controllers.len()).filter(|&c| self.controllers[c].registered)
    }

    /// Tells pollers that everything may have changed (after a reset).
    pub fn mark_reset(&mut self, now: SimTime) {
        self.emit(now, EventType::JocStateChanged, ObjectType::Joccluster);
        for c in 0..self.controllers.len() {
            self.events.push(now, Some(c), EventType::ControllerStateChanged, ObjectType::Controller, None, None);
        }
    }

    /// Controller `c` and the effects its transitions may have.
    fn split(&mut self, c: usize) -> (&mut ControllerWorld, Fx<'_>) {
        let witness_alive = self.witness_alive();
        let joc_switching = self.joc_switching_to.is_some();
        let fx = Fx {
            controller: c,
            events: &mut self.events,
            pending: &mut self.pending,
            rng: &mut self.rng,
            witness_alive,
            joc_switching,
        };
        (&mut self.controllers[c], fx)
    }

    /// Applies events that fell due by `now` and the time-driven rules (JOC fail-over after
    /// missed heartbeats). Returns whether anything changed.
    pub fn advance(&mut self, now: SimTime) -> bool {
        let mut changed = false;
        while let Some(i) =
            self.pending.iter().enumerate().filter(|(_, p)| p.due <= now).min_by_key(|(_, p)| p.due).map(|(i, _)| i)
        {
            let p = self.pending.remove(i);
            changed |= self.apply_to(p.controller, p.event, p.due).is_ok();
        }
        changed | self.joc_failover(now)
    }

    /// When the next scheduled event falls due.
    pub fn next_due(&self) -> Option<SimTime> {
        self.pending.iter().map(|p| p.due).min()
    }

    fn schedule(&mut self, due: SimTime, event: SimEvent) {
        self.pending.push(Pending { due, controller: 0, event });
    }

    /// Applies one event at simulated time `now`; one that concerns a Controller concerns the
    /// first.
    pub fn apply(&mut self, event: SimEvent, now: SimTime) -> Result<(), Refusal> {
        self.apply_to(0, event, now)
    }

    /// Applies one event at simulated time `now`; one that concerns a Controller concerns
    /// Controller `c` (by index), a JOC-wide one ignores `c`.
    pub fn apply_to(&mut self, c: usize, event: SimEvent, now: SimTime) -> Result<(), Refusal> {
        use SimEvent::*;
        if event.joc_wide() {
            if let Some(what) = self.missing_joc(&event) {
                return Err(Refusal::NoSuch(what));
            }
            return self.apply_joc(event, now);
        }
        let ctl = self.controllers.get(c).ok_or_else(|| Refusal::NoSuch(format!("Controller {c}")))?;
        if let Some(what) = ctl.missing(&event) {
            return Err(Refusal::NoSuch(what));
        }
        let before = ctl.serving();
        let recorded = event.clone();
        let (ctl, mut fx) = self.split(c);
        let fx = &mut fx;
        let result = match event {
            Terminate { node, restart, switchover } => ctl.terminate(fx, node, restart, switchover, now),
            Abort { node, restart } => ctl.abort(fx, node, restart, now),
            ClusterSwitchOver => ctl.cluster_switchover(fx, now),
            ConfirmNodeLoss => ctl.confirm_node_loss(fx, now),
            NodeStarted { node } => ctl.node_started(fx, node, now),
            NodeReady { node } => ctl.node_ready(fx, node, now),
            CouplingPrepared => ctl.coupling_prepared(fx, now),
            Coupled => ctl.coupled(fx, now),
            NodeReachable { node, reachable } => ctl.node_reachable(fx, node, reachable, now),
            CouplingBroken { broken } => ctl.coupling_fault(fx, broken, now),
            CrashUnwitnessed => {
                ctl.watch.taught = false;
                let active = ctl.active_node;
                ctl.abort(fx, active, false, now)
            }
            AgentShutDown { agent, down } => ctl.agent_fault(fx, agent, now, |a| {
                a.record_shutdown(down, now);
                a.shut_down = down
            }),
            AgentConnection { agent, severity } => ctl.agent_fault(fx, agent, now, |a| a.problem = severity),
            AgentCluster { agent, subagents } => ctl.agent_fault(fx, agent, now, |a| {
                a.subagents = (0..subagents)
                    .map(|i| SubagentSim {
                        id: format!("{}-sub{}", a.id, i + 1),
                        url: format!("http://{}-sub{}:4445", a.id, i + 1),
                        shut_down: false,
                    })
                    .collect()
            }),
            SubagentShutDown { agent, subagent, down } => {
                let known = ctl.agents.get(agent).is_some_and(|a| subagent < a.subagents.len());
                if !known {
                    return Err(Refusal::UnknownInstance(format!("subagent {subagent} of agent {agent}")));
                }
                ctl.agent_fault(fx, agent, now, |a| a.subagents[subagent].shut_down = down)
            }
            ControllerRefusesSwitchOver { message } => {
                ctl.switchover_refusal = message;
                Ok(())
            }
            ControllerRegistered { registered } => {
                ctl.registered = registered;
                fx.emit(now, EventType::ControllerStateChanged, ObjectType::Controller);
                Ok(())
            }
            JocSwitchOver { .. }
            | JocSwitchOverDone { .. }
            | JocUrlChanged { .. }
            | JocRemoved { .. }
            | JocClusterLicence { .. }
            | JocHeartbeats { .. }
            | JocProcess { .. }
            | DbDelay { .. }
            | DatabaseVersion { .. }
            | JocServicesStopTime { .. } => unreachable!("JOC-wide events are applied above"),
        };
        if result.is_ok() {
            self.controllers[c].record_history(&recorded, before, now);
        }
        result
    }

    /// Applies an event of JOC itself (its instances, its database, its settings).
    fn apply_joc(&mut self, event: SimEvent, now: SimTime) -> Result<(), Refusal> {
        use SimEvent::*;
        match event {
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
            DatabaseVersion { version } => {
                self.db_version = version;
                self.emit(now, EventType::JocStateChanged, ObjectType::Joccluster);
                Ok(())
            }
            JocServicesStopTime { seconds } => {
                self.services_stop_secs = seconds;
                Ok(())
            }
            other => Err(Refusal::NoSuch(format!("JOC-wide event {other:?}"))),
        }
    }

    /// What JOC learns by reading Controller `c`: see [`ControllerWorld::note_seen`].
    pub fn note_seen(&mut self, c: usize) {
        if let Some(ctl) = self.controllers.get_mut(c) {
            ctl.note_seen();
        }
    }

    /// A JOC-wide event, seen by the pollers of every Controller.
    fn emit(&mut self, now: SimTime, t: EventType, o: ObjectType) {
        self.events.push(now, None, t, o, None, None);
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
