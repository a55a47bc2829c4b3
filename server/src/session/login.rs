//! Logging in: the limit on failed logins first, then a JOC session on every member, the
//! user's permissions, and room made within the bounds. The JOC sessions of a login that fails
//! or is abandoned are closed.

use super::limiter::Limited;
use super::{Gateway, UserSession, app_error, expired, new_id};
use crate::joc::{Joc, JocError, JocSession};
use app::model::session::UserInfo;
use app::serverfns::backend::ClientAddr;
use app::serverfns::{AppError, ErrorCode};
use parking_lot::Mutex;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The JOC sessions a login has opened so far: closed at JOC if the login fails or is
/// cancelled (the browser went away) before it becomes a session of ours.
struct Opened<J: Joc> {
    members: Vec<J>,
    jocs: Arc<Mutex<Vec<Option<JocSession>>>>,
    kept: bool,
}

impl<J: Joc> Opened<J> {
    fn keep(mut self) -> Vec<Option<JocSession>> {
        self.kept = true;
        std::mem::take(&mut *self.jocs.lock())
    }
}

impl<J: Joc> Drop for Opened<J> {
    fn drop(&mut self) {
        if self.kept {
            return;
        }
        let opened: Vec<(J, JocSession)> = std::mem::take(&mut *self.jocs.lock())
            .into_iter()
            .zip(self.members.iter().cloned())
            .filter_map(|(s, m)| s.map(|s| (m, s)))
            .collect();
        if opened.is_empty() {
            return;
        }
        if let Ok(rt) = tokio::runtime::Handle::try_current() {
            rt.spawn(async move {
                for (m, s) in opened {
                    let _ = tokio::time::timeout(Duration::from_secs(5), m.logout(&s)).await;
                }
            });
        }
    }
}

/// Why a login at one installation opened no session.
#[derive(Debug)]
pub enum OpenError {
    /// JOC refused the account or password: a failed attempt.
    Refused,
    /// JOC could not be asked: no attempt.
    Unreached(AppError),
    /// JOC accepted the account, then failed to say what the user may do.
    After(AppError),
}

impl OpenError {
    /// The browser's error.
    pub fn app_error(self) -> AppError {
        match self {
            OpenError::Refused => app_error(&JocError::Unauthenticated),
            OpenError::Unreached(e) | OpenError::After(e) => e,
        }
    }
}

/// Runs a login under the limit on failed logins: an attempt is reserved before JOC is
/// asked; a refusal counts, JOC not reached gives it back, success makes the client known.
pub async fn limited<T>(
    logins: &super::limiter::LoginLimiter,
    account: &str,
    client: Option<&ClientAddr>,
    login: impl std::future::Future<Output = Result<T, OpenError>>,
) -> Result<T, AppError> {
    let who = client.map_or_else(|| "unknown".into(), ToString::to_string);
    let attempt = logins.reserve_everywhere(account, client).await.map_err(|limited| {
        let by = match limited {
            Limited::Account => "account",
            Limited::Client => "client",
        };
        tracing::warn!(account, client = %who, by, "login refused: too many failed logins");
        AppError::new(ErrorCode::TooManyLogins, "Too many failed logins; wait a minute and try again.")
    })?;
    match login.await {
        Ok(t) => {
            attempt.succeeded();
            tracing::info!(account, client = %who, "logged in");
            Ok(t)
        }
        Err(OpenError::Refused) => {
            tracing::warn!(account, client = %who, "failed login: JOC refused the account or password");
            Err(OpenError::Refused.app_error())
        }
        Err(OpenError::Unreached(e)) => {
            attempt.not_tried();
            Err(e)
        }
        Err(OpenError::After(e)) => {
            attempt.succeeded();
            Err(e)
        }
    }
}

impl<J: Joc> Gateway<J> {
    /// Logs in to this gateway's JOC alone (a board of one installation), under the limit.
    pub async fn open(&self, account: &str, password: &str, client: Option<ClientAddr>) -> Result<String, AppError> {
        let sid = new_id();
        limited(&self.options.logins, account, client.as_ref(), async {
            self.open_as(&sid, account, password).await.map(|()| sid.clone())
        })
        .await
    }

