use super::*;
use crate::model::fixtures::*;
use crate::model::joc::*;
use serde_json::json;

fn perms(profile: &str) -> Permissions {
    let all = profile == "root";
    let ops = all || profile == "operator";
    let mut p = Permissions::default();
    p.joc.get_log = ops;
    p.joc.cluster.manage = all;
    p.joc.administration.settings.manage = all;
    p.joc.administration.controllers.manage = all;
    p.controller_defaults =
        ControllerPermissions { view: true, restart: ops, terminate: ops, get_log: ops, switch_over: ops };
    p
}

/// A compact name per item: operation and whether it is enabled.
fn names(items: &[MenuItem]) -> Vec<String> {
    items
        .iter()
        .map(|i| {
            let name = match &i.action {
                Action::Run(Operation::JocSwitchOver { .. }) => "joc-switchover".to_string(),
                Action::Run(Operation::RemoveJocInstance { .. }) => "remove-joc".into(),
                Action::Run(Operation::UpdateUrl { .. }) => "update-url".into(),
                Action::Run(Operation::RestartServices) => "restart-services".into(),
                Action::Run(Operation::RestartService { service }) => format!("restart-{service:?}"),
                Action::Run(Operation::RunService { service }) => format!("run-{service:?}"),
                Action::Run(Operation::Terminate { restart, switchover, .. }) => {
                    format!(
                        "terminate{}{}",
                        if *restart { "+restart" } else { "" },
                        if *switchover { "+switchover" } else { "" }
                    )
                }
                Action::Run(Operation::Abort { restart, .. }) => {
                    format!("abort{}", if *restart { "+restart" } else { "" })
                }
                Action::Run(Operation::ClusterSwitchOver) => "cluster-switchover".into(),
                Action::Run(Operation::ConfirmNodeLoss) => "confirm-loss".into(),
                Action::EditUrl { .. } => "edit-url".into(),
                Action::DownloadJocLog => "joc-log".into(),
                Action::DownloadControllerLog { .. } => "controller-log".into(),
            };
            match i.enabled {
                Ok(()) => name,
                Err(why) => format!("{name} ({why:?})"),
            }
        })
        .collect()
}

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

#[test]
fn joc_menus() {
    let c = healthy_cluster();
    let current = names(&menu(Target::Joc(0), &c, &perms("root")));
    assert_eq!(
        current,
        s(&[
            "restart-services",
            "restart-Cleanup",
            "restart-DailyPlan",
            "restart-History",
            "restart-LogNotification",
            "restart-Monitor",
            "restart-Proxy",
            "run-Cleanup",
            "run-Dailyplan",
            "edit-url",
            "joc-log",
        ])
    );
    assert_eq!(names(&menu(Target::Joc(1), &c, &perms("root"))), s(&["joc-switchover", "edit-url"]));
    assert_eq!(names(&menu(Target::Joc(0), &c, &perms("operator"))), s(&["joc-log"]));
    assert!(menu(Target::Joc(0), &c, &perms("viewer")).is_empty());

    let mut dead = healthy_cluster();
    dead.jocs[1].component_state = Some(ComponentStateText::Unknown.state());
    assert_eq!(
        names(&menu(Target::Joc(1), &dead, &perms("root"))),
        s(&["joc-switchover (InstanceDown)", "remove-joc", "edit-url"]),
        "a standby JOC no longer knows alive can be removed from its inventory"
    );
    assert!(menu(Target::Joc(1), &dead, &perms("operator")).is_empty(), "removal needs joc.cluster.manage");
    let mut active_dead = healthy_cluster();
    active_dead.jocs[0].component_state = Some(ComponentStateText::Unknown.state());
    let own = names(&menu(Target::Joc(0), &active_dead, &perms("root")));
    assert!(!own.contains(&"remove-joc".to_string()), "never the active instance, nor the one answering: {own:?}");

    // A single JOC without a cluster still restarts its services.
    let single = standalone();
    assert!(names(&menu(Target::Joc(0), &single, &perms("root"))).contains(&"restart-services".to_string()));
}

#[test]
fn controller_menus() {
    let c = healthy_cluster();
    let active = names(&menu(Target::Controller(0), &c, &perms("operator")));
    assert_eq!(
        active,
        s(&[
            "terminate+switchover",
            "terminate",
            "terminate+restart+switchover",
            "terminate+restart",
            "abort",
            "abort+restart",
            "controller-log",
        ])
    );
    let standby = names(&menu(Target::Controller(1), &c, &perms("operator")));
    assert_eq!(standby, s(&["terminate", "terminate+restart", "abort", "abort+restart", "controller-log"]));
    assert!(menu(Target::Controller(0), &c, &perms("viewer")).is_empty());

    let mut decoupled = healthy_cluster();
    decoupled.cluster_state = Some(ClusterState::of(ClusterType::PassiveLost));
    for k in &mut decoupled.controllers {
        k.is_coupled = false;
    }
    let items = names(&menu(Target::Controller(0), &decoupled, &perms("root")));
    assert_eq!(items[0], "terminate+switchover (NotCoupled)");
    assert_eq!(items[1], "terminate");

    let mut down = healthy_cluster();
    make_unreachable(&mut down.controllers[1]);
    assert!(menu(Target::Controller(1), &down, &perms("root")).iter().all(|i| i.enabled == Err(Why::NotReachable)));
}

