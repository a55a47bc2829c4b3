//! `events`: JOC's long-poll that says *that* something changed, never *what*.

use super::{JocErr, lenient};
use serde::{Deserialize, Serialize};

/// Body of `events` (`controllerFilter-schema.json`, whose "no other fields" JOC 2.8.4 does
/// not enforce).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EventsRequest {
    pub controller_id: String,
    /// Epoch seconds of the newest event already seen; absent means "now − 1 s".
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub event_id: Option<u64>,
}

/// Answer of `events` (`event-schema.json`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EventsAnswer {
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub controller_id: Option<String>,
    /// Set instead of snapshots when JOC failed internally (JOC-410).
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub error: Option<JocErr>,
    /// The newest event's id: the next call's `eventId`. Absent only with `error`.
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub event_id: Option<u64>,
    /// `null` when `error` is set.
    #[serde(default, deserialize_with = "lenient::opt")]
    pub event_snapshots: Option<Vec<EventSnapshot>>,
    #[serde(default, deserialize_with = "lenient::list")]
    pub events_from_system_monitoring: Vec<serde_json::Value>,
    #[serde(default, deserialize_with = "lenient::list")]
    pub events_from_order_monitoring: Vec<serde_json::Value>,
    #[serde(default, deserialize_with = "lenient::list")]
    pub events_from_approval_requests: Vec<serde_json::Value>,
    #[serde(default, deserialize_with = "lenient::list")]
    pub events_from_notes: Vec<serde_json::Value>,
    #[serde(default, deserialize_with = "lenient::or_default")]
    pub delivery_date: String,
    /// Absent while the Controller's proxy has never coupled since JOC started.
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub survey_date: Option<String>,
}

/// One event of an `events` answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EventSnapshot {
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub event_id: Option<u64>,
    #[serde(default, deserialize_with = "lenient::or_default")]
    pub event_type: EventType,
    #[serde(default, deserialize_with = "lenient::or_default")]
    pub object_type: ObjectType,
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The session a `ProblemEvent` is meant for; JOC sends it to that session only.
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub access_token: Option<String>,
}

/// The event types the Product Status panel reacts to; all others are `Other`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EventType {
    ControllerStateChanged,
    #[serde(rename = "JOCStateChanged")]
    JocStateChanged,
    ProxyCoupled,
    ProxyDecoupled,
    NodeLossProblemEvent,
    FailoverProblemEvent,
    AgentStateChanged,
    /// A problem of an operation, sent only to the session that asked for it (`accessToken`).
    ProblemEvent,
    #[default]
    #[serde(other)]
    Other,
}

impl EventType {
    /// Does this event make JOC's own widget reload `controller/components`?
    pub fn reloads_components(self) -> bool {
        matches!(
            self,
            Self::ControllerStateChanged
                | Self::JocStateChanged
                | Self::ProxyCoupled
                | Self::ProxyDecoupled
                | Self::NodeLossProblemEvent
                | Self::FailoverProblemEvent
                | Self::AgentStateChanged
        )
    }
}

/// `objectType` of an event snapshot (the subset that concerns this panel).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum ObjectType {
    Joccluster,
    Controller,
    Controllercluster,
    Agent,
    Problem,
    #[default]
    #[serde(other)]
    Other,
}
