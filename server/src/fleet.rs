//! The installations the board watches, and each user's sessions across them.
//!
//! Every installation has its own feeds ([`FeedHub`]) and its own sessions ([`Gateway`]); one
//! board session (one cookie) holds the user's session in each installation under the same
//! id. A login opens it on every installation that accepts the account (they often share a
//! directory service); the others are remembered as refused, or as not asked when their JOC
//! could not be reached, and the user may log in to them separately. The limit on failed
//! logins is the board's: one refused login counts once, however many installations refused.

use crate::feed::hub::FeedHub;
use crate::session::{Gateway, OpenError, limiter::LoginLimiter};
use app::model::joc::AuditParams;
use app::model::operations::Operation;
use app::model::overview::Access;
use app::model::session::{InstallationAccess, UserInfo};
use app::serverfns::backend::{Backend, BoxFuture, ClientAddr};
use app::serverfns::{AppError, ErrorCode};
use parking_lot::Mutex;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

/// The longest one installation's part of a login may take (its JOC's login, permissions,
/// Controllers and settings); an installation slower than that counts as not reached.
const LOGIN_LIMIT: Duration = Duration::from_secs(30);

/// A login under way: if it is abandoned (the browser went away) before it is done, the
/// sessions it opened under its id are closed on every installation.
struct Opening<'a> {
    fleet: &'a Fleet,
    sid: String,
    done: bool,
}

impl Drop for Opening<'_> {
    fn drop(&mut self) {
        if !self.done {
            for i in &self.fleet.installations {
                i.gateway.close(&self.sid);
            }
            self.fleet.answers.lock().remove(&self.sid);
        }
    }
}

/// One installation: its name, feeds and sessions.
pub struct Installation {
    pub name: String,
    pub hub: Arc<FeedHub>,
    pub gateway: Arc<Gateway>,
}

/// Every installation, in the configured order.
pub struct Fleet {
    installations: Vec<Installation>,
    logins: LoginLimiter,
    /// How each installation answered the login of a board session (the sessions themselves
    /// are the gateways').
    answers: Mutex<HashMap<String, Vec<Access>>>,
    /// Counts the operations.
    metrics: crate::metrics::Metrics,
}

/// One installation's part of a login under `sid`, bounded at [`LOGIN_LIMIT`].
async fn bounded_open(i: &Installation, sid: &str, account: &str, password: &str) -> Result<(), OpenError> {
    tokio::time::timeout(LOGIN_LIMIT, i.gateway.open_as(sid, account, password)).await.unwrap_or_else(|_| {
        Err(OpenError::Unreached(AppError::new(ErrorCode::Timeout, "JOC Cockpit did not answer in time.")))
    })
}

/// What a login's answer says of the user's place in the installation.
fn access_of(answer: &Result<(), OpenError>) -> Access {
    match answer {
        Ok(()) => Access::Open,
        Err(OpenError::Refused) => Access::Refused,
        Err(OpenError::Unreached(_)) => Access::Unreachable,
        Err(OpenError::After(_)) => Access::LoggedOut,
    }
}

impl Fleet {
    /// `installations` is not empty.
    pub fn new(installations: Vec<Installation>, logins: LoginLimiter, metrics: crate::metrics::Metrics) -> Fleet {
        assert!(!installations.is_empty(), "a board watches at least one installation");
        Fleet { installations, logins, answers: Mutex::default(), metrics }
    }

    pub fn installations(&self) -> &[Installation] {
        &self.installations
    }

    /// The first installation (the one a board of one installation shows).
    pub fn first(&self) -> &Installation {
        &self.installations[0]
    }

    /// The installation a request names (None: the first); an unknown name is refused.
    pub fn named(&self, name: Option<&str>) -> Result<&Installation, AppError> {
        match name.filter(|n| !n.is_empty()) {
            None => Ok(self.first()),
            Some(n) => self
                .installations
                .iter()
                .find(|i| i.name == n)
                .ok_or_else(|| AppError::new(ErrorCode::Invalid, "The board watches no installation of that name.")),
        }
    }

    /// The installation a user's request goes to: the named one if the user is in it, else
    /// the first one the user is in.
    pub fn for_user(&self, sid: &str, name: Option<&str>) -> Result<&Installation, AppError> {
        let live = |i: &&Installation| i.gateway.is_live(sid);
        match name.filter(|n| !n.is_empty()) {
            Some(_) => {
                let i = self.named(name)?;
                if live(&i) {
                    Ok(i)
                } else if self.installations.iter().any(|o| live(&o)) {
                    Err(AppError::new(ErrorCode::OutsideInstallation, "You are not logged in to this installation."))
                } else {
                    Err(AppError::not_logged_in())
                }
            }
            // A session idle past its timeout is found too: asked, it says it expired.
            None => self
                .installations
                .iter()
                .find(live)
                .or_else(|| self.installations.iter().find(|i| i.gateway.holds(sid)))
                .ok_or_else(AppError::not_logged_in),
        }
    }

