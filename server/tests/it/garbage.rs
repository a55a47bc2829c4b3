//! Bad input to every route and garbage from JOC: clear 4xx errors (or 502/504 for upstream
//! faults), never a 5xx of our own, never a dropped connection, and the server keeps serving.

use crate::common::served::serve;
use reqwest::{StatusCode, header};
use std::time::Duration;

const FUNCTIONS: [&str; 12] = [
    "log_in",
    "log_out",
    "current_user",
    "ops/switch_over_joc",
    "ops/update_joc_url",
    "ops/restart_joc_services",
    "ops/restart_joc_service",
    "ops/run_joc_service",
    "ops/terminate_controller",
    "ops/abort_controller",
    "ops/switch_over_cluster",
    "ops/confirm_node_loss",
];

/// Functions that take no argument or only optional ones.
const OPTIONAL_ONLY: [&str; 5] =
    ["log_out", "current_user", "ops/restart_joc_services", "ops/switch_over_cluster", "ops/confirm_node_loss"];

/// Bodies no browser of ours sends.
fn garbage() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("application/x-www-form-urlencoded", b"service=%ZZ&&=&restart=maybe&url[]=x".to_vec()),
        ("application/x-www-form-urlencoded", b"audit[timeSpent]=-1&audit[comment]=%00%ff".to_vec()),
        ("application/json", b"{\"service\": [1, 2, {".to_vec()),
        ("text/plain", (0..=255u8).cycle().take(4096).collect()),
        ("application/x-www-form-urlencoded", vec![b'a'; 70 * 1024]),
    ]
}

#[tokio::test]
async fn bad_input_to_every_route_gets_a_clear_refusal() {
    let s = serve(&[]).await;
    for logged_in in [false, true] {
        if logged_in {
            assert_eq!(s.log_in("root").await.status(), StatusCode::OK);
        }
        // log_out ignores its body and would end the session: it comes last.
        for f in FUNCTIONS.into_iter().filter(|f| !logged_in || *f != "log_out") {
            for (ctype, body) in garbage() {
                let r = s
                    .http
                    .post(format!("{}/api/{f}", s.base))
                    .header(header::CONTENT_TYPE, ctype)
                    .body(body.clone())
                    .send()
                    .await
                    .unwrap_or_else(|e| panic!("{f} {ctype}: connection failed: {e}"));
                let status = r.status();
                let text = r.text().await.unwrap();
                // Functions whose arguments are all optional may read a form with unknown fields
                // as an empty one (then the user's JOC decides); the others must refuse.
                let optional_only = OPTIONAL_ONLY.contains(&f);
                assert!(
                    status.is_client_error() || (optional_only && status.is_success()),
                    "{f} ({ctype}, {} bytes, logged in: {logged_in}): {status} {text}",
                    body.len()
                );
            }
        }
        if !logged_in {
            continue;
        }
        // Session state was not disturbed by any of it.
        let me = s.post("/api/current_user", &[]).await;
        assert_eq!(me.status(), StatusCode::OK, "the session survived the garbage");
        let out = s.http.post(format!("{}/api/log_out", s.base)).body(vec![0xffu8; 512]).send().await.unwrap();
        assert_eq!(out.status(), StatusCode::BAD_REQUEST, "an unreadable body is refused");
        assert_eq!(s.post("/api/current_user", &[]).await.status(), StatusCode::OK);
        assert_eq!(s.post("/api/log_out", &[]).await.status(), StatusCode::OK);
        assert_eq!(s.post("/api/current_user", &[]).await.status(), StatusCode::UNAUTHORIZED);
    }
    let gets = [
        "/api/logs/controller.log.gz?url=%ZZ",
        "/api/logs/controller.log.gz",
        "/api/logs/controller.log.gz?url=http://evil.example:4444",
        "/api/feed?x=%00",
        "/api/unknown",
        "/pkg/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
    ];
    for path in gets {
        let r = s.http.get(format!("{}{path}", s.base)).send().await.unwrap();
        assert!(r.status().is_client_error(), "{path}: {}", r.status());
    }
    let r = s.http.get(format!("{}/api/feed", s.base)).header(header::COOKIE, "js7s=\u{7f}garbage; js7s=").send().await;
    assert!(r.is_err() || r.unwrap().status().is_client_error());
    assert_eq!(s.http.get(format!("{}/healthz", s.base)).send().await.unwrap().status(), StatusCode::OK);
}

/// JOC answering garbage (truncated JSON, a proxy's 502 page, slowness) makes the feed stale
/// with the reason, never breaks the server, and the feed recovers when JOC does.
#[tokio::test]
async fn garbage_from_joc_marks_the_feed_stale_and_it_recovers() {
    let s = serve(&["--joc-timeout", "2"]).await;
    let faults = crate::common::http();
    for (fault, why) in [
        (serde_json::json!({"malformed": true}), "malformed"),
        (serde_json::json!({"status": 502}), "bad-status"),
        (serde_json::json!({"delayMs": 4000}), "timeout"),
    ] {
        faults.post(format!("{}/sim/http", s.sim)).json(&fault).send().await.unwrap();
        // Something changes, so the feed reads JOC now rather than at its next 30 s re-read.
        let change = serde_json::json!({"type": "AgentShutDown", "agent": 0, "down": why == "timeout"});
        faults.post(format!("{}/sim/event", s.sim)).json(&change).send().await.unwrap();
        let mut body = String::new();
        for _ in 0..200 {
            let r = s.http.get(format!("{}/readyz", s.base)).send().await.unwrap();
            body = r.text().await.unwrap();
            if body.contains(why) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert!(body.contains(why), "{fault}: {body}");
        assert!(!body.contains("://") && !body.contains("line "), "no URL, no parser message: {body}");
        assert_eq!(s.http.get(format!("{}/healthz", s.base)).send().await.unwrap().status(), StatusCode::OK);
        faults.post(format!("{}/sim/http", s.sim)).json(&serde_json::json!({})).send().await.unwrap();
        let mut ready = false;
        for _ in 0..300 {
            if s.http.get(format!("{}/readyz", s.base)).send().await.unwrap().status() == StatusCode::OK {
                ready = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert!(ready, "{fault}: the feed did not recover");
    }
}
