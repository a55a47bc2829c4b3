//! Several Controllers registered in one simulated JOC, over real HTTP: `controller/ids` as
//! the account's roles allow, each Controller's status, operations, faults and events its own.

use crate::common::{Caller, schemas, sim, truth};
use crate::simulator_api::check_components;
use js7_status::simulator::accounts::{Account, Profile};
use js7_status::simulator::{
    SimConfig,
    world::{ControllerConfig, WorldConfig},
};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// JOC with `controller` (a cluster, 3 Agents) and `test` (standalone, 1 Agent); `tess` has
/// an operator's role for `test` only, `ghost` one for a Controller JOC does not have.
fn cfg() -> SimConfig {
    let test = ControllerConfig { id: "test".into(), cluster: false, agents: 1, require_failover_confirmation: false };
    let mut cfg = SimConfig {
        speed: 50.0,
        world: WorldConfig { more_controllers: vec![test], ..WorldConfig::default() },
        ..SimConfig::default()
    };
    cfg.accounts.push("tess:tess:operator@test".parse().unwrap());
    cfg.accounts.push("ghost:ghost:viewer@elsewhere".parse().unwrap());
    cfg.accounts.push(Account::new("plain", "plain", Profile::Viewer));
    cfg
}

async fn post_sim(base: &str, path: &str, body: Value) -> StatusCode {
    crate::common::http().post(format!("{base}/sim/{path}")).json(&body).send().await.unwrap().status()
}

#[tokio::test]
async fn controller_ids_are_those_the_account_may_view() {
    let s = sim(cfg()).await;
    let base = &s.urls()[0];
    let root = Caller::login(base, "root").await;
    let ids = root.ok("controller/ids", json!({})).await;
    schemas::check("controller/controllerIds-schema.json", &ids);
    assert_eq!(ids["controllerIds"], json!(["controller", "test"]));
    assert_eq!(ids["selected"], "controller");
    let tess = Caller::login(base, "tess").await;
    let ids = tess.ok("controller/ids", json!({})).await;
    assert_eq!((ids["controllerIds"].clone(), ids["selected"].clone()), (json!(["test"]), json!("test")));
    let perms = tess.ok("authentication/joc_cockpit_permissions", json!({})).await;
    schemas::check("security/securityConfiguration/permissions-schema.json", &perms);
    assert_eq!(perms["controllerDefaults"]["view"], false);
    assert_eq!(perms["controllers"]["test"]["terminate"], true);
    let (status, _) = Caller::login(base, "ghost").await.post("controller/ids", json!({})).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "Controllers exist, none of them viewable");
    // Unregistering `controller` leaves `test` alone in the list.
    let unregistered = json!({"type": "ControllerRegistered", "registered": false, "controller": "controller"});
    assert_eq!(post_sim(base, "event", unregistered).await, StatusCode::NO_CONTENT);
    assert_eq!(root.ok("controller/ids", json!({})).await["controllerIds"], json!(["test"]));
    s.shutdown();
}

#[tokio::test]
async fn each_controller_answers_for_itself() {
    let s = sim(cfg()).await;
    let base = &s.urls()[0];
    let root = Caller::login(base, "root").await;
    let test = root.ok("controller/components", json!({"controllerId": "test"})).await;
    check_components(&test);
    assert_eq!(test["controllers"].as_array().unwrap().len(), 1);
    assert_eq!(test["controllers"][0]["controllerId"], "test");
    assert_eq!(test["controllers"][0]["role"], "STANDALONE");
    let agents = root.ok("agents", json!({"controllerId": "test", "compact": true, "flat": true})).await;
    schemas::check("agent/agents_v-schema.json", &agents);
    assert_eq!(agents["agents"].as_array().unwrap().len(), 1);
    assert_eq!(agents["agents"][0]["controllerId"], "test");
    let versions = root.ok("joc/versions", json!({"controllerIds": ["test"]})).await;
    let uris: Vec<&str> =
        versions["controllerVersions"].as_array().unwrap().iter().map(|v| v["uri"].as_str().unwrap()).collect();
    assert_eq!(uris, ["http://test-1:4444"]);
    let (status, answer) = root.post("controller/components", json!({"controllerId": "nowhere"})).await;
    assert_eq!((status.as_u16(), answer["error"]["code"].as_str()), (420, Some("JOC-400")));
    let tess = Caller::login(base, "tess").await;
    let (status, _) = tess.post("controller/components", json!({"controllerId": "controller"})).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    tess.ok("controller/components", json!({"controllerId": "test"})).await;
    s.shutdown();
}

