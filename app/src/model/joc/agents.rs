//! `agents`: the Agents connected to the Controller, for the panel's Agents row.

use super::states::Severe;
use serde::{Deserialize, Serialize};

/// Body of `agents` (`readAgents_v-schema.json`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AgentsRequest {
    pub controller_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_ids: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub states: Option<Vec<AgentStateText>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub only_visible_agents: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compact: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flat: Option<bool>,
}

/// `state._text` of an Agent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum AgentStateText {
    Coupled,
    Resetting,
    Initialised,
    Couplingfailed,
    Shutdown,
    #[serde(other)]
    Unknown,
}

impl AgentStateText {
    /// The severity JOC sends with this text.
    pub fn severity(self) -> i32 {
        match self {
            Self::Coupled => 0,
            Self::Resetting | Self::Initialised => 1,
            Self::Couplingfailed | Self::Shutdown => 2,
            Self::Unknown => 4,
        }
    }
    pub fn state(self) -> Severe<AgentStateText> {
        Severe { severity: self.severity(), text: self }
    }
}

/// One Agent of the answer (`agent_v-schema.json`, with the fields it inherits).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Agent {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub controller_id: Option<String>,
    pub agent_id: String,
    pub agent_name: String,
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    pub state: Severe<AgentStateText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub running_tasks: Option<u32>,
    #[serde(default)]
    pub disabled: bool,
}

/// Answer of `agents` (`agents_v-schema.json`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AgentsAnswer {
    pub delivery_date: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub survey_date: Option<String>,
    #[serde(default)]
    pub agents: Vec<Agent>,
}
