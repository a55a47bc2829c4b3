//! Decoding JOC's answers the way JOC writes them: a property test takes a full answer of
//! every type the board reads, drops fields, sets them to `null` or to a value of the wrong
//! shape at random, everywhere except the identifiers, and checks that decoding never fails and
//! that no entry that kept its identifiers is lost (`docs/joc-conformance.md`, "Decoding").

use app::model::fixtures;
use app::model::joc::*;
use proptest::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// What to do with one field.
#[derive(Clone, Copy, Debug)]
enum Bend {
    Keep,
    Drop,
    Null,
    WrongShape,
}

fn bend_of(b: u8) -> Bend {
    match b % 4 {
        0 => Bend::Keep,
        1 => Bend::Drop,
        2 => Bend::Null,
        _ => Bend::WrongShape,
    }
}

/// Bends every field of `v` but those at the `keep` paths (`controllers[].url`), taking one
/// choice from `choices` per field, in order, cycling.
fn bend(v: &mut Value, path: &str, keep: &[&str], choices: &[u8], next: &mut usize) {
    match v {
        Value::Object(map) => {
            let keys: Vec<String> = map.keys().cloned().collect();
            for k in keys {
                let here = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                let choice = if keep.contains(&here.as_str()) {
                    Bend::Keep
                } else {
                    *next += 1;
                    bend_of(choices[*next % choices.len()])
                };
                match choice {
                    Bend::Keep => bend(map.get_mut(&k).expect("key"), &here, keep, choices, next),
                    Bend::Drop => {
                        map.remove(&k);
                    }
                    Bend::Null => {
                        map.insert(k, Value::Null);
                    }
                    Bend::WrongShape => {
                        let odd = match map[&k] {
                            Value::String(_) => json!(17),
                            Value::Array(_) => json!({"not": "a list"}),
                            _ => json!("text where JOC sends something else"),
                        };
                        map.insert(k, odd);
                    }
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                bend(item, &format!("{path}[]"), keep, choices, next);
            }
        }
        _ => {}
    }
}

/// Bends `full` and decodes it as `T`; decoding must succeed and `entries` must be as many as
/// in the unbent answer (every entry kept its identifiers).
fn survives<T: DeserializeOwned>(full: &Value, keep: &[&str], choices: &[u8], entries: fn(&T) -> Vec<usize>) -> T {
    let whole: T = serde_json::from_value(full.clone()).expect("the full answer decodes");
    let mut bent = full.clone();
    bend(&mut bent, "", keep, choices, &mut 0);
    let decoded: T = serde_json::from_value(bent.clone()).unwrap_or_else(|e| panic!("{e}: {bent:#}"));
    assert_eq!(entries(&decoded), entries(&whole), "entries lost from {bent:#}");
    decoded
}

/// What the server writes of what it read from JOC, the browser reads back the same with the
/// lenient helpers off (`lenient::own_json`, as the live feed does).
fn reread_as_own<T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug>(read: &T) {
    let text = serde_json::to_string(read).unwrap();
    let back: T = lenient::own_json(|| serde_json::from_str(&text)).unwrap_or_else(|e| panic!("{e}: {text}"));
    assert_eq!(&back, read, "{text}");
}

fn components() -> Value {
    let mut c = serde_json::to_value(fixtures::healthy_cluster()).unwrap();
    c["clusterState"] = json!({"severity": 2, "_text": "ClusterNodeLossToBeConfirmed", "lossNode": "Backup"});
    c
}

fn agents() -> Value {
    json!({
        "deliveryDate": "2026-11-29T10:00:00.000Z",
        "surveyDate": "2026-11-29T10:00:00.000Z",
        "agents": [
            {"controllerId": "controller", "agentId": "a1", "agentName": "a1", "url": "http://a1:4445",
             "version": "2.8.4", "state": {"severity": 2, "_text": "COUPLED"}, "errorMessage": "refused",
             "runningTasks": 2, "disabled": false},
            {"controllerId": "controller", "agentId": "cluster", "agentName": "cluster", "url": "http://c:4445",
             "state": {"severity": 0, "_text": "COUPLED"}, "healthState": {"severity": 0, "_text": "ALL_SUBAGENTS_ARE_COUPLED_AND_ENABLED"},
             "runningTasks": 0, "disabled": false},
            {"agentId": "cluster", "subagentId": "sub1", "url": "http://s1:4445", "isDirector": "PRIMARY_DIRECTOR",
             "state": {"severity": 0, "_text": "COUPLED"}, "clusterNodeState": {"severity": 0, "_text": "active"}},
            {"agentId": "cluster", "subagentId": "sub2", "url": null, "state": null, "isDirector": "NO_DIRECTOR"}
        ]
    })
}

fn events() -> Value {
    json!({
        "controllerId": "controller",
        "eventId": 1_764_410_000u64,
        "eventSnapshots": [
            {"eventId": 1_764_410_000u64, "eventType": "ControllerStateChanged", "objectType": "CONTROLLER", "path": "controller"},
            {"eventType": "ProblemEvent", "objectType": "PROBLEM", "accessToken": "t", "message": "BadRequestError: refused"},
            {"eventId": 1_764_409_999u64, "eventType": "SomethingNew", "objectType": "NOTE"}
        ],
        "eventsFromSystemMonitoring": [], "eventsFromOrderMonitoring": [],
        "eventsFromApprovalRequests": [], "eventsFromNotes": [],
        "deliveryDate": "2026-11-29T10:00:00.000Z", "surveyDate": "2026-11-29T10:00:00.000Z"
    })
}

fn permissions() -> Value {
    json!({
        "roles": ["administrator"],
        "joc": {"getLog": true, "administration": {"settings": {"view": true, "manage": true},
                "controllers": {"view": true, "manage": true}}, "cluster": {"manage": true}},
        "controllerDefaults": {"view": true, "restart": true, "terminate": true, "getLog": true, "switchOver": true},
        "controllers": {"controller": {"view": true, "restart": false, "terminate": false, "getLog": true, "switchOver": false}}
    })
}

fn account() -> Value {
    json!({"account": "root", "role": "administrator", "isPermitted": true, "hasRole": true, "isApprover": false,
           "isApprovalRequestor": false, "isAuthenticated": true, "forcePasswordChange": false,
           "accessToken": "abc", "message": "", "sessionTimeout": 1_800_000, "enableTouch": true,
           "callerIpAddress": "127.0.0.1", "callerHostName": "localhost", "identityService": "JOC:JOC-INITIAL"})
}

fn none(_: &impl Sized) -> Vec<usize> {
    vec![]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// `controller/components`: only instance IDs, member IDs, Controller URLs and roles (and
    /// the roles of the connection states) are required.
    #[test]
    fn components_survive(choices in proptest::collection::vec(any::<u8>(), 1..64)) {
        let keep = ["jocs", "controllers", "jocs[].instanceId", "jocs[].memberId", "controllers[].url", "controllers[].role"];
        let read = survives::<Components>(&components(), &keep, &choices, |c| vec![c.jocs.len(), c.controllers.len()]);
        reread_as_own(&read);
    }

    /// `agents` (flat, with an Agent cluster and its Subagents): only the Agent ID (and a
    /// Subagent entry's Subagent ID) is required.
    #[test]
    fn agents_survive(choices in proptest::collection::vec(any::<u8>(), 1..64)) {
        let keep = ["agents", "agents[].agentId", "agents[].subagentId"];
        let read = survives::<AgentsAnswer>(&agents(), &keep, &choices, |a| vec![a.agents.len(), group_agents(&a.agents).len()]);
        reread_as_own(&read.agents);
    }

    /// `events`: nothing is required; events of unknown types are kept as `Other`.
    #[test]
    fn events_survive(choices in proptest::collection::vec(any::<u8>(), 1..64)) {
        survives::<EventsAnswer>(&events(), &["eventSnapshots"], &choices, |e| vec![e.event_snapshots.as_ref().map_or(0, Vec::len)]);
    }

    /// The small answers: `controller/ids`, `joc/version`, `joc/is_active`, a 420, the login's
    /// account answer, permissions, properties and a JOC cluster operation's answer.
    #[test]
    fn small_answers_survive(choices in proptest::collection::vec(any::<u8>(), 1..64)) {
        let ids = json!({"deliveryDate": "d", "controllerIds": ["a", "b"], "selected": "a"});
        survives::<ControllerIds>(&ids, &[], &choices, none);
        survives::<VersionAnswer>(&json!({"version": "2.8.4", "gitHash": "x", "date": "d"}), &[], &choices, none);
        survives::<OkAnswer>(&json!({"deliveryDate": "d", "surveyDate": "d", "ok": true}), &[], &choices, none);
        let e420 = json!({"deliveryDate": "d", "surveyDate": "d", "error": {"code": "JOC-400", "message": "m"}});
        survives::<Err420>(&e420, &["error"], &choices, none);
        survives::<AccountAnswer>(&account(), &[], &choices, none);
        reread_as_own(&survives::<Permissions>(&permissions(), &[], &choices, none));
        let props = json!({"forceCommentsForAuditLog": true, "comments": ["a", "b"], "title": "t"});
        survives::<JocProperties>(&props, &[], &choices, none);
        let cluster = json!({"deliveryDate": "d", "type": "cluster", "state": "SWITCH_MEMBER"});
        survives::<ClusterResponse>(&cluster, &[], &choices, none);
    }
}

/// The fixtures bend too: every field of a full answer may be dropped at once.
#[test]
fn an_answer_with_only_identifiers_decodes() {
    let c: Components = serde_json::from_value(json!({
        "jocs": [{"instanceId": "joc#0", "memberId": "host:abc"}],
        "controllers": [{"url": "http://c:4444", "role": "STANDALONE"}]
    }))
    .unwrap();
    assert_eq!((c.jocs.len(), c.controllers.len(), c.cluster_state), (1, 1, None));
    let a: AgentsAnswer = serde_json::from_value(json!({"agents": [{"agentId": "a"}]})).unwrap();
    assert_eq!(a.agents[0].name(), "a");
    let e: EventsAnswer = serde_json::from_value(json!({})).unwrap();
    assert_eq!((e.event_id, e.survey_date), (None, None));
}
