//! The operations of the panel: what each one asks JOC to do, and when the 3-dot menu of a
//! rectangle offers it (JOC's own menu rules, with the changes a JOC user expects,
//! each said below).

use super::joc::{
    AuditParams, ClusterNodeStateText, ClusterService, ClusterType, CockpitUri, ComponentStateText, Components,
    ConnectionStateText, Permissions, ProxiesRestart, Role, ServiceType, SwitchMember, UrlParameter,
};
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

impl Operation {
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

/// What the panel sends to JOC for an operation: the path under `/joc/api/` and the body.
pub fn joc_call(op: &Operation, controller_id: &str, audit: Option<AuditParams>) -> (&'static str, serde_json::Value) {
    use serde_json::to_value;
    let url_param = |url: Option<&String>, switchover: Option<bool>| UrlParameter {
        controller_id: controller_id.to_string(),
        url: url.cloned(),
        with_switchover: switchover,
        audit_log: audit.clone(),
    };
    let (path, body) = match op {
        Operation::JocSwitchOver { member_id } => (
            "joc/cluster/switch_member",
            to_value(SwitchMember { member_id: member_id.clone(), audit_log: audit.clone() }),
        ),
        Operation::RemoveJocInstance { member_id } => (
            "joc/cluster/delete_member",
            to_value(SwitchMember { member_id: member_id.clone(), audit_log: audit.clone() }),
        ),
        // JOC's schema allows no other field here, so no audit log.
        Operation::UpdateUrl { instance_id, url } => {
            ("joc/url", to_value(CockpitUri { instance_id: Some(instance_id.clone()), url: url.clone() }))
        }
        Operation::RestartServices => (
            "joc/cluster/restart",
            to_value(ClusterService { service: ServiceType::Cluster, audit_log: audit.clone() }),
        ),
        Operation::RestartService { service } => match service.service_type() {
            Some(t) => ("joc/cluster/restart", to_value(ClusterService { service: t, audit_log: audit.clone() })),
            None => ("joc/proxies/restart", to_value(ProxiesRestart { audit_log: audit.clone() })),
        },
        Operation::RunService { service } => {
            ("joc/cluster/run", to_value(ClusterService { service: *service, audit_log: audit.clone() }))
        }
        Operation::Terminate { url, restart, switchover } => (
            if *restart { "controller/restart" } else { "controller/terminate" },
            to_value(url_param(Some(url), Some(*switchover))),
        ),
        Operation::Abort { url, restart } => (
            if *restart { "controller/abort_and_restart" } else { "controller/abort" },
            to_value(url_param(Some(url), Some(false))),
        ),
        Operation::ClusterSwitchOver => ("controller/cluster/switchover", to_value(url_param(None, None))),
        Operation::ConfirmNodeLoss => ("controller/cluster/confirm_node_loss", to_value(url_param(None, None))),
    };
    (path, body.expect("operation bodies serialise"))
}

/// Which rectangle a menu belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Target {
    Joc(usize),
    Controller(usize),
    Cluster,
}

/// Why a menu item is disabled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Why {
    NotCoupled,
    NotReachable,
    NoLossToConfirm,
    InstanceDown,
}

/// How careful the confirmation must be.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Risk {
    /// Changes no running component (URL, downloads).
    Safe,
    /// Interrupts something: ask, naming the target.
    Disruptive,
    /// Leaves no active instance, or acts on a person's word that an instance is down.
    Severe,
}

/// A menu entry: the operation, or a download; enabled or the reason it is not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MenuItem {
    pub action: Action,
    pub enabled: Result<(), Why>,
    pub risk: Risk,
}

/// What a menu entry does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    Run(Operation),
    /// Opens the URL dialog for a JOC instance.
    EditUrl {
        instance_id: String,
        url: String,
    },
    DownloadJocLog,
    DownloadControllerLog {
        url: String,
    },
}

fn item(action: Action, enabled: Result<(), Why>, risk: Risk) -> MenuItem {
    MenuItem { action, enabled, risk }
}

fn when(ok: bool, why: Why) -> Result<(), Why> {
    if ok { Ok(()) } else { Err(why) }
}

/// The menu of a rectangle for a user with permissions `p`.
pub fn menu(target: Target, c: &Components, p: &Permissions) -> Vec<MenuItem> {
    match target {
        Target::Joc(i) => c.jocs.get(i).map(|_| joc_menu(i, c, p)).unwrap_or_default(),
        Target::Controller(k) => c.controllers.get(k).map(|_| controller_menu(k, c, p)).unwrap_or_default(),
        Target::Cluster => cluster_menu(c, p),
    }
}

