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
pub struct TrustedProxies(Vec<IpAddr>);

impl TrustedProxies {
    pub fn new(proxies: impl IntoIterator<Item = IpAddr>) -> TrustedProxies {
        TrustedProxies(proxies.into_iter().map(|p| p.to_canonical()).collect())
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        self.0.contains(&ip)
    }

    /// The browser: the peer, unless the peer is a trusted proxy; then `X-Forwarded-For` read
    /// from the right (the hop nearest us) past the trusted proxies, up to the first entry that
    /// is not one: the entries left of it are the browser's own say, which anyone can forge.
    /// An entry may carry a port (`192.0.2.7:5123`, `[2001:db8::7]:443`); one that is no
    /// address at all (`unknown`) names the client as it is. IPv4-mapped IPv6 addresses are
    /// read as IPv4.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> ClientAddr {
        let peer = peer.to_canonical();
        if !self.trusts(peer) {
            return ClientAddr::Ip(peer);
        }
        let entries: Vec<&[u8]> = headers
            .get_all("x-forwarded-for")
            .iter()
            .flat_map(|v| v.as_bytes().split(|b| *b == b','))
            .map(<[u8]>::trim_ascii)
            .filter(|e| !e.is_empty())
            .collect();
        let mut nearest_proxy = peer;
        for entry in entries.into_iter().rev() {
            match forwarded_ip(entry) {
                Some(ip) if self.trusts(ip) => nearest_proxy = ip,
                Some(ip) => return ClientAddr::Ip(ip),
                None => return ClientAddr::Named(String::from_utf8_lossy(entry).chars().take(64).collect()),
            }
        }
        ClientAddr::Ip(nearest_proxy)
    }
}

/// The address in one `X-Forwarded-For` entry: `addr`, `v4:port`, `[v6]` or `[v6]:port`.
fn forwarded_ip(entry: &[u8]) -> Option<IpAddr> {
    let text = std::str::from_utf8(entry).ok()?;
    let bare = text.strip_prefix('[').and_then(|t| t.strip_suffix(']')).unwrap_or(text);
    let ip = bare.parse::<IpAddr>().ok().or_else(|| text.parse::<SocketAddr>().ok().map(|s| s.ip()))?;
    Some(ip.to_canonical())
}

/// Puts the browser's address in the request ([`ClientAddr`]) for the login limit.
pub async fn client_address(
    axum::extract::State(proxies): axum::extract::State<TrustedProxies>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    mut req: Request,
    next: Next,
) -> Response {
    let client = proxies.client(peer.ip(), req.headers());
    req.extensions_mut().insert(client);
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

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn forwarded_addresses_count_only_from_trusted_proxies() {
        let proxy = ip("10.0.0.1");
        let trusted = TrustedProxies::new([proxy]);
        let h = headers(&[("x-forwarded-for", "1.2.3.4, 192.0.2.7")]);
        let browser = ClientAddr::Ip(ip("192.0.2.7"));
        assert_eq!(trusted.client(proxy, &h), browser, "the address the proxy saw");
        let stranger = ip("203.0.113.9");
        assert_eq!(trusted.client(stranger, &h), ClientAddr::Ip(stranger), "anyone else's header is ignored");
        assert_eq!(TrustedProxies::default().client(proxy, &h), ClientAddr::Ip(proxy), "no proxy trusted: the peer");
        assert_eq!(trusted.client(proxy, &headers(&[])), ClientAddr::Ip(proxy), "a proxy that forwarded nothing");
        let chained = headers(&[("x-forwarded-for", "192.0.2.7, 10.0.0.1")]);
        assert_eq!(trusted.client(proxy, &chained), browser, "trusted hops are skipped");
    }

    #[test]
    fn forwarded_entries_are_read_one_by_one() {
        let proxy = ip("10.0.0.1");
        let trusted = TrustedProxies::new([proxy, ip("10.0.0.2")]);
        let client = |value: &[u8]| {
            let mut h = HeaderMap::new();
            h.append("x-forwarded-for", HeaderValue::from_bytes(value).unwrap());
            trusted.client(proxy, &h)
        };
        let at = |s: &str| ClientAddr::Ip(ip(s));
        assert_eq!(client(b"192.0.2.7:5123"), at("192.0.2.7"), "with a port");
        assert_eq!(client(b"[2001:db8::7]:443"), at("2001:db8::7"), "IPv6 with a port");
        assert_eq!(client(b"[2001:db8::7]"), at("2001:db8::7"), "IPv6 in brackets");
        assert_eq!(client(b"::ffff:192.0.2.7"), at("192.0.2.7"), "mapped IPv4 is IPv4");
        assert_eq!(client(b"192.0.2.1, 192.0.2.7, 10.0.0.2"), at("192.0.2.7"), "the first untrusted from the right");
        assert_eq!(client(b"forged\xff, 192.0.2.7"), at("192.0.2.7"), "a forged byte left of it changes nothing");
        assert_eq!(client(b"192.0.2.1, unknown"), ClientAddr::Named("unknown".into()), "no address: named");
        assert_eq!(client(b"10.0.0.2,,10.0.0.1"), at("10.0.0.2"), "only proxies: the farthest one");
        // Several header lines read as one list, in order.
        let mut h = HeaderMap::new();
        h.append("x-forwarded-for", HeaderValue::from_static("192.0.2.1"));
        h.append("x-forwarded-for", HeaderValue::from_static("192.0.2.7"));
        assert_eq!(trusted.client(proxy, &h), at("192.0.2.7"));
        let mapped_proxy = ip("::ffff:10.0.0.1");
        assert_eq!(trusted.client(mapped_proxy, &headers(&[("x-forwarded-for", "192.0.2.7")])), at("192.0.2.7"));
    }
}
