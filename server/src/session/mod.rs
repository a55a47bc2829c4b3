//! User sessions and operations: the server side of the server functions.
//!
//! A login opens the user's JOC session on every configured JOC member (one account works on
//! all members of a JOC cluster), so that operations keep working after a JOC switch-over
//! without keeping any password. Tokens stay here: the browser holds only a random session id
//! in an HttpOnly cookie. An idle session ends after JOC's own idle timeout; while the user is
//! active the JOC sessions are touched so JOC does not end them first.

use crate::joc::{Joc, JocClient, JocError, JocSession};
use app::model::feed::Snapshot;
use app::model::joc::{AuditParams, EventType, Role, controller_log_call};
use app::model::operations::{Operation, joc_call};
use app::model::session::UserInfo;
use app::serverfns::AppError;
use app::serverfns::backend::{Backend, BoxFuture};
use base64::Engine;
use rand::RngCore;
use std::collections::{HashMap, HashSet};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use tokio::sync::watch;

/// One logged-in user.
struct UserSession {
    info: UserInfo,
    /// The JOC session on each member (None where the login failed).
    jocs: Vec<Option<JocSession>>,
    idle: Duration,
    last_seen: Instant,
    last_touch: Instant,
}

/// Sessions, the JOC members, and the operations in flight.
pub struct Gateway<J = JocClient> {
    members: Vec<J>,
    feed: watch::Receiver<Snapshot>,
    sessions: Mutex<HashMap<String, UserSession>>,
    in_flight: Mutex<HashSet<String>>,
    secure: bool,
}

/// Maps a JOC failure to what the browser sees.
pub fn app_error(e: &JocError) -> AppError {
    let message = match e {
        // JOC words a missing licence with the state's name alone.
        JocError::Refused { message, .. } if message.contains("MISSING_LICENSE") => {
            "JOC Cockpit's licence does not cover a JOC Cockpit cluster, so it refuses to switch over (MISSING_LICENSE)."
                .into()
        }
        JocError::Refused { message, .. } => message.clone(),
        JocError::Unauthenticated => "JOC Cockpit refused the account or password.".into(),
        JocError::Forbidden => "Your JOC Cockpit account lacks the permission for this.".into(),
        JocError::SessionExpired => "Your JOC Cockpit session has expired; please log in again.".into(),
        JocError::ApprovalRequired => "JOC Cockpit requires an approval for this operation.".into(),
        JocError::ControllerUnreachable => "JOC Cockpit cannot reach the Controller.".into(),
        JocError::Timeout => "JOC Cockpit did not answer in time.".into(),
        JocError::Connect(_) => "JOC Cockpit cannot be reached.".into(),
        JocError::Status(s) => format!("JOC Cockpit answered with HTTP status {s}."),
        JocError::Malformed(_) => "JOC Cockpit's answer could not be read.".into(),
        JocError::NoController => "JOC Cockpit has no Controller registered.".into(),
    };
    tracing::info!(error = %e, "JOC refused or failed");
    AppError::new(&e.code(), message)
}

fn expired() -> AppError {
    AppError::new("session-expired", "Your JOC Cockpit session has ended; please log in again.")
}

fn new_id() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// The key of an operation's target: one operation at a time per target.
fn target_key(op: &Operation) -> String {
    match op {
        Operation::JocSwitchOver { .. } | Operation::RemoveJocInstance { .. } => "joc-cluster".into(),
        Operation::UpdateUrl { instance_id, .. } => format!("joc-url:{instance_id}"),
        Operation::RestartServices | Operation::RestartService { .. } | Operation::RunService { .. } => {
            "joc-services".into()
        }
        Operation::Terminate { url, .. } | Operation::Abort { url, .. } => format!("controller:{url}"),
        Operation::ClusterSwitchOver | Operation::ConfirmNodeLoss => "controller-cluster".into(),
    }
}

impl<J: Joc> Gateway<J> {
    pub fn new(members: Vec<J>, feed: watch::Receiver<Snapshot>, secure: bool) -> Gateway<J> {
        Gateway { members, feed, sessions: Mutex::default(), in_flight: Mutex::default(), secure }
    }

