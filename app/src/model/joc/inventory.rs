//! The calls JOC's own tools make about the installed components besides the Product Status
//! widget: `joc/versions`, `controller` and `controller/test` (`docs/joc-conformance.md`).

use super::{ConnectionState, Controller, lenient};
use serde::{Deserialize, Serialize};

/// Body of `joc/versions` (`versionsFilter-schema.json`): no filter means every component.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VersionsRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub controller_ids: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_ids: Option<Vec<String>>,
}

/// One Controller instance's version and how it fits JOC's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ControllerVersion {
    pub controller_id: String,
    pub uri: String,
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// `COMPATIBLE`, `PARTIALLY_COMPATIBLE` or `NOT_COMPATIBLE`.
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub compatibility: Option<String>,
}

/// One Agent's or Subagent's version and how it fits its Controller's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AgentVersion {
    pub agent_id: String,
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub subagent_id: Option<String>,
    pub uri: String,
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub compatibility: Option<String>,
}

/// Answer of `joc/versions` (`versionResponse-schema.json`); JOC sends no `deliveryDate`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VersionsAnswer {
    #[serde(default, deserialize_with = "lenient::list")]
    pub controller_versions: Vec<ControllerVersion>,
    #[serde(default, deserialize_with = "lenient::list")]
    pub agent_versions: Vec<AgentVersion>,
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub joc_version: Option<String>,
}

/// Answer of `controller` (`jobscheduler200_v-schema.json`): one Controller instance's state.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ControllerAnswer {
    #[serde(default, deserialize_with = "lenient::or_default")]
    pub delivery_date: String,
    pub controller: Controller,
}

/// Body of `controller/test` (`testParam-schema.json`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TestConnect {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub controller_id: Option<String>,
    pub url: String,
}

/// What `controller/test` reports of a Controller it reached.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TestedController {
    pub url: String,
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub controller_id: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub connection_state: Option<ConnectionState>,
}

/// Answer of `controller/test`: only the URL, the Controller's ID and the connection, although
/// its schema names a whole Controller instance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TestAnswer {
    #[serde(default, deserialize_with = "lenient::or_default")]
    pub delivery_date: String,
    pub controller: TestedController,
}