#[test]
fn risks_say_how_careful_the_confirmation_is() {
    let c = healthy_cluster();
    let items = menu(Target::Controller(0), &c, &perms("root"));
    let risk = |name: &str| items.iter().zip(names(&items)).find(|(_, n)| n == name).map(|(i, _)| i.risk).unwrap();
    assert_eq!(risk("terminate"), Risk::Severe, "no instance will be active");
    assert_eq!(risk("terminate+switchover"), Risk::Disruptive);
    assert_eq!(risk("controller-log"), Risk::Safe);
    let cluster = menu(Target::Cluster, &c, &perms("root"));
    assert_eq!(cluster[1].risk, Risk::Severe, "confirming a loss acts on a person's word");
}

#[test]
fn cluster_menus() {
    let c = healthy_cluster();
    assert_eq!(
        names(&menu(Target::Cluster, &c, &perms("operator"))),
        s(&["cluster-switchover", "confirm-loss (NoLossToConfirm)"])
    );
    let mut lost = healthy_cluster();
    lost.cluster_state = Some(ClusterState {
        loss_node: Some("Primary".into()),
        ..ClusterState::of(ClusterType::NodeLossToBeConfirmed)
    });
    assert_eq!(
        names(&menu(Target::Cluster, &lost, &perms("root"))),
        s(&["cluster-switchover (NotCoupled)", "confirm-loss"])
    );
    assert!(menu(Target::Cluster, &standalone(), &perms("root")).is_empty());
    assert!(menu(Target::Cluster, &c, &perms("viewer")).is_empty());
}

#[test]
fn every_operation_maps_to_its_joc_call() {
    let audit = Some(AuditParams { comment: Some("why".into()), ..AuditParams::default() });
    let url = "http://ctl1:4444".to_string();
    let table = [
        (
            Operation::JocSwitchOver { member_id: "m".into() },
            "joc/cluster/switch_member",
            json!({"memberId": "m", "auditLog": {"comment": "why"}}),
        ),
        (
            Operation::RemoveJocInstance { member_id: "m".into() },
            "joc/cluster/delete_member",
            json!({"memberId": "m", "auditLog": {"comment": "why"}}),
        ),
        (
            Operation::UpdateUrl { instance_id: "joc#1".into(), url: "https://j".into() },
            "joc/url",
            json!({"instanceId": "joc#1", "url": "https://j"}),
        ),
        (Operation::RestartServices, "joc/cluster/restart", json!({"type": "cluster", "auditLog": {"comment": "why"}})),
        (
            Operation::RestartService { service: JocService::Monitor },
            "joc/cluster/restart",
            json!({"type": "monitor", "auditLog": {"comment": "why"}}),
        ),
        (
            Operation::RestartService { service: JocService::Proxy },
            "joc/proxies/restart",
            json!({"auditLog": {"comment": "why"}}),
        ),
        (
            Operation::RunService { service: ServiceType::Dailyplan },
            "joc/cluster/run",
            json!({"type": "dailyplan", "auditLog": {"comment": "why"}}),
        ),
        (
            Operation::Terminate { url: url.clone(), restart: false, switchover: true },
            "controller/terminate",
            json!({"controllerId": "c", "url": url, "withSwitchover": true, "auditLog": {"comment": "why"}}),
        ),
        (
            Operation::Terminate { url: url.clone(), restart: true, switchover: false },
            "controller/restart",
            json!({"controllerId": "c", "url": url, "withSwitchover": false, "auditLog": {"comment": "why"}}),
        ),
        (
            Operation::Abort { url: url.clone(), restart: true },
            "controller/abort_and_restart",
            json!({"controllerId": "c", "url": url, "withSwitchover": false, "auditLog": {"comment": "why"}}),
        ),
        (
            Operation::ClusterSwitchOver,
            "controller/cluster/switchover",
            json!({"controllerId": "c", "auditLog": {"comment": "why"}}),
        ),
        (
            Operation::ConfirmNodeLoss,
            "controller/cluster/confirm_node_loss",
            json!({"controllerId": "c", "auditLog": {"comment": "why"}}),
        ),
    ];
    for (op, path, body) in table {
        assert_eq!(joc_call(&op, "c", audit.clone()), (path, body), "{op:?}");
    }
}

#[test]
fn operations_that_stop_every_joc_service_may_take_minutes() {
    let url = "http://c:4444".to_string();
    let table = [
        (Operation::JocSwitchOver { member_id: "m".into() }, Some(300), false),
        (Operation::RestartServices, Some(300), false),
        (Operation::RemoveJocInstance { member_id: "m".into() }, None, false),
        (Operation::RestartService { service: JocService::History }, None, false),
        (Operation::RunService { service: ServiceType::Cleanup }, None, false),
        (Operation::Terminate { url: url.clone(), restart: false, switchover: true }, None, false),
        (Operation::Abort { url, restart: true }, None, false),
        (Operation::ClusterSwitchOver, None, true),
        (Operation::ConfirmNodeLoss, None, false),
    ];
    for (op, secs, later) in table {
        assert_eq!((op.answer_within_secs(), op.refused_later()), (secs, later), "{op:?}");
    }
}

mod checks;
