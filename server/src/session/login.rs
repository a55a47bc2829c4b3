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

impl<J: Joc> Gateway<J> {
    pub(super) async fn open(
        &self,
        account: &str,
        password: &str,
        client: Option<ClientAddr>,
    ) -> Result<String, AppError> {
        let who = client.as_ref().map_or_else(|| "unknown".into(), ToString::to_string);
        let attempt = self.options.logins.reserve(account, client.as_ref()).map_err(|limited| {
            let by = match limited {
                Limited::Account => "account",
                Limited::Client => "client",
            };
            tracing::warn!(account, client = %who, by, "login refused: too many failed logins");
            AppError::new(ErrorCode::TooManyLogins, "Too many failed logins; wait a minute and try again.")
        })?;
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
            let refused = logins.iter().any(|r| matches!(r, Err(JocError::Unauthenticated)));
            let err = logins.into_iter().find_map(Result::err).unwrap_or(JocError::Connect("no JOC".into()));
            if refused {
                tracing::warn!(account, client = %who, "failed login: JOC refused the account or password");
                return Err(app_error(&JocError::Unauthenticated));
            }
            // JOC could not be asked: that is no failed attempt.
            attempt.not_tried();
            return Err(app_error(&err));
        };
        attempt.succeeded();
        let s = opened.jocs.lock()[i].clone().ok_or_else(expired)?;
        let permissions = self.members[i].permissions(&s).await.map_err(|e| app_error(&e))?;
        // The Controllers JOC lets the user see; JOC refuses the list to a user who may see none.
        let mut controllers = match self.members[i].controller_ids(&s).await {
            Ok(ids) => ids.controller_ids,
            Err(JocError::Forbidden) => Vec::new(),
            Err(e) => return Err(app_error(&e)),
        };
        // JOC answers a set: sorted, the switch keeps its order from one login to the next.
        controllers.sort();
        controllers.dedup();
        let shown = self.feeds.default_feed().borrow().controller_id.clone();
        let properties = self.members[i].properties(&s).await.unwrap_or_default();
        let jocs = opened.keep();
        let idle = jocs.iter().flatten().filter_map(|s| s.timeout).min().unwrap_or(Duration::from_secs(30 * 60));
        let sid = new_id();
        let info = UserInfo {
            account: account.to_string(),
            permissions,
            controllers,
            default_controller: (!shown.is_empty()).then_some(shown),
            force_comments: properties.force_comments_for_audit_log,
            reasons: properties.comments,
        };
        let now = Instant::now();
        let evicted = {
            let mut sessions = self.sessions.lock();
            let evicted = self.make_room(&mut sessions, account);
            sessions.insert(sid.clone(), UserSession { info, jocs, idle, last_seen: now, last_touch: now });
            evicted
        };
        self.logout_at_joc(evicted);
        tracing::info!(account, client = %who, "logged in");
        Ok(sid)
    }

    /// Takes out the least recently used sessions that a new one of `account` would pass a
    /// bound with.
    fn make_room(&self, sessions: &mut HashMap<String, UserSession>, account: &str) -> Vec<UserSession> {
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
                evicted.push(s);
            }
        }
        evicted
    }
}
