//! Request hardening, as layers: cross-site request refusal for every state-changing route, and
//! a per-client limit on login attempts. (Body size and time limits are tower-http layers,
//! set where the router is built.)

use axum::{
    extract::{ConnectInfo, Request},
    http::{HeaderMap, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Is this request one a browser made on behalf of another site?
pub fn is_cross_site(method: &Method, headers: &HeaderMap) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return false;
    }
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return !matches!(site, "same-origin" | "none");
    }
    match (headers.get("origin").and_then(|v| v.to_str().ok()), headers.get("host").and_then(|v| v.to_str().ok())) {
        (Some(origin), Some(host)) => origin.split_once("://").map(|(_, h)| h) != Some(host),
        (Some(_), None) => true,
        // No Origin: not a browser's cross-site form or fetch (curl, scripts).
        (None, _) => false,
    }
}

/// Refuses cross-site state-changing requests with 403 (the SameSite cookie is the second wall).
pub async fn same_site_only(req: Request, next: Next) -> Response {
    if is_cross_site(req.method(), req.headers()) {
        tracing::warn!(uri = %req.uri(), "cross-site request refused");
        return (StatusCode::FORBIDDEN, "cross-site requests are refused").into_response();
    }
    next.run(req).await
}

/// Failed login attempts per client address in a sliding window (successful ones are free, so
/// people behind one address are not locked out by each other's logins).
#[derive(Clone)]
pub struct LoginLimiter {
    attempts: Arc<Mutex<HashMap<IpAddr, Vec<Instant>>>>,
    max: usize,
    window: Duration,
}

impl LoginLimiter {
    pub fn new(max: usize, window: Duration) -> LoginLimiter {
        LoginLimiter { attempts: Arc::default(), max, window }
    }

    /// May this client try again now?
    pub fn allow(&self, ip: IpAddr) -> bool {
        let now = Instant::now();
        let mut map = self.attempts.lock().expect("limiter lock");
        map.retain(|_, v| v.last().is_some_and(|t| now.duration_since(*t) < self.window));
        map.get(&ip).is_none_or(|v| v.iter().filter(|t| now.duration_since(**t) < self.window).count() < self.max)
    }

    /// Records a failed attempt.
    pub fn failed(&self, ip: IpAddr) {
        self.attempts.lock().expect("limiter lock").entry(ip).or_default().push(Instant::now());
    }
}

/// Applies the limiter to the login server function.
pub async fn limit_logins(
    axum::extract::State(limiter): axum::extract::State<LoginLimiter>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    req: Request,
    next: Next,
) -> Response {
    if req.uri().path() != "/api/log_in" {
        return next.run(req).await;
    }
    if !limiter.allow(peer.ip()) {
        return (StatusCode::TOO_MANY_REQUESTS, "too many failed logins; wait a minute").into_response();
    }
    let response = next.run(req).await;
    if response.status() == StatusCode::UNAUTHORIZED {
        limiter.failed(peer.ip());
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn cross_site_rules() {
        let post = Method::POST;
        assert!(is_cross_site(&post, &headers(&[("sec-fetch-site", "cross-site")])));
        assert!(is_cross_site(&post, &headers(&[("sec-fetch-site", "same-site")])));
        assert!(!is_cross_site(&post, &headers(&[("sec-fetch-site", "same-origin")])));
        assert!(is_cross_site(&post, &headers(&[("origin", "https://evil.example"), ("host", "board:3000")])));
        assert!(!is_cross_site(&post, &headers(&[("origin", "http://board:3000"), ("host", "board:3000")])));
        assert!(!is_cross_site(&post, &headers(&[])));
        assert!(!is_cross_site(&Method::GET, &headers(&[("sec-fetch-site", "cross-site")])));
    }

    #[test]
    fn logins_are_limited_per_client() {
        let l = LoginLimiter::new(3, Duration::from_secs(60));
        let a: IpAddr = [127, 0, 0, 1].into();
        let b: IpAddr = [127, 0, 0, 2].into();
        for _ in 0..3 {
            assert!(l.allow(a));
            l.failed(a);
        }
        assert!(!l.allow(a));
        assert!(l.allow(b));
    }
}
