//! `monitoring/controllers` and `monitoring/agents` of the simulator over real HTTP: what the
//! board asks and what the simulator answers validated against the official schemas, JOC's
//! errors in JOC's order, and the answers made of the sessions the simulator ran.

use crate::common::{Caller, inject, schemas, sim, truth};
use js7_status::feed::availability::filter;
use js7_status::simulator::SimConfig;
use js7_status::simulator::accounts::{Account, Profile, default_accounts};
use serde_json::{Value, json};
use std::time::Duration;

fn fast() -> SimConfig {
    let mut accounts = default_accounts();
    accounts.push(Account::new("nobody", "nobody", Profile::NoRole));
    SimConfig { speed: 50.0, accounts, ..SimConfig::default() }
}

fn asked() -> Value {
    serde_json::to_value(filter("controller")).unwrap()
}

#[tokio::test]
async fn answers_satisfy_the_schemas_and_errors_come_in_jocs_order() {
    let s = sim(fast()).await;
    let base = &s.urls()[0];
    schemas::check("monitoring/controllers-filter-schema.json", &asked());
    schemas::check("monitoring/agents-filter-schema.json", &asked());
    let c = Caller::login(base, "viewer").await;

    let answer = c.ok("monitoring/controllers", asked()).await;
    schemas::check("monitoring/controllers-answer-schema.json", &answer);
    let ctl = &answer["controllers"][0];
    assert_eq!(ctl["controllerId"], "controller");
    assert_eq!(ctl["url"], "http://controller1:4444");
    let prev = &ctl["previousEntry"];
    assert!(prev["lastKnownTime"].as_str().unwrap().ends_with("+00:00"), "JOC's timestamps: {prev}");
    let entries = ctl["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 2, "the seeded restart six days ago and the running session: {ctl}");
    assert!(entries[0]["lastKnownTime"].is_string() && entries[1].get("lastKnownTime").is_none());
    let totals: Vec<i64> = entries.iter().map(|e| e["totalRunningTime"].as_i64().unwrap()).collect();
    assert!(totals[0] > 0 && totals[1] > totals[0], "a running sum: {totals:?}");

    let agents = c.ok("monitoring/agents", asked()).await;
    schemas::check("monitoring/agents-answer-schema.json", &agents);
    let list = agents["controllers"][0]["agents"].as_array().unwrap();
    assert_eq!(list.len(), 3);
    assert!(
        list.iter().all(|a| a["entries"].as_array().unwrap().last().unwrap()["source"]["totalRunningTime"] == "now")
    );

    // 440 before anything else, then the schema (420 JOC-420), the permission (403), the dates
    // (420 JOC-405).
    let fake = Caller { token: "x".repeat(32), ..Caller::login(base, "viewer").await };
    assert_eq!(fake.post("monitoring/controllers", json!({"dateFrom": ""})).await.0.as_u16(), 440);
    let nobody = Caller::login(base, "nobody").await;
    for path in ["monitoring/controllers", "monitoring/agents"] {
        let (status, body) = nobody.post(path, json!({"controllerId": "controller", "dateFrom": ""})).await;
        assert_eq!((status.as_u16(), body["error"]["code"].as_str()), (420, Some("JOC-420")), "{path}: {body}");
        schemas::check("common/error420-schema.json", &body);
        let (status, body) = nobody.post(path, json!({"controllerId": "controller", "dateFrom": "0"})).await;
        assert_eq!(status.as_u16(), 403, "{path}: {body}");
        assert_eq!(body["message"], "Access denied");
        let (status, body) = c.post(path, json!({"controllerId": "controller", "dateFrom": "0"})).await;
        assert_eq!((status.as_u16(), body["error"]["code"].as_str()), (420, Some("JOC-405")), "{path}: {body}");
    }
    s.shutdown();
}

/// Waits until the simulator's truth satisfies `f` (bounded).
async fn until(base: &str, f: impl Fn(&Value) -> bool) -> Value {
    for _ in 0..100 {
        let t = truth(base).await;
        if f(&t) {
            return t;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the simulator never got there");
}

#[tokio::test]
async fn the_sessions_the_simulator_runs_are_the_history_it_answers() {
    let s = sim(fast()).await;
    let base = &s.urls()[0];
    let c = Caller::login(base, "viewer").await;
    // A switch-over: the old active instance shuts down, the other one starts a session.
    Caller::login(base, "root").await.ok("controller/cluster/switchover", json!({"controllerId": "controller"})).await;
    // An Agent shut down, and started again.
    inject(base, json!({"type": "AgentShutDown", "agent": 0, "down": true})).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    inject(base, json!({"type": "AgentShutDown", "agent": 0, "down": false})).await;
    let t = until(base, |t| t["controllers"][0]["history"].as_array().unwrap().len() == 4).await;

    let rows = t["controllers"][0]["history"].as_array().unwrap();
    let (old, new) = (&rows[2], &rows[3]);
    assert_eq!(old["url"], "http://controller1:4444");
    assert!(old["shutdown"].is_string(), "a switch-over is a shutdown: {old}");
    assert_eq!((new["url"].as_str(), new["shutdown"].is_null()), (Some("http://controller2:4444"), true));

    let answer = c.ok("monitoring/controllers", asked()).await;
    schemas::check("monitoring/controllers-answer-schema.json", &answer);
    let entries = answer["controllers"][0]["entries"].as_array().unwrap();
    let last_two = &entries[entries.len() - 2..];
    assert_eq!(last_two[0]["readyTime"], old["ready"]);
    assert_eq!(last_two[0]["lastKnownTime"], old["shutdown"]);
    assert_eq!(last_two[1]["readyTime"], new["ready"]);
    assert!(last_two[1].get("lastKnownTime").is_none(), "running");

    let agent_rows = t["controllers"][0]["agents"][0]["history"].as_array().unwrap();
    let (stopped, back) = (&agent_rows[agent_rows.len() - 2], &agent_rows[agent_rows.len() - 1]);
    assert!(stopped["shutdown"].is_string() && back["shutdown"].is_null());
    let agents = c.ok("monitoring/agents", asked()).await;
    schemas::check("monitoring/agents-answer-schema.json", &agents);
    let a = agents["controllers"][0]["agents"].as_array().unwrap().iter().find(|a| a["agentId"] == "agent-1").unwrap();
    let e = a["entries"].as_array().unwrap();
    let (e_stopped, e_back) = (&e[e.len() - 2], &e[e.len() - 1]);
    assert_eq!((&e_stopped["readyTime"], &e_stopped["lastKnownTime"]), (&stopped["ready"], &stopped["shutdown"]));
    assert_eq!(e_stopped["source"], json!({"item": "history", "totalRunningTime": "shutdown"}));
    assert_eq!((&e_back["readyTime"], &e_back["source"]["totalRunningTime"]), (&back["ready"], &json!("now")));
    s.shutdown();
}
