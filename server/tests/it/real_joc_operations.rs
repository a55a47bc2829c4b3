//! The simulator answers operations and JOC's other calls as the real JOC Cockpit 2.8 does
//! (`docs/joc-conformance.md`), where it differs from what its schemas promise; the shapes of
//! the status answers are in `real_joc_shapes.rs`.

use crate::common::{Caller, inject, schemas, sim};
use js7_status::simulator::SimConfig;
use js7_status::simulator::scenarios::Scenario;
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::time::Duration;

const CTL: &str = "controller";

fn cfg(scenario: Scenario) -> SimConfig {
    SimConfig { speed: 50.0, scenario: scenario.events(), ..SimConfig::default() }
}

/// Events: JOC accepts a cluster switch-over before the Controller acts; the Controller's
/// refusal reaches the requester's session only, as a `ProblemEvent` without an event id.
#[tokio::test]
async fn a_refused_cluster_switchover_reaches_the_requester_only() {
    let s = sim(cfg(Scenario::Healthy)).await;
    let base = &s.urls()[0];
    let root = Caller::login(base, "root").await;
    let other = Caller::login(base, "viewer").await;
    let start = root.ok("events", json!({"controllerId": CTL, "eventId": 1})).await["eventId"].as_u64().unwrap();
    inject(base, json!({"type": "ControllerRefusesSwitchOver", "message": "BadRequestError: not now"})).await;
    root.ok("controller/cluster/switchover", json!({"controllerId": CTL})).await;
    let mut problem = Value::Null;
    for _ in 0..20 {
        let answer = root.ok("events", json!({"controllerId": CTL, "eventId": start})).await;
        if let Some(p) = answer["eventSnapshots"].as_array().unwrap().iter().find(|e| e["eventType"] == "ProblemEvent")
        {
            problem = p.clone();
            break;
        }
    }
    assert_eq!(problem["objectType"], "PROBLEM");
    assert_eq!(problem["message"], "BadRequestError: not now");
    assert_eq!(problem["accessToken"], root.token.as_str());
    assert!(problem.get("eventId").is_none());
    let seen = other.ok("events", json!({"controllerId": CTL, "eventId": start})).await;
    assert!(!seen["eventSnapshots"].as_array().unwrap().iter().any(|e| e["eventType"] == "ProblemEvent"));
    assert_eq!(crate::common::truth(base).await["engineCluster"], "ClusterCoupled", "nothing switched");
    s.shutdown();
}

/// The other calls JOC's tools make: `joc/versions` (every Controller instance and Agent, no
/// `deliveryDate`), `controller` (one instance; 434 before the proxy ever coupled, 420 JOC-408
/// for an unknown ID or URL) and `controller/test` (a failed connection is a 420).
#[tokio::test]
async fn versions_controller_and_connection_test_answer_as_joc_does() {
    let s = sim(cfg(Scenario::AgentFaults)).await;
    let base = &s.urls()[0];
    let root = Caller::login(base, "root").await;
    let v = root.ok("joc/versions", json!({})).await;
    assert!(v.get("deliveryDate").is_none());
    assert_eq!(v["jocVersion"], "2.8.4");
    let controllers: Vec<&str> =
        v["controllerVersions"].as_array().unwrap().iter().map(|c| c["uri"].as_str().unwrap()).collect();
    assert_eq!(controllers, vec!["http://controller1:4444", "http://controller2:4444"]);
    let agents = v["agentVersions"].as_array().unwrap();
    assert_eq!(agents.len(), 3 + 3, "three Agents and the three Subagents of the Agent cluster");
    assert!(agents.iter().all(|a| a["agentId"].is_string() && a["uri"].is_string()));
    let decoded: app::model::joc::VersionsAnswer = serde_json::from_value(v).unwrap();
    assert_eq!(decoded.agent_versions.iter().filter(|a| a.subagent_id.is_some()).count(), 3);

    let one = root.ok("controller", json!({"controllerId": CTL, "url": "http://controller2:4444"})).await;
    schemas::check("controller/master-schema.json", &one["controller"]);
    assert_eq!(one["controller"]["role"], "BACKUP");
    let active = root.ok("controller", json!({"controllerId": CTL})).await;
    assert_eq!(active["controller"]["clusterNodeState"]["_text"], "active");
    let (status, e) = root.post("controller", json!({"controllerId": "other"})).await;
    assert_eq!((status.as_u16(), e["error"]["code"].as_str()), (420, Some("JOC-408")));
    let (status, e) = root.post("controller", json!({"controllerId": CTL, "url": "http://nowhere:4444"})).await;
    assert_eq!((status.as_u16(), e["error"]["code"].as_str()), (420, Some("JOC-408")));

    let t = root.ok("controller/test", json!({"controllerId": CTL, "url": "http://controller1:4444"})).await;
    assert_eq!(t["controller"]["connectionState"]["_text"], "established");
    let (status, e) =
        root.post("controller/test", json!({"controllerId": "other", "url": "http://controller1:4444"})).await;
    assert_eq!((status.as_u16(), e["error"]["code"].as_str()), (420, Some("JOC-405")));
    inject(base, json!({"type": "NodeReachable", "node": 1, "reachable": false})).await;
    let (status, e) = root.post("controller/test", json!({"url": "http://controller2:4444"})).await;
    assert_eq!((status.as_u16(), e["error"]["code"].as_str()), (420, Some("JOC-402")));
    let (status, e) = root.post("controller/test", json!({"url": "ftp:/x"})).await;
    assert_eq!((status.as_u16(), e["error"]["code"].as_str()), (420, Some("JOC-400")));
    s.shutdown();
}

