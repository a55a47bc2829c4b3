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

/// Words of the operations.
pub mod ops {
    use crate::model::joc::ServiceType;
    use crate::model::operations::{Action, JocService, Operation, Why};

    pub fn service(s: JocService) -> &'static str {
        match s {
            JocService::Cleanup => "Cleanup Service",
            JocService::DailyPlan => "Daily Plan Service",
            JocService::History => "History Service",
            JocService::LogNotification => "Log Notification Service",
            JocService::Monitor => "Monitor Service",
            JocService::Proxy => "Proxy Service",
        }
    }

    fn run_service(s: ServiceType) -> &'static str {
        match s {
            ServiceType::Dailyplan => "Daily Plan Service",
            _ => "Cleanup Service",
        }
    }

    /// The menu label of an action; `failover` says whether a confirmation awaits a fail-over
    /// (rather than a node loss).
    pub fn label(a: &Action, failover: bool) -> String {
        match a {
            Action::Run(op) => operation(op, failover),
            Action::EditUrl { .. } => "Update URL".into(),
            Action::DownloadJocLog | Action::DownloadControllerLog { .. } => "Download Log".into(),
        }
    }

    pub fn operation(op: &Operation, failover: bool) -> String {
        match op {
            Operation::JocSwitchOver { .. } | Operation::ClusterSwitchOver => "Switch-over".into(),
            Operation::UpdateUrl { .. } => "Update URL".into(),
            Operation::RestartServices => "Restart Services".into(),
            Operation::RestartService { service: s } => format!("Restart Service › {}", service(*s)),
            Operation::RunService { service: s } => format!("Run Service › {}", run_service(*s)),
            Operation::Terminate { restart, switchover, .. } => {
                let base = if *restart { "Terminate and Restart" } else { "Terminate" };
                base.to_string() + if *switchover { " › With switch-over" } else { "" }
            }
            Operation::Abort { restart, .. } => (if *restart { "Abort and Restart" } else { "Abort" }).into(),
            Operation::ConfirmNodeLoss if failover => "Confirm fail-over".into(),
            Operation::ConfirmNodeLoss => "Confirm loss of a Controller instance".into(),
        }
    }

    pub fn why(w: Why) -> &'static str {
        match w {
            Why::NotCoupled => "The cluster is not coupled.",
            Why::NotReachable => "JOC Cockpit cannot reach this instance.",
            Why::NoLossToConfirm => "No loss of an instance awaits confirmation.",
            Why::InstanceDown => "This instance is not running.",
        }
    }

    /// What happens, said in the confirmation. `coupled`: the Controller cluster is coupled.
    pub fn consequence(op: &Operation, coupled: bool, active: bool) -> String {
        let restart = |r: bool| if r { " It is then started again." } else { "" };
        match op {
            Operation::JocSwitchOver { .. } => {
                "The active role passes to this JOC Cockpit instance. This takes 20 to 60 seconds.".into()
            }
            Operation::UpdateUrl { .. } => "Only the URL shown changes.".into(),
            Operation::RestartServices => {
                "All JOC Cockpit services and the proxies restart; they pause briefly.".into()
            }
            Operation::RestartService { .. } => "The service restarts; it pauses briefly.".into(),
            Operation::RunService { .. } => "The service runs now, besides its schedule.".into(),
            Operation::Terminate { restart: r, switchover: true, .. } => {
                format!("The standby instance takes over the active role, then this instance stops.{}", restart(*r))
            }
            Operation::Terminate { restart: r, .. } if active => format!(
                "This instance stops without handing over: no Controller instance will be active{}.",
                if *r { " until it is back" } else { " until someone starts one" }
            ),
            Operation::Terminate { restart: r, .. } => format!("This instance stops.{}", restart(*r)),
            Operation::Abort { restart: r, .. } if active && coupled => {
                format!("The instance is killed at once; the standby instance fails over.{}", restart(*r))
            }
            Operation::Abort { restart: r, .. } if active => {
                format!("The instance is killed at once; no Controller instance will be active.{}", restart(*r))
            }
            Operation::Abort { restart: r, .. } => format!("The instance is killed at once.{}", restart(*r)),
            Operation::ClusterSwitchOver => "The standby Controller instance becomes the active one.".into(),
            Operation::ConfirmNodeLoss => {
                "If the lost instance is in fact still running, two instances could act as active.".into()
            }
        }
    }
}
