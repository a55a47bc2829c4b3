//! `agents`: the Agents connected to the Controller, for the panel's Agents row.

use super::lenient;
use super::states::{Severe, StateText, state_text};
use serde::{Deserialize, Serialize};

/// Body of `agents` (`readAgents_v-schema.json`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
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

/// `state._text` of an Agent or Subagent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum AgentStateText {
    Coupled,
    Resetting,
    Reset,
    Initialised,
    Couplingfailed,
    Shutdown,
    Unknown,
    #[serde(other)]
    Unrecognised,
}

state_text!(AgentStateText, unrecognised AgentStateText::Unrecognised => 4, {
    "COUPLED" => AgentStateText::Coupled: 0,
    "RESETTING" => AgentStateText::Resetting: 1,
    "RESET" => AgentStateText::Reset: 1,
    "INITIALISED" => AgentStateText::Initialised: 1,
    "COUPLINGFAILED" => AgentStateText::Couplingfailed: 2,
    "SHUTDOWN" => AgentStateText::Shutdown: 2,
    "UNKNOWN" => AgentStateText::Unknown: 4,
});

/// An Agent's or Subagent's state. For `COUPLED`, `RESETTING` and `INITIALISED` JOC replaces
/// the severity with that of the connection's problem (2 permanent error, 5 not dedicated,
/// 8 temporary error): the severity says how it is, the text is a label.
pub type AgentState = Severe<AgentStateText>;

/// One entry of the answer (`agent_v-schema.json` and `subagent_v-schema.json`, with the
/// fields they inherit). With `flat:true` JOC lists an Agent cluster's Subagents as entries of
/// their own after it: they carry the cluster's `agentId`, their `subagentId` and no
/// `agentName`. Only `agentId` is required.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Agent {
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub controller_id: Option<String>,
    pub agent_id: String,
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub agent_name: Option<String>,
    /// Set on the entries of Subagents.
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub subagent_id: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub state: Option<AgentState>,
    /// `NO_DIRECTOR`, `PRIMARY_DIRECTOR` or `SECONDARY_DIRECTOR` (Subagents only).
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub is_director: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub error_message: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub running_tasks: Option<u32>,
    #[serde(default, deserialize_with = "lenient::or_default")]
    pub disabled: bool,
}

impl Agent {
    /// The name to show: the Agent's name, else the Subagent's ID, else the Agent's ID.
    pub fn name(&self) -> &str {
        self.agent_name.as_deref().or(self.subagent_id.as_deref()).unwrap_or(&self.agent_id)
    }

    /// Is this the entry of a Subagent (of an Agent cluster)?
    pub fn is_subagent(&self) -> bool {
        self.subagent_id.is_some()
    }
}

/// Answer of `agents` (`agents_v-schema.json`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AgentsAnswer {
    #[serde(default, deserialize_with = "lenient::or_default")]
    pub delivery_date: String,
    #[serde(default, deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub survey_date: Option<String>,
    #[serde(default, deserialize_with = "lenient::list")]
    pub agents: Vec<Agent>,
}

/// An Agent as the panel draws it: the Agent (or Agent cluster) and its Subagents.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentGroup {
    pub agent: Agent,
    pub subagents: Vec<Agent>,
}

/// Groups a `flat` answer: each Subagent entry under the Agent with its `agentId`, in JOC's
/// order. A Subagent whose Agent entry is missing gets a group of its own, headed by an entry
/// that knows only the Agent's ID, so nothing JOC reported is dropped.
pub fn group_agents(entries: &[Agent]) -> Vec<AgentGroup> {
    let mut groups: Vec<AgentGroup> = Vec::new();
    for e in entries {
        let at = groups.iter().position(|g| g.agent.agent_id == e.agent_id);
        match (e.is_subagent(), at) {
            (true, Some(i)) => groups[i].subagents.push(e.clone()),
            (true, None) => groups.push(AgentGroup { agent: Agent::headless(&e.agent_id), subagents: vec![e.clone()] }),
            (false, Some(i)) if groups[i].agent.state.is_none() && groups[i].agent.agent_name.is_none() => {
                groups[i].agent = e.clone();
            }
            (false, _) => groups.push(AgentGroup { agent: e.clone(), subagents: vec![] }),
        }
    }
    groups
}

impl Agent {
    /// An entry that knows only the Agent's ID.
    pub fn headless(agent_id: &str) -> Agent {
        Agent {
            controller_id: None,
            agent_id: agent_id.to_string(),
            agent_name: None,
            subagent_id: None,
            url: None,
            version: None,
            state: None,
            is_director: None,
            error_message: None,
            running_tasks: None,
            disabled: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn entry(agent: &str, sub: Option<&str>) -> Agent {
        let mut a = Agent::headless(agent);
        a.subagent_id = sub.map(String::from);
        if sub.is_none() {
            a.agent_name = Some(agent.to_uppercase());
            a.state = Some(AgentStateText::Coupled.state());
        }
        a
    }

    #[test]
    fn subagents_are_grouped_under_their_agent_cluster_in_jocs_order() {
        let flat =
            [entry("a", None), entry("c", None), entry("c", Some("c1")), entry("c", Some("c2")), entry("b", None)];
        let g = group_agents(&flat);
        let shape: Vec<(&str, usize)> = g.iter().map(|g| (g.agent.name(), g.subagents.len())).collect();
        assert_eq!(shape, vec![("A", 0), ("C", 2), ("B", 0)]);
        assert_eq!(g[1].subagents[1].name(), "c2");
    }

    #[test]
    fn a_subagent_without_its_agent_entry_is_not_dropped() {
        let g = group_agents(&[entry("x", Some("x1")), entry("x", None)]);
        assert_eq!(g.len(), 1);
        assert_eq!((g[0].agent.name(), g[0].subagents.len()), ("X", 1), "the late Agent entry heads its group");
    }

    #[test]
    fn jocs_severity_is_kept_beside_the_text() {
        let a: Agent =
            serde_json::from_value(json!({"agentId": "a", "state": {"severity": 2, "_text": "COUPLED"}})).unwrap();
        let s = a.state.unwrap();
        assert_eq!((s.text, s.severity), (AgentStateText::Coupled, 2));
        let sub: Agent =
            serde_json::from_value(json!({"agentId": "c", "subagentId": "c1", "url": null, "state": null})).unwrap();
        assert_eq!((sub.is_subagent(), &sub.url, &sub.state, sub.name()), (true, &None, &None, "c1"));
    }
}
