//! The server's defences over real HTTP on port 0: the session cookie, cross-site refusal,
//! body limits, the limit on failed logins (parallel ones too, behind a trusted proxy too),
//! security headers and the page's CSP, slow, silent and idle clients and the connection cap.

use crate::common::served::{FeedReader, serve};
use reqwest::{StatusCode, header};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Login sets an HttpOnly, SameSite=Strict cookie; the token never reaches the browser.
#[tokio::test]
async fn login_sets_a_safe_cookie_and_no_token() {
    let s = serve(&[]).await;
    assert_eq!(s.http.get(format!("{}/healthz", s.base)).send().await.unwrap().status(), StatusCode::OK);
    let refused = s.post("/api/log_in", &[("account", "root"), ("password", "nope")]).await;
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    let r = s.log_in("root").await;
    assert_eq!(r.status(), StatusCode::OK);
    let cookie = r.headers()[header::SET_COOKIE].to_str().unwrap().to_string();
    assert!(
        cookie.starts_with("js7s=") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let me = s.post("/api/current_user", &[]).await;
    assert_eq!(me.status(), StatusCode::OK);
    let body = me.text().await.unwrap();
    assert!(body.contains("\"account\":\"root\""), "{body}");
    assert!(!body.to_lowercase().contains("token"), "no token in {body}");
    s.post("/api/log_out", &[]).await;
    assert_eq!(s.post("/api/current_user", &[]).await.status(), StatusCode::UNAUTHORIZED);
}

/// Cross-site posts, oversized bodies and floods of failed logins are refused before any work;
/// successful logins do not count.
#[tokio::test]
async fn hardening_refuses_what_it_should() {
    let s = serve(&[]).await;
    let cross = s.log_in_with(("origin", "https://evil.example"), "root", "root").await;
    assert_eq!(cross.status(), StatusCode::FORBIDDEN);
    let fetch_cross =
        s.http.post(format!("{}/api/log_out", s.base)).header("sec-fetch-site", "cross-site").send().await.unwrap();
    assert_eq!(fetch_cross.status(), StatusCode::FORBIDDEN);
    for (account, password) in [("root:x", "root"), ("", "root"), ("root", "")] {
        let bad = s.post("/api/log_in", &[("account", account), ("password", password)]).await;
        assert_eq!(bad.status(), StatusCode::BAD_REQUEST, "{account:?}");
        assert!(bad.text().await.unwrap().contains("bad-account"), "{account:?}");
    }
    let big = "x".repeat(70 * 1024);
    let r = s.post("/api/log_in", &[("account", "root"), ("password", &big)]).await;
    assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
    for _ in 0..12 {
        assert_eq!(s.log_in("viewer").await.status(), StatusCode::OK);
    }
    let mut statuses = Vec::new();
    for _ in 0..11 {
        statuses.push(s.post("/api/log_in", &[("account", "root"), ("password", "wrong")]).await.status());
    }
    assert_eq!(statuses.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count(), 1, "{statuses:?}");
}

/// Parallel wrong passwords: exactly ten reach JOC, the rest are refused with 429, and the
/// refusal is said in words.
#[tokio::test]
async fn parallel_wrong_passwords_stop_at_the_limit() {
    let s = serve(&[]).await;
    let tries = (0..20).map(|_| s.post("/api/log_in", &[("account", "operator"), ("password", "wrong")]));
    let statuses: Vec<StatusCode> = futures::future::join_all(tries).await.iter().map(|r| r.status()).collect();
    let count = |code| statuses.iter().filter(|s| **s == code).count();
    assert_eq!((count(StatusCode::UNAUTHORIZED), count(StatusCode::TOO_MANY_REQUESTS)), (10, 10), "{statuses:?}");
    let limited = s.post("/api/log_in", &[("account", "operator"), ("password", "operator")]).await;
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS, "this client is limited, right password or not");
    assert!(limited.text().await.unwrap().contains("too-many-logins"));
    assert_eq!(s.log_in("viewer").await.status(), StatusCode::TOO_MANY_REQUESTS, "for every account");
}

