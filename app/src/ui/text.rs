//! The words of the panel (JOC Cockpit's wording).

use crate::model::colours::Tone;
use crate::model::joc::{ClusterNodeStateText, ClusterType, ComponentStateText, ConnectionStateText, SecurityLevel};

pub fn component(t: ComponentStateText) -> &'static str {
    match t {
        ComponentStateText::Operational => "operational",
        ComponentStateText::Limited => "limited",
        ComponentStateText::Inoperable => "inoperable",
        ComponentStateText::Unknown | ComponentStateText::Unrecognised => "unknown",
    }
}

/// JOC labels a healthy line with nothing and an unstable one "unhealthy".
pub fn connection(t: ConnectionStateText) -> &'static str {
    match t {
        ConnectionStateText::Established => "",
        ConnectionStateText::Unstable => "unhealthy",
        ConnectionStateText::Unreachable => "unreachable",
        ConnectionStateText::Unknown | ConnectionStateText::Unrecognised => "unknown",
    }
}

pub fn cluster_node(t: ClusterNodeStateText) -> &'static str {
    match t {
        ClusterNodeStateText::Active => "active",
        ClusterNodeStateText::Inactive => "standby",
        ClusterNodeStateText::ApiServer => "API server",
        ClusterNodeStateText::Unknown | ClusterNodeStateText::Unrecognised => "unknown",
    }
}

pub fn cluster(t: ClusterType) -> &'static str {
    match t {
        ClusterType::Empty => "Empty",
        ClusterType::NodesAppointed => "Nodes appointed",
        ClusterType::PreparedToBeCoupled => "Prepared to be coupled",
        ClusterType::Coupled => "Coupled",
        ClusterType::ActiveShutDown => "Active node shut down",
        ClusterType::SwitchedOver => "Switched over",
        ClusterType::PassiveLost => "Passive lost",
        ClusterType::FailedOver => "Failed over",
        ClusterType::ActiveNodeIsNotReady => "Active node is not ready",
        ClusterType::NodeLossToBeConfirmed => "Node loss to be confirmed",
        ClusterType::FailoverToBeConfirmed => "Fail-over to be confirmed",
        ClusterType::Unknown => "Unknown",
    }
}

pub fn security(l: SecurityLevel) -> &'static str {
    match l {
        SecurityLevel::Low => "low",
        SecurityLevel::Medium => "medium",
        SecurityLevel::High => "high",
    }
}

/// The word that goes with a colour, so the panel reads without colour.
pub fn tone(t: Tone) -> &'static str {
    match t {
        Tone::Ok => "healthy",
        Tone::Warn => "not healthy",
        Tone::Bad => "failed or unknown",
        Tone::Idle => "no data",
    }
}

/// The glyph drawn in a tile, so the panel reads in greyscale.
pub fn glyph(t: Tone) -> &'static str {
    match t {
        Tone::Ok => "✓",
        Tone::Warn => "!",
        Tone::Bad => "✕",
        Tone::Idle => "?",
    }
}

/// Shortens `s` to at most `max` characters with an ellipsis.
pub fn ellipsis(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ellipsis_keeps_short_texts_and_cuts_long_ones() {
        assert_eq!(ellipsis("http://a:1", 20), "http://a:1");
        let long = "https://joc-primary.example.com:4443/very/long";
        let cut = ellipsis(long, 20);
        assert_eq!(cut.chars().count(), 20);
        assert!(cut.ends_with('…'));
    }
}
