//! The server over real HTTP on port 0 with its embedded simulator: the live feed, operations
//! and their refusals (login and hardening: `hardening.rs`; downloads: `downloads.rs`).

use crate::common::served::{FeedReader, serve};

use reqwest::{StatusCode, header};
use std::time::Duration;

/// The feed needs a session; then it starts with the newest snapshot.
#[tokio::test]
async fn the_feed_serves_logged_in_users_only() {
    let s = serve(&[]).await;
    assert_eq!(s.http.get(format!("{}/api/feed", s.base)).send().await.unwrap().status(), StatusCode::UNAUTHORIZED);
    s.log_in("viewer").await;
    let mut feed = s.http.get(format!("{}/api/feed", s.base)).send().await.unwrap();
    assert_eq!(feed.headers()[header::CONTENT_TYPE], "text/event-stream");
    let mut text = String::new();
    while !text.contains("\n\n") {
        let chunk = tokio::time::timeout(Duration::from_secs(10), feed.chunk()).await.unwrap().unwrap().unwrap();
        text.push_str(&String::from_utf8_lossy(&chunk));
    }
    assert!(text.starts_with("event: snapshot"), "{text}");
    assert!(text.contains("\"clusterState\":{\"severity\":0,\"_text\":\"ClusterCoupled\"}"), "{text}");
}

/// An operation reaches JOC and changes the state; strangers, viewers and unknown targets are
/// refused with stable codes.
#[tokio::test]
async fn operations_reach_joc_and_refusals_reach_the_user() {
    let s = serve(&[]).await;
    let r = s.operate(serde_json::json!("ClusterSwitchOver"), None).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert!(r.text().await.unwrap().contains("not-logged-in"));

    s.log_in("viewer").await;
    let r = s.operate(serde_json::json!("ClusterSwitchOver"), None).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    s.log_in("operator").await;
    let r = s
        .operate(
            serde_json::json!({"Terminate": {"url": "http://elsewhere:4444", "restart": false, "switchover": true}}),
            None,
        )
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(r.text().await.unwrap().contains("unknown-target"));

    let r = s.operate(serde_json::json!("ClusterSwitchOver"), Some("planned")).await;
    assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
    let truth = crate::common::truth(&s.sim).await;
    assert_eq!(truth["engineCluster"], "ClusterSwitchedOver");
    assert_eq!(truth["audit"][0]["comment"], "planned");
    assert_eq!(truth["audit"][0]["account"], "operator");

    // JOC's refusal (not coupled right after a switch-over) keeps JOC's code and message.
    let r = s.operate(serde_json::json!("ClusterSwitchOver"), None).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = r.text().await.unwrap();
    assert!(body.contains("JOC-400") && body.contains("not coupled"), "{body}");
}

/// A second operation on a target with one in flight is refused, not sent.
#[tokio::test]
async fn one_operation_at_a_time_per_target() {
    let s = serve(&[]).await;
    s.log_in("root").await;
    let slow = crate::common::http();
    slow.post(format!("{}/sim/http", s.sim)).json(&serde_json::json!({"delayMs": 600})).send().await.unwrap();
    let first = s.operate(serde_json::json!("ClusterSwitchOver"), None);
    let second = async {
        tokio::time::sleep(Duration::from_millis(150)).await;
        s.operate(serde_json::json!("ConfirmNodeLoss"), None).await
    };
    let (a, b) = tokio::join!(first, second);
    assert_eq!(a.status(), StatusCode::OK);
    assert_eq!(b.status(), StatusCode::CONFLICT);
    assert!(b.text().await.unwrap().contains("busy"));
    let truth = crate::common::truth(&s.sim).await;
    assert_eq!(truth["audit"].as_array().unwrap().len(), 1, "the refused one never reached JOC");
}

