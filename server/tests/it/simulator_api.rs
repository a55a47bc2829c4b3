//! The simulator's JOC REST API over real HTTP: sessions, every reading endpoint in every
//! scenario validated against the official schemas, errors as JOC answers them.

use crate::common::{Caller, inject, schemas, sim, truth};
use js7_status::simulator::scenarios::Scenario;
use js7_status::simulator::{SimConfig, world::WorldConfig};
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::time::Duration;

fn fast() -> SimConfig {
    SimConfig {
        speed: 50.0,
        max_response_duration: Duration::from_secs(55),
        events_batch: Duration::from_secs(2),
        ..SimConfig::default()
    }
}

/// Validates a components answer. Where the real JOC 2.8 leaves out what the schema requires,
/// that is relaxed (`docs/joc-conformance.md`): a single JOC omits `clusterNodeState`, and an
/// instance JOC never reached since it started has `os: {}`.
pub(crate) fn check_components(answer: &Value) {
    let os = "/properties/controllers/items/properties/os";
    let mut schema = schemas::relaxed(
        "controller/components-schema.json",
        &[(os, "name"), (os, "architecture"), (os, "distribution")],
    );
    if answer["jocs"].as_array().is_some_and(|j| j.len() == 1) {
        let req = &mut schema["properties"]["jocs"]["items"]["required"];
        let kept: Vec<Value> = req.as_array().unwrap().iter().filter(|v| *v != "clusterNodeState").cloned().collect();
        *req = Value::Array(kept);
    }
    schemas::check_value(&schema, answer, "controller/components");
}

/// Login gives a 32-character token and the idle timeout in ms; bad passwords are 401, a
/// missing Basic header 420, an unknown token 440, and logout ends the session.
#[tokio::test]
async fn sessions_follow_joc() {
    let s = sim(fast()).await;
    let base = &s.urls()[0];
    let http = crate::common::http();
    let bad = http
        .post(format!("{base}/joc/api/authentication/login"))
        .basic_auth("root", Some("nope"))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), StatusCode::UNAUTHORIZED);
    let none = http.post(format!("{base}/joc/api/authentication/login")).json(&json!({})).send().await.unwrap();
    assert_eq!(none.status().as_u16(), 420);
    schemas::check("common/error420-schema.json", &none.json().await.unwrap());

    let c = Caller::login(base, "root").await;
    assert_eq!(c.token.len(), 32);
    c.ok("touch", json!({})).await;
    let perms = c.ok("authentication/joc_cockpit_permissions", json!({})).await;
    schemas::check("security/securityConfiguration/permissions-schema.json", &perms);
    assert_eq!(perms["joc"]["cluster"]["manage"], true);
    schemas::check("joc/version-schema.json", &c.ok("joc/version", json!({})).await);
    schemas::check("controller/controllerIds-schema.json", &c.ok("controller/ids", json!({})).await);

    let fake = Caller { token: "x".repeat(32), ..Caller::login(base, "viewer").await };
    assert_eq!(fake.post("controller/ids", json!({})).await.0.as_u16(), 440);
    c.ok("authentication/logout", json!({})).await;
    assert_eq!(c.post("controller/ids", json!({})).await.0.as_u16(), 440);
    // A session belongs to the instance that opened it, as in a real JOC cluster.
    let other = Caller { base: s.urls()[1].clone(), ..Caller::login(base, "root").await };
    assert_eq!(other.post("controller/ids", json!({})).await.0.as_u16(), 440);
    s.shutdown();
}

/// An idle session expires; touch keeps it alive, other calls do not.
#[tokio::test]
async fn only_touch_keeps_a_session_alive() {
    // 5 simulated minutes at speed 1000 last 0.3 real seconds.
    let s = sim(SimConfig { speed: 1000.0, session_timeout: Duration::from_secs(300), ..SimConfig::default() }).await;
    let base = &s.urls()[0];
    let a = Caller::login(base, "root").await;
    let b = Caller::login(base, "root").await;
    for _ in 0..4 {
        tokio::time::sleep(Duration::from_millis(200)).await;
        a.ok("touch", json!({})).await;
        let _ = b.post("controller/ids", json!({})).await;
    }
    a.ok("controller/ids", json!({})).await;
    assert_eq!(b.post("controller/ids", json!({})).await.0.as_u16(), 440);
    s.shutdown();
}

/// Every scenario, every shape of the environment: `controller/components` and `agents`
/// satisfy the schemas and say what the scenario means.
#[tokio::test]
async fn components_in_every_scenario_satisfy_the_schema() {
    let shapes = [(2, true), (1, true), (1, false), (4, false)];
    let scenarios = [
        (Scenario::Healthy, &["ClusterCoupled"][..]),
        (Scenario::JocDown, &["ClusterCoupled"]),
        (Scenario::DbSlow, &["ClusterCoupled"]),
        (Scenario::ControllerUnreachable, &["ClusterUnknown"]),
        // Decoupled: passive lost, then the passive keeps trying to couple.
        (Scenario::Decoupled, &["ClusterPassiveLost", "ClusterPreparedToBeCoupled"]),
        (Scenario::NodeLoss, &["ClusterNodeLossToBeConfirmed"]),
    ];
    for (jocs, cluster) in shapes {
        for (name, expected) in scenarios {
            let mut cfg = fast();
            cfg.world = WorldConfig { jocs, controller_cluster: cluster, ..WorldConfig::default() };
            cfg.listen = vec![([127, 0, 0, 1], 0).into(); jocs];
            cfg.scenario = name.events();
            let s = sim(cfg).await;
            let c = Caller::login(&s.urls()[0], "viewer").await;
            let answer = c.ok("controller/components", json!({"controllerId": "controller"})).await;
            check_components(&answer);
            assert_eq!(answer["jocs"].as_array().unwrap().len(), jocs);
            let cs = &answer["clusterState"]["_text"];
            if cluster {
                assert!(expected.iter().any(|e| cs == e), "{name:?} with {jocs} JOC(s): {cs}");
            } else {
                assert_eq!(cs, "ClusterUnknown", "{name:?} standalone");
                assert_eq!(answer["controllers"][0]["role"], "STANDALONE");
            }
            let agents = c.ok("agents", json!({"controllerId": "controller", "compact": true, "flat": true})).await;
            schemas::check("agent/agents_v-schema.json", &agents);
            s.shutdown();
        }
    }
}