/// JOC: services on the instance the server talks to when it is active (JOC hides them for a
/// single JOC without a cluster; here a single JOC counts as active); switch-over on a
/// standby that is alive; removal from the inventory of a standby JOC no longer knows alive
/// (as JOC offers it: another instance, not active, state unknown); URL and log downloads.
fn joc_menu(i: usize, c: &Components, p: &Permissions) -> Vec<MenuItem> {
    let joc = &c.jocs[i];
    let node = joc.cluster_node_state.as_ref().map(|s| s.text);
    let acting = joc.current && node.is_none_or(|n| n == ClusterNodeStateText::Active);
    let manage = p.joc.cluster.manage;
    let mut items = Vec::new();
    if acting && manage {
        items.push(item(Action::Run(Operation::RestartServices), Ok(()), Risk::Disruptive));
    }
    if acting {
        for service in JocService::ALL {
            let allowed = manage || (service == JocService::Proxy && p.joc.administration.controllers.manage);
            if allowed {
                items.push(item(Action::Run(Operation::RestartService { service }), Ok(()), Risk::Disruptive));
            }
        }
        if manage {
            for service in [ServiceType::Cleanup, ServiceType::Dailyplan] {
                items.push(item(Action::Run(Operation::RunService { service }), Ok(()), Risk::Disruptive));
            }
        }
    }
    if manage && node.is_some_and(|n| n != ClusterNodeStateText::Active) {
        let alive = joc.component_state.as_ref().is_some_and(|s| s.text != ComponentStateText::Unknown);
        let op = Operation::JocSwitchOver { member_id: joc.member_id.clone() };
        items.push(item(Action::Run(op), when(alive, Why::InstanceDown), Risk::Disruptive));
        let dead = joc.component_state.as_ref().is_some_and(|s| s.text == ComponentStateText::Unknown);
        if dead && !joc.current {
            let op = Operation::RemoveJocInstance { member_id: joc.member_id.clone() };
            items.push(item(Action::Run(op), Ok(()), Risk::Disruptive));
        }
    }
    if p.joc.administration.settings.manage {
        let edit = Action::EditUrl { instance_id: joc.instance_id.clone(), url: joc.url.clone().unwrap_or_default() };
        items.push(item(edit, Ok(()), Risk::Safe));
    }
    if joc.current && p.joc.get_log {
        items.push(item(Action::DownloadJocLog, Ok(()), Risk::Safe));
    }
    items
}

/// Controller: the active instance of a cluster has switch-over variants (they need a coupled
/// cluster); a standby or standalone instance has plain ones. JOC disables the plain ones
/// unless the instance is operational; here they need it reachable, so a hung standby can
/// still be stopped.
fn controller_menu(k: usize, c: &Components, p: &Permissions) -> Vec<MenuItem> {
    let ctl = &c.controllers[k];
    let perms = p.for_controller(&ctl.controller_id);
    let reachable = ctl.connection_state.as_ref().is_some_and(|s| s.text == ConnectionStateText::Established);
    let up = when(reachable, Why::NotReachable);
    let active_member = ctl.role != Role::Standalone
        && ctl.cluster_node_state.as_ref().is_some_and(|s| s.text == ClusterNodeStateText::Active);
    let coupled = when(ctl.is_coupled && reachable, if reachable { Why::NotCoupled } else { Why::NotReachable });
    let url = ctl.url.clone();
    let mut items = Vec::new();
    let mut terminate = |restart: bool| {
        if active_member {
            let with = Operation::Terminate { url: url.clone(), restart, switchover: true };
            let without = Operation::Terminate { url: url.clone(), restart, switchover: false };
            items.push(item(Action::Run(with), coupled, Risk::Disruptive));
            items.push(item(Action::Run(without), up, if restart { Risk::Disruptive } else { Risk::Severe }));
        } else {
            let op = Operation::Terminate { url: url.clone(), restart, switchover: false };
            items.push(item(Action::Run(op), up, if restart { Risk::Disruptive } else { Risk::Severe }));
        }
    };
    if perms.terminate {
        terminate(false);
    }
    if perms.terminate && perms.restart {
        terminate(true);
    }
    if perms.terminate {
        items.push(item(Action::Run(Operation::Abort { url: url.clone(), restart: false }), up, Risk::Severe));
    }
    if perms.terminate && perms.restart {
        items.push(item(Action::Run(Operation::Abort { url: url.clone(), restart: true }), up, Risk::Disruptive));
    }
    if perms.get_log {
        items.push(item(Action::DownloadControllerLog { url }, up, Risk::Safe));
    }
    items
}

/// Cluster: switch-over when coupled; confirming a loss only while one awaits confirmation.
fn cluster_menu(c: &Components, p: &Permissions) -> Vec<MenuItem> {
    let Some(first) = c.controllers.first() else { return vec![] };
    if !c.is_controller_cluster() || !p.for_controller(&first.controller_id).switch_over {
        return vec![];
    }
    let state = c.cluster_state.as_ref().map(|s| s.text);
    let loss = matches!(state, Some(ClusterType::NodeLossToBeConfirmed | ClusterType::FailoverToBeConfirmed));
    vec![
        item(
            Action::Run(Operation::ClusterSwitchOver),
            when(state == Some(ClusterType::Coupled), Why::NotCoupled),
            Risk::Disruptive,
        ),
        item(Action::Run(Operation::ConfirmNodeLoss), when(loss, Why::NoLossToConfirm), Risk::Severe),
    ]
}

#[cfg(test)]
#[path = "operations_tests.rs"]
mod tests;
