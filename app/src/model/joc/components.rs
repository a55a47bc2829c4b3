//! `controller/components`: the answer the Product Status panel is drawn from.

use super::lenient;
use super::states::{ClusterNodeState, ClusterState, ComponentState, ConnectionState};
use serde::{Deserialize, Serialize};

/// The whole answer of `controller/components` (`components-schema.json`). Nothing in it is
/// required: a JOC that cannot tell something leaves it out, and the panel draws it unknown.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Components {
    #[serde(default, deserialize_with = "lenient::or_default")]
    pub delivery_date: String,
    #[serde(default, deserialize_with = "lenient::list")]
    pub jocs: Vec<Cockpit>,
    #[serde(default, deserialize_with = "lenient::or_default")]
    pub database: Database,
    #[serde(default, deserialize_with = "lenient::list")]
    pub controllers: Vec<Controller>,
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub cluster_state: Option<ClusterState>,
}

/// Role of a Controller instance.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Role {
    Standalone,
    Primary,
    Backup,
}

impl Role {
    /// The engine's NodeId of this role (`Primary`, `Backup`), as used in `lossNode`.
    pub fn node_id(self) -> &'static str {
        match self {
            Role::Primary => "Primary",
            Role::Backup => "Backup",
            Role::Standalone => "Standalone",
        }
    }
}

/// JOC's security level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum SecurityLevel {
    Low,
    Medium,
    High,
}

/// Platform of an instance; `{}` for an instance JOC has never reached.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Os {
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub architecture: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub distribution: Option<String>,
}

impl Os {
    /// "Linux amd64 (Debian GNU/Linux 12)", or None when JOC knows nothing of it.
    pub fn summary(&self) -> Option<String> {
        let words: Vec<&str> = [&self.name, &self.architecture]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .filter(|w| !w.is_empty())
            .collect();
        let head = words.join(" ");
        match (head.is_empty(), self.distribution.as_deref().filter(|d| !d.is_empty())) {
            (true, None) => None,
            (true, Some(d)) => Some(d.to_string()),
            (false, None) => Some(head),
            (false, Some(d)) => Some(format!("{head} ({d})")),
        }
    }
}

/// A JOC Cockpit instance (`joc-schema.json`); `instanceId` and `memberId` identify it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Cockpit {
    #[serde(default, deserialize_with = "lenient::or_default")]
    pub id: u64,
    /// `<clusterId>#<ordering>`: what `joc/url` takes.
    pub instance_id: String,
    /// `<hostname>:<sha256 of the data folder>`: what `joc/cluster/switch_member` takes.
    pub member_id: String,
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// True for the instance that answered this call.
    #[serde(default, deserialize_with = "lenient::or_default")]
    pub current: bool,
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub started_at: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(default, deserialize_with = "lenient::or_default")]
    pub is_api_server: bool,
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub connection_state: Option<ConnectionState>,
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub component_state: Option<ComponentState>,
    /// Absent when JOC runs as a single instance (no JOC cluster).
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub cluster_node_state: Option<ClusterNodeState>,
    #[serde(default, deserialize_with = "lenient::list")]
    pub controller_connection_states: Vec<ControllerConnectionState>,
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub os: Option<Os>,
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub security_level: Option<SecurityLevel>,
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub last_heartbeat: Option<String>,
}

/// How a JOC instance sees one Controller instance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ControllerConnectionState {
    pub role: Role,
    pub state: ConnectionState,
}

/// The database JOC instances beat against. JOC may leave `version` null.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Database {
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub dbms: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub component_state: Option<ComponentState>,
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub connection_state: Option<ConnectionState>,
}

/// A Controller instance (`master-schema.json`); `url` and `role` identify it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Controller {
    #[serde(default, deserialize_with = "lenient::or_default")]
    pub id: u64,
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub survey_date: Option<String>,
    #[serde(default, deserialize_with = "lenient::or_default")]
    pub controller_id: String,
    #[serde(default, deserialize_with = "lenient::or_default")]
    pub title: String,
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    pub url: String,
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub cluster_url: Option<String>,
    pub role: Role,
    #[serde(default, deserialize_with = "lenient::or_default")]
    pub is_coupled: bool,
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub started_at: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub java_version: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub os: Option<Os>,
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub security_level: Option<SecurityLevel>,
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub component_state: Option<ComponentState>,
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub connection_state: Option<ConnectionState>,
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub cluster_node_state: Option<ClusterNodeState>,
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub force_failover_confirmation: Option<bool>,
}

impl Components {
    /// The instance the answering JOC is, if JOC marked one as current.
    pub fn current_joc(&self) -> Option<&Cockpit> {
        self.jocs.iter().find(|j| j.current)
    }

    /// The active Controller instance, by index: the reachable one that JOC reports active (a
    /// standalone instance is active when reachable). None when JOC cannot tell.
    pub fn active_controller(&self) -> Option<usize> {
        // Active by role and reached by JOC: the instance that serves the cluster.
        self.controllers.iter().position(|k| {
            k.cluster_node_state.as_ref().is_none_or(|s| s.text == super::ClusterNodeStateText::Active)
                && k.connection_state.as_ref().is_some_and(|s| s.severity == 0)
        })
    }

    /// Is the Controller a cluster of two instances (not standalone)?
    pub fn is_controller_cluster(&self) -> bool {
        self.controllers.iter().any(|c| c.role != Role::Standalone)
    }
}

impl Controller {
    /// Does JOC report this instance in the active role of a Controller cluster? (The menus'
    /// switch-over variants, the dialogs' warnings; [`Components::active_controller`] further
    /// asks that JOC reaches it.)
    pub fn is_active_member(&self) -> bool {
        self.role != Role::Standalone
            && self.cluster_node_state.as_ref().is_some_and(|s| s.text == super::ClusterNodeStateText::Active)
    }
}