/// Upstream requests to JOC do not grow with the number of viewers: one loop feeds them all.
#[tokio::test]
async fn one_upstream_loop_for_every_viewer() {
    // At speed 200 JOC's 55 s events hold lasts 0.275 s: the loop asks JOC often.
    let s = serve(&["--sim-speed", "200"]).await;
    let count = || async {
        let t = crate::common::truth(&s.sim).await;
        t["requests"]
            .as_object()
            .unwrap()
            .iter()
            .filter(|(p, _)| p.starts_with("/joc/api/"))
            .map(|(_, n)| n.as_u64().unwrap())
            .sum::<u64>()
    };
    let window = Duration::from_millis(1500);
    let a = count().await;
    tokio::time::sleep(window).await;
    let alone = count().await - a;
    assert!(alone > 0, "the loop asks JOC while nobody watches too");
    s.log_in("viewer").await;
    let mut feeds = Vec::new();
    for _ in 0..10 {
        feeds.push(s.http.get(format!("{}/api/feed", s.base)).send().await.unwrap());
    }
    let b = count().await;
    tokio::time::sleep(window).await;
    let watched = count().await - b;
    assert!(watched <= alone + 2, "{watched} JOC calls with 10 viewers, {alone} with none");
    drop(feeds);
}

/// After a JOC switch-over the feed moves to the new active member by itself.
#[tokio::test]
async fn the_feed_follows_the_active_joc() {
    let s = serve(&[]).await;
    let joc = crate::common::Caller::login(&s.sim, "root").await;
    let comps = joc.ok("controller/components", serde_json::json!({"controllerId": "controller"})).await;
    let member = comps["jocs"][1]["memberId"].as_str().unwrap().to_string();
    let standby_url = comps["jocs"][1]["url"].as_str().unwrap().to_string();
    joc.ok("joc/cluster/switch_member", serde_json::json!({"memberId": member})).await;
    s.log_in("viewer").await;
    let mut feed = s.http.get(format!("{}/api/feed", s.base)).send().await.unwrap();
    let mut text = String::new();
    let found = tokio::time::timeout(Duration::from_secs(20), async {
        loop {
            let chunk = feed.chunk().await.unwrap().unwrap();
            text.push_str(&String::from_utf8_lossy(&chunk));
            if text.contains(&format!("\"joc_url\":\"{standby_url}\"")) {
                return;
            }
        }
    })
    .await;
    assert!(found.is_ok(), "the feed never moved to {standby_url}");
}

/// Logging out ends the open feed within seconds, so the browser learns to log in again.
#[tokio::test]
async fn logging_out_ends_the_feed() {
    let s = serve(&[]).await;
    s.log_in("viewer").await;
    let mut feed = s.http.get(format!("{}/api/feed", s.base)).send().await.unwrap();
    feed.chunk().await.unwrap().unwrap();
    s.post("/api/log_out", &[]).await;
    let ended =
        tokio::time::timeout(Duration::from_secs(15), async { while let Ok(Some(_)) = feed.chunk().await {} }).await;
    assert!(ended.is_ok(), "the feed stayed open after logout");
}

/// Pages and answers are compressed as the browser accepts; the live feed never is (a
/// compressor would hold events back).
#[tokio::test]
async fn pages_are_compressed_and_the_feed_is_not() {
    let s = serve(&[]).await;
    for (accept, want) in [("br", "br"), ("gzip", "gzip")] {
        let r = s.http.get(format!("{}/login", s.base)).header(header::ACCEPT_ENCODING, accept).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.headers().get(header::CONTENT_ENCODING).map(|v| v.to_str().unwrap()), Some(want), "{accept}");
    }
    s.log_in("viewer").await;
    let feed =
        s.http.get(format!("{}/api/feed", s.base)).header(header::ACCEPT_ENCODING, "br, gzip").send().await.unwrap();
    assert_eq!(feed.status(), StatusCode::OK);
    assert!(feed.headers().get(header::CONTENT_ENCODING).is_none(), "the feed is sent as is");
}

/// The feed beats every few seconds, so a browser can tell a silent connection from a quiet JOC.
#[tokio::test]
async fn the_feed_beats() {
    let s = serve(&[]).await;
    s.log_in("viewer").await;
    let mut feed = s.http.get(format!("{}/api/feed", s.base)).send().await.unwrap();
    let mut text = String::new();
    let beat = tokio::time::timeout(Duration::from_secs(12), async {
        while !text.contains("event: beat") {
            let chunk = feed.chunk().await.unwrap().unwrap();
            text.push_str(&String::from_utf8_lossy(&chunk));
        }
    })
    .await;
    assert!(beat.is_ok(), "no beat within 12 s: {text}");
}