    /// The session id in a request's cookie.
    pub fn session_of(&self, headers: &axum::http::HeaderMap) -> String {
        self.first().gateway.session_of(headers)
    }

    /// The session id in a request's cookie, its session brought from Redis into this
    /// replica if another one opened it; fails only when Redis cannot be asked.
    pub async fn session(&self, headers: &axum::http::HeaderMap) -> Result<String, AppError> {
        let sid = self.session_of(headers);
        self.load(&sid).await?;
        Ok(sid)
    }

    /// Brings the session `sid` from Redis into every installation of this replica.
    pub async fn load(&self, sid: &str) -> Result<(), AppError> {
        let loaded = futures::future::join_all(self.installations.iter().map(|i| i.gateway.load(sid))).await;
        loaded.into_iter().collect()
    }

    /// Is `sid` live in some installation?
    pub fn is_live(&self, sid: &str) -> bool {
        self.installations.iter().any(|i| i.gateway.is_live(sid))
    }

    /// Where the user is, installation by installation.
    pub fn access(&self, sid: &str) -> Vec<InstallationAccess> {
        let answers = self.answers.lock().get(sid).cloned().unwrap_or_default();
        self.installations
            .iter()
            .enumerate()
            .map(|(k, i)| {
                let account = i.gateway.account(sid);
                let access = match (&account, answers.get(k)) {
                    (Some(_), _) => Access::Open,
                    (None, Some(Access::Refused)) => Access::Refused,
                    (None, Some(Access::Unreachable)) => Access::Unreachable,
                    (None, _) => Access::LoggedOut,
                };
                InstallationAccess { name: i.name.clone(), access, account }
            })
            .collect()
    }

    /// What the overview of `sid` shows: where the user is and the Controllers the user may
    /// see in each installation; an overview stream ends when this changes.
    pub fn view_of(&self, sid: &str) -> Vec<(Access, Vec<String>)> {
        self.access(sid)
            .into_iter()
            .zip(&self.installations)
            .map(|(a, i)| {
                let ids = match a.access {
                    Access::Open => i.gateway.visible_controllers(sid).unwrap_or_default(),
                    _ => Vec::new(),
                };
                (a.access, ids)
            })
            .collect()
    }

    /// Forgets the answers of sessions no installation holds any more.
    pub fn sweep(&self) {
        let ids: Vec<String> = self.answers.lock().keys().cloned().collect();
        let gone: Vec<String> = ids.into_iter().filter(|sid| !self.is_live(sid)).collect();
        let mut answers = self.answers.lock();
        for sid in gone {
            answers.remove(&sid);
        }
        drop(answers);
        self.logins.prune();
    }

    /// Sweeps every `every`, for as long as the board runs.
    pub async fn sweep_every(self: Arc<Self>, every: Duration) {
        loop {
            tokio::time::sleep(every).await;
            self.sweep();
        }
    }

    /// A login: a session on every installation that accepts the account. It fails when none
    /// does: as refused when one refused it, else with the first failure.
    async fn open(&self, account: &str, password: &str, client: Option<ClientAddr>) -> Result<String, AppError> {
        let sid = crate::session::new_session_id();
        let mut opening = Opening { fleet: self, sid: sid.clone(), done: false };
        let login = async {
            let answers =
                futures::future::join_all(self.installations.iter().map(|i| bounded_open(i, &sid, account, password)))
                    .await;
            for (i, a) in self.installations.iter().zip(&answers) {
                match a {
                    Ok(()) => {}
                    Err(OpenError::Refused) => {
                        tracing::info!(account, installation = %i.name, "JOC refused the account")
                    }
                    Err(e) => {
                        tracing::warn!(account, installation = %i.name, error = ?e, "no session in this installation")
                    }
                }
            }
            let access: Vec<Access> = answers.iter().map(access_of).collect();
            if access.contains(&Access::Open) {
                self.answers.lock().insert(sid.clone(), access);
                return Ok(sid.clone());
            }
            let mut errors: Vec<OpenError> = answers.into_iter().filter_map(Result::err).collect();
            let worst = errors
                .iter()
                .position(|e| matches!(e, OpenError::Refused))
                .or_else(|| errors.iter().position(|e| matches!(e, OpenError::After(_))))
                .unwrap_or(0);
            Err(if errors.is_empty() {
                OpenError::Unreached(AppError::new(ErrorCode::Server, "no installation"))
            } else {
                errors.swap_remove(worst)
            })
        };
        let result = crate::session::login::limited(&self.logins, account, client.as_ref(), login).await;
        opening.done = true;
        result
    }

