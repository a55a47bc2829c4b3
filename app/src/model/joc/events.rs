//! `events`: JOC's long-poll that says *that* something changed, never *what*.

use super::JocErr;
use serde::{Deserialize, Serialize};

/// Body of `events` (`controllerFilter-schema.json`, no other fields allowed).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EventsRequest {
    pub controller_id: String,
    /// Epoch seconds of the newest event already seen; absent means "now − 1 s".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_id: Option<u64>,
}

/// Answer of `events` (`event-schema.json`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EventsAnswer {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub controller_id: Option<String>,
    /// Set instead of snapshots when JOC failed internally (JOC-410).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<JocErr>,
    pub event_id: u64,
    /// `null` when `error` is set.
    #[serde(default)]
    pub event_snapshots: Option<Vec<EventSnapshot>>,
    #[serde(default)]
    pub events_from_system_monitoring: Vec<serde_json::Value>,
    #[serde(default)]
    pub events_from_order_monitoring: Vec<serde_json::Value>,
    #[serde(default)]
    pub events_from_approval_requests: Vec<serde_json::Value>,
    #[serde(default)]
    pub events_from_notes: Vec<serde_json::Value>,
    pub delivery_date: String,
    pub survey_date: String,
}

/// One event of an `events` answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EventSnapshot {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_id: Option<u64>,
    pub event_type: EventType,
    pub object_type: ObjectType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// The event types the Product Status panel reacts to; all others are `Other`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EventType {
    ControllerStateChanged,
    #[serde(rename = "JOCStateChanged")]
    JocStateChanged,
    ProxyCoupled,
    ProxyDecoupled,
    NodeLossProblemEvent,
    FailoverProblemEvent,
    AgentStateChanged,
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum ObjectType {
    Joccluster,
    Controller,
    Controllercluster,
    Agent,
    Problem,
    #[serde(other)]
    Other,
}
