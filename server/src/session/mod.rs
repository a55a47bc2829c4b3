//! User sessions: the server side of the server functions.
//!
//! A login opens the user's JOC session on every configured JOC member (one account works on
//! all members of a JOC cluster), so that operations keep working after a JOC switch-over
//! without keeping any password. Tokens stay here: the browser holds only a random session id
//! in an HttpOnly cookie. An idle session ends after JOC's own idle timeout (a sweep logs it
//! out at JOC); while the user is active the JOC sessions are touched so JOC does not end them
//! first. Sessions are bounded per account and in all.
//!
//! - `login`: logging in (the limit, the JOC sessions, the bounds).
//! - [`ops`]: operations, one at a time per target.
//! - [`logs`]: the log downloads.
//! - [`limiter`]: the limit on failed logins.
//! - `feeds`: what the sessions read of the feeds (the targets JOC reports).

mod feeds;
pub mod limiter;
pub mod login;
mod logs;
mod ops;
mod stored;
#[cfg(test)]
mod tests;

pub use feeds::{FeedRef, Feeds};
pub use login::OpenError;
pub use ops::app_error;

use crate::joc::{Joc, JocClient, JocSession};
use app::model::session::UserInfo;
use app::serverfns::{AppError, ErrorCode};
use base64::Engine;
use limiter::LoginLimiter;
use parking_lot::Mutex;
use rand::RngCore;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// One logged-in user.
struct UserSession {
    info: UserInfo,
    /// The JOC session on each member (None where the login failed).
    jocs: Vec<Option<JocSession>>,
    idle: Duration,
    last_seen: Instant,
    last_touch: Instant,
    /// With replicas: when Redis last got the session's time to live (None: Redis lacks it).
    stored: Option<Instant>,
}

/// How many sessions the server keeps: the oldest unused one goes when a login would pass a
/// bound (it is logged out at JOC).
#[derive(Clone, Copy, Debug)]
pub struct SessionLimits {
    pub per_account: usize,
    pub total: usize,
}

impl Default for SessionLimits {
    fn default() -> SessionLimits {
        SessionLimits { per_account: 50, total: 1000 }
    }
}

/// How the gateway is set up.
#[derive(Clone)]
pub struct Options {
    /// The session cookie is Secure (and named `__Host-js7s`).
    pub secure_cookie: bool,
    pub limits: SessionLimits,
    pub logins: LoginLimiter,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            secure_cookie: false,
            limits: SessionLimits::default(),
            logins: LoginLimiter::new(limiter::Bounds::default()),
        }
    }
}

/// Sessions, the JOC members, and the operations in flight.
pub struct Gateway<J = JocClient> {
    members: Vec<J>,
    feeds: Arc<dyn Feeds>,
    sessions: Mutex<HashMap<String, UserSession>>,
    in_flight: Arc<Mutex<HashSet<ops::Taken>>>,
    options: Options,
    /// With replicas: the sessions and the operation guard in Redis.
    store: Option<crate::replicas::sessions::SessionStore>,
    guard: Option<crate::replicas::guard::SharedGuard>,
    /// Redis's generation as last synced (`Shared::generation`).
    generation: std::sync::atomic::AtomicU64,
    /// Where the operations made are recorded (None: nowhere).
    timeline: Option<crate::timeline::Recorder>,
}

/// Logs sessions out at JOC, 16 calls at a time, each bounded at 5 s.
async fn logout_all<J: Joc>(members: &[J], ended: Vec<UserSession>) {
    use futures::StreamExt;
    let calls: Vec<(J, JocSession)> = ended
        .into_iter()
        .flat_map(|s| members.iter().cloned().zip(s.jocs).filter_map(|(m, j)| Some((m, j?))).collect::<Vec<_>>())
        .collect();
    futures::stream::iter(calls)
        .for_each_concurrent(16, |(m, j)| async move {
            let _ = tokio::time::timeout(Duration::from_secs(5), m.logout(&j)).await;
        })
        .await;
}

fn expired() -> AppError {
    AppError::new(ErrorCode::SessionExpired, "Your JOC Cockpit session has ended; please log in again.")
}

/// A new random session id.
pub fn new_session_id() -> String {
    new_id()
}

fn new_id() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

