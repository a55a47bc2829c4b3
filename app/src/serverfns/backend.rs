//! The server side of the server functions: the [`Backend`] trait the axum server implements
//! (sessions, the JOC client) and the session cookie.

use super::{AppError, ErrorCode};
use crate::model::joc::AuditParams;
use crate::model::operations::Operation;
use crate::model::session::UserInfo;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// A boxed future, so the trait can be used as `dyn Backend`.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// The name of the session cookie over plain HTTP.
pub const COOKIE: &str = "js7s";
/// Its name when served over https: the `__Host-` prefix makes the browser refuse it unless
/// Secure, for this host only and for the whole site.
pub const SECURE_COOKIE: &str = "__Host-js7s";

/// The session cookie's name.
pub fn cookie_name(secure: bool) -> &'static str {
    if secure { SECURE_COOKIE } else { COOKIE }
}

/// The browser, as the server determined it (the peer, or what a trusted reverse proxy
/// forwarded), put in the request's extensions for the login limit.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ClientAddr {
    /// An address.
    Ip(std::net::IpAddr),
    /// What a trusted proxy forwarded that is no address (`unknown`, an obfuscated name).
    Named(String),
}

impl From<std::net::IpAddr> for ClientAddr {
    fn from(ip: std::net::IpAddr) -> ClientAddr {
        ClientAddr::Ip(ip)
    }
}

impl std::fmt::Display for ClientAddr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ClientAddr::Ip(ip) => ip.fmt(f),
            ClientAddr::Named(name) => write!(f, "{name:?}"),
        }
    }
}

/// What the server functions need from the server.
pub trait Backend: Send + Sync + 'static {
    /// Opens the user's JOC sessions on every installation that accepts the account; returns
    /// our session id. `client` is the browser's address, for the limit on failed logins.
    fn log_in<'a>(
        &'a self,
        account: &'a str,
        password: &'a str,
        client: Option<ClientAddr>,
    ) -> BoxFuture<'a, Result<String, AppError>>;
    /// Logs the session in to one more installation (one that refused the first account, or
    /// could not be asked), perhaps with another account; returns the session's new id (a
    /// login never keeps an id the browser had before).
    fn log_in_to<'a>(
        &'a self,
        sid: &'a str,
        installation: &'a str,
        account: &'a str,
        password: &'a str,
        client: Option<ClientAddr>,
    ) -> BoxFuture<'a, Result<String, AppError>>;
    /// Ends the session and the user's JOC sessions.
    fn log_out<'a>(&'a self, sid: &'a str) -> BoxFuture<'a, ()>;
    /// The user of a session in `installation` (None: the first one the user is in), and
    /// keeps the session alive.
    fn user<'a>(&'a self, sid: &'a str, installation: Option<&'a str>) -> BoxFuture<'a, Result<UserInfo, AppError>>;
    /// Sends one operation on Controller `controller` (None: the default one) of
    /// `installation` (None: the first) to its active JOC.
    fn perform<'a>(
        &'a self,
        sid: &'a str,
        installation: Option<String>,
        controller: Option<String>,
        op: Operation,
        audit: Option<AuditParams>,
    ) -> BoxFuture<'a, Result<(), AppError>>;
    /// Is the cookie to be marked Secure (served over https)?
    fn secure_cookie(&self) -> bool;
}

/// The backend, as provided in the server functions' context.
pub type SharedBackend = Arc<dyn Backend>;

pub fn backend() -> Result<SharedBackend, AppError> {
    leptos::prelude::use_context::<SharedBackend>()
        .ok_or_else(|| AppError::new(ErrorCode::Server, "backend not configured"))
}

/// The session id from the request's cookie.
pub async fn session_id() -> Result<String, AppError> {
    let secure = backend()?.secure_cookie();
    let headers: http::HeaderMap = leptos_axum::extract().await.map_err(|_| AppError::not_logged_in())?;
    cookie_value(&headers, cookie_name(secure)).ok_or_else(AppError::not_logged_in)
}

/// The browser's address, when the server put it in the request.
pub async fn client_addr() -> Option<ClientAddr> {
    let parts: http::request::Parts = leptos_axum::extract().await.ok()?;
    parts.extensions.get::<ClientAddr>().cloned()
}

/// The value of cookie `name` in the `Cookie` headers.
pub fn cookie_value(headers: &http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all("cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// The `Set-Cookie` value that stores (or, with an empty id, clears) the session.
pub fn set_cookie(sid: &str, secure: bool) -> String {
    let max_age = if sid.is_empty() { "; Max-Age=0" } else { "" };
    let name = cookie_name(secure);
    let secure = if secure { "; Secure" } else { "" };
    format!("{name}={sid}; Path=/; HttpOnly; SameSite=Strict{secure}{max_age}")
}
