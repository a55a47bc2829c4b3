//! What the panel watches after an accepted operation: the states operations change.

use crate::model::joc::{ClusterNodeStateText, ClusterType, Components, ConnectionStateText};

/// What the panel shows of the states operations change: a different value after an
/// operation was accepted means JOC reports its effect (a new answer alone is no change).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Effects {
    cluster: Option<(ClusterType, Option<String>)>,
    /// Per Controller instance: its role in the cluster, whether JOC reaches it, when it started.
    controllers: Vec<(Option<ClusterNodeStateText>, Option<ConnectionStateText>, Option<String>)>,
    /// Per JOC instance: active or standby, and its URL.
    jocs: Vec<(Option<ClusterNodeStateText>, Option<String>)>,
}

impl Effects {
    pub fn of(c: &Components) -> Effects {
        Effects {
            cluster: c.cluster_state.as_ref().map(|x| (x.text, x.loss_node.clone())),
            controllers: c
                .controllers
                .iter()
                .map(|k| {
                    (
                        k.cluster_node_state.as_ref().map(|x| x.text),
                        k.connection_state.as_ref().map(|x| x.text),
                        k.started_at.clone(),
                    )
                })
                .collect(),
            jocs: c.jocs.iter().map(|j| (j.cluster_node_state.as_ref().map(|x| x.text), j.url.clone())).collect(),
        }
    }
}
