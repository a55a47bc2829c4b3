//! The `{severity, _text}` pairs JOC attaches to components, connections and clusters.

use super::lenient;
use serde::{Deserialize, Serialize};

/// A state text with the severity JOC sends beside it.
///
/// The severity is kept as sent (JOC's `States.java` values, which differ from the schemas'
/// descriptions: `unknown` is 2, `ClusterUnknown` is 4; for Agents JOC replaces it with the
/// severity of a connection problem). The text is typed; a text this version does not know is
/// kept in `raw` and shown as JOC wrote it. Either part may be missing: a missing severity is the
/// one JOC sends with the text, a missing text reads as unrecognised.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Severe<T> {
    pub severity: i32,
    pub text: T,
    /// JOC's text when `text` is the unrecognised variant.
    pub raw: Option<String>,
}

/// A typed state text of JOC's: the known texts and one variant for any other.
pub trait StateText: Copy + Serialize + PartialEq {
    /// The variant for texts this version does not know.
    const UNRECOGNISED: Self;
    /// The typed text of JOC's `s`, if known.
    fn parse(s: &str) -> Option<Self>;
    /// The severity JOC sends with this text.
    fn severity(self) -> i32;
}

impl<T: StateText> Severe<T> {
    /// The pair JOC sends for a known text.
    pub fn of(text: T) -> Self {
        Severe { severity: text.severity(), text, raw: None }
    }

    /// The same text with another severity (JOC's Agents carry their connection's).
    pub fn with_severity(mut self, severity: i32) -> Self {
        self.severity = severity;
        self
    }
}

impl<'de, T: StateText> Deserialize<'de> for Severe<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Wire {
            #[serde(default, deserialize_with = "lenient::opt")]
            severity: Option<i32>,
            #[serde(rename = "_text", default, deserialize_with = "lenient::opt")]
            text: Option<String>,
        }
        let w = Wire::deserialize(d)?;
        let (text, raw) = match w.text.as_deref().map(|s| (T::parse(s), s)) {
            Some((Some(t), _)) => (t, None),
            Some((None, s)) => (T::UNRECOGNISED, Some(s.to_string())),
            None => (T::UNRECOGNISED, None),
        };
        Ok(Severe { severity: w.severity.unwrap_or_else(|| text.severity()), text, raw })
    }
}

impl<T: StateText> Serialize for Severe<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Severe", 2)?;
        st.serialize_field("severity", &self.severity)?;
        match &self.raw {
            Some(raw) => st.serialize_field("_text", raw)?,
            None if self.text == T::UNRECOGNISED => st.skip_field("_text")?,
            None => st.serialize_field("_text", &self.text)?,
        }
        st.end()
    }
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

/// Implements [`StateText`] from JOC's texts and severities, and the inherent `severity()` and
/// `state()` that callers use.
macro_rules! state_text {
    ($t:ty, unrecognised $u:path => $usev:expr, { $($s:literal => $v:path : $sev:expr),* $(,)? }) => {
        impl StateText for $t {
            const UNRECOGNISED: Self = $u;
            fn parse(s: &str) -> Option<Self> {
                match s {
                    $($s => Some($v),)*
                    _ => None,
                }
            }
            fn severity(self) -> i32 {
                match self {
                    $($v => $sev,)*
                    $u => $usev,
                }
            }
        }
        impl $t {
            /// The severity JOC sends with this text.
            pub fn severity(self) -> i32 {
                <Self as StateText>::severity(self)
            }
            /// The pair JOC sends for this text.
            pub fn state(self) -> Severe<Self> {
                Severe::of(self)
            }
        }
    };
}
pub(crate) use state_text;

state_text!(ComponentStateText, unrecognised ComponentStateText::Unrecognised => 2, {
    "operational" => ComponentStateText::Operational: 0,
    "limited" => ComponentStateText::Limited: 1,
    "inoperable" => ComponentStateText::Inoperable: 2,
    "unknown" => ComponentStateText::Unknown: 2,
});

state_text!(ConnectionStateText, unrecognised ConnectionStateText::Unrecognised => 2, {
    "established" => ConnectionStateText::Established: 0,
    "unstable" => ConnectionStateText::Unstable: 1,
    "unreachable" => ConnectionStateText::Unreachable: 2,
    "unknown" => ConnectionStateText::Unknown: 2,
});

state_text!(ClusterNodeStateText, unrecognised ClusterNodeStateText::Unrecognised => 2, {
    "active" => ClusterNodeStateText::Active: 0,
    "inactive" => ClusterNodeStateText::Inactive: 1,
    "api-server" => ClusterNodeStateText::ApiServer: 1,
    "unknown" => ClusterNodeStateText::Unknown: 2,
});

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

impl StateText for ClusterType {
    const UNRECOGNISED: Self = ClusterType::Unknown;
    fn parse(s: &str) -> Option<Self> {
        use serde::de::IntoDeserializer;
        let t = ClusterType::deserialize(s.into_deserializer()).map_err(|_: serde::de::value::Error| ()).ok()?;
        (t != ClusterType::Unknown || s == "ClusterUnknown").then_some(t)
    }
    fn severity(self) -> i32 {
        ClusterType::severity(self)
    }
}

/// `clusterState` of `controller/components`; `lossNode` is the engine's NodeId (`Primary` or
/// `Backup`) of an instance whose loss awaits confirmation. A type this version does not know
/// reads as `Unknown` with JOC's text kept in `raw`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClusterState {
    pub severity: i32,
    pub text: ClusterType,
    pub raw: Option<String>,
    pub loss_node: Option<String>,
}

impl ClusterState {
    pub fn of(text: ClusterType) -> Self {
        ClusterState { severity: text.severity(), text, raw: None, loss_node: None }
    }
}

impl<'de> Deserialize<'de> for ClusterState {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Wire {
            #[serde(flatten)]
            state: Severe<ClusterType>,
            #[serde(default, deserialize_with = "lenient::opt")]
            loss_node: Option<String>,
        }
        let w = Wire::deserialize(d)?;
        Ok(ClusterState { severity: w.state.severity, text: w.state.text, raw: w.state.raw, loss_node: w.loss_node })
    }
}

impl Serialize for ClusterState {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        // `Unknown` is also JOC's own `ClusterUnknown`: the text is always written.
        let mut st = s.serialize_struct("ClusterState", 3)?;
        st.serialize_field("severity", &self.severity)?;
        match &self.raw {
            Some(raw) => st.serialize_field("_text", raw)?,
            None => st.serialize_field("_text", &self.text)?,
        }
        match &self.loss_node {
            Some(node) => st.serialize_field("lossNode", node)?,
            None => st.skip_field("lossNode")?,
        }
        st.end()
    }
}

#[cfg(test)]
mod tests;
