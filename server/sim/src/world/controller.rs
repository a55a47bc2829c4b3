//! Transitions of the Controller cluster, following the engine's `ClusterState` and JOC's role
//! as ClusterWatch.

use super::{AgentSim, ControllerWorld, EventLog, LossKind, Pending, Refusal, SimEvent, SimTime};
use app::model::joc::{ClusterType, EventType, ObjectType};
use chrono::Duration;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// What a Controller's transitions do beyond its own state: emit JOC events, schedule their
/// consequences, draw delays; and what they need to know of JOC.
pub(super) struct Fx<'a> {
    pub(super) controller: usize,
    pub(super) events: &'a mut EventLog,
    pub(super) pending: &'a mut Vec<Pending>,
    pub(super) rng: &'a mut ChaCha8Rng,
    /// A JOC instance witnesses the Controller cluster (active, running, beating).
    pub(super) witness_alive: bool,
    /// A JOC switch-over is under way.
    pub(super) joc_switching: bool,
}

impl Fx<'_> {
    pub(super) fn emit(&mut self, now: SimTime, t: EventType, o: ObjectType) {
        self.events.push(now, Some(self.controller), t, o, None, None);
    }

    fn emit_problem(&mut self, now: SimTime, t: EventType, controller_id: &str, message: String) {
        let path = Some(controller_id.to_string());
        self.events.push(now, Some(self.controller), t, ObjectType::Problem, path, Some(message));
    }

    fn schedule(&mut self, due: SimTime, event: SimEvent) {
        self.pending.push(Pending { due, controller: self.controller, event });
    }

    /// Tells pollers that the Controller's state changed.
    fn changed(&mut self, now: SimTime) {
        self.emit(now, EventType::ControllerStateChanged, ObjectType::Controller);
    }

    /// A delay drawn from `[lo, hi]` seconds with the seeded generator.
    fn delay(&mut self, lo: i64, hi: i64) -> Duration {
        Duration::milliseconds(self.rng.random_range(lo * 1000..=hi * 1000))
    }
}

impl ControllerWorld {
    fn node_checked(&self, node: usize) -> Result<(), Refusal> {
        let n = self.nodes.get(node).ok_or_else(|| Refusal::UnknownInstance(format!("node {node}")))?;
        if !n.running || !n.reachable {
            return Err(Refusal::Unreachable(n.url.clone()));
        }
        Ok(())
    }

    /// A node's process ends; a restart brings it back after a realistic delay.
    fn stop_node(&mut self, fx: &mut Fx, node: usize, restart: bool, now: SimTime) {
        let was_proxy = node == self.active_node && self.nodes[node].reachable;
        self.nodes[node].running = false;
        self.nodes[node].ready = false;
        if was_proxy {
            fx.emit(now, EventType::ProxyDecoupled, ObjectType::Controller);
        }
        if restart {
            let due = now + fx.delay(8, 15);
            fx.schedule(due, SimEvent::NodeStarted { node });
        }
    }

    /// A node of a coupled cluster is gone without a planned hand-over: JOC, as witness,
    /// confirms the survivor's decision at once; an untaught witness leaves it to a person.
    fn lose_node(&mut self, fx: &mut Fx, lost: usize, now: SimTime) {
        let failover = lost == self.active_node;
        if !self.watch.taught || !fx.witness_alive {
            let kind =
                if failover && self.cfg.require_failover_confirmation { LossKind::Failover } else { LossKind::Loss };
            self.watch.loss = Some((lost, kind));
            let (event, word) = match kind {
                LossKind::Loss => (EventType::NodeLossProblemEvent, "Loss"),
                LossKind::Failover => (EventType::FailoverProblemEvent, "Failover"),
            };
            let msg = format!(
                "{word} of '{}' instance in Controller Cluster '{}' requires confirmation",
                self.nodes[lost].role.node_id().to_uppercase(),
                self.cfg.id
            );
            fx.emit_problem(now, event, &self.cfg.id, msg);
        } else if failover {
            self.cluster = ClusterType::FailedOver;
            self.active_node = self.other(lost);
            fx.emit(now, EventType::ProxyCoupled, ObjectType::Controller);
        } else {
            self.cluster = ClusterType::PassiveLost;
        }
    }

