//! `monitoring/controllers` and `monitoring/agents`: the availability history JOC keeps of each
//! Controller and Agent (the Monitor view's "Availability"), as `docs/joc-conformance.md`
//! ("Availability history") describes it.

use super::lenient;
use serde::{Deserialize, Serialize};

/// Body of `monitoring/controllers` and `monitoring/agents` (`controllers-filter-schema.json`,
/// `agents-filter-schema.json`). JOC reads the dates as UTC whatever `timeZone` says, so the
/// board sends ISO timestamps in UTC and no time zone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MonitoringFilter {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub controller_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_to: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
}

/// Where an Agent's entry comes from (`entryItemSource-schema.json`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum EntryItemSource {
    History,
    HistoryNotInInventory,
    Inventory,
    Webservice,
    #[serde(other)]
    Unrecognised,
}

/// What ends an Agent entry's running time (`totalRunningTimeSource-schema.json`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RunningTimeSource {
    Estimated,
    DateFrom,
    DateTo,
    NextReadyTime,
    Now,
    Shutdown,
    #[serde(other)]
    Unrecognised,
}

/// `source` of an Agent's entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EntrySource {
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub item: Option<EntryItemSource>,
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub total_running_time: Option<RunningTimeSource>,
}

/// One session of a Controller or Agent: from its ready event to its shutdown (or what JOC
/// knows of its end). `totalRunningTime` is the running sum in milliseconds since `dateFrom`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MonitoringEntry {
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub total_running_time: Option<i64>,
    pub ready_time: String,
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub last_known_time: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub source: Option<EntrySource>,
}

/// A Controller's history (`controller-item-schema.json`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ControllerHistory {
    pub controller_id: String,
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub previous_entry: Option<MonitoringEntry>,
    #[serde(default, deserialize_with = "lenient::list")]
    pub entries: Vec<MonitoringEntry>,
}

/// Answer of `monitoring/controllers` (`controllers-answer-schema.json`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ControllersHistory {
    #[serde(default, deserialize_with = "lenient::or_default")]
    pub delivery_date: String,
    #[serde(default, deserialize_with = "lenient::list")]
    pub controllers: Vec<ControllerHistory>,
}

/// An Agent's history (`agent-item-schema.json`): an Agent cluster is one item, its
/// Subagents have none of their own.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AgentHistory {
    pub agent_id: String,
    #[serde(default, deserialize_with = "lenient::or_default")]
    pub url: String,
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub previous_entry: Option<MonitoringEntry>,
    #[serde(default, deserialize_with = "lenient::list")]
    pub entries: Vec<MonitoringEntry>,
}

/// The Agents of one Controller (`agents-controller-item-schema.json`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ControllerAgentsHistory {
    pub controller_id: String,
    #[serde(default, deserialize_with = "lenient::list")]
    pub agents: Vec<AgentHistory>,
}

/// Answer of `monitoring/agents` (`agents-answer-schema.json`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AgentsHistory {
    #[serde(default, deserialize_with = "lenient::or_default")]
    pub delivery_date: String,
    #[serde(default, deserialize_with = "lenient::list")]
    pub controllers: Vec<ControllerAgentsHistory>,
}