    /// Logs a board session in to one more installation, and gives the session a new id.
    async fn open_one(
        &self,
        sid: &str,
        name: &str,
        account: &str,
        password: &str,
        client: Option<ClientAddr>,
    ) -> Result<String, AppError> {
        self.load(sid).await?;
        if !self.is_live(sid) {
            return Err(AppError::not_logged_in());
        }
        let Some(k) = self.installations.iter().position(|i| i.name == name) else {
            return Err(AppError::new(ErrorCode::Invalid, "The board watches no installation of that name."));
        };
        // The new session is opened under a new id; the old one's sessions follow it once it
        // succeeded, so that an id planted in the browser beforehand never gains a login.
        let renewed = crate::session::new_session_id();
        let mut opening = Opening { fleet: self, sid: renewed.clone(), done: false };
        let login = async {
            let answer = bounded_open(&self.installations[k], &renewed, account, password).await;
            let mut answers = self.answers.lock();
            let a = answers.entry(sid.to_string()).or_insert_with(|| vec![Access::LoggedOut; self.installations.len()]);
            a[k] = access_of(&answer);
            answer
        };
        crate::session::login::limited(&self.logins, account, client.as_ref(), login).await?;
        // Logged out meanwhile: the new session goes too.
        if !self.is_live(sid) {
            return Err(AppError::not_logged_in());
        }
        for (j, i) in self.installations.iter().enumerate() {
            if j != k {
                i.gateway.rename(sid, &renewed).await;
            } else {
                i.gateway.close(sid);
            }
        }
        let mut answers = self.answers.lock();
        if let Some(a) = answers.remove(sid) {
            answers.insert(renewed.clone(), a);
        }
        drop(answers);
        opening.done = true;
        tracing::info!(account, installation = name, "logged in to one more installation");
        Ok(renewed)
    }

    /// The user in an installation, with where else the user is; keeps every installation's
    /// session alive (the board is one page for the user).
    async fn user_in(&self, sid: &str, name: Option<&str>) -> Result<UserInfo, AppError> {
        self.load(sid).await?;
        let shown = self.for_user(sid, name)?;
        let others = self.installations.iter().filter(|i| i.name != shown.name && i.gateway.is_live(sid));
        let (info, _) = futures::future::join(
            shown.gateway.current(sid),
            futures::future::join_all(others.map(|i| i.gateway.current(sid))),
        )
        .await;
        let mut info = info?;
        info.installation = shown.name.clone();
        info.installations = self.access(sid);
        Ok(info)
    }
}

impl Backend for Fleet {
    fn log_in<'a>(
        &'a self,
        account: &'a str,
        password: &'a str,
        client: Option<ClientAddr>,
    ) -> BoxFuture<'a, Result<String, AppError>> {
        Box::pin(self.open(account, password, client))
    }
    fn log_in_to<'a>(
        &'a self,
        sid: &'a str,
        installation: &'a str,
        account: &'a str,
        password: &'a str,
        client: Option<ClientAddr>,
    ) -> BoxFuture<'a, Result<String, AppError>> {
        Box::pin(self.open_one(sid, installation, account, password, client))
    }
    fn log_out<'a>(&'a self, sid: &'a str) -> BoxFuture<'a, ()> {
        Box::pin(async move {
            // Loaded first so that its JOC sessions are closed too (Redis away: closed here
            // and removed from Redis when it answers again, or expire there).
            let _ = self.load(sid).await;
            for i in &self.installations {
                i.gateway.close(sid);
            }
            self.answers.lock().remove(sid);
        })
    }
    fn user<'a>(&'a self, sid: &'a str, installation: Option<&'a str>) -> BoxFuture<'a, Result<UserInfo, AppError>> {
        Box::pin(self.user_in(sid, installation))
    }
    fn perform<'a>(
        &'a self,
        sid: &'a str,
        installation: Option<String>,
        controller: Option<String>,
        op: Operation,
        audit: Option<AuditParams>,
    ) -> BoxFuture<'a, Result<(), AppError>> {
        Box::pin(async move {
            self.load(sid).await?;
            let i = self.for_user(sid, installation.as_deref())?;
            let kind = op.kind();
            let answer = i.gateway.run(sid, controller.as_deref(), op, audit).await;
            self.metrics.operation(&i.name, kind, answer.as_ref().map_or_else(|e| e.code.as_str(), |_| "ok"));
            answer
        })
    }
    fn secure_cookie(&self) -> bool {
        self.first().gateway.secure_cookie()
    }
}
