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

/// Body of `joc/url`: its schema allows no other field, so the board sends no audit log
/// (JOC 2.8.4 would ignore one).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
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

/// Does this JOC version (`joc/version`) take the log requests of JOC 2.9 and later?
pub fn has_log_api_2_9(version: &str) -> bool {
    let mut parts = version.split(['.', '-']).map(|p| p.parse::<u32>().ok());
    match (parts.next().flatten(), parts.next().flatten()) {
        (Some(major), Some(minor)) => (major, minor) >= (2, 9),
        _ => false,
    }
}

/// Body of JOC 2.9's `controller/log/download` (`controller-log-request-schema.json`):
/// `dateFrom` is required, `role` names the instance of a cluster; no other field is allowed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControllerLogRequest {
    pub controller_id: String,
    /// `0`, a relative time such as `-1d`, or an ISO 8601 timestamp.
    pub date_from: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

/// The call that downloads a Controller instance's log from the JOC `version` talking: JOC 2.8
/// takes `controller/log` with the instance's URL; 2.9 and later take
/// `controller/log/download` with the instance's role (`PRIMARY` or `BACKUP`, none when
/// standalone) and a start time: the last day here.
pub fn controller_log_call(
    version: &str,
    controller_id: &str,
    url: &str,
    role: super::Role,
) -> (&'static str, serde_json::Value) {
    if has_log_api_2_9(version) {
        let role = match role {
            super::Role::Primary => Some("PRIMARY".to_string()),
            super::Role::Backup => Some("BACKUP".to_string()),
            super::Role::Standalone => None,
        };
        let body = ControllerLogRequest { controller_id: controller_id.into(), date_from: "-1d".into(), role };
        ("controller/log/download", serde_json::to_value(body).expect("a log request serialises"))
    } else {
        ("controller/log", serde_json::json!({"controllerId": controller_id, "url": url}))
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::joc::Role;
    use serde_json::json;

    #[test]
    fn the_log_request_follows_the_joc_version() {
        for (v, newer) in [
            ("2.8.4", false),
            ("2.8.10", false),
            ("2.9.0", true),
            ("2.10.1-SNAPSHOT", true),
            ("3.0.0", true),
            ("x", false),
        ] {
            assert_eq!(has_log_api_2_9(v), newer, "{v}");
        }
        let (path, body) = controller_log_call("2.8.4", "c", "http://p:4444", Role::Primary);
        assert_eq!((path, body), ("controller/log", json!({"controllerId": "c", "url": "http://p:4444"})));
        let (path, body) = controller_log_call("2.9.0", "c", "http://p:4444", Role::Backup);
        assert_eq!(path, "controller/log/download");
        assert_eq!(body, json!({"controllerId": "c", "dateFrom": "-1d", "role": "BACKUP"}));
        let (_, body) = controller_log_call("2.9.0", "c", "http://s:4444", Role::Standalone);
        assert_eq!(body, json!({"controllerId": "c", "dateFrom": "-1d"}));
    }
}
