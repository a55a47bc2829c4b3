//! Operations: checked (the user's permission, a target JOC reported, the audit reason), one
//! at a time per target, sent to JOC with the user's own session.

use super::Gateway;
use crate::joc::{Joc, JocError, JocSession};
use app::model::feed::Snapshot;
use app::model::joc::{AuditParams, EventType};
use app::model::operations::{AuditProblem, OpTarget, Operation, check_audit, joc_call};
use app::model::timeline::{Outcome, What};
use app::serverfns::{AppError, ErrorCode};
use parking_lot::Mutex;
use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;

/// Maps a JOC failure to what the browser sees.
pub fn app_error(e: &JocError) -> AppError {
    let message = match e {
        // JOC words a missing licence with the state's name alone.
        JocError::Refused { message, .. } if message.contains("MISSING_LICENSE") => {
            "JOC Cockpit's licence does not cover a JOC Cockpit cluster, so it refuses to switch over (MISSING_LICENSE)."
                .into()
        }
        JocError::Refused { message, .. } => message.clone(),
        JocError::Unauthenticated => "JOC Cockpit refused the account or password.".into(),
        JocError::Forbidden => "Your JOC Cockpit account lacks the permission for this.".into(),
        JocError::SessionExpired => "Your JOC Cockpit session has expired; please log in again.".into(),
        JocError::ApprovalRequired => "JOC Cockpit requires an approval for this operation.".into(),
        JocError::ControllerUnreachable => "JOC Cockpit cannot reach the Controller.".into(),
        JocError::Timeout => "JOC Cockpit did not answer in time.".into(),
        JocError::Connect(_) => "JOC Cockpit cannot be reached.".into(),
        JocError::Status(s) => format!("JOC Cockpit answered with HTTP status {s}."),
        JocError::Malformed(_) => "JOC Cockpit's answer could not be read.".into(),
        JocError::NoController => "JOC Cockpit has no Controller registered.".into(),
    };
    tracing::info!(error = %e, "JOC refused or failed");
    AppError::new(e.code(), message)
}

/// What one operation holds: its target, with the Controller ID for the targets of one
/// Controller (JOC's own targets are the same whichever Controller the user looks at).
pub(super) type Taken = (Option<String>, OpTarget);

/// The target an operation on Controller `controller_id` holds.
pub(super) fn taken(controller_id: &str, target: OpTarget) -> Taken {
    match target {
        OpTarget::Controller(_) | OpTarget::ControllerCluster => (Some(controller_id.to_string()), target),
        OpTarget::JocCluster | OpTarget::JocUrl(_) | OpTarget::JocServices => (None, target),
    }
}

/// A target taken for one operation; given back when dropped, whether the operation was
/// answered, failed, or abandoned (the browser went away, a time limit struck).
pub(super) struct InFlight {
    set: Arc<Mutex<HashSet<Taken>>>,
    target: Taken,
}

impl InFlight {
    /// Takes `target`, unless an operation holds it.
    pub(super) fn take(set: &Arc<Mutex<HashSet<Taken>>>, target: Taken) -> Option<InFlight> {
        set.lock().insert(target.clone()).then(|| InFlight { set: set.clone(), target })
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.set.lock().remove(&self.target);
    }
}

fn audit_refusal(p: AuditProblem) -> AppError {
    let words = match p {
        AuditProblem::CommentTooLong => "The reason may have at most 255 characters.",
        AuditProblem::TicketLinkTooLong => "The ticket link may have at most 255 characters.",
        AuditProblem::TicketLinkNotWeb => "The ticket link must be a web address (http:// or https://).",
    };
    AppError::new(ErrorCode::BadReason, words)
}

impl<J: Joc> Gateway<J> {
    /// Refuses targets that JOC did not report: Controller URLs, JOC members and instances
    /// come from JOC's status (`feed`, of the Controller the operation is on), never from the
    /// browser alone.
    pub(super) fn check_target(feed: &Snapshot, op: &Operation) -> Result<(), AppError> {
        let c = feed.components.as_ref();
        let (known, what) = match op {
            Operation::Terminate { url, .. } | Operation::Abort { url, .. } => (
                c.is_some_and(|c| c.controllers.iter().any(|k| &k.url == url)),
                format!("{url} is not a Controller instance JOC reports."),
            ),
            Operation::JocSwitchOver { member_id } | Operation::RemoveJocInstance { member_id } => (
                c.is_some_and(|c| c.jocs.iter().any(|j| &j.member_id == member_id)),
                format!("{member_id} is not a JOC Cockpit instance JOC reports."),
            ),
            Operation::UpdateUrl { instance_id, .. } => (
                c.is_some_and(|c| c.jocs.iter().any(|j| &j.instance_id == instance_id)),
                format!("{instance_id} is not a JOC Cockpit instance JOC reports."),
            ),
            _ => (true, String::new()),
        };
        if known { Ok(()) } else { Err(AppError::new(ErrorCode::UnknownTarget, what)) }
    }