/// Bad bodies are 420 JOC-400 and change nothing; a viewer is refused operations with 403.
#[tokio::test]
async fn bad_input_and_missing_permissions_are_refused() {
    let s = sim(fast()).await;
    let base = &s.urls()[0];
    let root = Caller::login(base, "root").await;
    for (path, body) in [
        ("controller/components", json!({})),
        ("controller/components", json!({"controllerId": "a/b"})),
        ("events", json!({"eventId": 1})),
        ("joc/url", json!({"url": " "})),
        ("joc/cluster/restart", json!({"type": "proxy"})),
        ("controller/terminate", json!({"controllerId": "controller", "url": "ftp://nope"})),
    ] {
        let (status, answer) = root.post(path, body.clone()).await;
        assert_eq!(status.as_u16(), 420, "{path} {body}");
        schemas::check("common/error420-schema.json", &answer);
    }
    let viewer = Caller::login(base, "viewer").await;
    let (status, _) = viewer.post("controller/cluster/switchover", json!({"controllerId": "controller"})).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = viewer.post("joc/log", json!({})).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let operator = Caller::login(base, "operator").await;
    let (status, _) = operator.post("joc/cluster/restart", json!({"type": "history"})).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(truth(base).await["engineCluster"], "ClusterCoupled");
    s.shutdown();
}

/// `events` answers about 2 s (simulated) after a change with the change in it, and echoes the
/// eventId after holding 55 s (simulated) without news.
#[tokio::test]
async fn events_long_poll_batches_and_holds() {
    let s = sim(SimConfig { speed: 20.0, ..SimConfig::default() }).await;
    let base = &s.urls()[0];
    let c = Caller::login(base, "root").await;
    let first = c.ok("events", json!({"controllerId": "controller"})).await;
    schemas::check("event/event-schema.json", &first);
    let since = first["eventId"].as_u64().unwrap();
    assert!(first["eventSnapshots"].as_array().unwrap().is_empty());

    let poll = {
        let c = Caller { http: c.http.clone(), base: c.base.clone(), token: c.token.clone() };
        tokio::spawn(async move { c.ok("events", json!({"controllerId": "controller", "eventId": since})).await })
    };
    tokio::time::sleep(Duration::from_millis(200)).await;
    inject(base, json!({"type": "NodeReachable", "node": 1, "reachable": false})).await;
    let answer = poll.await.unwrap();
    schemas::check("event/event-schema.json", &answer);
    let types: Vec<&str> =
        answer["eventSnapshots"].as_array().unwrap().iter().map(|e| e["eventType"].as_str().unwrap()).collect();
    assert!(types.contains(&"ControllerStateChanged"), "{types:?}");
    assert!(answer["eventId"].as_u64().unwrap() > since);
    s.shutdown();
}

/// Injected HTTP faults: a proxy's 502, truncated JSON; cleared by `{}`.
#[tokio::test]
async fn http_faults_shape_every_answer() {
    let s = sim(fast()).await;
    let base = &s.urls()[0];
    let c = Caller::login(base, "root").await;
    let http = crate::common::http();
    http.post(format!("{base}/sim/http")).json(&json!({"status": 502})).send().await.unwrap();
    assert_eq!(c.post("controller/ids", json!({})).await.0, StatusCode::BAD_GATEWAY);
    http.post(format!("{base}/sim/http")).json(&json!({"malformed": true})).send().await.unwrap();
    let (status, body) = c.post("controller/ids", json!({})).await;
    assert_eq!((status, body), (StatusCode::OK, Value::Null));
    http.post(format!("{base}/sim/http")).json(&json!({})).send().await.unwrap();
    c.ok("controller/ids", json!({})).await;
    s.shutdown();
}

/// A stopped JOC process refuses connections, open ones included, and listens again on start.
#[tokio::test]
async fn a_stopped_joc_instance_refuses_connections() {
    let s = sim(fast()).await;
    let standby = s.urls()[1].clone();
    let c = Caller::login(&standby, "root").await;
    inject(&s.urls()[0], json!({"type": "JocProcess", "joc": 1, "running": false})).await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(c.http.post(format!("{standby}/joc/api/touch")).send().await.is_err());
    inject(&s.urls()[0], json!({"type": "JocProcess", "joc": 1, "running": true})).await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    Caller::login(&standby, "root").await;
    s.shutdown();
}
