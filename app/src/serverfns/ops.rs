//! The operations of the panel: one server function, `POST /api/ops/perform`, taking the
//! [`Operation`] (targets as JOC reported them) and an optional reason for JOC's audit log,
//! as JSON. The server checks it (well-formed, permitted, its target reported by JOC) before
//! sending it to JOC.

use super::AppError;
use super::codec::BrowserJson;
use crate::model::joc::AuditParams;
use crate::model::operations::Operation;
use leptos::prelude::*;

/// Performs one operation on Controller `controller` (None: the board's default one) of
/// `installation` (None: the first).
#[server(endpoint = "ops/perform", input = BrowserJson, output = BrowserJson)]
pub async fn perform(
    op: Operation,
    audit: Option<AuditParams>,
    installation: Option<String>,
    controller: Option<String>,
) -> Result<(), AppError> {
    super::error::with_status(
        async {
            let op = op.normalised();
            op.validate().map_err(|e| AppError::new(e.code(), e.to_string()))?;
            let sid = super::backend::session_id().await?;
            super::backend::backend()?.perform(&sid, installation, controller, op, audit).await
        }
        .await,
    )
}
