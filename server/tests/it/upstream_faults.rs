//! The whole server in front of a JOC that misbehaves (wiremock): the live feed goes stale and
//! recovers in order across browser reconnects, and a JOC that ends a user's session ends the
//! user's session here, with the operation reported as not done.

use crate::common::served::{FeedReader, Served, serve};
use app::model::fixtures;
use reqwest::StatusCode;
use serde_json::json;
use std::time::Duration;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "0123456789abcdef0123456789abcdef";

async fn answer(joc: &MockServer, p: &str, r: ResponseTemplate) {
    Mock::given(method("POST")).and(path(format!("/joc/api/{p}"))).respond_with(r).mount(joc).await;
}

/// A healthy JOC with one Controller cluster; `events` holds 100 ms and reports nothing.
async fn healthy(joc: &MockServer) {
    let ok = |body: serde_json::Value| ResponseTemplate::new(200).set_body_json(body);
    let date = "2026-11-29T00:00:00.000Z";
    let login = ok(json!({"isAuthenticated": true, "accessToken": TOKEN, "sessionTimeout": 1_800_000}))
        .insert_header("x-access-token", TOKEN);
    answer(joc, "authentication/login", login).await;
    answer(joc, "authentication/logout", ok(json!({"deliveryDate": date}))).await;
    answer(joc, "touch", ok(json!({"deliveryDate": date}))).await;
    let may_all = json!({"view": true, "restart": true, "terminate": true, "getLog": true, "switchOver": true});
    answer(joc, "authentication/joc_cockpit_permissions", ok(json!({"controllerDefaults": may_all}))).await;
    answer(joc, "joc/properties", ok(json!({"deliveryDate": date}))).await;
    answer(joc, "joc/is_active", ok(json!({"deliveryDate": date, "ok": true}))).await;
    answer(joc, "controller/ids", ok(json!({"deliveryDate": date, "controllerIds": ["c1"], "selected": "c1"}))).await;
    answer(joc, "controller/components", ok(serde_json::to_value(fixtures::healthy_cluster()).unwrap())).await;
    answer(joc, "agents", ok(json!({"deliveryDate": date, "agents": []}))).await;
    let events = json!({"deliveryDate": date, "surveyDate": date, "eventId": 7, "eventSnapshots": []});
    answer(joc, "events", ok(events).set_delay(Duration::from_millis(100))).await;
}

/// JOC down behind its proxy: every call answers 502.
async fn down(joc: &MockServer) {
    joc.reset().await;
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(502)).mount(joc).await;
}

async fn served_by(joc: &MockServer) -> Served {
    let uri = joc.uri();
    let args = [
        "--joc-url",
        uri.as_str(),
        "--monitor-account",
        "monitor",
        "--monitor-password-file",
        crate::common::password_file("secret"),
    ];
    let s = serve(&args).await;
    assert_eq!(s.log_in("operator").await.status(), StatusCode::OK);
    s
}

#[tokio::test]
async fn the_feed_goes_stale_and_recovers_in_order_across_reconnects() {
    let joc = MockServer::start().await;
    healthy(&joc).await;
    let s = served_by(&joc).await;
    let mut feed = FeedReader::open(&s).await;
    let first = feed.until(|f| f.components.is_some()).await;
    assert_eq!(first.controller_id, "c1", "JOC's selected Controller ID");
    assert!(first.stale.is_none());

    down(&joc).await;
    let stale = feed.until(|f| f.stale.is_some()).await;
    assert!(stale.seq > first.seq);
    assert_eq!(stale.stale.as_ref().unwrap().code.as_str(), "bad-status");
    assert_eq!(stale.components, first.components, "the last data stays, marked stale");
    let ready = s.http.get(format!("{}/readyz", s.base)).send().await.unwrap();
    assert_eq!(ready.status(), StatusCode::SERVICE_UNAVAILABLE, "not ready while JOC cannot be read");

    // The browser reconnects (as EventSource does): it gets the newest state at once, never an
    // older one, still stale since the same moment.
    drop(feed);
    let mut feed = FeedReader::open(&s).await;
    let again = feed.next().await;
    assert!(again.seq >= stale.seq && again.epoch == stale.epoch, "{} after {}", again.seq, stale.seq);
    assert_eq!(again.stale.as_ref().unwrap().since, stale.stale.as_ref().unwrap().since);

    joc.reset().await;
    healthy(&joc).await;
    let mut last = again.seq;
    let fresh = tokio::time::timeout(Duration::from_secs(60), async {
        loop {
            let f = feed.next().await;
            assert!(f.seq > last, "seq {} after {last}", f.seq);
            last = f.seq;
            if f.stale.is_none() {
                return f;
            }
        }
    })
    .await
    .expect("the feed recovered by itself");
    assert!(fresh.read_at > first.read_at && fresh.components.is_some());
    let ready = s.http.get(format!("{}/readyz", s.base)).send().await.unwrap();
    assert_eq!(ready.status(), StatusCode::OK);
}

