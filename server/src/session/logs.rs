//! The log downloads, with the user's own session and permission.

use super::Gateway;
use crate::joc::{Download, Joc};
use app::model::joc::{Role, controller_log_call};
use app::model::operations::Operation;
use app::serverfns::{AppError, ErrorCode};

impl<J: Joc> Gateway<J> {
    /// Starts the download of `joc.log` from the active JOC (needs `joc.getLog`).
    pub async fn download_joc_log(&self, sid: &str) -> Result<Download, AppError> {
        let user = self.current(sid).await?;
        if !user.permissions.joc.get_log {
            return Err(AppError::new(ErrorCode::Forbidden, "Your account may not download JOC Cockpit's log."));
        }
        self.download(sid, "joc/log", serde_json::json!({})).await
    }

    /// Starts the download of a Controller instance's log (needs `getLog`), in the request
    /// shape of the JOC version talking.
    pub async fn download_controller_log(&self, sid: &str, url: &str) -> Result<Download, AppError> {
        let user = self.current(sid).await?;
        let controller_id = self.feed.borrow().controller_id.clone();
        if !user.permissions.for_controller(&controller_id).get_log {
            return Err(AppError::new(ErrorCode::Forbidden, "Your account may not download this Controller's log."));
        }
        self.check_target(&Operation::Abort { url: url.to_string(), restart: false })?;
        let role = {
            let s = self.feed.borrow();
            s.components.as_ref().and_then(|c| c.controllers.iter().find(|k| k.url == url).map(|k| k.role))
        };
        let (i, s) = self.paired_session(sid)?;
        let version = self.members[i].version(&s).await.map(|v| v.version).unwrap_or_default();
        let (path, body) = controller_log_call(&version, &controller_id, url, role.unwrap_or(Role::Standalone));
        self.download(sid, path, body).await
    }

    async fn download(&self, sid: &str, path: &str, body: serde_json::Value) -> Result<Download, AppError> {
        let (i, s) = self.paired_session(sid)?;
        match self.members[i].download(&s, path, &body).await {
            Ok(d) => Ok(d),
            Err(e) if e.needs_login() => Err(self.ended(sid).await),
            Err(e) => Err(super::app_error(&e)),
        }
    }
}
