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
        self.download(sid, false, |_| ("joc/log", serde_json::json!({}))).await
    }

    /// Starts the download of the log of an instance of Controller `controller` (None: the
    /// default one; needs `getLog`), in the request shape of the JOC version talking.
    pub async fn download_controller_log(
        &self,
        sid: &str,
        controller: Option<&str>,
        url: &str,
    ) -> Result<Download, AppError> {
        let user = self.current(sid).await?;
        let feed = self.feed_for(sid, controller).await?;
        let controller_id = controller.map_or_else(|| feed.snapshots.borrow().controller_id.clone(), str::to_string);
        if !user.permissions.for_controller(&controller_id).get_log {
            return Err(AppError::new(ErrorCode::Forbidden, "Your account may not download this Controller's log."));
        }
        Self::check_target(&feed.snapshots.borrow(), &Operation::Abort { url: url.to_string(), restart: false })?;
        let role = {
            let s = feed.snapshots.borrow();
            s.components.as_ref().and_then(|c| c.controllers.iter().find(|k| k.url == url).map(|k| k.role))
        };
        let role = role.unwrap_or(Role::Standalone);
        self.download(sid, true, |version| controller_log_call(version, &controller_id, url, role)).await
    }

    /// Downloads from the member [`Gateway::paired_session`] names, the request shaped by
    /// `call` for its JOC version (asked only when `versioned`; unknown: the oldest shape). A
    /// member that no longer knows the user leaves the session and the next one is asked; with
    /// none left the session ends.
    async fn download<'a>(
        &self,
        sid: &str,
        versioned: bool,
        call: impl Fn(&str) -> (&'a str, serde_json::Value),
    ) -> Result<Download, AppError> {
        loop {
            let (i, s) = self.paired_session(sid)?;
            let member = &self.members[i];
            let answer = async {
                let version = match versioned.then(|| member.version(&s)) {
                    Some(asked) => match asked.await {
                        Ok(v) => v.version,
                        Err(e) if e.needs_login() => return Err(e),
                        Err(_) => String::new(),
                    },
                    None => String::new(),
                };
                let (path, body) = call(&version);
                member.download(&s, path, &body).await
            }
            .await;
            return match answer {
                Ok(d) => Ok(d),
                Err(e) if e.needs_login() => match self.lost(sid, i).await {
                    Ok(()) => continue,
                    Err(ended) => Err(ended),
                },
                Err(e) => Err(super::app_error(&e)),
            };
        }
    }
}
