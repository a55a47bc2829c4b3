//! The 3-dot menu of each rectangle: which operations it offers in the current state and to
//! this user, enabled or with the reason they are not (JOC's own menu rules, with the changes a
//! JOC user expects, each said below).

use super::{JocService, Operation};
use crate::model::joc::{
    ClusterNodeStateText, ClusterType, ComponentStateText, Components, ConnectionStateText, Permissions, ServiceType,
};
use serde::{Deserialize, Serialize};

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
    let active_member = ctl.is_active_member();
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