/// `controller` without a URL needs JOC's proxy to have coupled once: 434 JOC-402 before.
#[tokio::test]
async fn the_active_controller_needs_a_coupled_proxy() {
    let s = sim(cfg(Scenario::NeverReached)).await;
    let root = Caller::login(&s.urls()[0], "root").await;
    let (status, e) = root.post("controller", json!({"controllerId": CTL})).await;
    assert_eq!((status.as_u16(), e["error"]["code"].as_str()), (434, Some("JOC-402")));
    let one = root.ok("controller", json!({"controllerId": CTL, "url": "http://controller1:4444"})).await;
    assert_eq!(one["controller"]["connectionState"]["_text"], "unreachable", "an unreachable instance is 200");
    s.shutdown();
}

fn refusal(answer: &(StatusCode, Value)) -> (u16, &str, &str) {
    let (status, body) = answer;
    (status.as_u16(), body["error"]["code"].as_str().unwrap_or(""), body["error"]["message"].as_str().unwrap_or(""))
}

fn audited(truth: &Value, request: &str) -> usize {
    truth["audit"].as_array().unwrap().iter().filter(|e| e["request"] == request).count()
}

/// Operations: `joc/cluster/delete_member` removes a dead standby from JOC's inventory; it is
/// audited before JOC checks it, refuses an unknown member (JOC-408), the active member and
/// one that beat within the last minute (JOC-400), and works on a standby JOC. The instance
/// comes back when it beats again.
#[tokio::test]
async fn delete_member_answers_as_joc_does() {
    let mut c = cfg(Scenario::Healthy);
    c.world.jocs = 3;
    c.listen = vec![([127, 0, 0, 1], 0).into(); 3];
    let s = sim(c).await;
    let base = &s.urls()[0];
    let root = Caller::login(base, "root").await;
    let jocs = root.ok("controller/components", json!({"controllerId": CTL})).await["jocs"].clone();
    let member = |i: usize| jocs[i]["memberId"].as_str().unwrap().to_string();
    let delete = "joc/cluster/delete_member";

    let unknown = root.post(delete, json!({"memberId": "nobody:0"})).await;
    assert_eq!(refusal(&unknown), (420, "JOC-408", "Couldn't find cluster member: nobody:0"));
    assert_eq!(
        audited(&crate::common::truth(base).await, "./joc/cluster/delete_member"),
        1,
        "audited before the check"
    );
    let (status, _) = Caller::login(base, "operator").await.post(delete, json!({"memberId": member(2)})).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    for (i, why) in [(0, "the active member"), (2, "a live standby")] {
        let answer = root.post(delete, json!({"memberId": member(i)})).await;
        let (status, code, message) = refusal(&answer);
        assert_eq!((status, code), (420, "JOC-400"), "{why}");
        assert!(message.contains("either active or its last heartbeat is younger than one minute"), "{message}");
    }

    inject(base, json!({"type": "JocHeartbeats", "joc": 2, "beating": false})).await;
    tokio::time::sleep(Duration::from_millis(1400)).await; // 70 s simulated
    let standby = Caller::login(&s.urls()[1], "root").await;
    let answer = standby.ok(delete, json!({"memberId": member(2), "auditLog": {"comment": "decommissioned"}})).await;
    assert_eq!(answer["ok"], true, "allowed on a standby JOC");
    schemas::check("common/ok-schema.json", &answer);
    let listed = root.ok("controller/components", json!({"controllerId": CTL})).await;
    let ids: Vec<&str> = listed["jocs"].as_array().unwrap().iter().map(|j| j["memberId"].as_str().unwrap()).collect();
    assert_eq!(ids, [member(0), member(1)], "gone from the inventory");
    assert_eq!(refusal(&root.post(delete, json!({"memberId": member(2)})).await).1, "JOC-408");

    inject(base, json!({"type": "JocHeartbeats", "joc": 2, "beating": true})).await;
    let listed = root.ok("controller/components", json!({"controllerId": CTL})).await;
    assert_eq!(listed["jocs"].as_array().unwrap().len(), 3, "registered again once it beats");
    s.shutdown();
}

