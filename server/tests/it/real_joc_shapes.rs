//! The simulator answers in the shapes the real JOC Cockpit 2.8 sends, where they differ from
//! what its schemas promise (`docs/joc-conformance.md`): each test names the behaviour it
//! covers in that table.

use crate::common::{Caller, inject, schemas, sim};
use js7_status::simulator::SimConfig;
use js7_status::simulator::scenarios::Scenario;
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::io::Read;
use std::time::{Duration, Instant};

const CTL: &str = "controller";

fn cfg(scenario: Scenario) -> SimConfig {
    SimConfig { speed: 50.0, scenario: scenario.events(), ..SimConfig::default() }
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes).read_to_end(&mut out).expect("gzip");
    out
}

/// Logs: `joc/log` is always gzip-encoded, its refusals too.
#[tokio::test]
async fn joc_log_is_always_gzip_encoded() {
    let s = sim(SimConfig { log_bytes: 300_000, ..cfg(Scenario::Healthy) }).await;
    let base = &s.urls()[0];
    let (status, enc, body) = Caller::login(base, "root").await.raw("joc/log", json!({})).await;
    assert_eq!((status, enc.as_deref()), (StatusCode::OK, Some("gzip")));
    let log = gunzip(&body);
    assert_eq!(log.len(), 300_000);
    assert!(log.starts_with(b"20"), "the plain log after one decoding");
    let (status, enc, body) = Caller::login(base, "viewer").await.raw("joc/log", json!({})).await;
    assert_eq!((status, enc.as_deref()), (StatusCode::FORBIDDEN, Some("gzip")));
    let refusal: Value = serde_json::from_slice(&gunzip(&body)).unwrap();
    assert_eq!(refusal["isAuthenticated"], true);
    let (status, enc, body) = Caller::login(base, "root").await.raw("joc/log", json!({"filename": 7})).await;
    assert_eq!((status.as_u16(), enc.as_deref()), (420, Some("gzip")));
    schemas::check("common/error420-schema.json", &serde_json::from_slice(&gunzip(&body)).unwrap());
    s.shutdown();
}

/// Transport: a missing token is 440, as an unknown one.
#[tokio::test]
async fn a_missing_token_is_440() {
    let s = sim(cfg(Scenario::Healthy)).await;
    let resp = crate::common::http()
        .post(format!("{}/joc/api/controller/ids", s.urls()[0]))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 440);
    s.shutdown();
}

/// Fields: while no Controller instance was ever reached, `events` has no `surveyDate` and
/// each instance's `os` is `{}`; once reached, both are there.
#[tokio::test]
async fn a_never_reached_controller_leaves_fields_out() {
    let s = sim(cfg(Scenario::NeverReached)).await;
    let base = &s.urls()[0];
    let c = Caller::login(base, "viewer").await;
    let ev = c.ok("events", json!({"controllerId": CTL, "eventId": 1})).await;
    assert!(ev.get("surveyDate").is_none(), "{ev}");
    let events_schema = schemas::relaxed("event/event-schema.json", &[("", "surveyDate")]);
    schemas::check_value(&events_schema, &ev, "events");
    let comp = c.ok("controller/components", json!({"controllerId": CTL})).await;
    for k in comp["controllers"].as_array().unwrap() {
        assert_eq!(k["os"], json!({}), "{k}");
    }
    let schema = schemas::relaxed(
        "controller/components-schema.json",
        &[
            ("/properties/controllers/items/properties/os", "name"),
            ("/properties/controllers/items/properties/os", "architecture"),
            ("/properties/controllers/items/properties/os", "distribution"),
        ],
    );
    schemas::check_value(&schema, &comp, "controller/components");
    inject(base, json!({"type": "NodeReachable", "node": 0, "reachable": true})).await;
    let comp = c.ok("controller/components", json!({"controllerId": CTL})).await;
    assert_eq!(comp["controllers"][0]["os"]["name"], "Linux");
    let ev = c.ok("events", json!({"controllerId": CTL, "eventId": 1})).await;
    assert!(ev["surveyDate"].is_string());
    s.shutdown();
}

