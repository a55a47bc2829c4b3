//! The operations of the panel: what each one is and acts on, and whether it is well-formed
//! and permitted. Beside it: [`call`] (what each one asks JOC to do), [`audit`] (the reason
//! sent with it), [`effects`] (what the panel watches after it) and [`menu`] (when the 3-dot
//! menu of a rectangle offers it).

use super::joc::{Permissions, ServiceType};
use serde::{Deserialize, Serialize};

/// A JOC service the panel restarts one by one. `Proxy` has its own endpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum JocService {
    Cleanup,
    DailyPlan,
    History,
    LogNotification,
    Monitor,
    Proxy,
}

impl JocService {
    pub const ALL: [JocService; 6] =
        [Self::Cleanup, Self::DailyPlan, Self::History, Self::LogNotification, Self::Monitor, Self::Proxy];

    /// The service type of `joc/cluster/restart` (None for the proxies).
    pub fn service_type(self) -> Option<ServiceType> {
        match self {
            Self::Cleanup => Some(ServiceType::Cleanup),
            Self::DailyPlan => Some(ServiceType::Dailyplan),
            Self::History => Some(ServiceType::History),
            Self::LogNotification => Some(ServiceType::Lognotification),
            Self::Monitor => Some(ServiceType::Monitor),
            Self::Proxy => None,
        }
    }
}

/// One operation with its target.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Operation {
    /// Make this standby JOC instance the active one.
    JocSwitchOver {
        member_id: String,
    },
    /// Remove a dead standby JOC instance from JOC's inventory (it registers itself again
    /// when it starts).
    RemoveJocInstance {
        member_id: String,
    },
    /// Change the URL shown for a JOC instance.
    UpdateUrl {
        instance_id: String,
        url: String,
    },
    /// Restart all JOC services (and the proxies).
    RestartServices,
    RestartService {
        service: JocService,
    },
    /// Run the cleanup or daily plan service now.
    RunService {
        service: ServiceType,
    },
    /// Terminate a Controller instance, and start it again if `restart`.
    Terminate {
        url: String,
        restart: bool,
        switchover: bool,
    },
    /// Abort a Controller instance (the standby of a coupled cluster fails over).
    Abort {
        url: String,
        restart: bool,
    },
    ClusterSwitchOver,
    /// Confirm that the lost Controller instance is down (node loss or fail-over).
    ConfirmNodeLoss,
}

/// What an operation acts on. One operation at a time per target: a second one on the same
/// target waits for the first to be answered.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum OpTarget {
    /// Which JOC instance is active, and JOC's inventory of instances.
    JocCluster,
    /// The URL JOC shows for one instance (its instance id).
    JocUrl(String),
    /// The services of the active JOC instance.
    JocServices,
    /// One Controller instance (its URL).
    Controller(String),
    /// Which Controller instance is active.
    ControllerCluster,
}

/// Why an operation is not well-formed (whatever the state and the user).
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum InvalidOperation {
    #[error("Enter a URL starting with http:// or https://, at most 255 characters.")]
    Url,
    #[error("Only the cleanup and daily plan services can be run.")]
    NotRunnable,
}

impl InvalidOperation {
    /// Its code for the browser.
    pub fn code(self) -> super::errors::ErrorCode {
        match self {
            InvalidOperation::Url => super::errors::ErrorCode::BadUrl,
            InvalidOperation::NotRunnable => super::errors::ErrorCode::Invalid,
        }
    }
}

impl Operation {
    /// The operation as sent: a URL without surrounding white space.
    pub fn normalised(self) -> Operation {
        match self {
            Operation::UpdateUrl { instance_id, url } => Operation::UpdateUrl { instance_id, url: url.trim().into() },
            other => other,
        }
    }

    /// Is it well-formed: a URL a web address JOC can store, a service that can be run?
    pub fn validate(&self) -> Result<(), InvalidOperation> {
        match self {
            Operation::UpdateUrl { url, .. } => {
                let web = super::links::web_address(url).is_some_and(|u| u == url);
                if web && url.chars().count() <= 255 { Ok(()) } else { Err(InvalidOperation::Url) }
            }
            Operation::RunService { service } if !service.can_run() => Err(InvalidOperation::NotRunnable),
            _ => Ok(()),
        }
    }