/// Operations: the Controller cluster's switch-over and node-loss confirmation check in
/// JOC's order: the switch-over its permission, then no cluster, a JOC switch-over under way
/// (JOC-409), a standby JOC, then audits and refuses a cluster that is not coupled; the
/// confirmation a standby JOC first (JOC-503, before the permission).
#[tokio::test]
async fn cluster_operations_are_checked_in_jocs_order() {
    let switchover = "controller/cluster/switchover";
    let confirm = "controller/cluster/confirm_node_loss";
    let body = json!({"controllerId": CTL});

    let mut standalone = cfg(Scenario::Healthy);
    standalone.world.controller_cluster = false;
    let s = sim(standalone).await;
    let base = &s.urls()[0];
    let (status, _) = Caller::login(base, "viewer").await.post(switchover, body.clone()).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "the permission first");
    let answer = Caller::login(base, "root").await.post(switchover, body.clone()).await;
    assert_eq!(refusal(&answer), (420, "JOC-400", "There is no cluster with the Id: controller"));
    s.shutdown();

    let s = sim(cfg(Scenario::Healthy)).await;
    let base = &s.urls()[0];
    let viewer_on_standby = Caller::login(&s.urls()[1], "viewer").await;
    let answer = viewer_on_standby.post(confirm, body.clone()).await;
    let (status, code, message) = refusal(&answer);
    assert_eq!((status, code), (420, "JOC-503"), "the standby before the permission");
    assert!(message.contains("only possible in the active JOC node"), "{message}");
    let answer = Caller::login(&s.urls()[1], "root").await.post(switchover, body.clone()).await;
    assert_eq!(
        refusal(&answer),
        (420, "JOC-400", "Switch-over is not available. It can only be called up in the active JOC Cockpit.")
    );
    let root = Caller::login(base, "root").await;
    let answer = root.post(confirm, body.clone()).await;
    assert_eq!(refusal(&answer), (420, "JOC-400", "Couldn't determine loss node of Controller cluster 'controller'."));
    inject(base, json!({"type": "CouplingBroken", "broken": true})).await;
    crate::common::wait_for_cluster(&root, "ClusterPreparedToBeCoupled").await;
    let before = audited(&crate::common::truth(base).await, "./controller/cluster/switchover");
    let answer = root.post(switchover, body.clone()).await;
    assert_eq!(refusal(&answer), (420, "JOC-400", "Switch-over is not available because the cluster is not coupled"));
    assert_eq!(
        audited(&crate::common::truth(base).await, "./controller/cluster/switchover"),
        before + 1,
        "audited first"
    );
    s.shutdown();
}