/// JOC forgot the user's session (JOC restarted): the operation is reported as not done, the
/// session here ends, and the browser's feed closes so the panel asks to log in again.
#[tokio::test]
async fn a_session_joc_ended_ends_here_and_the_operation_is_reported_not_done() {
    let joc = MockServer::start().await;
    healthy(&joc).await;
    let gone = json!({"deliveryDate": "2026-11-29T00:00:00Z", "error": {"code": "JOC-401", "message": "UnknownSessionException: There is no session with id [x]"}});
    answer(&joc, "controller/cluster/switchover", ResponseTemplate::new(420).set_body_json(gone)).await;
    let s = served_by(&joc).await;
    let mut feed = FeedReader::open(&s).await;
    feed.next().await;

    let r = s.operate(serde_json::json!("ClusterSwitchOver"), None).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let body = r.text().await.unwrap();
    assert!(body.contains("session-expired") && body.contains("not performed"), "{body}");
    let calls = joc.received_requests().await.unwrap();
    let sent = calls.iter().filter(|r| r.url.path().ends_with("/switchover")).count();
    assert_eq!(sent, 1, "sent once, not retried behind the user's back");

    let r = s.post("/api/current_user", &[]).await;
    assert!(r.text().await.unwrap().contains("not-logged-in"), "the session ended");
    let ended = tokio::time::timeout(Duration::from_secs(15), feed.ended()).await;
    assert!(ended.is_ok(), "the feed stayed open");

    // The monitoring feed keeps its own session and stays current.
    let s2 = s.http.get(format!("{}/readyz", s.base)).send().await.unwrap();
    assert_eq!(s2.status(), StatusCode::OK);
}

/// Every way JOC can answer an operation reaches the browser as its stable code and status.
#[tokio::test]
async fn every_refusal_of_an_operation_reaches_the_user_with_its_code() {
    let joc = MockServer::start().await;
    healthy(&joc).await;
    let uri = joc.uri();
    let args = [
        "--joc-url",
        &uri,
        "--monitor-account",
        "m",
        "--monitor-password-file",
        crate::common::password_file("p"),
        "--joc-timeout",
        "1",
    ];
    let s = serve(&args).await;
    s.log_in("operator").await;
    let refusal = |code: &str, message: &str| {
        ResponseTemplate::new(420)
            .set_body_json(json!({"deliveryDate": "2026-11-29T00:00:00Z", "error": {"code": code, "message": message}}))
    };
    let table = [
        (ResponseTemplate::new(403).set_body_json(json!({"isPermitted": false})), 403, "forbidden"),
        (refusal("JOC-300", "A reason is required"), 422, "JOC-300"),
        (ResponseTemplate::new(433).set_body_json(json!({})), 422, "approval-required"),
        (ResponseTemplate::new(434).set_body_json(json!({})), 422, "controller-unreachable"),
        (ResponseTemplate::new(502).set_body_string("<html>Bad Gateway</html>"), 502, "bad-status"),
        (ResponseTemplate::new(200).set_delay(Duration::from_secs(3)), 504, "timeout"),
    ];
    for (upstream, status, code) in table {
        joc.reset().await;
        healthy(&joc).await;
        answer(&joc, "controller/cluster/switchover", upstream).await;
        let r = s.operate(serde_json::json!("ClusterSwitchOver"), None).await;
        assert_eq!(r.status().as_u16(), status, "{code}");
        let body = r.text().await.unwrap();
        assert!(body.contains(&format!("\"{code}\"")), "{code}: {body}");
        assert!(!body.contains(TOKEN) && !body.contains("<html>"), "no upstream body or token: {body}");
    }
    // The user is still logged in after all of them.
    let r = s.post("/api/current_user", &[]).await;
    assert_eq!(r.status(), StatusCode::OK);
}

/// Idle expiry follows JOC's `sessionTimeout`: activity keeps the session (and touches JOC),
/// idleness ends it here and at JOC.
#[tokio::test]
async fn an_idle_session_ends_after_jocs_session_timeout() {
    let joc = MockServer::start().await;
    let short = ResponseTemplate::new(200)
        .set_body_json(json!({"isAuthenticated": true, "accessToken": TOKEN, "sessionTimeout": 1500}))
        .insert_header("x-access-token", TOKEN);
    Mock::given(method("POST"))
        .and(path("/joc/api/authentication/login"))
        .respond_with(short)
        .with_priority(1)
        .mount(&joc)
        .await;
    healthy(&joc).await;
    let s = served_by(&joc).await;
    let count = |p: &'static str| {
        let joc = &joc;
        async move { joc.received_requests().await.unwrap().iter().filter(|r| r.url.path().ends_with(p)).count() }
    };
    for _ in 0..3 {
        tokio::time::sleep(Duration::from_millis(800)).await;
        let r = s.post("/api/current_user", &[]).await;
        assert_eq!(r.status(), StatusCode::OK, "active within the timeout");
    }
    assert!(count("/touch").await >= 1, "JOC's session was touched while the user was active");
    let logouts = count("/logout").await;
    tokio::time::sleep(Duration::from_millis(2000)).await;
    let r = s.post("/api/current_user", &[]).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert!(r.text().await.unwrap().contains("session-expired"));
    // The JOC session is logged out in the background, not within the request.
    let mut ended = count("/logout").await;
    for _ in 0..100 {
        if ended > logouts {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
        ended = count("/logout").await;
    }
    assert_eq!(ended, logouts + 1, "the JOC session was ended too");
    let feed = s.http.get(format!("{}/api/feed", s.base)).send().await.unwrap();
    assert_eq!(feed.status(), StatusCode::UNAUTHORIZED);
}