    pub(super) fn terminate(
        &mut self,
        fx: &mut Fx,
        node: usize,
        restart: bool,
        switchover: bool,
        now: SimTime,
    ) -> Result<(), Refusal> {
        self.node_checked(node)?;
        if self.is_cluster() && node == self.active_node && self.nodes[self.other(node)].running {
            if switchover {
                if self.cluster != ClusterType::Coupled {
                    return Err(Refusal::NotCoupled);
                }
                self.cluster = ClusterType::SwitchedOver;
                self.active_node = self.other(node);
                fx.emit(now, EventType::ProxyCoupled, ObjectType::Controller);
            } else if self.cluster == ClusterType::Coupled {
                self.cluster = ClusterType::ActiveShutDown;
            }
        } else if self.is_cluster() && node != self.active_node && self.cluster == ClusterType::Coupled {
            self.cluster = ClusterType::PassiveLost;
        }
        self.stop_node(fx, node, restart, now);
        fx.changed(now);
        Ok(())
    }

    pub(super) fn abort(&mut self, fx: &mut Fx, node: usize, restart: bool, now: SimTime) -> Result<(), Refusal> {
        self.node_checked(node)?;
        let coupled = self.is_cluster() && self.cluster == ClusterType::Coupled;
        self.stop_node(fx, node, restart, now);
        if coupled {
            self.lose_node(fx, node, now);
        }
        fx.changed(now);
        Ok(())
    }

    pub(super) fn cluster_switchover(&mut self, fx: &mut Fx, now: SimTime) -> Result<(), Refusal> {
        if !self.is_cluster() {
            return Err(Refusal::NotACluster);
        }
        if fx.joc_switching {
            return Err(Refusal::JocSwitchOverInProgress);
        }
        if self.cluster != ClusterType::Coupled || !self.nodes.iter().all(|n| n.running && n.reachable) {
            return Err(Refusal::NotCoupled);
        }
        self.cluster = ClusterType::SwitchedOver;
        self.active_node = self.other(self.active_node);
        fx.emit(now, EventType::ProxyCoupled, ObjectType::Controller);
        fx.changed(now);
        let due = now + fx.delay(2, 4);
        fx.schedule(due, SimEvent::CouplingPrepared);
        Ok(())
    }

    pub(super) fn confirm_node_loss(&mut self, fx: &mut Fx, now: SimTime) -> Result<(), Refusal> {
        let (lost, _) = self.watch.loss.ok_or(Refusal::NoLossNode)?;
        self.watch.loss = None;
        self.watch.taught = true;
        if lost == self.active_node {
            self.cluster = ClusterType::FailedOver;
            self.active_node = self.other(lost);
            fx.emit(now, EventType::ProxyCoupled, ObjectType::Controller);
        } else {
            self.cluster = ClusterType::PassiveLost;
        }
        fx.changed(now);
        Ok(())
    }

    pub(super) fn node_started(&mut self, fx: &mut Fx, node: usize, now: SimTime) -> Result<(), Refusal> {
        let n = &mut self.nodes[node];
        if n.running {
            return Err(Refusal::AlreadyActive(n.url.clone()));
        }
        n.running = true;
        n.ready = false;
        n.started_at = now;
        fx.changed(now);
        let due = now + fx.delay(2, 4);
        fx.schedule(due, SimEvent::NodeReady { node });
        Ok(())
    }

    pub(super) fn node_ready(&mut self, fx: &mut Fx, node: usize, now: SimTime) -> Result<(), Refusal> {
        if !self.nodes[node].running || self.nodes[node].ready {
            return Err(Refusal::Unreachable(self.nodes[node].url.clone()));
        }
        self.nodes[node].ready = true;
        if node == self.active_node && self.nodes[node].reachable {
            fx.emit(now, EventType::ProxyCoupled, ObjectType::Controller);
        }
        if self.is_cluster() {
            if self.cluster == ClusterType::ActiveShutDown && node == self.active_node {
                // ClusterActiveNodeRestarted: the restarted active node carries on alone.
                self.cluster = ClusterType::PassiveLost;
            }
            self.try_couple(fx, now);
        }
        fx.changed(now);
        Ok(())
    }