/// Fields: `database.version` may be null (left out); `controller/ids` has no `selected`
/// while no Controller is registered.
#[tokio::test]
async fn database_version_and_selected_may_be_absent() {
    let s = sim(cfg(Scenario::Healthy)).await;
    let base = &s.urls()[0];
    let c = Caller::login(base, "viewer").await;
    inject(base, json!({"type": "DatabaseVersion", "version": null})).await;
    let comp = c.ok("controller/components", json!({"controllerId": CTL})).await;
    assert!(comp["database"].get("version").is_none());
    let schema = schemas::relaxed("controller/components-schema.json", &[("/properties/database", "version")]);
    schemas::check_value(&schema, &comp, "controller/components");
    inject(base, json!({"type": "ControllerRegistered", "registered": false})).await;
    let ids = c.ok("controller/ids", json!({})).await;
    assert_eq!((ids.get("selected"), &ids["controllerIds"]), (None, &json!([])));
    let schema = schemas::relaxed("controller/controllerIds-schema.json", &[("", "selected")]);
    schemas::check_value(&schema, &ids, "controller/ids");
    s.shutdown();
}

/// Agents: a `flat` answer lists an Agent cluster's Subagents after it (agentId, subagentId,
/// no agentName); an Agent whose connection failed stays `COUPLED` with severity 2; with the
/// Controller unreachable the Subagents come without URL and state.
#[tokio::test]
async fn agents_come_as_jocs_flat_answer_has_them() {
    let s = sim(cfg(Scenario::AgentFaults)).await;
    let base = &s.urls()[0];
    let c = Caller::login(base, "viewer").await;
    let body = json!({"controllerId": CTL, "compact": true, "onlyVisibleAgents": true, "flat": true});
    let answer = c.ok("agents", body.clone()).await;
    let agents = answer["agents"].as_array().unwrap();
    let ids: Vec<(&str, Option<&str>)> =
        agents.iter().map(|a| (a["agentId"].as_str().unwrap(), a["subagentId"].as_str())).collect();
    assert_eq!(
        ids,
        vec![
            ("agent-1", None),
            ("agent-1", Some("agent-1-sub1")),
            ("agent-1", Some("agent-1-sub2")),
            ("agent-1", Some("agent-1-sub3")),
            ("agent-2", None),
            ("agent-3", None),
        ]
    );
    assert_eq!(agents[3]["state"], json!({"severity": 2, "_text": "SHUTDOWN"}));
    assert_eq!(agents[4]["state"], json!({"severity": 2, "_text": "COUPLED"}), "a dead Agent, as JOC says it");
    let agent_schema = schemas::schema("agent/agent_v-schema.json");
    let subagent_schema = schemas::schema("agent/subagent_v-schema.json");
    for a in agents {
        match a.get("subagentId") {
            Some(_) => schemas::check_value(&subagent_schema, a, "a Subagent entry"),
            None => schemas::check_value(&agent_schema, a, "an Agent entry"),
        }
    }
    inject(base, json!({"type": "NodeReachable", "node": 0, "reachable": false})).await;
    let answer = c.ok("agents", body).await;
    let sub = &answer["agents"][1];
    assert!(sub.get("url").is_none() && sub.get("state").is_none(), "{sub}");
    s.shutdown();
}

/// Events: JOC holds a request without news for `max_response_duration` (clamped to 30–180 s)
/// less about 2 s, then batches 2 s; events already pending are not held.
#[tokio::test]
async fn events_hold_follows_max_response_duration() {
    // At speed 60: a 30 s setting holds 28 s + 2 s = 0.5 s; 600 s is clamped to 180 s: 3 s.
    for (setting, expected) in [(30u64, 0.5f64), (600, 3.0)] {
        let s =
            sim(SimConfig { speed: 60.0, max_response_duration: Duration::from_secs(setting), ..SimConfig::default() })
                .await;
        let c = Caller::login(&s.urls()[0], "viewer").await;
        let first = c.ok("events", json!({"controllerId": CTL})).await;
        let since = first["eventId"].as_u64().unwrap();
        let t = Instant::now();
        let idle = c.ok("events", json!({"controllerId": CTL, "eventId": since})).await;
        let held = t.elapsed().as_secs_f64();
        assert!(idle["eventSnapshots"].as_array().unwrap().is_empty());
        assert!(held > expected * 0.8 && held < expected * 1.6 + 0.5, "{setting} s held {held:.2} s");
        // An eventId older than pending events: answered after the batching only.
        crate::common::inject(&s.urls()[0], json!({"type": "AgentShutDown", "agent": 0, "down": true})).await;
        let t = Instant::now();
        let pending = c.ok("events", json!({"controllerId": CTL, "eventId": 1})).await;
        assert!(!pending["eventSnapshots"].as_array().unwrap().is_empty());
        assert!(t.elapsed().as_secs_f64() < 0.4, "pending events were held {:?}", t.elapsed());
        s.shutdown();
    }
}