/// Behind a trusted reverse proxy, the limit counts each browser apart; a forged
/// X-Forwarded-For from anyone else changes nothing.
#[tokio::test]
async fn behind_a_trusted_proxy_each_browser_counts_apart() {
    let s = serve(&["--trusted-proxy", "127.0.0.1"]).await;
    let from = |ip: &'static str, account: &'static str, password: &'static str| {
        s.log_in_with(("x-forwarded-for", ip), account, password)
    };
    for i in 0..10 {
        let account = ["root", "operator"][i % 2];
        assert_eq!(from("192.0.2.1", account, "wrong").await.status(), StatusCode::UNAUTHORIZED);
    }
    assert_eq!(from("192.0.2.1", "viewer", "viewer").await.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(from("192.0.2.2", "viewer", "viewer").await.status(), StatusCode::OK, "another browser");
    let untrusted = serve(&[]).await;
    for _ in 0..10 {
        let r = untrusted.log_in_with(("x-forwarded-for", "198.51.100.1"), "root", "wrong").await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
    let forged = untrusted.log_in_with(("x-forwarded-for", "198.51.100.2"), "viewer", "viewer").await;
    assert_eq!(forged.status(), StatusCode::TOO_MANY_REQUESTS, "a header from no trusted proxy is ignored");
}

/// Every answer carries the security headers; the page's CSP allows its own scripts by nonce
/// only, and the nonce changes with every page.
#[tokio::test]
async fn answers_carry_security_headers_and_pages_a_nonce() {
    let s = serve(&[]).await;
    let nonce_of = |csp: &str| {
        csp.split("'nonce-").nth(1).and_then(|r| r.split('\'').next()).map(str::to_string).expect("a nonce")
    };
    let mut nonces = Vec::new();
    for _ in 0..2 {
        let page = s.http.get(format!("{}/login", s.base)).send().await.unwrap();
        let h = page.headers().clone();
        assert_eq!(h["x-content-type-options"], "nosniff");
        assert_eq!(h["referrer-policy"], "same-origin");
        assert_eq!(h["x-frame-options"], "DENY");
        let csp = h[header::CONTENT_SECURITY_POLICY].to_str().unwrap().to_string();
        assert!(csp.contains("frame-ancestors 'none'") && csp.contains("'wasm-unsafe-eval'"), "{csp}");
        assert!(!csp.contains("script-src 'self' 'unsafe-inline'"), "{csp}");
        let nonce = nonce_of(&csp);
        let html = page.text().await.unwrap();
        let scripts = html.matches("<script").count();
        assert!(scripts >= 2, "{html}");
        assert_eq!(html.matches(&format!("nonce=\"{nonce}\"")).count(), scripts, "every script has the nonce");
        nonces.push(nonce);
    }
    assert_ne!(nonces[0], nonces[1]);
    let health = s.http.get(format!("{}/healthz", s.base)).send().await.unwrap();
    assert_eq!(health.headers()[header::CONTENT_SECURITY_POLICY], js7_status::hardening::CLOSED_CSP);
    assert_eq!(health.headers()["x-frame-options"], "DENY");
}

/// A path that is no server function is a plain 404 that does not echo the path.
#[tokio::test]
async fn unknown_server_functions_are_not_echoed() {
    let s = serve(&[]).await;
    let r = s.post("/api/%3Cscript%3Ealert(1)%3C%2Fscript%3E", &[]).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let body = r.text().await.unwrap();
    assert!(!body.contains("script") && !body.contains("alert"), "{body}");
}

/// Served for https (behind a proxy that ends TLS): the cookie is Secure and `__Host-`.
#[tokio::test]
async fn a_secure_cookie_is_a_host_cookie() {
    let s = serve(&["--secure-cookie"]).await;
    let r = s.log_in("root").await;
    assert_eq!(r.status(), StatusCode::OK);
    let cookie = r.headers()[header::SET_COOKIE].to_str().unwrap().to_string();
    assert!(cookie.starts_with("__Host-js7s=") && cookie.contains("; Secure") && cookie.contains("Path=/"), "{cookie}");
    let sid = cookie.split(';').next().unwrap().to_string();
    let me =
        s.http.post(format!("{}/api/current_user", s.base)).header(header::COOKIE, sid.as_str()).send().await.unwrap();
    assert_eq!(me.status(), StatusCode::OK, "the server reads the __Host- cookie");
}

/// A client that sends its headers slowly is closed after the header time limit, and the
/// connection cap holds further clients until a connection is free.
#[tokio::test]
async fn slow_clients_are_closed_and_connections_capped() {
    // Headers sent slowly, never finished.
    places_are_freed_from(b"GET /healthz HTTP/1.1\r\nHost: x\r\n", "slow headers").await;
}

/// A client that connects and sends nothing at all is closed too.
#[tokio::test]
async fn silent_clients_are_closed() {
    places_are_freed_from(b"", "no bytes").await;
}

/// A client that keeps its connection idle after a request is closed too.
#[tokio::test]
async fn idle_keep_alive_connections_are_closed() {
    places_are_freed_from(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", "idle after a request").await;
}

/// With a one-second header timeout and two places, two clients that send `first` and then
/// nothing hold both places; the server closes them in time and a third client is served.
async fn places_are_freed_from(first: &[u8], case: &str) {
    let s = serve(&["--header-read-timeout", "1", "--max-connections", "2"]).await;
    let base = s.base.clone();
    // The helper's client keeps a connection open: close it, so both places are free.
    drop(s);
    tokio::time::sleep(Duration::from_millis(200)).await;
    let fresh = || crate::common::http_builder().pool_max_idle_per_host(0).build().unwrap();
    let addr = base.trim_start_matches("http://").to_string();
    let mut held = Vec::new();
    for _ in 0..2 {
        let mut c = tokio::net::TcpStream::connect(&addr).await.unwrap();
        c.write_all(first).await.unwrap();
        held.push(c);
    }
    // Both places are taken: a third client is not served while they hold them.
    let third = tokio::time::timeout(Duration::from_millis(500), fresh().get(format!("{base}/healthz")).send());
    assert!(third.await.is_err(), "{case}: served beyond the cap");
    // The held ones are closed after about a second (after their answer, if they asked), and
    // the third is served.
    let asked = first.ends_with(b"\r\n\r\n");
    for mut c in held {
        let mut seen = Vec::new();
        let closed = tokio::time::timeout(Duration::from_secs(5), c.read_to_end(&mut seen)).await;
        assert!(closed.is_ok(), "{case}: not closed in time");
        let text = String::from_utf8_lossy(&seen);
        assert_eq!(text.contains("200 OK"), asked, "{case}: {text}");
    }
    let r = tokio::time::timeout(Duration::from_secs(5), fresh().get(format!("{base}/healthz")).send()).await;
    assert_eq!(r.expect("served once a place is free").unwrap().status(), StatusCode::OK, "{case}");
}

/// The time limits close silent clients, not long answers: a live feed open longer than the
/// header time limit still brings the next change.
#[tokio::test]
async fn a_live_feed_outlasts_the_header_time_limit() {
    let s = serve(&["--header-read-timeout", "1"]).await;
    assert_eq!(s.log_in("viewer").await.status(), StatusCode::OK);
    let mut feed = FeedReader::open(&s).await;
    let first = feed.until(|x| x.components.is_some()).await;
    tokio::time::sleep(Duration::from_millis(2500)).await;
    crate::common::inject(&s.sim, serde_json::json!({"type": "AgentShutDown", "agent": 0, "down": true})).await;
    let later = feed.until(|x| x.agents != first.agents).await;
    assert!(later.seq > first.seq, "the change came over the same connection");
}
