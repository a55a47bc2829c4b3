//! The operations of the panel, one server function each. Each takes the target as JOC
//! reported it and an optional reason for JOC's audit log.

use super::AppError;
use crate::model::joc::{AuditParams, ServiceType};
use crate::model::operations::JocService;
#[cfg(feature = "ssr")]
use crate::model::operations::Operation;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
async fn perform(op: Operation, audit: Option<AuditParams>) -> Result<(), AppError> {
    super::error::with_status(
        async {
            let sid = super::backend::session_id().await?;
            super::backend::backend()?.perform(&sid, op, audit).await
        }
        .await,
    )
}

/// JOC Cockpit switch-over: the standby `member_id` becomes active (takes 20 to 60 s).
#[server(endpoint = "ops/switch_over_joc")]
pub async fn switch_over_joc(member_id: String, audit: Option<AuditParams>) -> Result<(), AppError> {
    perform(Operation::JocSwitchOver { member_id }, audit).await
}

/// Removes a dead standby JOC instance from JOC's inventory.
#[server(endpoint = "ops/remove_joc_instance")]
pub async fn remove_joc_instance(member_id: String, audit: Option<AuditParams>) -> Result<(), AppError> {
    perform(Operation::RemoveJocInstance { member_id }, audit).await
}

/// Changes the URL JOC shows for an instance (JOC records no reason for it).
#[server(endpoint = "ops/update_joc_url")]
pub async fn update_joc_url(instance_id: String, url: String) -> Result<(), AppError> {
    let url = url.trim().to_string();
    if !(url.starts_with("http://") || url.starts_with("https://"))
        || url.len() > 255
        || url.contains(char::is_whitespace)
    {
        let e = AppError::new("invalid", "Enter a URL starting with http:// or https://, at most 255 characters.");
        return super::error::with_status(Err(e));
    }
    perform(Operation::UpdateUrl { instance_id, url }, None).await
}

/// Restarts all JOC services.
#[server(endpoint = "ops/restart_joc_services")]
pub async fn restart_joc_services(audit: Option<AuditParams>) -> Result<(), AppError> {
    perform(Operation::RestartServices, audit).await
}

/// Restarts one JOC service (cleanup, daily plan, history, log notification, monitor, proxy).
#[server(endpoint = "ops/restart_joc_service")]
pub async fn restart_joc_service(service: JocService, audit: Option<AuditParams>) -> Result<(), AppError> {
    perform(Operation::RestartService { service }, audit).await
}

/// Runs the cleanup or daily plan service now.
#[server(endpoint = "ops/run_joc_service")]
pub async fn run_joc_service(service: ServiceType, audit: Option<AuditParams>) -> Result<(), AppError> {
    if !service.can_run() {
        return super::error::with_status(Err(AppError::new(
            "invalid",
            "Only the cleanup and daily plan services can be run.",
        )));
    }
    perform(Operation::RunService { service }, audit).await
}

/// Terminates a Controller instance, with or without switch-over, and optionally restarts it.
#[server(endpoint = "ops/terminate_controller")]
pub async fn terminate_controller(
    url: String,
    restart: bool,
    switchover: bool,
    audit: Option<AuditParams>,
) -> Result<(), AppError> {
    perform(Operation::Terminate { url, restart, switchover }, audit).await
}

/// Aborts a Controller instance (a coupled standby fails over), optionally restarting it.
#[server(endpoint = "ops/abort_controller")]
pub async fn abort_controller(url: String, restart: bool, audit: Option<AuditParams>) -> Result<(), AppError> {
    perform(Operation::Abort { url, restart }, audit).await
}

/// Switches the Controller cluster over to the standby instance.
#[server(endpoint = "ops/switch_over_cluster")]
pub async fn switch_over_cluster(audit: Option<AuditParams>) -> Result<(), AppError> {
    perform(Operation::ClusterSwitchOver, audit).await
}

/// Confirms that the lost Controller instance is down (node loss or fail-over).
#[server(endpoint = "ops/confirm_node_loss")]
pub async fn confirm_node_loss(audit: Option<AuditParams>) -> Result<(), AppError> {
    perform(Operation::ConfirmNodeLoss, audit).await
}