    /// The member the feed reads (the active one), else the first.
    fn active_member(&self) -> usize {
        let url = self.feed.borrow().joc_url.clone();
        url.and_then(|u| self.members.iter().position(|m| m.base() == u)).unwrap_or(0)
    }

    async fn open(&self, account: &str, password: &str) -> Result<String, AppError> {
        let logins = futures::future::join_all(self.members.iter().map(|m| m.login(account, password))).await;
        let first_ok = logins.iter().position(Result::is_ok);
        let Some(i) = first_ok else {
            let refused = logins.iter().any(|r| matches!(r, Err(JocError::Unauthenticated)));
            let err = logins.into_iter().find_map(Result::err).unwrap_or(JocError::Connect("no JOC".into()));
            return Err(if refused { app_error(&JocError::Unauthenticated) } else { app_error(&err) });
        };
        let jocs: Vec<Option<JocSession>> = logins.into_iter().map(Result::ok).collect();
        let s = jocs[i].as_ref().expect("a session");
        let permissions = self.members[i].permissions(s).await.map_err(|e| app_error(&e))?;
        let properties = self.members[i].properties(s).await.unwrap_or_default();
        let idle = jocs.iter().flatten().filter_map(|s| s.timeout).min().unwrap_or(Duration::from_secs(30 * 60));
        let sid = new_id();
        let info = UserInfo {
            account: account.to_string(),
            permissions,
            force_comments: properties.force_comments_for_audit_log,
            reasons: properties.comments,
        };
        let now = Instant::now();
        self.sessions
            .lock()
            .expect("sessions lock")
            .insert(sid.clone(), UserSession { info, jocs, idle, last_seen: now, last_touch: now });
        tracing::info!(account, "logged in");
        Ok(sid)
    }

    async fn close(&self, sid: &str) {
        let removed = self.sessions.lock().expect("sessions lock").remove(sid);
        if let Some(s) = removed {
            for (m, j) in self.members.iter().zip(&s.jocs) {
                if let Some(j) = j {
                    let _ = m.logout(j).await;
                }
            }
        }
    }

    /// The session's user; ends an idle session; touches JOC for an active one.
    async fn current(&self, sid: &str) -> Result<UserInfo, AppError> {
        let seen = {
            let mut sessions = self.sessions.lock().expect("sessions lock");
            let s = sessions.get_mut(sid).ok_or_else(AppError::not_logged_in)?;
            if s.last_seen.elapsed() > s.idle {
                None
            } else {
                s.last_seen = Instant::now();
                let touch = (s.last_touch.elapsed() > s.idle / 3).then(|| {
                    s.last_touch = Instant::now();
                    s.jocs.clone()
                });
                Some((s.info.clone(), touch))
            }
        };
        let Some((info, touch)) = seen else {
            self.close(sid).await;
            return Err(AppError::new("session-expired", "Your session has expired; please log in again."));
        };
        if let Some(jocs) = touch {
            for (i, (m, j)) in self.members.iter().zip(jocs).enumerate() {
                if let Some(j) = j
                    && let Err(e) = m.touch(&j).await
                    && e.needs_login()
                {
                    self.lost(sid, i).await?;
                }
            }
        }
        Ok(info)
    }

    /// JOC ended the user's session on member `i` (JOC restarted, or ended it itself). Without
    /// the password it cannot be opened again: that member is dropped from the session, and
    /// once none is left the session ends and the user is asked to log in again.
    async fn lost(&self, sid: &str, i: usize) -> Result<(), AppError> {
        let none_left = {
            let mut sessions = self.sessions.lock().expect("sessions lock");
            match sessions.get_mut(sid) {
                Some(s) => {
                    if let Some(j) = s.jocs.get_mut(i) {
                        *j = None;
                    }
                    s.jocs.iter().all(Option::is_none)
                }
                None => true,
            }
        };
        tracing::info!(member = self.members[i].base(), "JOC ended a user's session");
        if none_left {
            self.close(sid).await;
            return Err(expired());
        }
        Ok(())
    }

