//! Operations in the UI: the state shared by the 3-dot menus, the confirmation dialog and the
//! feedback on a target, and the call of the right server function.

use crate::model::joc::{AuditParams, Components};
use crate::model::operations::{Action, Operation, Target};
use crate::serverfns::{AppError, ops as sf};
use leptos::prelude::*;

/// What the confirmation dialog is asked to confirm.
#[derive(Clone, Debug, PartialEq)]
pub struct DialogRequest {
    pub target: Target,
    /// The menu item chosen (its label is the dialog's title).
    pub action: Action,
    pub op: Operation,
    /// The cluster awaits a fail-over confirmation (rather than a node loss).
    pub failover: bool,
    /// The Controller cluster is coupled.
    pub coupled: bool,
    /// The target is the active Controller instance.
    pub active: bool,
    pub severe: bool,
    /// For a node-loss confirmation: the instance to verify as down.
    pub loss_node: Option<String>,
    /// For the URL dialog: the current URL.
    pub url: Option<String>,
}

/// An operation under way on a target.
#[derive(Clone, Debug, PartialEq)]
pub struct Pending {
    pub target: Target,
    pub label: String,
    /// Browser time (ms) when it was sent.
    pub started: f64,
    /// Sent and accepted; waiting for the live status to show the change.
    pub accepted: bool,
    /// The status when it was sent, to see the change.
    pub before: String,
}

/// A message after an operation.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    Done(String),
    Failed(String),
}

/// The operations state of the panel, provided by context.
#[derive(Clone, Copy)]
pub struct OpsState {
    pub open_menu: RwSignal<Option<Target>>,
    pub dialog: RwSignal<Option<DialogRequest>>,
    pub pending: RwSignal<Option<Pending>>,
    pub notice: RwSignal<Option<Notice>>,
}

impl OpsState {
    pub fn new() -> OpsState {
        OpsState {
            open_menu: RwSignal::new(None),
            dialog: RwSignal::new(None),
            pending: RwSignal::new(None),
            notice: RwSignal::new(None),
        }
    }
}

impl Default for OpsState {
    fn default() -> Self {
        OpsState::new()
    }
}

/// What the panel shows of the states an operation changes; a different value after an
/// operation was accepted means JOC reports its effect.
pub fn fingerprint(c: &Components) -> String {
    let mut s = format!("{:?}", c.cluster_state.as_ref().map(|x| (x.text, x.loss_node.clone())));
    for k in &c.controllers {
        s += &format!(
            "|{:?}{:?}{:?}",
            k.cluster_node_state.as_ref().map(|x| x.text),
            k.connection_state.as_ref().map(|x| x.text),
            k.started_at
        );
    }
    for j in &c.jocs {
        s += &format!("|{:?}{:?}", j.cluster_node_state.as_ref().map(|x| x.text), j.url);
    }
    s
}

/// Does the live status show the effect of this operation (else the answer is the effect)?
pub fn shows_in_status(op: &Operation) -> bool {
    !matches!(op, Operation::RestartServices | Operation::RestartService { .. } | Operation::RunService { .. })
}

/// Calls the server function of an operation.
pub async fn call(op: Operation, audit: Option<AuditParams>) -> Result<(), AppError> {
    match op {
        Operation::JocSwitchOver { member_id } => sf::switch_over_joc(member_id, audit).await,
        Operation::RemoveJocInstance { member_id } => sf::remove_joc_instance(member_id, audit).await,
        Operation::UpdateUrl { instance_id, url } => sf::update_joc_url(instance_id, url).await,
        Operation::RestartServices => sf::restart_joc_services(audit).await,
        Operation::RestartService { service } => sf::restart_joc_service(service, audit).await,
        Operation::RunService { service } => sf::run_joc_service(service, audit).await,
        Operation::Terminate { url, restart, switchover } => {
            sf::terminate_controller(url, restart, switchover, audit).await
        }
        Operation::Abort { url, restart } => sf::abort_controller(url, restart, audit).await,
        Operation::ClusterSwitchOver => sf::switch_over_cluster(audit).await,
        Operation::ConfirmNodeLoss => sf::confirm_node_loss(audit).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixtures::healthy_cluster;
    use crate::model::joc::{ClusterState, ClusterType};

    #[test]
    fn the_fingerprint_sees_what_operations_change() {
        let a = healthy_cluster();
        let mut b = a.clone();
        b.delivery_date = "later".into();
        assert_eq!(fingerprint(&a), fingerprint(&b), "a new answer alone is no change");
        b.cluster_state = Some(ClusterState::of(ClusterType::SwitchedOver));
        assert_ne!(fingerprint(&a), fingerprint(&b));
        let mut c = a.clone();
        c.jocs[1].url = Some("https://other".into());
        assert_ne!(fingerprint(&a), fingerprint(&c));
    }
}
