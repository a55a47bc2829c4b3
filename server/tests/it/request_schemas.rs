//! What the JOC client sends, validated against the official request schemas: every request
//! body is one of these DTOs, serialised as the client serialises it.

use crate::common::schemas::check;
use app::model::joc::*;
use serde_json::to_value;

fn audit() -> Option<AuditParams> {
    Some(AuditParams {
        comment: Some("maintenance".into()),
        time_spent: Some(10),
        ticket_link: Some("https://t/1".into()),
    })
}

#[test]
fn every_request_body_satisfies_its_schema() {
    check(
        "controller/controllerId-required-schema.json",
        &to_value(ControllerIdReq { controller_id: "controller".into() }).unwrap(),
    );
    check(
        "event/controllerFilter-schema.json",
        &to_value(EventsRequest { controller_id: "controller".into(), event_id: Some(1_736_935_200) }).unwrap(),
    );
    check(
        "event/controllerFilter-schema.json",
        &to_value(EventsRequest { controller_id: "controller".into(), event_id: None }).unwrap(),
    );
    let agents = AgentsRequest {
        controller_id: "controller".into(),
        agent_ids: None,
        states: None,
        only_visible_agents: Some(true),
        compact: Some(true),
        flat: Some(true),
    };
    check("agent/readAgents_v-schema.json", &to_value(agents).unwrap());
    for switchover in [true, false] {
        let p = UrlParameter {
            controller_id: "controller".into(),
            url: Some("http://ctl1:4444".into()),
            with_switchover: Some(switchover),
            audit_log: audit(),
        };
        check("controller/urlParam-schema.json", &to_value(p).unwrap());
    }
    let confirm =
        UrlParameter { controller_id: "controller".into(), url: None, with_switchover: None, audit_log: None };
    check("controller/urlParam-schema.json", &to_value(confirm).unwrap());
    check(
        "cluster/joc-cluster-switch-member-schema.json",
        &to_value(SwitchMember { member_id: "jochost2:ab".into(), audit_log: audit() }).unwrap(),
    );
    for service in ServiceType::ALL {
        check(
            "cluster/joc-cluster-restart-schema.json",
            &to_value(ClusterService { service, audit_log: audit() }).unwrap(),
        );
        if service.can_run() {
            check(
                "cluster/joc-cluster-service-run-schema.json",
                &to_value(ClusterService { service, audit_log: None }).unwrap(),
            );
        }
    }
    check(
        "joc/jocUri-schema.json",
        &to_value(CockpitUri { instance_id: Some("joc#1".into()), url: "https://joc2".into() }).unwrap(),
    );
    check("joc/filename-schema.json", &to_value(JocLogRequest::default()).unwrap());
    check("audit/auditParams-schema.json", &to_value(audit()).unwrap());
}
