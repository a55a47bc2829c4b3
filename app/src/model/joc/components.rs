//! `controller/components`: the answer the Product Status panel is drawn from.

use super::states::{ClusterNodeState, ClusterState, ComponentState, ConnectionState};
use serde::{Deserialize, Serialize};

/// The whole answer of `controller/components` (`components-schema.json`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Components {
    pub delivery_date: String,
    pub jocs: Vec<Cockpit>,
    pub database: Database,
    pub controllers: Vec<Controller>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
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

/// Platform of an instance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Os {
    pub name: String,
    pub architecture: String,
    pub distribution: String,
}

/// A JOC Cockpit instance (`joc-schema.json`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Cockpit {
    pub id: u64,
    /// `<clusterId>#<ordering>`: what `joc/url` takes.
    pub instance_id: String,
    /// `<hostname>:<sha256 of the data folder>`: what `joc/cluster/switch_member` takes.
    pub member_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// True for the instance that answered this call.
    pub current: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_at: Option<String>,
    pub version: String,
    #[serde(default)]
    pub is_api_server: bool,
    pub connection_state: ConnectionState,
    pub component_state: ComponentState,
    /// Absent when JOC runs as a single instance (no JOC cluster).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_node_state: Option<ClusterNodeState>,
    #[serde(default)]
    pub controller_connection_states: Vec<ControllerConnectionState>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub os: Option<Os>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_level: Option<SecurityLevel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_heartbeat: Option<String>,
}

/// How a JOC instance sees one Controller instance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ControllerConnectionState {
    pub role: Role,
    pub state: ConnectionState,
}

/// The database JOC instances beat against.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Database {
    pub dbms: String,
    pub version: String,
    pub component_state: ComponentState,
    pub connection_state: ConnectionState,
}

/// A Controller instance (`master-schema.json`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Controller {
    pub id: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub survey_date: Option<String>,
    pub controller_id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_url: Option<String>,
    pub role: Role,
    #[serde(default)]
    pub is_coupled: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub java_version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub os: Option<Os>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_level: Option<SecurityLevel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub component_state: Option<ComponentState>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection_state: Option<ConnectionState>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_node_state: Option<ClusterNodeState>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub force_failover_confirmation: Option<bool>,
}

impl Components {
    /// The instance the answering JOC is, if JOC marked one as current.
    pub fn current_joc(&self) -> Option<&Cockpit> {
        self.jocs.iter().find(|j| j.current)
    }

    /// Is the Controller a cluster of two instances (not standalone)?
    pub fn is_controller_cluster(&self) -> bool {
        self.controllers.iter().any(|c| c.role != Role::Standalone)
    }
}
