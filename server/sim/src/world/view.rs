//! What JOC answers: the world seen through `controller/components`, `agents` and
//! `joc/is_active`, derived as JOC 2.8 derives it
//! (`docs/joc-conformance.md` for where it differs from JOC's schemas).

use super::{ControllerWorld, LossKind, SimTime, World};
use app::model::joc::*;

/// Seconds of heartbeat age up to which a JOC instance is healthy, then unstable.
const HEALTHY: i64 = 31;
const UNSTABLE: i64 = 61;

/// Answer of `joc/is_active` for one instance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IsActive(pub bool);

/// Timestamps as JOC's Jackson writes them.
pub fn stamp(t: SimTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.3f+00:00").to_string()
}

impl World {
    /// `joc/is_active` as answered by instance `me`.
    pub fn is_active(&self, me: usize) -> IsActive {
        IsActive(self.active_joc == Some(me))
    }
}

impl ControllerWorld {
    /// The engine cluster type as JOC reports it, before the one-node-unreachable rules.
    fn reported_type(&self) -> ClusterType {
        let active = &self.nodes[self.active_node];
        if active.running && active.reachable && !active.ready {
            ClusterType::ActiveNodeIsNotReady
        } else {
            self.cluster
        }
    }

    fn node_visible(&self, i: usize) -> bool {
        self.nodes[i].running && self.nodes[i].reachable
    }

    fn controller(&self, i: usize, now: SimTime, cluster: ClusterType) -> Controller {
        let n = &self.nodes[i];
        let is_cluster = self.is_cluster();
        let active = i == self.active_node;
        let mut c = Controller {
            id: i as u64 + 1,
            survey_date: Some(stamp(now)),
            controller_id: self.cfg.id.clone(),
            title: format!("{} CONTROLLER", n.role.node_id().to_uppercase()),
            host: None,
            url: n.url.clone(),
            cluster_url: is_cluster.then(|| n.url.clone()),
            role: n.role,
            is_coupled: false,
            started_at: Some(stamp(n.started_at)),
            version: None,
            java_version: None,
            // JOC keeps the platform of an instance it once reached; of one it never reached
            // since it started it knows nothing and sends `{}`.
            os: Some(if n.seen { os() } else { Os::default() }),
            security_level: Some(SecurityLevel::Low),
            component_state: Some(ComponentStateText::Unknown.state()),
            connection_state: Some(ConnectionStateText::Unreachable.state()),
            cluster_node_state: is_cluster.then(|| ClusterNodeStateText::Unknown.state()),
            force_failover_confirmation: is_cluster.then_some(self.cfg.require_failover_confirmation),
        };
        if self.node_visible(i) {
            let loss = self.watch.loss.is_some_and(|(l, _)| l == i);
            let inoperable = (!active && cluster == ClusterType::PreparedToBeCoupled)
                || (active && cluster == ClusterType::ActiveNodeIsNotReady)
                || loss;
            let text = if inoperable { ComponentStateText::Inoperable } else { ComponentStateText::Operational };
            c.host = Some(n.host.clone());
            c.version = Some("2.8.4".into());
            c.java_version = Some("17.0.12".into());
            c.component_state = Some(text.state());
            c.connection_state = Some(ConnectionStateText::Established.state());
            c.is_coupled = cluster == ClusterType::Coupled;
            if is_cluster {
                let node_text = if active { ClusterNodeStateText::Active } else { ClusterNodeStateText::Inactive };
                c.cluster_node_state = Some(node_text.state());
            }
        }
        c
    }

    /// The Controller part of `controller/components`: instances and cluster state.
    pub fn controllers(&self, now: SimTime) -> (Vec<Controller>, ClusterState) {
        let raw = self.reported_type();
        let visible: Vec<usize> = (0..self.nodes.len()).filter(|&i| self.node_visible(i)).collect();
        let mut cluster = if !self.is_cluster() || visible.is_empty() { ClusterType::Unknown } else { raw };
        let one_down = self.is_cluster() && visible.len() == 1;
        let forced = one_down && matches!(raw, ClusterType::Coupled | ClusterType::PreparedToBeCoupled);
        if forced {
            cluster = ClusterType::Unknown;
        }
        let mut list: Vec<Controller> = (0..self.nodes.len()).map(|i| self.controller(i, now, raw)).collect();
        if forced {
            let up = visible[0];
            let up_active = up == self.active_node;
            for (i, c) in list.iter_mut().enumerate() {
                c.is_coupled = false;
                if i != up {
                    let text = if up_active { ClusterNodeStateText::Inactive } else { ClusterNodeStateText::Unknown };
                    c.cluster_node_state = Some(text.state());
                }
            }
        }
        let mut state = ClusterState::of(cluster);
        if let Some((lost, kind)) = self.watch.loss.filter(|_| self.is_cluster()) {
            let t = match kind {
                LossKind::Loss => ClusterType::NodeLossToBeConfirmed,
                LossKind::Failover => ClusterType::FailoverToBeConfirmed,
            };
            state = ClusterState::of(t);
            state.loss_node = Some(self.nodes[lost].role.node_id().into());
        }
        (list, state)
    }
}

