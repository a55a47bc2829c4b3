//! Transitions of the Controller cluster, following the engine's `ClusterState` and JOC's role
//! as ClusterWatch.

use super::{LossKind, Refusal, SimEvent, SimTime, World};
use app::model::joc::{ClusterType, EventType, ObjectType};
use chrono::Duration;

impl World {
    fn node_checked(&self, node: usize) -> Result<(), Refusal> {
        let n = self.nodes.get(node).ok_or_else(|| Refusal::UnknownInstance(format!("node {node}")))?;
        if !n.running || !n.reachable {
            return Err(Refusal::Unreachable(n.url.clone()));
        }
        Ok(())
    }

    fn changed(&mut self, now: SimTime) {
        self.emit(now, EventType::ControllerStateChanged, ObjectType::Controller);
    }

    /// A node's process ends; a restart brings it back after a realistic delay.
    fn stop_node(&mut self, node: usize, restart: bool, now: SimTime) {
        let was_proxy = node == self.active_node && self.nodes[node].reachable;
        self.nodes[node].running = false;
        self.nodes[node].ready = false;
        if was_proxy {
            self.emit(now, EventType::ProxyDecoupled, ObjectType::Controller);
        }
        if restart {
            let due = now + self.delay(8, 15);
            self.schedule(due, SimEvent::NodeStarted { node });
        }
    }