    /// Refuses targets that JOC did not report: Controller URLs, JOC members and instances
    /// come from JOC's status, never from the browser alone.
    fn check_target(&self, op: &Operation) -> Result<(), AppError> {
        let feed = self.feed.borrow();
        let c = feed.components.as_ref();
        let (known, what) = match op {
            Operation::Terminate { url, .. } | Operation::Abort { url, .. } => (
                c.is_some_and(|c| c.controllers.iter().any(|k| &k.url == url)),
                format!("{url} is not a Controller instance JOC reports."),
            ),
            Operation::JocSwitchOver { member_id } | Operation::RemoveJocInstance { member_id } => (
                c.is_some_and(|c| c.jocs.iter().any(|j| &j.member_id == member_id)),
                format!("{member_id} is not a JOC Cockpit instance JOC reports."),
            ),
            Operation::UpdateUrl { instance_id, .. } => (
                c.is_some_and(|c| c.jocs.iter().any(|j| &j.instance_id == instance_id)),
                format!("{instance_id} is not a JOC Cockpit instance JOC reports."),
            ),
            _ => (true, String::new()),
        };
        if known { Ok(()) } else { Err(AppError::new("invalid", what)) }
    }

    async fn run(&self, sid: &str, op: Operation, audit: Option<AuditParams>) -> Result<(), AppError> {
        self.current(sid).await?;
        self.check_target(&op)?;
        let key = target_key(&op);
        if !self.in_flight.lock().expect("in-flight lock").insert(key.clone()) {
            return Err(AppError::new("busy", "An operation on this target is still in progress."));
        }
        let result = self.send(sid, &op, audit).await;
        self.in_flight.lock().expect("in-flight lock").remove(&key);
        result
    }

    async fn send(&self, sid: &str, op: &Operation, audit: Option<AuditParams>) -> Result<(), AppError> {
        let controller_id = self.feed.borrow().controller_id.clone();
        let (path, body) = joc_call(op, &controller_id, audit);
        let i = self.active_member();
        let session = {
            let sessions = self.sessions.lock().expect("sessions lock");
            let s = sessions.get(sid).ok_or_else(AppError::not_logged_in)?;
            s.jocs.get(i).cloned().flatten().or_else(|| s.jocs.iter().flatten().next().cloned())
        };
        let session = session.ok_or_else(expired)?;
        tracing::info!(account = %session.account, path, "operation");
        let limit = op.answer_within_secs().map(Duration::from_secs);
        let active_before = self.active_controller_url();
        match self.members[i].operate(&session, path, &body, limit).await {
            Ok(()) if op.refused_later() => {
                self.refusal_after(i, &session, &controller_id, active_before).await.map_or(Ok(()), Err)
            }
            Ok(()) => Ok(()),
            Err(e) if e.needs_login() => {
                // The active member no longer knows the user, and without the password the session
                // cannot be opened again: it ends, and the user learns the operation was not done.
                self.close(sid).await;
                Err(AppError::new(
                    "session-expired",
                    "JOC Cockpit ended your session, so the operation was not performed; please log in again.",
                ))
            }
            Err(e) => Err(app_error(&e)),
        }
    }

    /// The URL of the Controller instance the feed shows active.
    fn active_controller_url(&self) -> Option<String> {
        let s = self.feed.borrow();
        let c = s.components.as_ref()?;
        c.active_controller().map(|k| c.controllers[k].url.clone())
    }

