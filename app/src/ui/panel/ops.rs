//! Operations in the UI: the state shared by the 3-dot menus, the confirmation dialog and the
//! feedback on a target, and the call of the server.

use crate::model::joc::AuditParams;
use crate::model::operations::{Action, Effects, Operation, Target};
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
    pub before: Effects,
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

/// The installation (None: the only one) and the Controller (None: the server's default)
/// the board shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Chosen {
    pub installation: Option<String>,
    pub controller: Option<String>,
}

/// Sends an operation on the Controller `chosen` to the server.
pub async fn call(op: Operation, audit: Option<AuditParams>, chosen: Chosen) -> Result<(), AppError> {
    sf::perform(op, audit, chosen.installation, chosen.controller).await
}
