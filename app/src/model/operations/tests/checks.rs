//! The server's checks of an operation: permissions as the menus ask them, targets,
//! audit reasons, well-formedness, and the effects that show an operation happened.

use super::*;

/// Every operation a menu offers to a user is one the server lets that user perform: the menu
/// and the server's check ask for the same permissions.
#[test]
fn the_server_permits_what_the_menus_offer_and_nothing_else() {
    let mut lost = healthy_cluster();
    lost.cluster_state.as_mut().unwrap().text = ClusterType::NodeLossToBeConfirmed;
    for profile in ["root", "operator", "viewer"] {
        let p = perms(profile);
        for c in [healthy_cluster(), standalone(), lost.clone()] {
            let cid = c.controllers[0].controller_id.clone();
            let targets = (0..c.jocs.len())
                .map(Target::Joc)
                .chain((0..c.controllers.len()).map(Target::Controller))
                .chain([Target::Cluster]);
            for t in targets {
                for i in menu(t, &c, &p) {
                    if let Action::Run(op) = i.action {
                        assert!(op.permitted(&p, &cid), "{profile} is offered {op:?} but not permitted it");
                    }
                }
            }
        }
    }
    let viewer = perms("viewer");
    for op in [
        Operation::RestartServices,
        Operation::JocSwitchOver { member_id: "m".into() },
        Operation::UpdateUrl { instance_id: "i".into(), url: "http://a".into() },
        Operation::Abort { url: "http://c".into(), restart: false },
        Operation::ClusterSwitchOver,
        Operation::ConfirmNodeLoss,
    ] {
        assert!(!op.permitted(&viewer, "controller"), "a viewer may not {op:?}");
    }
    let mut terminate_only = perms("viewer");
    terminate_only.controller_defaults.terminate = true;
    assert!(
        Operation::Terminate { url: "u".into(), restart: false, switchover: false }.permitted(&terminate_only, "c")
    );
    assert!(
        !Operation::Terminate { url: "u".into(), restart: true, switchover: false }.permitted(&terminate_only, "c")
    );
    let mut proxies = perms("viewer");
    proxies.joc.administration.controllers.manage = true;
    assert!(Operation::RestartService { service: JocService::Proxy }.permitted(&proxies, "c"));
    assert!(!Operation::RestartService { service: JocService::History }.permitted(&proxies, "c"));
}

#[test]
fn operations_on_one_target_share_its_key() {
    let t = |url: &str, restart| Operation::Terminate { url: url.into(), restart, switchover: false }.target();
    assert_eq!(t("http://a", false), Operation::Abort { url: "http://a".into(), restart: true }.target());
    assert_ne!(t("http://a", false), t("http://b", false));
    assert_eq!(Operation::ClusterSwitchOver.target(), Operation::ConfirmNodeLoss.target());
    assert_eq!(
        Operation::JocSwitchOver { member_id: "a".into() }.target(),
        Operation::RemoveJocInstance { member_id: "b".into() }.target()
    );
    assert_eq!(Operation::RestartServices.target(), OpTarget::JocServices);
}

#[test]
fn audit_reasons_are_checked_as_joc_stores_them() {
    let a = |comment: &str, link: &str| AuditParams {
        comment: Some(comment.into()),
        time_spent: None,
        ticket_link: Some(link.into()),
    };
    assert_eq!(check_audit(&a("maintenance", "https://tickets/42")), Ok(()));
    assert_eq!(check_audit(&a("maintenance", "")), Ok(()));
    assert_eq!(check_audit(&a(&"é".repeat(255), "")), Ok(()));
    assert_eq!(check_audit(&a(&"x".repeat(256), "")), Err(AuditProblem::CommentTooLong));
    assert_eq!(check_audit(&a("", "javascript:alert(1)")), Err(AuditProblem::TicketLinkNotWeb));
    let long = format!("https://t/{}", "x".repeat(250));
    assert_eq!(check_audit(&a("", &long)), Err(AuditProblem::TicketLinkTooLong));
    assert_eq!(check_audit(&AuditParams::default()), Ok(()));
}

#[test]
fn malformed_operations_are_refused() {
    let url = |u: &str| Operation::UpdateUrl { instance_id: "i".into(), url: u.into() }.normalised();
    assert_eq!(url(" https://joc.example.com:4443 ").validate(), Ok(()));
    for bad in ["javascript:alert(1)", "joc:4446", "https://a b", ""] {
        assert_eq!(url(bad).validate(), Err(InvalidOperation::Url), "{bad}");
    }
    assert_eq!(url(&format!("https://{}", "a".repeat(250))).validate(), Err(InvalidOperation::Url));
    assert_eq!(Operation::RunService { service: ServiceType::History }.validate(), Err(InvalidOperation::NotRunnable));
    assert_eq!(Operation::RunService { service: ServiceType::Cleanup }.validate(), Ok(()));
}

#[test]
fn effects_see_what_operations_change() {
    let a = healthy_cluster();
    let mut b = a.clone();
    b.delivery_date = "later".into();
    assert_eq!(Effects::of(&a), Effects::of(&b), "a new answer alone is no change");
    b.cluster_state = Some(ClusterState::of(ClusterType::SwitchedOver));
    assert_ne!(Effects::of(&a), Effects::of(&b));
    let mut c = a.clone();
    c.jocs[1].url = Some("https://other".into());
    assert_ne!(Effects::of(&a), Effects::of(&c));
    assert!(Operation::ClusterSwitchOver.shows_in_status());
    assert!(!Operation::RestartServices.shows_in_status());
}