    /// Does the live status show the effect of this operation (else JOC's answer is the
    /// effect: a restarted or run service shows nowhere in the status)?
    pub fn shows_in_status(&self) -> bool {
        !matches!(self, Operation::RestartServices | Operation::RestartService { .. } | Operation::RunService { .. })
    }

    /// Its name in the metrics and the timeline (`cluster-switch-over`, `terminate`, ...).
    pub fn kind(&self) -> &'static str {
        match self {
            Operation::JocSwitchOver { .. } => "joc-switch-over",
            Operation::RemoveJocInstance { .. } => "remove-joc-instance",
            Operation::UpdateUrl { .. } => "update-url",
            Operation::RestartServices => "restart-services",
            Operation::RestartService { .. } => "restart-service",
            Operation::RunService { .. } => "run-service",
            Operation::Terminate { restart: false, .. } => "terminate",
            Operation::Terminate { restart: true, .. } => "restart",
            Operation::Abort { restart: false, .. } => "abort",
            Operation::Abort { restart: true, .. } => "abort-and-restart",
            Operation::ClusterSwitchOver => "cluster-switch-over",
            Operation::ConfirmNodeLoss => "confirm-node-loss",
        }
    }

    /// What the operation acts on.
    pub fn target(&self) -> OpTarget {
        match self {
            Operation::JocSwitchOver { .. } | Operation::RemoveJocInstance { .. } => OpTarget::JocCluster,
            Operation::UpdateUrl { instance_id, .. } => OpTarget::JocUrl(instance_id.clone()),
            Operation::RestartServices | Operation::RestartService { .. } | Operation::RunService { .. } => {
                OpTarget::JocServices
            }
            Operation::Terminate { url, .. } | Operation::Abort { url, .. } => OpTarget::Controller(url.clone()),
            Operation::ClusterSwitchOver | Operation::ConfirmNodeLoss => OpTarget::ControllerCluster,
        }
    }

    /// May a user with permissions `p` perform it on Controller `controller_id`? The same
    /// permissions the menus ask for ([`menu`]).
    pub fn permitted(&self, p: &Permissions, controller_id: &str) -> bool {
        let c = p.for_controller(controller_id);
        match self {
            Operation::JocSwitchOver { .. }
            | Operation::RemoveJocInstance { .. }
            | Operation::RestartServices
            | Operation::RunService { .. } => p.joc.cluster.manage,
            Operation::RestartService { service: JocService::Proxy } => {
                p.joc.cluster.manage || p.joc.administration.controllers.manage
            }
            Operation::RestartService { .. } => p.joc.cluster.manage,
            Operation::UpdateUrl { .. } => p.joc.administration.settings.manage,
            Operation::Terminate { restart, .. } | Operation::Abort { restart, .. } => {
                c.terminate && (!restart || c.restart)
            }
            Operation::ClusterSwitchOver | Operation::ConfirmNodeLoss => c.switch_over,
        }
    }

    /// How long JOC may take to answer, in seconds, when longer than an ordinary call: a JOC
    /// switch-over and a restart of all services stop every JOC service before JOC answers
    /// (tens of seconds, minutes on a busy JOC; `docs/joc-conformance.md`, "Operations").
    pub fn answer_within_secs(&self) -> Option<u64> {
        match self {
            Operation::JocSwitchOver { .. } | Operation::RestartServices => Some(300),
            _ => None,
        }
    }

    /// Does JOC answer before the Controller acts, so that a refusal arrives later as an
    /// event for the requester's session (`ProblemEvent`)?
    pub fn refused_later(&self) -> bool {
        matches!(self, Operation::ClusterSwitchOver)
    }
}

mod audit;
mod call;
mod effects;
mod menu;
pub use audit::{AUDIT_COMMENT_MAX, AuditProblem, TICKET_LINK_MAX, check_audit};
pub use call::joc_call;
pub use effects::Effects;
pub use menu::{Action, MenuItem, Risk, Target, Why, menu};

#[cfg(test)]
mod tests;
