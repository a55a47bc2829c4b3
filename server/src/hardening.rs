//! Request hardening, as layers: cross-site request refusal for every state-changing route,
//! security headers on every answer, and the browser's address for the login limit (taken
//! from `X-Forwarded-For` only when a trusted reverse proxy sent it). Body size and time
//! limits are tower-http layers, set where the router is built.

use app::serverfns::backend::ClientAddr;
use axum::{
    extract::{ConnectInfo, Request},
    http::{HeaderMap, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use std::net::{IpAddr, SocketAddr};

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

/// Which reverse proxies' `X-Forwarded-For` the server believes.
#[derive(Clone, Debug, Default)]
pub struct TrustedProxies(pub Vec<IpAddr>);

impl TrustedProxies {
    /// The browser's address: the peer, unless the peer is a trusted proxy; then the last
    /// address in `X-Forwarded-For` that is not a trusted proxy (the ones before it are the
    /// browser's own say, which anyone can forge).
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        if !self.0.contains(&peer) {
            return peer;
        }
        let forwarded: Vec<IpAddr> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|a| a.trim().parse().ok())
            .collect();
        forwarded.into_iter().rev().find(|a| !self.0.contains(a)).unwrap_or(peer)
    }
}

/// Puts the browser's address in the request ([`ClientAddr`]) for the login limit.
pub async fn client_address(
    axum::extract::State(proxies): axum::extract::State<TrustedProxies>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    mut req: Request,
    next: Next,
) -> Response {
    let client = proxies.client(peer.ip(), req.headers());
    req.extensions_mut().insert(ClientAddr(client));
    next.run(req).await
}

/// The Content-Security-Policy of answers that are not pages (pages carry their own, with the
/// nonce of their inline scripts): nothing may load, nothing may frame them.
pub const CLOSED_CSP: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/// Headers on every answer: no MIME sniffing, no referrer beyond this site, no framing
/// (destructive operations must not be clickjackable), and a closed CSP where the page did
/// not set one.
pub async fn security_headers(req: Request, next: Next) -> Response {
    let mut r = next.run(req).await;
    let h = r.headers_mut();
    h.insert("x-content-type-options", HeaderValue::from_static("nosniff"));
    h.insert("referrer-policy", HeaderValue::from_static("same-origin"));
    h.insert("x-frame-options", HeaderValue::from_static("DENY"));
    if !h.contains_key("content-security-policy") {
        h.insert("content-security-policy", HeaderValue::from_static(CLOSED_CSP));
    }
    r
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
    fn forwarded_addresses_count_only_from_trusted_proxies() {
        let proxy: IpAddr = [10, 0, 0, 1].into();
        let trusted = TrustedProxies(vec![proxy]);
        let h = headers(&[("x-forwarded-for", "1.2.3.4, 192.0.2.7")]);
        let browser: IpAddr = [192, 0, 2, 7].into();
        assert_eq!(trusted.client(proxy, &h), browser, "the address the proxy saw");
        let stranger: IpAddr = [203, 0, 113, 9].into();
        assert_eq!(trusted.client(stranger, &h), stranger, "anyone else's header is ignored");
        assert_eq!(TrustedProxies::default().client(proxy, &h), proxy, "no proxy trusted: the peer");
        assert_eq!(trusted.client(proxy, &headers(&[])), proxy, "a proxy that forwarded nothing");
        let chained = headers(&[("x-forwarded-for", "192.0.2.7, 10.0.0.1")]);
        assert_eq!(trusted.client(proxy, &chained), browser, "trusted hops are skipped");
    }
}
