//! The `{severity, _text}` pairs JOC attaches to components, connections and clusters.

use serde::{Deserialize, Serialize};

/// A state text with the severity JOC sends beside it.
///
/// The severity is kept as sent (JOC's `States.java` values, which differ from the schemas'
/// descriptions: `unknown` is 2, `ClusterUnknown` is 4) and the text is typed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Severe<T> {
    pub severity: i32,
    #[serde(rename = "_text")]
    pub text: T,
}

/// `componentState._text`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ComponentStateText {
    Operational,
    Limited,
    Inoperable,
    Unknown,
    #[serde(other)]
    Unrecognised,
}

/// `connectionState._text`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ConnectionStateText {
    Established,
    Unstable,
    Unreachable,
    Unknown,
    #[serde(other)]
    Unrecognised,
}

/// `clusterNodeState._text`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClusterNodeStateText {
    Active,
    Inactive,
    ApiServer,
    Unknown,
    #[serde(other)]
    Unrecognised,
}

pub type ComponentState = Severe<ComponentStateText>;
pub type ConnectionState = Severe<ConnectionStateText>;
pub type ClusterNodeState = Severe<ClusterNodeStateText>;

impl ComponentStateText {
    /// The severity JOC sends with this text.
    pub fn severity(self) -> i32 {
        match self {
            Self::Operational => 0,
            Self::Limited => 1,
            Self::Inoperable | Self::Unknown | Self::Unrecognised => 2,
        }
    }
    pub fn state(self) -> ComponentState {
        Severe { severity: self.severity(), text: self }
    }
}

impl ConnectionStateText {
    /// The severity JOC sends with this text.
    pub fn severity(self) -> i32 {
        match self {
            Self::Established => 0,
            Self::Unstable => 1,
            Self::Unreachable | Self::Unknown | Self::Unrecognised => 2,
        }
    }
    pub fn state(self) -> ConnectionState {
        Severe { severity: self.severity(), text: self }
    }
}

impl ClusterNodeStateText {
    /// The severity JOC sends with this text.
    pub fn severity(self) -> i32 {
        match self {
            Self::Active => 0,
            Self::Inactive | Self::ApiServer => 1,
            Self::Unknown | Self::Unrecognised => 2,
        }
    }
    pub fn state(self) -> ClusterNodeState {
        Severe { severity: self.severity(), text: self }
    }
}

/// The Controller cluster's type as JOC reports it: the engine's `ClusterState` types plus the
/// ones JOC synthesises (`ActiveNodeIsNotReady`, `NodeLossToBeConfirmed`,
/// `FailoverToBeConfirmed`, `Unknown`). On the wire each is prefixed with `Cluster`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ClusterType {
    #[serde(rename = "ClusterEmpty")]
    Empty,
    #[serde(rename = "ClusterNodesAppointed")]
    NodesAppointed,
    #[serde(rename = "ClusterPreparedToBeCoupled")]
    PreparedToBeCoupled,
    #[serde(rename = "ClusterCoupled")]
    Coupled,
    #[serde(rename = "ClusterActiveShutDown")]
    ActiveShutDown,
    #[serde(rename = "ClusterSwitchedOver")]
    SwitchedOver,
    #[serde(rename = "ClusterPassiveLost")]
    PassiveLost,
    #[serde(rename = "ClusterFailedOver")]
    FailedOver,
    #[serde(rename = "ClusterActiveNodeIsNotReady")]
    ActiveNodeIsNotReady,
    #[serde(rename = "ClusterNodeLossToBeConfirmed")]
    NodeLossToBeConfirmed,
    #[serde(rename = "ClusterFailoverToBeConfirmed")]
    FailoverToBeConfirmed,
    #[serde(rename = "ClusterUnknown", other)]
    Unknown,
}

impl ClusterType {
    /// Every type, in the engine's order then JOC's.
    pub const ALL: [ClusterType; 12] = [
        Self::Empty,
        Self::NodesAppointed,
        Self::PreparedToBeCoupled,
        Self::Coupled,
        Self::ActiveShutDown,
        Self::SwitchedOver,
        Self::PassiveLost,
        Self::FailedOver,
        Self::ActiveNodeIsNotReady,
        Self::NodeLossToBeConfirmed,
        Self::FailoverToBeConfirmed,
        Self::Unknown,
    ];

    /// The severity JOC sends with this type (`States.java`).
    pub fn severity(self) -> i32 {
        match self {
            Self::Coupled => 0,
            Self::NodesAppointed | Self::PassiveLost | Self::SwitchedOver | Self::FailedOver => 1,
            Self::Empty
            | Self::PreparedToBeCoupled
            | Self::ActiveShutDown
            | Self::ActiveNodeIsNotReady
            | Self::NodeLossToBeConfirmed
            | Self::FailoverToBeConfirmed => 2,
            Self::Unknown => 4,
        }
    }
}

/// `clusterState` of `controller/components`; `lossNode` is the engine's NodeId (`Primary` or
/// `Backup`) of an instance whose loss awaits confirmation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClusterState {
    pub severity: i32,
    #[serde(rename = "_text")]
    pub text: ClusterType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loss_node: Option<String>,
}

impl ClusterState {
    pub fn of(text: ClusterType) -> Self {
        ClusterState { severity: text.severity(), text, loss_node: None }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn texts_travel_as_joc_writes_them() {
        let s = serde_json::to_value(ClusterNodeStateText::ApiServer.state()).unwrap();
        assert_eq!(s, json!({"severity": 1, "_text": "api-server"}));
        let s = serde_json::to_value(ConnectionStateText::Unknown.state()).unwrap();
        assert_eq!(s, json!({"severity": 2, "_text": "unknown"}));
        let c: ClusterState = serde_json::from_value(
            json!({"severity": 2, "_text": "ClusterNodeLossToBeConfirmed", "lossNode": "Primary"}),
        )
        .unwrap();
        assert_eq!(c.text, ClusterType::NodeLossToBeConfirmed);
        assert_eq!(c.loss_node.as_deref(), Some("Primary"));
    }

    #[test]
    fn unknown_texts_from_a_newer_joc_do_not_fail_the_answer() {
        let s: ComponentState = serde_json::from_value(json!({"severity": 1, "_text": "degraded"})).unwrap();
        assert_eq!(s.text, ComponentStateText::Unrecognised);
        let c: ClusterState = serde_json::from_value(json!({"severity": 1, "_text": "ClusterSomethingNew"})).unwrap();
        assert_eq!(c.text, ClusterType::Unknown);
    }

    #[test]
    fn cluster_severities_are_the_implemented_ones() {
        let table = [
            ("ClusterCoupled", 0),
            ("ClusterNodesAppointed", 1),
            ("ClusterPassiveLost", 1),
            ("ClusterSwitchedOver", 1),
            ("ClusterFailedOver", 1),
            ("ClusterEmpty", 2),
            ("ClusterPreparedToBeCoupled", 2),
            ("ClusterActiveShutDown", 2),
            ("ClusterActiveNodeIsNotReady", 2),
            ("ClusterNodeLossToBeConfirmed", 2),
            ("ClusterFailoverToBeConfirmed", 2),
            ("ClusterUnknown", 4),
        ];
        for (text, sev) in table {
            let t: ClusterType = serde_json::from_value(json!(text)).unwrap();
            assert_eq!(t.severity(), sev, "{text}");
            assert_eq!(serde_json::to_value(t).unwrap(), json!(text));
        }
        assert_eq!(table.len(), ClusterType::ALL.len());
    }
}