    /// Checks the operation, takes its target, sends it, on Controller `controller` (None:
    /// the default one). The user's permission is checked before the target is taken, so a
    /// user who may not act cannot hold a target either.
    pub(crate) async fn run(
        &self,
        sid: &str,
        controller: Option<&str>,
        op: Operation,
        audit: Option<AuditParams>,
    ) -> Result<(), AppError> {
        op.validate().map_err(|e| AppError::new(e.code(), e.to_string()))?;
        let user = self.current(sid).await?;
        let feed = self.feed_for(sid, controller).await?;
        let controller_id = controller.map_or_else(|| feed.snapshots.borrow().controller_id.clone(), str::to_string);
        if !op.permitted(&user.permissions, &controller_id) {
            return Err(AppError::new(ErrorCode::Forbidden, "Your JOC Cockpit account lacks the permission for this."));
        }
        Self::check_target(&feed.snapshots.borrow(), &op)?;
        if let Some(a) = &audit {
            check_audit(a).map_err(audit_refusal)?;
        }
        let target = taken(&controller_id, op.target());
        let busy = || AppError::new(ErrorCode::Busy, "An operation on this target is still in progress.");
        let Some(_taken) = InFlight::take(&self.in_flight, target.clone()) else {
            return Err(busy());
        };
        // With replicas, the target is taken for all of them; without Redis no operation
        // starts, since another replica could not see it.
        let _everywhere = match &self.guard {
            None => None,
            Some(guard) => match guard.take(&format!("{target:?}")).await {
                Ok(Some(t)) => Some(t),
                Ok(None) => return Err(busy()),
                Err(e) => {
                    tracing::warn!(error = %e, "an operation waits for Redis");
                    return Err(AppError::new(
                        ErrorCode::StoreUnavailable,
                        "The board cannot reach its shared store, so it starts no operation now; please try again.",
                    ));
                }
            },
        };
        let (comment, ticket) = audit.as_ref().map_or((None, None), |a| (a.comment.clone(), a.ticket_link.clone()));
        let result = self.send(sid, &controller_id, &feed.snapshots, &op, audit).await;
        if let Some(recorder) = &self.timeline {
            let outcome = match &result {
                Ok(()) => Outcome::Accepted,
                Err(e) => Outcome::Refused { code: e.code.clone(), message: e.message.clone() },
            };
            let what = What::Operation { account: user.account.clone(), operation: op, comment, ticket, outcome };
            recorder.note(&controller_id, what).await;
        }
        result
    }

    /// Sends the operation to the member [`Gateway::paired_session`] names. A member that no
    /// longer knows the user refused it unperformed: that member leaves the session and the
    /// next one the user has a session on is asked; with none left the session ends.
    async fn send(
        &self,
        sid: &str,
        controller_id: &str,
        feed: &watch::Receiver<Snapshot>,
        op: &Operation,
        audit: Option<AuditParams>,
    ) -> Result<(), AppError> {
        let (path, body) = joc_call(op, controller_id, audit);
        let limit = op.answer_within_secs().map(Duration::from_secs);
        loop {
            let (i, session) = self.paired_session(sid)?;
            tracing::info!(account = %session.account, member = self.members[i].base(), path, "operation");
            let active_before = active_controller_url(&feed.borrow());
            return match self.members[i].operate(&session, path, &body, limit).await {
                Ok(()) if op.refused_later() => {
                    self.refusal_after(i, &session, controller_id, feed, active_before).await.map_or(Ok(()), Err)
                }
                Ok(()) => Ok(()),
                Err(e) if e.needs_login() => match self.lost(sid, i).await {
                    Ok(()) => continue,
                    // Without the password no session can be opened again: the user learns
                    // the operation was not done.
                    Err(_) => Err(AppError::new(
                        ErrorCode::SessionExpired,
                        "JOC Cockpit ended your session, so the operation was not performed; please log in again.",
                    )),
                },
                Err(e) => Err(app_error(&e)),
            };
        }
    }

    /// After JOC accepted an operation that the Controller may still refuse (a cluster
    /// switch-over): the refusal reaches only the requester's session, as a `ProblemEvent` on
    /// its `events` long-poll. Watches that session's events until the refusal comes (its
    /// words are the answer), the feed shows another active Controller instance, or a minute
    /// has passed (then JOC's live status tells).
    async fn refusal_after(
        &self,
        i: usize,
        session: &JocSession,
        controller_id: &str,
        feed: &watch::Receiver<Snapshot>,
        active_before: Option<String>,
    ) -> Option<AppError> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
        let mut feed = feed.clone();
        let mut event_id = None;
        loop {
            let left = deadline.saturating_duration_since(tokio::time::Instant::now());
            if left.is_zero() {
                return None;
            }
            tokio::select! {
                answer = self.members[i].events(session, controller_id, event_id, left) => {
                    let answer = answer.ok()?;
                    let problem = answer.event_snapshots.iter().flatten().find(|e| {
                        e.event_type == EventType::ProblemEvent
                            && e.access_token.as_deref().is_none_or(|t| t == session.token)
                    });
                    if let Some(p) = problem {
                        let words = p.message.clone().unwrap_or_else(|| "The Controller refused the operation.".into());
                        tracing::info!(account = %session.account, refusal = %words, "the Controller refused");
                        return Some(AppError::new(ErrorCode::ControllerRefused, words));
                    }
                    event_id = answer.event_id.or(event_id);
                }
                changed = feed.changed() => {
                    changed.ok()?;
                    if active_controller_url(&feed.borrow_and_update()) != active_before {
                        return None;
                    }
                }
                _ = tokio::time::sleep_until(deadline) => return None,
            }
        }
    }
}

/// The URL of the Controller instance a snapshot shows active.
fn active_controller_url(s: &Snapshot) -> Option<String> {
    let c = s.components.as_ref()?;
    c.active_controller().map(|k| c.controllers[k].url.clone())
}