    /// Schedules re-coupling if both nodes run and the cluster is decoupled.
    fn try_couple(&mut self, fx: &mut Fx, now: SimTime) {
        let decoupled = matches!(
            self.cluster,
            ClusterType::SwitchedOver
                | ClusterType::FailedOver
                | ClusterType::PassiveLost
                | ClusterType::NodesAppointed
        );
        if decoupled && self.watch.loss.is_none() && self.nodes.iter().all(|n| n.running && n.ready) {
            let due = now + fx.delay(2, 3);
            fx.schedule(due, SimEvent::CouplingPrepared);
        }
    }

    pub(super) fn coupling_prepared(&mut self, fx: &mut Fx, now: SimTime) -> Result<(), Refusal> {
        let ready = self.nodes.iter().all(|n| n.running && n.ready) && self.watch.loss.is_none();
        if !ready || self.cluster == ClusterType::Coupled || self.cluster == ClusterType::ActiveShutDown {
            return Err(Refusal::NotCoupled);
        }
        self.cluster = ClusterType::PreparedToBeCoupled;
        fx.changed(now);
        if !self.coupling_broken {
            let due = now + fx.delay(2, 4);
            fx.schedule(due, SimEvent::Coupled);
        }
        Ok(())
    }

    pub(super) fn coupled(&mut self, fx: &mut Fx, now: SimTime) -> Result<(), Refusal> {
        let ready = self.nodes.iter().all(|n| n.running && n.ready);
        if !ready || self.coupling_broken || self.cluster != ClusterType::PreparedToBeCoupled {
            return Err(Refusal::NotCoupled);
        }
        self.cluster = ClusterType::Coupled;
        fx.changed(now);
        Ok(())
    }

    pub(super) fn node_reachable(
        &mut self,
        fx: &mut Fx,
        node: usize,
        reachable: bool,
        now: SimTime,
    ) -> Result<(), Refusal> {
        let n = self.nodes.get_mut(node).ok_or_else(|| Refusal::UnknownInstance(format!("node {node}")))?;
        n.reachable = reachable;
        if node == self.active_node && self.nodes[node].running {
            let t = if reachable { EventType::ProxyCoupled } else { EventType::ProxyDecoupled };
            fx.emit(now, t, ObjectType::Controller);
        }
        fx.changed(now);
        Ok(())
    }

    pub(super) fn coupling_fault(&mut self, fx: &mut Fx, broken: bool, now: SimTime) -> Result<(), Refusal> {
        if !self.is_cluster() {
            return Err(Refusal::NotACluster);
        }
        self.coupling_broken = broken;
        if broken && self.cluster == ClusterType::Coupled {
            self.cluster = ClusterType::PassiveLost;
            fx.changed(now);
            let due = now + Duration::seconds(2);
            fx.schedule(due, SimEvent::CouplingPrepared);
        } else if !broken && self.cluster == ClusterType::PreparedToBeCoupled {
            let due = now + fx.delay(2, 3);
            fx.schedule(due, SimEvent::Coupled);
        } else if !broken {
            self.try_couple(fx, now);
        }
        Ok(())
    }
}

impl ControllerWorld {
    /// Changes Agent `agent` and tells pollers.
    pub(super) fn agent_fault(
        &mut self,
        fx: &mut Fx,
        agent: usize,
        now: SimTime,
        f: impl FnOnce(&mut AgentSim),
    ) -> Result<(), Refusal> {
        let a = self.agents.get_mut(agent).ok_or_else(|| Refusal::UnknownInstance(format!("agent {agent}")))?;
        f(a);
        fx.emit(now, EventType::AgentStateChanged, ObjectType::Agent);
        Ok(())
    }
}