#[tokio::test]
async fn operations_reach_the_controller_they_name() {
    let s = sim(cfg()).await;
    let base = &s.urls()[0];
    let tess = Caller::login(base, "tess").await;
    let (status, _) = tess
        .post("controller/terminate", json!({"controllerId": "controller", "url": "http://controller1:4444"}))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "no role for `controller`");
    tess.ok("controller/terminate", json!({"controllerId": "test", "url": "http://test-1:4444"})).await;
    let state = truth(base).await;
    assert_eq!(state["controllers"][1]["id"], "test");
    assert_eq!(state["controllers"][1]["nodes"][0]["running"], false);
    assert!(state["nodes"].as_array().unwrap().iter().all(|n| n["running"] == true), "`controller` untouched: {state}");
    let plain = Caller::login(base, "plain").await;
    let (status, _) = plain.post("controller/restart", json!({"controllerId": "test"})).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, answer) =
        Caller::login(base, "root").await.post("controller/cluster/switchover", json!({"controllerId": "test"})).await;
    assert_eq!(
        (status.as_u16(), answer["error"]["message"].as_str()),
        (420, Some("There is no cluster with the Id: test"))
    );
    s.shutdown();
}

#[tokio::test]
async fn faults_name_their_controller() {
    let s = sim(cfg()).await;
    let base = &s.urls()[0];
    let down = json!({"type": "AgentShutDown", "agent": 0, "down": true, "controller": "test"});
    assert_eq!(post_sim(base, "event", down).await, StatusCode::NO_CONTENT);
    let state = truth(base).await;
    assert_eq!(state["controllers"][1]["agents"][0]["shutDown"], true);
    assert_eq!(state["controllers"][0]["agents"][0]["shutDown"], false);
    let unknown = json!({"type": "AgentShutDown", "agent": 0, "down": true, "controller": "nowhere"});
    assert_eq!(post_sim(base, "event", unknown).await, StatusCode::BAD_REQUEST);
    let joc_wide = json!({"type": "DbDelay", "seconds": 5, "controller": "test"});
    assert_eq!(post_sim(base, "event", joc_wide).await, StatusCode::BAD_REQUEST);
    let missing_node = json!({"type": "NodeReachable", "node": 1, "reachable": false, "controller": "test"});
    assert_eq!(post_sim(base, "event", missing_node).await, StatusCode::BAD_REQUEST, "`test` has one instance");
    let reset = json!({"events": [{"type": "NodeReachable", "node": 0, "reachable": false, "controller": "test"}]});
    assert_eq!(post_sim(base, "reset", reset).await, StatusCode::NO_CONTENT);
    let state = truth(base).await;
    assert_eq!(state["controllers"][1]["nodes"][0]["reachable"], false);
    assert_eq!(state["controllers"][1]["agents"][0]["shutDown"], false, "the reset healed the rest");
    s.shutdown();
}

#[tokio::test]
async fn events_of_one_controller_reach_its_pollers_only() {
    let s = sim(cfg()).await;
    let base = &s.urls()[0];
    let root = Caller::login(base, "root").await;
    let start = truth(base).await["lastEventId"].as_u64().unwrap();
    let down = json!({"type": "AgentShutDown", "agent": 0, "down": true, "controller": "test"});
    assert_eq!(post_sim(base, "event", down).await, StatusCode::NO_CONTENT);
    let poll = |id: &'static str| root.ok("events", json!({"controllerId": id, "eventId": start}));
    let (test, first) = tokio::join!(poll("test"), poll("controller"));
    schemas::check("event/event-schema.json", &test);
    let types = |answer: &Value| -> Vec<String> {
        answer["eventSnapshots"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["eventType"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(types(&test), ["AgentStateChanged"]);
    assert_eq!(test["controllerId"], "test");
    assert!(types(&first).is_empty(), "{first}");
    s.shutdown();
}