/// Operations: while one cluster switches over, the other's switch-over is refused with
/// JOC-409; without a licence for a JOC cluster, a JOC switch-over is 420 JOC-503
/// `MISSING_LICENSE`.
#[tokio::test]
async fn switch_overs_exclude_each_other_and_need_a_licence() {
    // Slow enough that the switch-overs' windows (20 to 60 s and 2 to 4 s) last a while.
    let s = sim(SimConfig { speed: 4.0, ..cfg(Scenario::Healthy) }).await;
    let base = &s.urls()[0];
    let root = Caller::login(base, "root").await;
    let body = json!({"controllerId": CTL});
    let standby = root.ok("controller/components", body.clone()).await["jocs"][1]["memberId"].clone();
    inject(base, json!({"type": "JocServicesStopTime", "seconds": 0})).await;

    inject(base, json!({"type": "JocClusterLicence", "valid": false})).await;
    let answer = root.post("joc/cluster/switch_member", json!({"memberId": standby})).await;
    assert_eq!(refusal(&answer), (420, "JOC-503", "MISSING_LICENSE"));
    inject(base, json!({"type": "JocClusterLicence", "valid": true})).await;

    root.ok("controller/cluster/switchover", body.clone()).await;
    let answer = root.post("joc/cluster/switch_member", json!({"memberId": standby})).await;
    let (status, code, message) = refusal(&answer);
    assert_eq!((status, code), (420, "JOC-409"), "{message}");
    crate::common::wait_for_cluster(&root, "ClusterCoupled").await;

    root.ok("joc/cluster/switch_member", json!({"memberId": standby})).await;
    let answer = root.post("controller/cluster/switchover", body).await;
    let (status, code, message) = refusal(&answer);
    assert_eq!((status, code), (420, "JOC-409"), "{message}");
    s.shutdown();
}

/// Operations: JOC asks the Controller for a switch-over only when `withSwitchover` is true;
/// a terminate of the active instance without it leaves no instance active.
#[tokio::test]
async fn terminate_switches_over_only_when_asked() {
    let s = sim(cfg(Scenario::Healthy)).await;
    let base = &s.urls()[0];
    let root = Caller::login(base, "root").await;
    root.ok("controller/terminate", json!({"controllerId": CTL, "url": "http://controller1:4444"})).await;
    let truth = crate::common::truth(base).await;
    assert_eq!(
        (truth["activeNode"].as_u64(), truth["engineCluster"].as_str()),
        (Some(0), Some("ClusterActiveShutDown"))
    );
    s.shutdown();
}

/// Transport: JOC 2.8.4's request validation ignores `additionalProperties`, so a body with a
/// field its schema does not allow is read as if the field were absent.
#[tokio::test]
async fn fields_a_schema_does_not_allow_are_ignored() {
    let s = sim(cfg(Scenario::Healthy)).await;
    let root = Caller::login(&s.urls()[0], "root").await;
    root.ok("controller/components", json!({"controllerId": CTL, "newer": true})).await;
    root.ok("agents", json!({"controllerId": CTL, "flat": true, "newer": 1})).await;
    root.ok("events", json!({"controllerId": CTL, "eventId": 1, "newer": "x"})).await;
    root.ok("joc/url", json!({"instanceId": "joc#1", "url": "https://joc2", "auditLog": {"comment": "x"}})).await;
    s.shutdown();
}

/// Events: JOC sends each distinct snapshot once and without an `eventId` of its own; the
/// answer's `eventId` is the one to ask after next.
#[tokio::test]
async fn event_snapshots_come_without_ids_and_once_each() {
    let s = sim(cfg(Scenario::Healthy)).await;
    let base = &s.urls()[0];
    let root = Caller::login(base, "root").await;
    let start = root.ok("events", json!({"controllerId": CTL, "eventId": 1})).await["eventId"].as_u64().unwrap();
    for down in [true, false, true] {
        inject(base, json!({"type": "AgentShutDown", "agent": 0, "down": down})).await;
    }
    let answer = root.ok("events", json!({"controllerId": CTL, "eventId": start})).await;
    let snapshots = answer["eventSnapshots"].as_array().unwrap();
    assert!(snapshots.iter().all(|e| e.get("eventId").is_none()), "{snapshots:?}");
    let agent_changes = snapshots.iter().filter(|e| e["eventType"] == "AgentStateChanged").count();
    assert_eq!(agent_changes, 1, "three alike changes, one snapshot: {snapshots:?}");
    assert!(answer["eventId"].as_u64().unwrap() > start);
    schemas::check("event/event-schema.json", &answer);
    s.shutdown();
}