/// Operations: a JOC switch-over that JOC answers only after stopping its services (90 s
/// simulated, 4.5 s here) is not cut by the ordinary JOC time limit (2 s here).
#[tokio::test]
async fn a_slow_joc_switchover_is_waited_for() {
    let s = serve(&["--joc-timeout", "2"]).await;
    crate::common::inject(&s.sim, serde_json::json!({"type": "JocServicesStopTime", "seconds": 90})).await;
    s.log_in("root").await;
    let mut feed = FeedReader::open(&s).await;
    let member = feed.until(|s| s.components.is_some()).await.components.unwrap().jocs[1].member_id.clone();
    let r = s.operate(serde_json::json!({"JocSwitchOver": {"member_id": &member}}), None).await;
    assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
    assert_eq!(crate::common::truth(&s.sim).await["jocSwitchingTo"], 1);
}

/// Operations: the Controller's later refusal of a cluster switch-over (JOC's `ProblemEvent`
/// for the user's own session) is the operation's answer, in JOC's words.
#[tokio::test]
async fn a_later_refusal_is_the_answer() {
    let s = serve(&[]).await;
    let words = "BadRequestError: ClusterSwitchOverRefused: the passive node is not ready";
    crate::common::inject(&s.sim, serde_json::json!({"type": "ControllerRefusesSwitchOver", "message": words})).await;
    s.log_in("root").await;
    let r = s.operate(serde_json::json!("ClusterSwitchOver"), None).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = r.text().await.unwrap();
    assert!(body.contains("controller-refused") && body.contains("the passive node is not ready"), "{body}");
}

/// Operations: a standby JOC instance that stopped beating is removed from JOC's inventory
/// through the board and leaves the drawing; a member JOC does not report is refused
/// without reaching JOC.
#[tokio::test]
async fn a_dead_standby_joc_is_removed_from_the_inventory() {
    let s = serve(&[]).await;
    s.log_in("root").await;
    let r = s.operate(serde_json::json!({"RemoveJocInstance": {"member_id": "elsewhere:0"}}), None).await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(r.text().await.unwrap().contains("not a JOC Cockpit instance JOC reports"));
    assert!(crate::common::truth(&s.sim).await["audit"].as_array().unwrap().is_empty(), "not sent to JOC");

    crate::common::inject(&s.sim, serde_json::json!({"type": "JocHeartbeats", "joc": 1, "beating": false})).await;
    let mut feed = FeedReader::open(&s).await;
    let dead = |s: &app::model::feed::Snapshot| {
        s.components.as_ref().is_some_and(|c| {
            c.jocs[1].component_state.as_ref().is_some_and(|x| x.text == app::model::joc::ComponentStateText::Unknown)
        })
    };
    let member = feed.until(dead).await.components.unwrap().jocs[1].member_id.clone();
    let r = s.operate(serde_json::json!({"RemoveJocInstance": {"member_id": &member}}), Some("retired")).await;
    assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
    let left = feed.until(|s| s.components.as_ref().is_some_and(|c| c.jocs.len() == 1)).await;
    assert!(left.components.unwrap().jocs.iter().all(|j| j.member_id != member));
    let truth = crate::common::truth(&s.sim).await;
    assert_eq!(truth["audit"][0]["request"], "./joc/cluster/delete_member");
    assert_eq!(truth["audit"][0]["comment"], "retired");
}

/// Operations: JOC's bare `MISSING_LICENSE` refusal of a JOC switch-over is said in words.
#[tokio::test]
async fn a_missing_licence_is_said_in_words() {
    let s = serve(&[]).await;
    crate::common::inject(&s.sim, serde_json::json!({"type": "JocClusterLicence", "valid": false})).await;
    s.log_in("root").await;
    let mut feed = FeedReader::open(&s).await;
    let member = feed.until(|s| s.components.is_some()).await.components.unwrap().jocs[1].member_id.clone();
    let r = s.operate(serde_json::json!({"JocSwitchOver": {"member_id": &member}}), None).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = r.text().await.unwrap();
    assert!(body.contains("JOC-503") && body.contains("licence does not cover a JOC Cockpit cluster"), "{body}");
    assert_eq!(crate::common::truth(&s.sim).await["jocSwitchingTo"], serde_json::Value::Null);
}
