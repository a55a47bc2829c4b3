//! What changed between two snapshots, for the panel's timeline: one entry per state a user
//! would notice (a status, a cluster role, a connection, the cluster state, an Agent, the feed
//! going stale or fresh). Instances are matched by identity, not position.

use super::feed::Snapshot;
use super::joc::{
    Agent, AgentState, ClusterNodeStateText, ClusterType, ComponentStateText, Components, ConnectionStateText,
};
use serde::{Deserialize, Serialize};

/// Which rectangle changed, by the name the panel shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Subject {
    Joc(String),
    Database,
    Controller(String),
    Cluster,
    Agent(String),
    /// The panel's data itself.
    Feed,
}

/// A state, before or after a change (None: not reported).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum State {
    Status(Option<ComponentStateText>),
    Node(Option<ClusterNodeStateText>),
    Connection(Option<ConnectionStateText>),
    Cluster(Option<ClusterType>),
    /// An Agent's or Subagent's state with its severity (None: JOC reported none).
    Agent(Option<AgentState>),
    /// The feed: `None` live, `Some(code)` stale with the reason's code.
    Feed(Option<super::errors::ErrorCode>),
}

/// One change: what, from which state to which.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub subject: Subject,
    pub from: State,
    pub to: State,
}

fn push(out: &mut Vec<Change>, subject: &Subject, from: State, to: State) {
    if from != to {
        out.push(Change { subject: subject.clone(), from, to });
    }
}

/// The changes from `a` to `b`, in drawing order (JOC, database, Controllers, cluster).
pub fn diff(a: &Components, b: &Components) -> Vec<Change> {
    let mut out = Vec::new();
    for j in &b.jocs {
        let Some(old) = a.jocs.iter().find(|o| o.member_id == j.member_id) else {
            continue;
        };
        let name = Subject::Joc(j.title.clone().or(j.host.clone()).unwrap_or_else(|| j.instance_id.clone()));
        let status = |x: &super::joc::Cockpit| State::Status(x.component_state.as_ref().map(|s| s.text));
        push(&mut out, &name, status(old), status(j));
        let node = |x: &super::joc::Cockpit| State::Node(x.cluster_node_state.as_ref().map(|s| s.text));
        push(&mut out, &name, node(old), node(j));
    }
    let db = |c: &Components| State::Status(c.database.component_state.as_ref().map(|s| s.text));
    push(&mut out, &Subject::Database, db(a), db(b));
    for k in &b.controllers {
        let Some(old) = a.controllers.iter().find(|o| o.url == k.url && o.role == k.role) else {
            continue;
        };
        let name = Subject::Controller(k.title.clone());
        let status = |x: &super::joc::Controller| State::Status(x.component_state.as_ref().map(|s| s.text));
        let node = |x: &super::joc::Controller| State::Node(x.cluster_node_state.as_ref().map(|s| s.text));
        let conn = |x: &super::joc::Controller| State::Connection(x.connection_state.as_ref().map(|s| s.text));
        push(&mut out, &name, status(old), status(k));
        push(&mut out, &name, node(old), node(k));
        push(&mut out, &name, conn(old), conn(k));
    }
    let cluster = |c: &Components| State::Cluster(c.cluster_state.as_ref().map(|s| s.text));
    push(&mut out, &Subject::Cluster, cluster(a), cluster(b));
    out
}

/// Agent and Subagent changes, matched by Agent ID and Subagent ID.
pub fn agent_diff(a: &[Agent], b: &[Agent]) -> Vec<Change> {
    let mut out = Vec::new();
    for x in b {
        if let Some(old) = a.iter().find(|o| o.agent_id == x.agent_id && o.subagent_id == x.subagent_id) {
            push(
                &mut out,
                &Subject::Agent(x.name().to_string()),
                State::Agent(old.state.clone()),
                State::Agent(x.state.clone()),
            );
        }
    }
    out
}

/// Everything a user would notice between two snapshots, the feed's own state first.
pub fn snapshot_diff(a: &Snapshot, b: &Snapshot) -> Vec<Change> {
    let mut out = Vec::new();
    let feed = |s: &Snapshot| State::Feed(s.stale.as_ref().map(|st| st.code.clone()));
    push(&mut out, &Subject::Feed, feed(a), feed(b));
    if let (Some(x), Some(y)) = (&a.components, &b.components) {
        out.extend(diff(x, y));
    }
    out.extend(agent_diff(&a.agents, &b.agents));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::feed::Staleness;
    use crate::model::fixtures::{healthy_cluster, make_unreachable};
    use crate::model::joc::{ClusterNodeStateText as N, ClusterState};

    #[test]
    fn nothing_changed_is_no_entry() {
        let a = healthy_cluster();
        let mut b = a.clone();
        b.delivery_date = "later".into();
        b.controllers[0].survey_date = Some("later".into());
        assert_eq!(diff(&a, &b), vec![]);
    }

    #[test]
    fn a_switch_over_reads_as_roles_swapping_and_the_cluster_state() {
        let a = healthy_cluster();
        let mut b = a.clone();
        b.controllers[0].cluster_node_state = Some(N::Inactive.state());
        b.controllers[1].cluster_node_state = Some(N::Active.state());
        b.cluster_state = Some(ClusterState::of(ClusterType::SwitchedOver));
        let got = diff(&a, &b);
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[0].subject, Subject::Controller(a.controllers[0].title.clone()));
        assert_eq!((&got[0].from, &got[0].to), (&State::Node(Some(N::Active)), &State::Node(Some(N::Inactive))));
        assert_eq!(
            got[2],
            Change {
                subject: Subject::Cluster,
                from: State::Cluster(Some(ClusterType::Coupled)),
                to: State::Cluster(Some(ClusterType::SwitchedOver)),
            }
        );
    }

    #[test]
    fn an_unreachable_controller_shows_status_node_and_connection() {
        let a = healthy_cluster();
        let mut b = a.clone();
        make_unreachable(&mut b.controllers[1]);
        let got = diff(&a, &b);
        let tos: Vec<&State> = got.iter().map(|c| &c.to).collect();
        assert!(tos.contains(&&State::Status(Some(ComponentStateText::Unknown))), "{got:?}");
        assert!(tos.contains(&&State::Connection(Some(ConnectionStateText::Unreachable))), "{got:?}");
    }

    #[test]
    fn instances_are_matched_by_identity_not_position() {
        let a = healthy_cluster();
        let mut b = a.clone();
        b.jocs.reverse();
        b.controllers.reverse();
        assert_eq!(diff(&a, &b), vec![]);
    }

    #[test]
    fn the_feed_going_stale_and_fresh_is_an_entry() {
        let a = Snapshot { components: Some(healthy_cluster()), ..Snapshot::default() };
        let mut b = a.clone();
        b.stale = Some(Staleness {
            since: "t".into(),
            code: crate::model::errors::ErrorCode::Unreachable,
            message: "m".into(),
            endpoint: None,
        });
        let got = snapshot_diff(&a, &b);
        assert_eq!(
            got,
            vec![Change {
                subject: Subject::Feed,
                from: State::Feed(None),
                to: State::Feed(Some(crate::model::errors::ErrorCode::Unreachable))
            }]
        );
        assert_eq!(snapshot_diff(&b, &a)[0].to, State::Feed(None));
    }
}