    /// After JOC accepted an operation that the Controller may still refuse (a cluster
    /// switch-over): the refusal reaches only the requester's session, as a `ProblemEvent` on
    /// its `events` long-poll. Watches that session's events until the refusal comes (its
    /// words are the answer), the feed shows another active Controller instance, or a minute
    /// has passed (then JOC's live status tells).
    async fn refusal_after(
        &self,
        i: usize,
        session: &JocSession,
        controller_id: &str,
        active_before: Option<String>,
    ) -> Option<AppError> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
        let mut feed = self.feed.clone();
        let mut event_id = None;
        loop {
            let left = deadline.saturating_duration_since(tokio::time::Instant::now());
            if left.is_zero() {
                return None;
            }
            tokio::select! {
                answer = self.members[i].events(session, controller_id, event_id, left) => {
                    let answer = answer.ok()?;
                    let problem = answer.event_snapshots.iter().flatten().find(|e| {
                        e.event_type == EventType::ProblemEvent
                            && e.access_token.as_deref().is_none_or(|t| t == session.token)
                    });
                    if let Some(p) = problem {
                        let words = p.message.clone().unwrap_or_else(|| "The Controller refused the operation.".into());
                        tracing::info!(account = %session.account, refusal = %words, "the Controller refused");
                        return Some(AppError::new("controller-refused", words));
                    }
                    event_id = answer.event_id.or(event_id);
                }
                changed = feed.changed() => {
                    changed.ok()?;
                    if self.active_controller_url() != active_before {
                        return None;
                    }
                }
                _ = tokio::time::sleep_until(deadline) => return None,
            }
        }
    }

    /// The session of `sid` on the active member, after checking it is alive.
    async fn member_session(&self, sid: &str) -> Result<(usize, JocSession), AppError> {
        self.current(sid).await?;
        let i = self.active_member();
        let sessions = self.sessions.lock().expect("sessions lock");
        let s = sessions.get(sid).ok_or_else(AppError::not_logged_in)?;
        match s.jocs.get(i).cloned().flatten() {
            Some(j) => Ok((i, j)),
            None => s.jocs.iter().enumerate().find_map(|(i, j)| j.clone().map(|j| (i, j))).ok_or_else(expired),
        }
    }

    /// Starts the download of `joc.log` from the active JOC (needs `joc.getLog`).
    pub async fn download_joc_log(&self, sid: &str) -> Result<reqwest::Response, AppError> {
        let user = self.current(sid).await?;
        if !user.permissions.joc.get_log {
            return Err(AppError::new("forbidden", "Your account may not download JOC Cockpit's log."));
        }
        self.download(sid, "joc/log", serde_json::json!({})).await
    }

    /// Starts the download of a Controller instance's log (needs `getLog`), in the request
    /// shape of the JOC version talking.
    pub async fn download_controller_log(&self, sid: &str, url: &str) -> Result<reqwest::Response, AppError> {
        let user = self.current(sid).await?;
        let controller_id = self.feed.borrow().controller_id.clone();
        if !user.permissions.for_controller(&controller_id).get_log {
            return Err(AppError::new("forbidden", "Your account may not download this Controller's log."));
        }
        self.check_target(&Operation::Abort { url: url.to_string(), restart: false })?;
        let role = {
            let s = self.feed.borrow();
            s.components.as_ref().and_then(|c| c.controllers.iter().find(|k| k.url == url).map(|k| k.role))
        };
        let (i, s) = self.member_session(sid).await?;
        let version = self.members[i].version(&s).await.map(|v| v.version).unwrap_or_default();
        let (path, body) = controller_log_call(&version, &controller_id, url, role.unwrap_or(Role::Standalone));
        self.download(sid, path, body).await
    }

    async fn download(&self, sid: &str, path: &str, body: serde_json::Value) -> Result<reqwest::Response, AppError> {
        let (i, s) = self.member_session(sid).await?;
        match self.members[i].download(&s, path, &body).await {
            Ok(r) => Ok(r),
            Err(e) if e.needs_login() => {
                self.close(sid).await;
                Err(expired())
            }
            Err(e) => Err(app_error(&e)),
        }
    }

    /// Is `sid` a live session whose user may view the shown Controller?
    pub fn may_view(&self, sid: &str) -> bool {
        let controller_id = self.feed.borrow().controller_id.clone();
        let sessions = self.sessions.lock().expect("sessions lock");
        sessions
            .get(sid)
            .is_some_and(|s| s.last_seen.elapsed() <= s.idle && s.info.permissions.for_controller(&controller_id).view)
    }
}

impl<J: Joc> Backend for Gateway<J> {
    fn log_in<'a>(&'a self, account: &'a str, password: &'a str) -> BoxFuture<'a, Result<String, AppError>> {
        Box::pin(self.open(account, password))
    }
    fn log_out<'a>(&'a self, sid: &'a str) -> BoxFuture<'a, ()> {
        Box::pin(self.close(sid))
    }
    fn user<'a>(&'a self, sid: &'a str) -> BoxFuture<'a, Result<UserInfo, AppError>> {
        Box::pin(self.current(sid))
    }
    fn perform<'a>(
        &'a self,
        sid: &'a str,
        op: Operation,
        audit: Option<AuditParams>,
    ) -> BoxFuture<'a, Result<(), AppError>> {
        Box::pin(self.run(sid, op, audit))
    }
    fn secure_cookie(&self) -> bool {
        self.secure
    }
}
