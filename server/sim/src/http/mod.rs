//! The JOC Cockpit REST API of one simulated JOC instance: `POST /joc/api/...` with JSON bodies,
//! `X-Access-Token` sessions, and JOC's error answers (401, 403, 420, 440).

mod auth;
mod controller_ops;
mod inventory;
mod monitoring;
mod ops;
mod status;

use super::{AuditEntry, Shared, world::Refusal};
use crate::accounts::Account;
use app::model::joc::{AccountAnswer, AuditParams, Err420, JocErr, OkAnswer};
use axum::{
    Router,
    body::Bytes,
    extract::Request,
    http::{HeaderMap, StatusCode},
    middleware::{self, Next},
    response::{IntoResponse, Response},
    routing::post,
};
use serde::de::DeserializeOwned;
use std::sync::Arc;
use std::time::Instant;

/// What every handler of one instance gets: the simulator and which JOC instance this is.
#[derive(Clone)]
pub struct Ctx {
    pub shared: Arc<Shared>,
    pub me: usize,
}

/// JOC's error answers.
#[derive(Debug)]
pub enum Reply {
    /// 401: not authenticated.
    Unauthenticated(String),
    /// 403: the account lacks a permission.
    Forbidden(String),
    /// 440: the session is unknown or expired.
    Expired,
    /// 420: any JocException, with its code and message.
    Invalid(&'static str, String),
    /// 434: JOC's proxy has no connection to the Controller.
    ControllerUnreachable,
}

impl IntoResponse for Reply {
    fn into_response(self) -> Response {
        let account = |status: u16, a: AccountAnswer| {
            (StatusCode::from_u16(status).expect("status"), axum::Json(a)).into_response()
        };
        match self {
            Reply::Unauthenticated(message) => {
                account(401, AccountAnswer { message: Some(message), ..AccountAnswer::default() })
            }
            Reply::Forbidden(name) => account(
                403,
                AccountAnswer {
                    account: Some(name),
                    is_authenticated: true,
                    has_role: true,
                    message: Some("Access denied".into()),
                    ..AccountAnswer::default()
                },
            ),
            Reply::Expired => account(
                440,
                AccountAnswer {
                    message: Some("SessionNotExistException: Session doesn't exist".into()),
                    ..AccountAnswer::default()
                },
            ),
            Reply::ControllerUnreachable => {
                let body = Err420 {
                    delivery_date: now_stamp(),
                    survey_date: None,
                    error: JocErr {
                        code: "JOC-402".into(),
                        message: "ControllerConnectionRefusedException: no connection to the Controller".into(),
                    },
                };
                (StatusCode::from_u16(434).expect("434"), axum::Json(body)).into_response()
            }
            Reply::Invalid(code, message) => {
                let body = Err420 {
                    delivery_date: now_stamp(),
                    survey_date: None,
                    error: JocErr { code: code.into(), message },
                };
                (StatusCode::from_u16(420).expect("420"), axum::Json(body)).into_response()
            }
        }
    }
}

impl From<Refusal> for Reply {
    fn from(r: Refusal) -> Reply {
        let code = match r {
            Refusal::JocSwitchOverInProgress | Refusal::ClusterSwitchOverInProgress => "JOC-409",
            Refusal::Unreachable(_) => "JOC-402",
            _ => "JOC-400",
        };
        Reply::Invalid(code, r.to_string())
    }
}

/// The wall-clock time as JOC writes `deliveryDate`.
pub fn now_stamp() -> String {
    super::world::stamp(chrono::Utc::now())
}

/// `{"deliveryDate":…,"ok":true}`.
pub fn ok() -> Response {
    axum::Json(OkAnswer { delivery_date: now_stamp(), survey_date: Some(now_stamp()), ok: true }).into_response()
}

/// Parses a JSON body; an empty body counts as `{}`. Schema violations are 420 JOC-400.
pub fn parse<T: DeserializeOwned>(body: &Bytes) -> Result<T, Reply> {
    let raw: &[u8] = if body.iter().all(u8::is_ascii_whitespace) { b"{}" } else { body };
    serde_json::from_slice(raw).map_err(|e| Reply::Invalid("JOC-400", format!("Invalid request: {e}")))
}

impl Ctx {
    /// The account of the `X-Access-Token` session; only `touch` resets its idle timer. A
    /// missing token is 440 as an unknown one, as JOC answers both.
    pub fn account(&self, headers: &HeaderMap) -> Result<Account, Reply> {
        self.session(headers).map(|(account, _)| account)
    }

    /// The account of the session and the real time left before it expires when idle.
    pub fn session(&self, headers: &HeaderMap) -> Result<(Account, std::time::Duration), Reply> {
        let token = headers.get("x-access-token").and_then(|v| v.to_str().ok()).ok_or(Reply::Expired)?;
        let mut sessions = self.shared.sessions.lock();
        let key = (self.me, token.to_string());
        let session = sessions.get(&key).ok_or(Reply::Expired)?;
        let timeout = self.shared.real_session_timeout();
        let idle = session.last_touch.elapsed();
        if idle > timeout {
            sessions.remove(&key);
            return Err(Reply::Expired);
        }
        Ok((session.account.clone(), timeout - idle))
    }

