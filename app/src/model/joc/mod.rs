//! The JOC Cockpit REST API's JSON, defined once.
//!
//! The server's JOC client deserialises these, the embedded simulator serialises them, and the
//! browser receives them inside feed snapshots, so the three can never disagree on a field.
//! Field names follow the official schemas (`js7-api-schemas`); values follow what JOC 2.8
//! really sends (severities of `States.java`, nulls omitted). Texts that JOC may extend in a
//! later release deserialise into an `Unrecognised` variant instead of failing the whole answer.

mod agents;
mod components;
mod events;
mod inventory;
pub mod lenient;
mod monitoring;
mod operations;
mod session;
mod states;

pub use agents::*;
pub use components::*;
pub use events::*;
pub use inventory::*;
pub use monitoring::*;
pub use operations::*;
pub use session::*;
pub use states::*;

use serde::{Deserialize, Serialize};

/// JOC's plain success answer (`ok-schema.json`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OkAnswer {
    #[serde(default, deserialize_with = "lenient::or_default")]
    pub delivery_date: String,
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub survey_date: Option<String>,
    #[serde(default, deserialize_with = "lenient::or_default")]
    pub ok: bool,
}

/// The `error` object of a 420 answer: JOC's code (`JOC-300`, `JOC-400`, ...) and message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JocErr {
    #[serde(default, deserialize_with = "lenient::or_default")]
    pub code: String,
    #[serde(default, deserialize_with = "lenient::or_default")]
    pub message: String,
}

/// JOC's 420 "Invalid Request" answer (`error420-schema.json`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Err420 {
    #[serde(default, deserialize_with = "lenient::or_default")]
    pub delivery_date: String,
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub survey_date: Option<String>,
    pub error: JocErr,
}

/// Answer of `joc/version`: JS7 tools call it first to choose their API level.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VersionAnswer {
    #[serde(default, deserialize_with = "lenient::or_default")]
    pub version: String,
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub git_hash: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

/// Answer of `controller/ids`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ControllerIds {
    #[serde(default, deserialize_with = "lenient::or_default")]
    pub delivery_date: String,
    #[serde(default, deserialize_with = "lenient::list")]
    pub controller_ids: Vec<String>,
    /// Absent while no Controller is registered.
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub selected: Option<String>,
}

/// Body of the calls that name one Controller (`controller/components`, `agents`, ...).
/// Like every request body here, other fields are ignored when read, as JOC 2.8.4's request
/// validation ignores `additionalProperties` (`docs/joc-conformance.md`, "Transport").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ControllerIdReq {
    pub controller_id: String,
}

/// Does `id` satisfy the schema of a controller ID (`controllerIdRequired-schema.json`)?
pub fn is_valid_controller_id(id: &str) -> bool {
    let len = id.chars().count();
    (1..=100).contains(&len) && !id.chars().any(|c| "/\\<>?!&:;()\"|*^".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controller_id_rule_follows_the_schema_pattern() {
        for ok in ["controller", "prod-1", "a b", "x".repeat(100).as_str()] {
            assert!(is_valid_controller_id(ok), "{ok}");
        }
        for bad in ["", "a/b", "a:b", "a(b)", "a*", "x".repeat(101).as_str()] {
            assert!(!is_valid_controller_id(bad), "{bad}");
        }
    }
}