/// Operations: `switch_member` to an unknown member or one whose heartbeat is older than a
/// minute is answered `SWITCH_MEMBER` and nothing happens; to a live standby it is answered
/// only after JOC stopped its services.
#[tokio::test]
async fn switch_member_answers_as_joc_does() {
    let s = sim(cfg(Scenario::Healthy)).await;
    let base = &s.urls()[0];
    let root = Caller::login(base, "root").await;
    let answer = root.ok("joc/cluster/switch_member", json!({"memberId": "nobody:0"})).await;
    assert_eq!(answer["state"], "SWITCH_MEMBER");
    inject(base, json!({"type": "JocHeartbeats", "joc": 1, "beating": false})).await;
    tokio::time::sleep(Duration::from_millis(1400)).await; // 70 s simulated: a dead standby
    let member = root.ok("controller/components", json!({"controllerId": CTL})).await["jocs"][1]["memberId"].clone();
    let answer = root.ok("joc/cluster/switch_member", json!({"memberId": member})).await;
    assert_eq!(answer["state"], "SWITCH_MEMBER");
    assert_eq!(crate::common::truth(base).await["jocSwitchingTo"], Value::Null, "nothing happened");
    inject(base, json!({"type": "JocHeartbeats", "joc": 1, "beating": true})).await;
    // Stopping the services takes 30 s simulated, 0.6 s at speed 50.
    inject(base, json!({"type": "JocServicesStopTime", "seconds": 30})).await;
    let t = Instant::now();
    let answer = root.ok("joc/cluster/switch_member", json!({"memberId": member})).await;
    assert_eq!(answer["state"], "SWITCH_MEMBER");
    assert!(t.elapsed() >= Duration::from_millis(500), "answered before the services stopped: {:?}", t.elapsed());
    assert_eq!(crate::common::truth(base).await["jocSwitchingTo"], 1);
    s.shutdown();
}

/// Operations: a restart of all services and of the proxies is allowed on a standby JOC; an
/// abort of an unreachable Controller is 200.
#[tokio::test]
async fn standby_restarts_and_an_unreachable_abort_are_accepted() {
    let s = sim(cfg(Scenario::Healthy)).await;
    let standby = Caller::login(&s.urls()[1], "root").await;
    standby.ok("joc/cluster/restart", json!({"type": "cluster"})).await;
    standby.ok("joc/proxies/restart", json!({})).await;
    let (status, _) = standby.post("joc/cluster/restart", json!({"type": "history"})).await;
    assert_eq!(status.as_u16(), 420, "one service only on the active JOC");
    let base = &s.urls()[0];
    inject(base, json!({"type": "NodeReachable", "node": 1, "reachable": false})).await;
    let root = Caller::login(base, "root").await;
    root.ok("controller/abort", json!({"controllerId": CTL, "url": "http://controller2:4444"})).await;
    assert_eq!(crate::common::truth(base).await["nodes"][1]["running"], true, "the abort did not get through");
    s.shutdown();
}

/// JOC 2.9: `controller/log` wants `dateFrom` (a 2.8 body is refused with JOC-420); the file
/// comes from `controller/log/download` by the instance's role.
#[tokio::test]
async fn a_joc_2_9_takes_the_newer_log_request() {
    let mut c = cfg(Scenario::Healthy);
    c.world.joc_version = "2.9.0".into();
    c.log_bytes = 50_000;
    let s = sim(c).await;
    let root = Caller::login(&s.urls()[0], "root").await;
    assert_eq!(root.ok("joc/version", json!({})).await["version"], "2.9.0");
    let (status, refusal) =
        root.post("controller/log", json!({"controllerId": CTL, "url": "http://controller1:4444"})).await;
    assert_eq!((status.as_u16(), refusal["error"]["code"].as_str()), (420, Some("JOC-420")));
    let (status, _, body) =
        root.raw("controller/log/download", json!({"controllerId": CTL, "dateFrom": "-1d", "role": "BACKUP"})).await;
    assert_eq!((status, body.len()), (StatusCode::OK, 50_000));
    let (status, _, _) = root.raw("controller/log/download", json!({"controllerId": CTL, "dateFrom": "-1d"})).await;
    assert_eq!(status.as_u16(), 420, "a cluster needs the role");
    s.shutdown();
}
