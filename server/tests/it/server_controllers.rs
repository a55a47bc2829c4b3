//! The server with several Controllers in one JOC, over real HTTP: each Controller's live feed
//! for those JOC lets see it, one upstream loop per Controller however many watch it.

use crate::common::served::{FeedReader, Served, serve};
use crate::common::truth;
use reqwest::StatusCode;

const ARGS: &[&str] =
    &["--sim-controller", "test:standalone:1", "--sim-account", "root:root:administrator,tess:tess:operator@test"];

async fn feed_status(s: &Served, id: &str) -> StatusCode {
    s.http.get(format!("{}/api/feed?controller={id}", s.base)).send().await.unwrap().status()
}

#[tokio::test]
async fn each_controller_has_its_feed_for_those_who_may_see_it() {
    let s = serve(ARGS).await;
    assert_eq!(feed_status(&s, "test").await, StatusCode::UNAUTHORIZED, "not logged in");
    assert!(s.log_in("tess").await.status().is_success());
    let user: serde_json::Value = s.post("/api/current_user", &[]).await.json().await.unwrap();
    assert_eq!(user["controllers"], serde_json::json!(["test"]), "{user}");
    let mut test = FeedReader::open_at(&s, "/api/feed?controller=test").await;
    let snapshot = test.until(|s| s.components.is_some()).await;
    assert_eq!(snapshot.controller_id, "test");
    let controllers = &snapshot.components.unwrap().controllers;
    assert_eq!(controllers.iter().map(|c| c.url.as_str()).collect::<Vec<_>>(), ["http://test-1:4444"]);
    assert_eq!(snapshot.agents.len(), 1);
    assert_eq!(feed_status(&s, "controller").await, StatusCode::FORBIDDEN, "no role for `controller`");
    assert_eq!(feed_status(&s, "nowhere").await, StatusCode::FORBIDDEN, "an ID JOC does not have");
    // A fault of `test` reaches its feed.
    crate::common::inject(
        &s.sim,
        serde_json::json!({"type": "AgentShutDown", "agent": 0, "down": true, "controller": "test"}),
    )
    .await;
    test.until(|s| {
        s.agents
            .first()
            .and_then(|a| a.state.as_ref())
            .is_some_and(|st| st.text == app::model::joc::AgentStateText::Shutdown)
    })
    .await;
}

#[tokio::test]
async fn viewers_do_not_add_upstream_loops() {
    let s = serve(ARGS).await;
    assert!(s.log_in("root").await.status().is_success());
    let mut first = FeedReader::open_at(&s, "/api/feed?controller=test").await;
    first.until(|s| s.components.is_some()).await;
    // The default feed, the feed of `test` and the user's own session.
    let sessions = truth(&s.sim).await["openSessions"].as_u64().unwrap();
    let mut more = Vec::new();
    for _ in 0..10 {
        let mut r = FeedReader::open_at(&s, "/api/feed?controller=test").await;
        r.until(|s| s.components.is_some()).await;
        more.push(r);
    }
    assert_eq!(
        truth(&s.sim).await["openSessions"].as_u64().unwrap(),
        sessions,
        "ten more viewers, no more JOC sessions"
    );
}

/// Performs an operation on Controller `controller`, as the browser does.
async fn operate_on(s: &Served, controller: &str, op: serde_json::Value) -> reqwest::Response {
    let body = serde_json::json!({ "op": op, "audit": null, "controller": controller });
    s.http.post(format!("{}/api/ops/perform", s.base)).json(&body).send().await.unwrap()
}

#[tokio::test]
async fn operations_and_logs_go_to_the_chosen_controller() {
    let s = serve(ARGS).await;
    assert!(s.log_in("tess").await.status().is_success());
    let mut feed = FeedReader::open_at(&s, "/api/feed?controller=test").await;
    feed.until(|s| s.components.is_some()).await;
    let log = s
        .http
        .get(format!("{}/api/logs/controller.log.gz?url=http%3A%2F%2Ftest-1%3A4444&controller=test", s.base))
        .send()
        .await
        .unwrap();
    assert_eq!(log.status(), StatusCode::OK);
    assert!(!log.bytes().await.unwrap().is_empty());
    // `controller1` is an instance of `controller`, not of `test`.
    let elsewhere = operate_on(
        &s,
        "test",
        serde_json::json!({"Terminate": {"url": "http://controller1:4444", "restart": false, "switchover": false}}),
    )
    .await;
    assert_eq!(elsewhere.status(), StatusCode::BAD_REQUEST, "{}", elsewhere.text().await.unwrap());
    let forbidden = operate_on(
        &s,
        "controller",
        serde_json::json!({"Terminate": {"url": "http://controller1:4444", "restart": false, "switchover": false}}),
    )
    .await;
    assert_eq!(forbidden.status(), StatusCode::FORBIDDEN);
    let done = operate_on(
        &s,
        "test",
        serde_json::json!({"Terminate": {"url": "http://test-1:4444", "restart": false, "switchover": false}}),
    )
    .await;
    assert!(done.status().is_success(), "{}", done.text().await.unwrap());
    let state = truth(&s.sim).await;
    assert_eq!(state["controllers"][1]["nodes"][0]["running"], false, "{state}");
    assert!(state["nodes"].as_array().unwrap().iter().all(|n| n["running"] == true), "`controller` untouched: {state}");
    assert!(
        state["audit"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["account"] == "tess" && a["request"] == "./controller/terminate")
    );
}