impl<J: Joc> Gateway<J> {
    pub fn new(members: Vec<J>, feeds: Arc<dyn Feeds>, options: Options) -> Gateway<J> {
        Gateway {
            members,
            feeds,
            sessions: Mutex::default(),
            in_flight: Arc::default(),
            options,
            store: None,
            guard: None,
            generation: std::sync::atomic::AtomicU64::new(0),
            timeline: None,
        }
    }

    /// Records each operation sent to JOC, with its outcome, in the Controller's timeline.
    pub fn with_timeline(mut self, recorder: crate::timeline::Recorder) -> Gateway<J> {
        self.timeline = Some(recorder);
        self
    }

    /// Shares the sessions and the operation guard with the other replicas through Redis.
    pub fn shared_by(mut self, replicas: &crate::replicas::feed::Replication) -> Gateway<J> {
        let (shared, scope) = (replicas.shared.clone(), replicas.scope.clone());
        self.store = Some(crate::replicas::sessions::SessionStore { shared: shared.clone(), scope: scope.clone() });
        self.guard = Some(crate::replicas::guard::SharedGuard { shared, scope });
        self
    }

    /// The feed of the Controller a request names (None: the default one), for a user JOC
    /// lets see it. A feed nobody watched starts now: its first read (or failure) is waited
    /// for, at most 10 s, so that targets are checked against what JOC reports.
    async fn feed_for(&self, sid: &str, controller: Option<&str>) -> Result<FeedRef, AppError> {
        let feed = match controller {
            None => FeedRef { snapshots: self.feeds.default_feed(), hold: None },
            Some(id) if self.may_view_controller(sid, id) => self.feeds.feed_of(id),
            Some(_) if !self.is_live(sid) => return Err(expired()),
            Some(_) => {
                return Err(AppError::new(
                    ErrorCode::Forbidden,
                    "Your JOC Cockpit account may not see that Controller.",
                ));
            }
        };
        let mut first = feed.snapshots.clone();
        let read = first.wait_for(|s| s.components.is_some() || s.stale.is_some());
        let _ = tokio::time::timeout(Duration::from_secs(10), read).await;
        Ok(feed)
    }

    /// The session id in a request's cookie.
    pub fn session_of(&self, headers: &axum::http::HeaderMap) -> String {
        let name = app::serverfns::backend::cookie_name(self.options.secure_cookie);
        app::serverfns::backend::cookie_value(headers, name).unwrap_or_default()
    }

    /// The member the feed reads (the active one), else the first.
    fn active_member(&self) -> usize {
        let url = self.feeds.default_feed().borrow().joc_url.clone();
        url.and_then(|u| self.members.iter().position(|m| m.base() == u)).unwrap_or(0)
    }

    /// Logs the ended sessions out at JOC, in the background: the request that ended them
    /// (a login that made room, a logout, an expiry) does not wait for JOC.
    fn logout_at_joc(&self, ended: Vec<UserSession>) {
        if ended.is_empty() {
            return;
        }
        let members = self.members.clone();
        tokio::spawn(async move { logout_all(&members, ended).await });
    }

    pub(crate) fn close(&self, sid: &str) {
        let removed = self.sessions.lock().remove(sid);
        self.unstore(vec![sid.to_string()]);
        self.logout_at_joc(removed.into_iter().collect());
    }

    /// Ends the sessions idle longer than their timeout, logging them out at JOC.
    pub async fn sweep(&self) -> usize {
        let (ids, idle): (Vec<String>, Vec<UserSession>) = {
            let mut sessions = self.sessions.lock();
            let ids: Vec<String> =
                sessions.iter().filter(|(_, s)| s.last_seen.elapsed() > s.idle).map(|(id, _)| id.clone()).collect();
            let idle = ids.iter().filter_map(|id| sessions.remove(id)).collect();
            (ids, idle)
        };
        self.unstore(ids);
        let n = idle.len();
        if n > 0 {
            tracing::info!(sessions = n, "idle sessions ended");
        }
        self.options.logins.prune();
        logout_all(&self.members, idle).await;
        n
    }

    /// Sweeps idle sessions every `every`, for as long as the gateway lives.
    pub async fn sweep_every(self: Arc<Self>, every: Duration) {
        loop {
            tokio::time::sleep(every).await;
            self.sweep().await;
        }
    }

