//! Login, logout, keep-alive, permissions and JOC's properties.

use super::{Ctx, Reply, now_stamp, parse};
use crate::Session;
use app::model::joc::{AccountAnswer, JocProperties};
use axum::{
    Json,
    body::Bytes,
    extract::{ConnectInfo, State},
    http::HeaderMap,
    response::{IntoResponse, Response},
};
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use rand::RngCore;
use std::net::SocketAddr;
use std::time::Instant;

/// `account:password` from a Basic authorisation header.
fn basic(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get("authorization")?.to_str().ok()?;
    let encoded = value.strip_prefix("Basic ").or_else(|| value.strip_prefix("basic "))?;
    let decoded = String::from_utf8(STANDARD.decode(encoded.trim()).ok()?).ok()?;
    let (a, p) = decoded.split_once(':')?;
    Some((a.to_string(), p.to_string()))
}

/// JOC's opaque token: base64url of 24 random bytes, 32 characters.
fn new_token() -> String {
    let mut bytes = [0u8; 24];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// `authentication/login`: Basic credentials in, `X-Access-Token` out.
pub async fn login(
    State(ctx): State<Ctx>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Result<Response, Reply> {
    let (name, password) =
        basic(&headers).ok_or_else(|| Reply::Invalid("JOC-401", "Missing authorization header (Basic)".into()))?;
    let account = ctx
        .shared
        .cfg
        .accounts
        .iter()
        .find(|a| a.name == name && a.password == password)
        .cloned()
        .ok_or_else(|| Reply::Unauthenticated("Access denied".into()))?;
    let token = new_token();
    let timeout_ms = ctx.shared.real_session_timeout().as_millis() as i64;
    ctx.shared
        .sessions
        .lock()
        .insert((ctx.me, token.clone()), Session { account: account.clone(), last_touch: Instant::now() });
    let answer = AccountAnswer {
        account: Some(account.name.clone()),
        role: Some(account.profile.role().into()),
        is_permitted: false,
        has_role: true,
        is_approver: Some(false),
        is_approval_requestor: Some(false),
        is_authenticated: true,
        force_password_change: Some(false),
        access_token: Some(token.clone()),
        message: Some(String::new()),
        session_timeout: Some(timeout_ms),
        enable_touch: Some(true),
        caller_ip_address: Some(peer.ip().to_string()),
        caller_host_name: Some(peer.ip().to_string()),
        identity_service: Some("JOC:JOC-INITIAL".into()),
    };
    Ok(([("x-access-token", token), ("x-joc-timeout", timeout_ms.to_string())], Json(answer)).into_response())
}

/// `authentication/logout`: ends the session.
pub async fn logout(State(ctx): State<Ctx>, headers: HeaderMap) -> Result<Response, Reply> {
    let account = ctx.account(&headers)?;
    if let Some(token) = headers.get("x-access-token").and_then(|v| v.to_str().ok()) {
        ctx.shared.sessions.lock().remove(&(ctx.me, token.to_string()));
    }
    Ok(Json(AccountAnswer {
        account: Some(account.name),
        access_token: Some(String::new()),
        message: Some(String::new()),
        ..AccountAnswer::default()
    })
    .into_response())
}

/// `touch`: the only call that resets the idle timer.
pub async fn touch(State(ctx): State<Ctx>, headers: HeaderMap) -> Result<Response, Reply> {
    ctx.account(&headers)?;
    if let Some(token) = headers.get("x-access-token").and_then(|v| v.to_str().ok()) {
        ctx.touch(token);
    }
    Ok(Json(serde_json::json!({"deliveryDate": now_stamp(), "ok": true})).into_response())
}

/// `authentication/joc_cockpit_permissions`.
pub async fn permissions(State(ctx): State<Ctx>, headers: HeaderMap) -> Result<Response, Reply> {
    let account = ctx.account(&headers)?;
    Ok(Json(account.permissions()).into_response())
}

/// `joc/properties`: whether audit comments are forced, and the predefined reasons.
pub async fn properties(State(ctx): State<Ctx>, headers: HeaderMap, body: Bytes) -> Result<Response, Reply> {
    ctx.account(&headers)?;
    let _: serde_json::Value = parse(&body)?;
    Ok(Json(JocProperties {
        force_comments_for_audit_log: ctx.shared.cfg.force_comments,
        comments: vec!["System maintenance".into(), "Repeat execution".into(), "Business requirement".into()],
    })
    .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// As JOC: the account ends at the first colon, the password is the rest.
    #[test]
    fn basic_credentials_split_at_the_first_colon() {
        let mut h = HeaderMap::new();
        h.insert("authorization", format!("Basic {}", STANDARD.encode("root:admin:pw")).parse().unwrap());
        assert_eq!(basic(&h), Some(("root".into(), "admin:pw".into())));
    }
}
