//! Reading JOC's states: severities, texts, unknown values.

use super::*;
use serde_json::json;

#[test]
fn texts_travel_as_joc_writes_them() {
    let s = serde_json::to_value(ClusterNodeStateText::ApiServer.state()).unwrap();
    assert_eq!(s, json!({"severity": 1, "_text": "api-server"}));
    let s = serde_json::to_value(ConnectionStateText::Unknown.state()).unwrap();
    assert_eq!(s, json!({"severity": 2, "_text": "unknown"}));
    let c: ClusterState =
        serde_json::from_value(json!({"severity": 2, "_text": "ClusterNodeLossToBeConfirmed", "lossNode": "Primary"}))
            .unwrap();
    assert_eq!(c.text, ClusterType::NodeLossToBeConfirmed);
    assert_eq!(c.loss_node.as_deref(), Some("Primary"));
}

#[test]
fn unknown_texts_from_a_newer_joc_do_not_fail_the_answer() {
    let s: ComponentState = serde_json::from_value(json!({"severity": 1, "_text": "degraded"})).unwrap();
    assert_eq!(s.text, ComponentStateText::Unrecognised);
    assert_eq!(s.raw.as_deref(), Some("degraded"));
    assert_eq!(serde_json::to_value(&s).unwrap(), json!({"severity": 1, "_text": "degraded"}));
    let c: ClusterState = serde_json::from_value(json!({"severity": 1, "_text": "ClusterSomethingNew"})).unwrap();
    assert_eq!((c.text, c.raw.as_deref()), (ClusterType::Unknown, Some("ClusterSomethingNew")));
    assert_eq!(serde_json::to_value(&c).unwrap(), json!({"severity": 1, "_text": "ClusterSomethingNew"}));
    let c: ClusterState = serde_json::from_value(json!({"severity": 4, "_text": "ClusterUnknown"})).unwrap();
    assert_eq!((c.text, c.raw.clone()), (ClusterType::Unknown, None));
    assert_eq!(serde_json::to_value(&c).unwrap(), json!({"severity": 4, "_text": "ClusterUnknown"}));
}

#[test]
fn a_missing_half_of_the_pair_is_filled_as_joc_would() {
    let s: ConnectionState = serde_json::from_value(json!({"_text": "unstable"})).unwrap();
    assert_eq!((s.severity, s.text), (1, ConnectionStateText::Unstable));
    let s: ComponentState = serde_json::from_value(json!({"severity": null, "_text": null})).unwrap();
    assert_eq!((s.severity, s.text, s.raw.clone()), (2, ComponentStateText::Unrecognised, None));
    assert_eq!(serde_json::to_value(&s).unwrap(), json!({"severity": 2}));
    let c: ClusterState = serde_json::from_value(json!({"_text": "ClusterCoupled", "lossNode": null})).unwrap();
    assert_eq!((c.severity, c.loss_node), (0, None));
}

#[test]
fn cluster_severities_are_the_implemented_ones() {
    let table = [
        ("ClusterCoupled", 0),
        ("ClusterNodesAppointed", 1),
        ("ClusterPassiveLost", 1),
        ("ClusterSwitchedOver", 1),
        ("ClusterFailedOver", 1),
        ("ClusterEmpty", 2),
        ("ClusterPreparedToBeCoupled", 2),
        ("ClusterActiveShutDown", 2),
        ("ClusterActiveNodeIsNotReady", 2),
        ("ClusterNodeLossToBeConfirmed", 2),
        ("ClusterFailoverToBeConfirmed", 2),
        ("ClusterUnknown", 4),
    ];
    for (text, sev) in table {
        let t: ClusterType = serde_json::from_value(json!(text)).unwrap();
        assert_eq!(t.severity(), sev, "{text}");
        assert_eq!(serde_json::to_value(t).unwrap(), json!(text));
    }
    assert_eq!(table.len(), ClusterType::ALL.len());
}