    /// How many sessions are open (for tests and metrics).
    pub fn session_count(&self) -> usize {
        self.sessions.lock().len()
    }

    /// The session's user; ends an idle session; touches JOC for an active one.
    pub(crate) async fn current(&self, sid: &str) -> Result<UserInfo, AppError> {
        let seen = {
            let mut sessions = self.sessions.lock();
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
            self.close(sid);
            return Err(AppError::new(ErrorCode::SessionExpired, "Your session has expired; please log in again."));
        };
        self.refresh_stored(sid);
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
            let mut sessions = self.sessions.lock();
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
            self.close(sid);
            return Err(expired());
        }
        self.store_session(sid).await;
        Ok(())
    }

    /// The member to send the user's calls to, with the user's session there: the active
    /// member when the user has a session on it, else another member the user has one on.
    /// Member and token always go together.
    fn paired_session(&self, sid: &str) -> Result<(usize, JocSession), AppError> {
        let active = self.active_member();
        let sessions = self.sessions.lock();
        let s = sessions.get(sid).ok_or_else(AppError::not_logged_in)?;
        s.jocs
            .get(active)
            .cloned()
            .flatten()
            .map(|j| (active, j))
            .or_else(|| s.jocs.iter().enumerate().find_map(|(i, j)| j.clone().map(|j| (i, j))))
            .ok_or_else(expired)
    }

    /// Is `sid` a live session whose user may view the shown Controller?
    pub fn may_view(&self, sid: &str) -> bool {
        let controller_id = self.feeds.default_feed().borrow().controller_id.clone();
        let sessions = self.sessions.lock();
        sessions
            .get(sid)
            .is_some_and(|s| s.last_seen.elapsed() <= s.idle && s.info.permissions.for_controller(&controller_id).view)
    }

    /// The account of a live session.
    pub fn account(&self, sid: &str) -> Option<String> {
        let sessions = self.sessions.lock();
        sessions.get(sid).filter(|s| s.last_seen.elapsed() <= s.idle).map(|s| s.info.account.clone())
    }

    /// Moves session `from` to the id `to` (a login renews the id); false if there is none.
    pub async fn rename(&self, from: &str, to: &str) -> bool {
        let moved = {
            let mut sessions = self.sessions.lock();
            match sessions.remove(from) {
                Some(s) => {
                    sessions.insert(to.to_string(), s);
                    true
                }
                None => false,
            }
        };
        if moved && let Some(store) = &self.store {
            self.store_session(to).await;
            let _ = store.remove(from).await;
        }
        moved
    }

    /// Does this gateway hold session `sid`, live or idle past its timeout (not yet swept)?
    pub fn holds(&self, sid: &str) -> bool {
        self.sessions.lock().contains_key(sid)
    }

    /// Is `sid` a live session?
    pub fn is_live(&self, sid: &str) -> bool {
        self.sessions.lock().get(sid).is_some_and(|s| s.last_seen.elapsed() <= s.idle)
    }

    /// Is `sid` a live session whose user may view Controller `id`: one JOC listed for the
    /// user at login, with the view permission?
    pub fn may_view_controller(&self, sid: &str, id: &str) -> bool {
        let sessions = self.sessions.lock();
        sessions.get(sid).is_some_and(|s| {
            s.last_seen.elapsed() <= s.idle
                && s.info.controllers.iter().any(|c| c == id)
                && s.info.permissions.for_controller(id).view
        })
    }
}

impl<J: Joc> Gateway<J> {
    /// Ends the session here and, in the background, at JOC.
    pub async fn log_out(&self, sid: &str) {
        self.close(sid);
    }

    /// The Controllers of the session's user that JOC lets them view, sorted; None without a
    /// live session.
    pub fn visible_controllers(&self, sid: &str) -> Option<Vec<String>> {
        let sessions = self.sessions.lock();
        let s = sessions.get(sid).filter(|s| s.last_seen.elapsed() <= s.idle)?;
        Some(s.info.controllers.iter().filter(|id| s.info.permissions.for_controller(id).view).cloned().collect())
    }

    /// The feeds this gateway checks targets against.
    pub fn feeds(&self) -> &Arc<dyn Feeds> {
        &self.feeds
    }

    /// Is the session cookie Secure?
    pub fn secure_cookie(&self) -> bool {
        self.options.secure_cookie
    }
}