    /// 403 unless `allowed`.
    pub fn require(&self, account: &Account, allowed: bool) -> Result<(), Reply> {
        if allowed { Ok(()) } else { Err(Reply::Forbidden(account.name.clone())) }
    }

    /// Records an operation in the audit log; 420 JOC-300 when comments are forced and missing.
    pub fn audit(&self, account: &Account, request: &str, params: &Option<AuditParams>) -> Result<(), Reply> {
        let params = params.clone().unwrap_or_default();
        if self.shared.cfg.force_comments && !params.has_comment() {
            return Err(Reply::Invalid("JOC-300", "missing comment".into()));
        }
        self.shared.audit.lock().push(AuditEntry {
            account: account.name.clone(),
            request: request.into(),
            comment: params.comment,
            time_spent: params.time_spent,
            ticket_link: params.ticket_link,
        });
        Ok(())
    }

    /// Refuses what only the active JOC instance may do, as a standby JOC refuses it.
    pub fn require_active(&self, code: &'static str, message: &str) -> Result<(), Reply> {
        let active = self.shared.world.lock().is_active(self.me).0;
        if active { Ok(()) } else { Err(Reply::Invalid(code, message.into())) }
    }

    pub fn touch(&self, token: &str) {
        if let Some(s) = self.shared.sessions.lock().get_mut(&(self.me, token.to_string())) {
            s.last_touch = Instant::now();
        }
    }
}

/// Injected faults in how JOC answers: delay, a proxy's error page, a truncated body.
async fn http_faults(axum::extract::State(ctx): axum::extract::State<Ctx>, req: Request, next: Next) -> Response {
    let path = req.extensions().get::<axum::extract::OriginalUri>().map_or(req.uri().path(), |u| u.path()).to_string();
    *ctx.shared.requests.lock().entry(path).or_default() += 1;
    let faults = ctx.shared.http_faults.lock().clone();
    if faults.delay_ms > 0 {
        tokio::time::sleep(std::time::Duration::from_millis(faults.delay_ms)).await;
    }
    if let Some(status) = faults.status {
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_GATEWAY);
        return (status, [("content-type", "text/html")], "<html><body>Bad Gateway</body></html>").into_response();
    }
    let response = next.run(req).await;
    let json = response.headers().get("content-type").is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if !faults.malformed || !json {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, 1 << 24).await.unwrap_or_default();
    parts.headers.remove("content-length");
    Response::from_parts(parts, axum::body::Body::from(bytes.slice(..bytes.len() / 2)))
}

/// The routes of JOC instance `me`.
pub fn router(shared: Arc<Shared>, me: usize) -> Router {
    let ctx = Ctx { shared, me };
    let api = Router::new()
        .route("/authentication/login", post(auth::login))
        .route("/authentication/logout", post(auth::logout))
        .route("/authentication/joc_cockpit_permissions", post(auth::permissions))
        .route("/touch", post(auth::touch))
        .route("/joc/properties", post(auth::properties))
        .route("/joc/version", post(status::version))
        .route("/controller/ids", post(status::controller_ids))
        .route("/joc/versions", post(inventory::versions))
        .route("/controller", post(inventory::controller))
        .route("/controller/test", post(inventory::test))
        .route("/controller/components", post(status::components))
        .route("/joc/is_active", post(status::is_active))
        .route("/agents", post(status::agents))
        .route("/events", post(status::events))
        .route("/monitoring/controllers", post(monitoring::controllers))
        .route("/monitoring/agents", post(monitoring::agents))
        .route("/joc/cluster/switch_member", post(ops::switch_member))
        .route("/joc/cluster/delete_member", post(ops::delete_member))
        .route("/joc/cluster/restart", post(ops::restart_service))
        .route("/joc/cluster/run", post(ops::run_service))
        .route("/joc/proxies/restart", post(ops::restart_proxies))
        .route("/joc/url", post(ops::update_url))
        .route("/joc/uri", post(ops::update_url))
        .route("/joc/log", post(ops::joc_log))
        .route("/controller/terminate", post(controller_ops::terminate))
        .route("/controller/restart", post(controller_ops::restart))
        .route("/controller/abort", post(controller_ops::abort))
        .route("/controller/abort_and_restart", post(controller_ops::abort_and_restart))
        .route("/controller/log", post(controller_ops::controller_log))
        .route("/controller/log/download", post(controller_ops::controller_log_download))
        .route("/controller/cluster/switchover", post(controller_ops::cluster_switchover))
        .route("/controller/cluster/confirm_node_loss", post(controller_ops::confirm_node_loss))
        .layer(middleware::from_fn_with_state(ctx.clone(), http_faults))
        .with_state(ctx.clone());
    Router::new().nest("/joc/api", api).nest("/sim", super::control::router(ctx.shared.clone()))
}
