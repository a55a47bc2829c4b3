//! Request bodies and answers of the operations the panel offers.

use super::lenient;
use serde::{Deserialize, Serialize};

/// The reason recorded in JOC's audit log (`auditParams-schema.json`). Required, with a
/// non-empty comment, when JOC forces audit comments.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditParams {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_spent: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ticket_link: Option<String>,
}

impl AuditParams {
    /// Does this satisfy JOC when it forces audit comments?
    pub fn has_comment(&self) -> bool {
        self.comment.as_deref().is_some_and(|c| !c.trim().is_empty())
    }
}

/// Body of the Controller operations (`urlParam-schema.json`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UrlParameter {
    pub controller_id: String,
    /// The instance's URL as JOC reported it; required for a cluster, ignored when standalone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// JOC's default is true, so the client always sends it. `withFailover` is an alias.
    #[serde(default, alias = "withFailover", skip_serializing_if = "Option::is_none")]
    pub with_switchover: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audit_log: Option<AuditParams>,
}

/// The JOC services that `joc/cluster/restart` and `joc/cluster/run` know.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ServiceType {
    Cluster,
    History,
    Dailyplan,
    Cleanup,
    Monitor,
    Lognotification,
}

impl ServiceType {
    pub const ALL: [ServiceType; 6] =
        [Self::Cluster, Self::History, Self::Dailyplan, Self::Cleanup, Self::Monitor, Self::Lognotification];
    /// Only these can be run on demand.
    pub fn can_run(self) -> bool {
        matches!(self, Self::Cleanup | Self::Dailyplan)
    }
}

/// Body of `joc/cluster/restart` and `joc/cluster/run`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClusterService {
    #[serde(rename = "type")]
    pub service: ServiceType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audit_log: Option<AuditParams>,
}

/// Body of `joc/proxies/restart`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProxiesRestart {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audit_log: Option<AuditParams>,
}

/// Body of `joc/cluster/switch_member`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SwitchMember {
    pub member_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audit_log: Option<AuditParams>,
}

/// Body of `joc/url`: no other field allowed, so no audit log either.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CockpitUri {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_id: Option<String>,
    pub url: String,
}

/// Body of `joc/log`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct JocLogRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filename: Option<String>,
}

/// State a JOC service reports after an operation (`joc-cluster-state-type-schema.json`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum JocClusterState {
    Started,
    Running,
    Stopped,
    Restarted,
    AlreadyStarted,
    AlreadyRunning,
    AlreadyStopped,
    SwitchMember,
    MissingConfiguration,
    MissingHandlers,
    MissingLicense,
    Error,
    Completed,
    Uncompleted,
}

/// Answer of the JOC cluster-service operations (`joc-cluster-response-schema.json`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClusterResponse {
    #[serde(default, deserialize_with = "lenient::or_default")]
    pub delivery_date: String,
    #[serde(rename = "type", default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub service: Option<ServiceType>,
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub state: Option<JocClusterState>,
}