    /// A node of a coupled cluster is gone without a planned hand-over: JOC, as witness,
    /// confirms the survivor's decision at once; an untaught witness leaves it to a person.
    fn lose_node(&mut self, lost: usize, now: SimTime) {
        let failover = lost == self.active_node;
        if !self.watch.taught || !self.witness_alive() {
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
                self.cfg.controller_id
            );
            self.emit_problem(now, event, msg);
        } else if failover {
            self.cluster = ClusterType::FailedOver;
            self.active_node = self.other(lost);
            self.emit(now, EventType::ProxyCoupled, ObjectType::Controller);
        } else {
            self.cluster = ClusterType::PassiveLost;
        }
    }

    pub(super) fn terminate(
        &mut self,
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
                self.emit(now, EventType::ProxyCoupled, ObjectType::Controller);
            } else if self.cluster == ClusterType::Coupled {
                self.cluster = ClusterType::ActiveShutDown;
            }
        } else if self.is_cluster() && node != self.active_node && self.cluster == ClusterType::Coupled {
            self.cluster = ClusterType::PassiveLost;
        }
        self.stop_node(node, restart, now);
        self.changed(now);
        Ok(())
    }

    pub(super) fn abort(&mut self, node: usize, restart: bool, now: SimTime) -> Result<(), Refusal> {
        self.node_checked(node)?;
        let coupled = self.is_cluster() && self.cluster == ClusterType::Coupled;
        self.stop_node(node, restart, now);
        if coupled {
            self.lose_node(node, now);
        }
        self.changed(now);
        Ok(())
    }

    pub(super) fn cluster_switchover(&mut self, now: SimTime) -> Result<(), Refusal> {
        if !self.is_cluster() {
            return Err(Refusal::NotACluster);
        }
        if self.joc_switching_to.is_some() {
            return Err(Refusal::JocSwitchOverInProgress);
        }
        if self.cluster != ClusterType::Coupled || !self.nodes.iter().all(|n| n.running && n.reachable) {
            return Err(Refusal::NotCoupled);
        }
        self.cluster = ClusterType::SwitchedOver;
        self.active_node = self.other(self.active_node);
        self.emit(now, EventType::ProxyCoupled, ObjectType::Controller);
        self.changed(now);
        let due = now + self.delay(2, 4);
        self.schedule(due, SimEvent::CouplingPrepared);
        Ok(())
    }

    pub(super) fn confirm_node_loss(&mut self, now: SimTime) -> Result<(), Refusal> {
        let (lost, _) = self.watch.loss.ok_or(Refusal::NoLossNode)?;
        self.watch.loss = None;
        self.watch.taught = true;
        if lost == self.active_node {
            self.cluster = ClusterType::FailedOver;
            self.active_node = self.other(lost);
            self.emit(now, EventType::ProxyCoupled, ObjectType::Controller);
        } else {
            self.cluster = ClusterType::PassiveLost;
        }
        self.changed(now);
        Ok(())
    }

    pub(super) fn node_started(&mut self, node: usize, now: SimTime) -> Result<(), Refusal> {
        let n = &mut self.nodes[node];
        if n.running {
            return Err(Refusal::AlreadyActive(n.url.clone()));
        }
        n.running = true;
        n.ready = false;
        n.started_at = now;
        self.changed(now);
        let due = now + self.delay(2, 4);
        self.schedule(due, SimEvent::NodeReady { node });
        Ok(())
    }

    pub(super) fn node_ready(&mut self, node: usize, now: SimTime) -> Result<(), Refusal> {
        if !self.nodes[node].running || self.nodes[node].ready {
            return Err(Refusal::Unreachable(self.nodes[node].url.clone()));
        }
        self.nodes[node].ready = true;
        if node == self.active_node && self.nodes[node].reachable {
            self.emit(now, EventType::ProxyCoupled, ObjectType::Controller);
        }
        if self.is_cluster() {
            if self.cluster == ClusterType::ActiveShutDown && node == self.active_node {
                // ClusterActiveNodeRestarted: the restarted active node carries on alone.
                self.cluster = ClusterType::PassiveLost;
            }
            self.try_couple(now);
        }
        self.changed(now);
        Ok(())
    }

    /// Schedules re-coupling if both nodes run and the cluster is decoupled.
    fn try_couple(&mut self, now: SimTime) {
        let decoupled = matches!(
            self.cluster,
            ClusterType::SwitchedOver
                | ClusterType::FailedOver
                | ClusterType::PassiveLost
                | ClusterType::NodesAppointed
        );
        if decoupled && self.watch.loss.is_none() && self.nodes.iter().all(|n| n.running && n.ready) {
            let due = now + self.delay(2, 3);
            self.schedule(due, SimEvent::CouplingPrepared);
        }
    }

    pub(super) fn coupling_prepared(&mut self, now: SimTime) -> Result<(), Refusal> {
        let ready = self.nodes.iter().all(|n| n.running && n.ready) && self.watch.loss.is_none();
        if !ready || self.cluster == ClusterType::Coupled || self.cluster == ClusterType::ActiveShutDown {
            return Err(Refusal::NotCoupled);
        }
        self.cluster = ClusterType::PreparedToBeCoupled;
        self.changed(now);
        if !self.coupling_broken {
            let due = now + self.delay(2, 4);
            self.schedule(due, SimEvent::Coupled);
        }
        Ok(())
    }

    pub(super) fn coupled(&mut self, now: SimTime) -> Result<(), Refusal> {
        let ready = self.nodes.iter().all(|n| n.running && n.ready);
        if !ready || self.coupling_broken || self.cluster != ClusterType::PreparedToBeCoupled {
            return Err(Refusal::NotCoupled);
        }
        self.cluster = ClusterType::Coupled;
        self.changed(now);
        Ok(())
    }

    pub(super) fn node_reachable(&mut self, node: usize, reachable: bool, now: SimTime) -> Result<(), Refusal> {
        let n = self.nodes.get_mut(node).ok_or_else(|| Refusal::UnknownInstance(format!("node {node}")))?;
        n.reachable = reachable;
        if node == self.active_node && self.nodes[node].running {
            let t = if reachable { EventType::ProxyCoupled } else { EventType::ProxyDecoupled };
            self.emit(now, t, ObjectType::Controller);
        }
        self.changed(now);
        Ok(())
    }

    pub(super) fn coupling_fault(&mut self, broken: bool, now: SimTime) -> Result<(), Refusal> {
        if !self.is_cluster() {
            return Err(Refusal::NotACluster);
        }
        self.coupling_broken = broken;
        if broken && self.cluster == ClusterType::Coupled {
            self.cluster = ClusterType::PassiveLost;
            self.changed(now);
            let due = now + Duration::seconds(2);
            self.schedule(due, SimEvent::CouplingPrepared);
        } else if !broken && self.cluster == ClusterType::PreparedToBeCoupled {
            let due = now + self.delay(2, 3);
            self.schedule(due, SimEvent::Coupled);
        } else if !broken {
            self.try_couple(now);
        }
        Ok(())
    }
}
