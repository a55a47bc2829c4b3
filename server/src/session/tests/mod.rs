//! Sessions and operations against scripted JOC instances: targets given back whatever
//! happens to a request, permissions before targets, member and token paired, sessions
//! bounded, swept, and never left open at JOC by a failed or abandoned login (those in
//! [`logins`]).

use super::*;
use crate::joc::JocError;
use crate::joc::scripted::ScriptedJoc;
use app::model::errors::ErrorCode;
use app::model::feed::Snapshot;
use app::model::fixtures;
use app::model::joc::{AuditParams, ControllerPermissions, Permissions};
use app::model::operations::Operation;
use app::serverfns::backend::ClientAddr;
use tokio::sync::watch;

mod logins;

pub(super) const A: &str = "http://joc-a.test:4446";
pub(super) const B: &str = "http://joc-b.test:4446";

fn admin() -> Permissions {
    let mut p = Permissions::default();
    p.joc.cluster.manage = true;
    p.joc.get_log = true;
    p.joc.administration.settings.manage = true;
    p.controller_defaults =
        ControllerPermissions { view: true, restart: true, terminate: true, get_log: true, switch_over: true };
    p
}

fn viewer() -> Permissions {
    let mut p = Permissions::default();
    p.controller_defaults.view = true;
    p
}

/// Two scripted members (A active), root an administrator and viewer a viewer on both.
pub(super) fn members() -> Vec<ScriptedJoc> {
    let jocs = vec![ScriptedJoc::at(A), ScriptedJoc::at(B)];
    for j in &jocs {
        j.with(|s| {
            s.permissions.insert("root".into(), admin());
            s.permissions.insert("viewer".into(), viewer());
        });
    }
    jocs
}

pub(super) fn gateway(members: &[ScriptedJoc], options: Options) -> Arc<Gateway<ScriptedJoc>> {
    let snapshot = Snapshot {
        controller_id: "controller".into(),
        components: Some(fixtures::healthy_cluster()),
        joc_url: Some(A.into()),
        ..Snapshot::default()
    };
    let (tx, rx) = watch::channel(snapshot);
    // The sender lives as long as the test: the feed stays open.
    std::mem::forget(tx);
    Arc::new(Gateway::new(members.to_vec(), Arc::new(rx), options))
}