    /// Opens the user's JOC sessions on every member and keeps them under our session id
    /// `sid` (replacing a session this gateway had under it). The limit on failed logins is the
    /// caller's.
    pub async fn open_as(&self, sid: &str, account: &str, password: &str) -> Result<(), OpenError> {
        let opened = Opened {
            members: self.members.clone(),
            jocs: Arc::new(Mutex::new(vec![None; self.members.len()])),
            kept: false,
        };
        let logins = futures::future::join_all(self.members.iter().enumerate().map(|(i, m)| {
            let jocs = opened.jocs.clone();
            async move {
                let r = m.login(account, password).await;
                if let Ok(s) = &r {
                    jocs.lock()[i] = Some(s.clone());
                }
                r.map(|_| ())
            }
        }))
        .await;
        let Some(i) = logins.iter().position(Result::is_ok) else {
            if logins.iter().any(|r| matches!(r, Err(JocError::Unauthenticated))) {
                return Err(OpenError::Refused);
            }
            let err = logins.into_iter().find_map(Result::err).unwrap_or(JocError::Connect("no JOC".into()));
            return Err(OpenError::Unreached(app_error(&err)));
        };
        let after = |e: &JocError| OpenError::After(app_error(e));
        let s = opened.jocs.lock()[i].clone().ok_or_else(|| OpenError::After(expired()))?;
        let permissions = self.members[i].permissions(&s).await.map_err(|e| after(&e))?;
        // The Controllers JOC lets the user see; JOC refuses the list to a user who may see none.
        let mut controllers = match self.members[i].controller_ids(&s).await {
            Ok(ids) => ids.controller_ids,
            Err(JocError::Forbidden) => Vec::new(),
            Err(e) => return Err(after(&e)),
        };
        // JOC answers a set: sorted, the switch keeps its order from one login to the next.
        controllers.sort();
        controllers.dedup();
        let shown = self.feeds.default_feed().borrow().controller_id.clone();
        let properties = self.members[i].properties(&s).await.unwrap_or_default();
        let jocs = opened.keep();
        let idle = jocs.iter().flatten().filter_map(|s| s.timeout).min().unwrap_or(Duration::from_secs(30 * 60));
        let info = UserInfo {
            account: account.to_string(),
            permissions,
            controllers,
            default_controller: (!shown.is_empty()).then_some(shown),
            force_comments: properties.force_comments_for_audit_log,
            reasons: properties.comments,
            ..UserInfo::default()
        };
        let now = Instant::now();
        let evicted = {
            let mut sessions = self.sessions.lock();
            let mut evicted: Vec<(String, UserSession)> =
                sessions.remove(sid).into_iter().map(|s| (sid.to_string(), s)).collect();
            evicted.extend(self.make_room(&mut sessions, account));
            sessions.insert(
                sid.to_string(),
                UserSession { info, jocs, idle, last_seen: now, last_touch: now, stored: None },
            );
            evicted
        };
        // The session replaced under `sid` is stored over, not removed.
        self.unstore(evicted.iter().filter(|(id, _)| id != sid).map(|(id, _)| id.clone()).collect());
        self.logout_at_joc(evicted.into_iter().map(|(_, s)| s).collect());
        self.store_session(sid).await;
        Ok(())
    }

    /// Takes out the least recently used sessions that a new one of `account` would pass a
    /// bound with.
    fn make_room(&self, sessions: &mut HashMap<String, UserSession>, account: &str) -> Vec<(String, UserSession)> {
        let mut evicted = Vec::new();
        let limits = self.options.limits;
        loop {
            let mine = sessions.values().filter(|s| s.info.account == account).count();
            let victim = if mine >= limits.per_account.max(1) {
                sessions.iter().filter(|(_, s)| s.info.account == account).min_by_key(|(_, s)| s.last_seen)
            } else if sessions.len() >= limits.total.max(1) {
                sessions.iter().min_by_key(|(_, s)| s.last_seen)
            } else {
                None
            };
            let Some(id) = victim.map(|(id, _)| id.clone()) else { break };
            if let Some(s) = sessions.remove(&id) {
                tracing::info!(account = %s.info.account, "session ended to make room for a new one");
                evicted.push((id, s));
            }
        }
        evicted
    }
}