impl World {
    fn cockpit(&self, j: usize, me: usize, now: SimTime, ctl: &[Controller]) -> Cockpit {
        let inst = &self.jocs[j];
        let age = (now - self.last_heartbeat(j, now)).num_seconds();
        let current = j == me;
        let (component, connection) = if age <= HEALTHY {
            (ComponentStateText::Operational, ConnectionStateText::Established)
        } else if age <= UNSTABLE || current {
            (ComponentStateText::Operational, ConnectionStateText::Unstable)
        } else {
            (ComponentStateText::Unknown, ConnectionStateText::Unknown)
        };
        let controller_connection_states = ctl
            .iter()
            .map(|c| ControllerConnectionState {
                role: c.role,
                state: if component == ComponentStateText::Unknown {
                    ConnectionStateText::Unknown.state()
                } else {
                    c.connection_state.clone().unwrap_or(ConnectionStateText::Unknown.state())
                },
            })
            .collect();
        let cluster_node_state = (self.jocs.len() > 1).then(|| {
            let t =
                if self.active_joc == Some(j) { ClusterNodeStateText::Active } else { ClusterNodeStateText::Inactive };
            t.state()
        });
        Cockpit {
            id: j as u64 + 1,
            instance_id: inst.instance_id.clone(),
            member_id: inst.member_id.clone(),
            title: Some(inst.title.clone()),
            current,
            host: Some(inst.host.clone()),
            url: Some(inst.display_url.clone()),
            started_at: Some(stamp(inst.started_at)),
            version: Some(self.cfg.joc_version.clone()),
            is_api_server: false,
            connection_state: Some(connection.state()),
            component_state: Some(component.state()),
            cluster_node_state,
            controller_connection_states,
            os: Some(os()),
            security_level: Some(SecurityLevel::Low),
            last_heartbeat: Some(stamp(self.last_heartbeat(j, now))),
        }
    }

    /// `controller/components` of Controller `c` (by index) as answered by JOC instance `me`.
    /// Call [`World::note_seen`] first: what JOC reaches while reading becomes known to it.
    pub fn components(&self, me: usize, c: usize, now: SimTime) -> Components {
        let (controllers, cluster_state) = self.controllers[c].controllers(now);
        Components {
            delivery_date: stamp(now),
            jocs: (0..self.jocs.len())
                .filter(|&j| !self.jocs[j].removed)
                .map(|j| self.cockpit(j, me, now, &controllers))
                .collect(),
            database: Database {
                dbms: Some("PostgreSQL".into()),
                version: self.db_version.clone(),
                component_state: Some(ComponentStateText::Operational.state()),
                connection_state: Some(ConnectionStateText::Established.state()),
            },
            controllers,
            cluster_state: Some(cluster_state),
        }
    }

    /// `agents` with `flat`: the Agents of Controller `c` as its active instance sees them, each Agent cluster
    /// followed by its Subagents. A Controller JOC cannot reach leaves every state unknown, and
    /// JOC then sends an Agent cluster's Subagents without URL or state.
    pub fn agents(&self, c: usize, now: SimTime) -> AgentsAnswer {
        let ctl = &self.controllers[c];
        let proxy = &ctl.nodes[ctl.active_node];
        let controller_up = proxy.running && proxy.reachable;
        let state = |down: bool, problem: Option<i32>| {
            let text = match (controller_up, down) {
                (false, _) => AgentStateText::Unknown,
                (true, true) => AgentStateText::Shutdown,
                (true, false) => AgentStateText::Coupled,
            };
            match problem.filter(|_| text == AgentStateText::Coupled) {
                Some(severity) => text.state().with_severity(severity),
                None => text.state(),
            }
        };
        let mut agents = Vec::new();
        for a in &ctl.agents {
            let mut head = Agent::headless(&a.id);
            head.controller_id = Some(ctl.cfg.id.clone());
            head.agent_name = Some(a.id.clone());
            head.url = Some(a.url.clone());
            head.version = Some(self.cfg.joc_version.clone());
            head.state = Some(state(a.shut_down, a.problem));
            head.error_message = a.problem.filter(|_| controller_up).map(|_| format!("{}: connection refused", a.url));
            head.running_tasks = Some(0);
            agents.push(head);
            for sub in &a.subagents {
                let mut entry = Agent::headless(&a.id);
                entry.subagent_id = Some(sub.id.clone());
                entry.is_director = Some("NO_DIRECTOR".into());
                if controller_up {
                    entry.url = Some(sub.url.clone());
                    entry.version = Some(self.cfg.joc_version.clone());
                    entry.state = Some(state(sub.shut_down, None));
                }
                agents.push(entry);
            }
        }
        AgentsAnswer { delivery_date: stamp(now), survey_date: Some(stamp(now)), agents }
    }
}

fn os() -> Os {
    Os {
        name: Some("Linux".into()),
        architecture: Some("amd64".into()),
        distribution: Some("Debian GNU/Linux 12".into()),
    }
}