/// Waits up to 5 s for `cond` (work done in the background).
pub(super) async fn eventually(cond: impl Fn() -> bool) -> bool {
    for _ in 0..500 {
        if cond() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    cond()
}

fn operations(j: &ScriptedJoc) -> Vec<(String, String)> {
    j.with(|s| s.operations.clone())
}

/// A request that is dropped while JOC is slow (the browser went away, a time limit struck)
/// gives its target back: the next operation on it is sent, not refused as busy.
#[tokio::test]
async fn an_abandoned_operation_gives_its_target_back() {
    let jocs = members();
    let gate = jocs[0].hold_operations();
    let g = gateway(&jocs, Options::default());
    let sid = g.open("root", "pw", None).await.unwrap();
    let abandoned =
        tokio::time::timeout(Duration::from_millis(100), g.run(&sid, None, Operation::ClusterSwitchOver, None));
    assert!(abandoned.await.is_err(), "JOC held it");
    assert_eq!(operations(&jocs[0]).len(), 1);
    gate.add_permits(1);
    let again = g.run(&sid, None, Operation::ConfirmNodeLoss, None).await;
    assert!(again.is_ok(), "{again:?}");
    assert_eq!(operations(&jocs[0]).len(), 2, "the second operation reached JOC");
}

/// One operation at a time per target, while it runs.
#[tokio::test]
async fn a_second_operation_on_a_busy_target_is_refused() {
    let jocs = members();
    let gate = jocs[0].hold_operations();
    let g = gateway(&jocs, Options::default());
    let sid = g.open("root", "pw", None).await.unwrap();
    let first = tokio::spawn({
        let (g, sid) = (g.clone(), sid.clone());
        async move { g.run(&sid, None, Operation::ClusterSwitchOver, None).await }
    });
    while operations(&jocs[0]).is_empty() {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let second = g.run(&sid, None, Operation::ConfirmNodeLoss, None).await.unwrap_err();
    assert_eq!(second.code, ErrorCode::Busy);
    let other = tokio::spawn({
        let (g, sid) = (g.clone(), sid.clone());
        async move { g.run(&sid, None, Operation::RestartServices, None).await }
    });
    gate.add_permits(2);
    assert!(other.await.unwrap().is_ok(), "another target is free");
    assert!(first.await.unwrap().is_ok());
}

/// A user without the permission is refused before taking the target: a viewer who gives
/// up while JOC is slow cannot block the administrator.
#[tokio::test]
async fn permissions_are_checked_before_the_target_is_taken() {
    let jocs = members();
    let _gate = jocs[0].hold_operations();
    let g = gateway(&jocs, Options::default());
    let viewer = g.open("viewer", "pw", None).await.unwrap();
    let root = g.open("root", "pw", None).await.unwrap();
    let refused = g.run(&viewer, None, Operation::ClusterSwitchOver, None).await.unwrap_err();
    assert_eq!(refused.code, ErrorCode::Forbidden);
    assert!(operations(&jocs[0]).is_empty(), "nothing was sent for the viewer");
    let root_op =
        tokio::time::timeout(Duration::from_millis(100), g.run(&root, None, Operation::ClusterSwitchOver, None));
    assert!(root_op.await.is_err(), "root's operation reached JOC (which holds it), not `busy`");
    assert_eq!(operations(&jocs[0]).len(), 1);
}

/// Without a session on the active member, the operation goes to the member whose token it
/// carries.
#[tokio::test]
async fn member_and_token_go_together() {
    let jocs = members();
    jocs[0].with(|s| s.login_fault = Some(JocError::Timeout));
    let g = gateway(&jocs, Options::default());
    let sid = g.open("root", "pw", None).await.unwrap();
    g.run(&sid, None, Operation::RestartServices, None).await.unwrap();
    assert!(operations(&jocs[0]).is_empty(), "nothing to the active member with another's token");
    let sent = operations(&jocs[1]);
    assert_eq!(sent.len(), 1);
    assert!(sent[0].1.starts_with(B), "member B's own token: {}", sent[0].1);
}

/// Targets come from JOC's status; audit reasons are bounded on the server too.
#[tokio::test]
async fn unknown_targets_and_bad_reasons_are_refused_before_joc() {
    let jocs = members();
    let g = gateway(&jocs, Options::default());
    let sid = g.open("root", "pw", None).await.unwrap();
    let stranger = Operation::Abort { url: "http://evil:4444".into(), restart: false };
    assert_eq!(g.run(&sid, None, stranger, None).await.unwrap_err().code, ErrorCode::UnknownTarget);
    let long = AuditParams { comment: Some("x".repeat(256)), ..AuditParams::default() };
    assert_eq!(g.run(&sid, None, Operation::RestartServices, Some(long)).await.unwrap_err().code, ErrorCode::BadReason);
    let link = AuditParams { ticket_link: Some("javascript:alert(1)".into()), ..AuditParams::default() };
    assert_eq!(g.run(&sid, None, Operation::RestartServices, Some(link)).await.unwrap_err().code, ErrorCode::BadReason);
    assert!(operations(&jocs[0]).is_empty());
}

/// A member that no longer knows the user refuses an operation unperformed: it leaves the
/// session and the next member is asked; the session ends only when no member is left.
#[tokio::test]
async fn an_operation_a_member_refuses_for_its_lost_session_goes_to_the_next() {
    let jocs = members();
    let g = gateway(&jocs, Options::default());
    let sid = g.open("root", "pw", None).await.unwrap();
    jocs[0].with(|s| s.fault = Some(JocError::Unauthenticated));
    g.run(&sid, None, Operation::RestartServices, None).await.expect("done by the other member");
    assert_eq!(operations(&jocs[1]).len(), 1);
    assert_eq!(g.session_count(), 1, "still logged in");
    g.run(&sid, None, Operation::ConfirmNodeLoss, None).await.expect("straight to the member left");
    assert_eq!(operations(&jocs[1]).len(), 2);
    jocs[1].with(|s| s.fault = Some(JocError::Unauthenticated));
    let ended = g.run(&sid, None, Operation::RestartServices, None).await.unwrap_err();
    assert_eq!(ended.code, ErrorCode::SessionExpired);
    assert_eq!(g.session_count(), 0);
}

/// The same for downloads: a member that lost the user's session leaves it, the next serves.
#[tokio::test]
async fn a_download_a_member_refuses_for_its_lost_session_comes_from_the_next() {
    let jocs = members();
    let g = gateway(&jocs, Options::default());
    let sid = g.open("root", "pw", None).await.unwrap();
    jocs[0].with(|s| s.fault = Some(JocError::SessionExpired));
    g.download_joc_log(&sid).await.expect("from the other member");
    assert_eq!(g.session_count(), 1, "still logged in");
    jocs[1].with(|s| s.fault = Some(JocError::SessionExpired));
    assert_eq!(g.download_joc_log(&sid).await.unwrap_err().code, ErrorCode::SessionExpired);
    assert_eq!(g.session_count(), 0);
}

/// A panic while the sessions are locked does not make every later request fail.
#[tokio::test]
async fn a_panic_under_the_lock_does_not_poison_it() {
    let jocs = members();
    let g = gateway(&jocs, Options::default());
    let sid = g.open("root", "pw", None).await.unwrap();
    let g2 = g.clone();
    let panicked = std::thread::spawn(move || {
        let _held = g2.sessions.lock();
        panic!("a bug while the lock is held");
    })
    .join();
    assert!(panicked.is_err());
    assert!(g.may_view(&sid));
    assert!(g.current(&sid).await.is_ok());
}

/// Two Controllers' clusters are two targets; JOC's own targets are one whichever Controller
/// the user looks at.
#[test]
fn each_controllers_targets_are_its_own_and_jocs_are_shared() {
    use super::ops::{InFlight, taken};
    use app::model::operations::OpTarget;
    let set = Arc::default();
    let _a = InFlight::take(&set, taken("a", OpTarget::ControllerCluster)).unwrap();
    assert!(InFlight::take(&set, taken("b", OpTarget::ControllerCluster)).is_some());
    assert!(InFlight::take(&set, taken("a", OpTarget::ControllerCluster)).is_none());
    let _services = InFlight::take(&set, taken("a", OpTarget::JocServices)).unwrap();
    assert!(InFlight::take(&set, taken("b", OpTarget::JocServices)).is_none());
}
