//! The audit reason sent with an operation, checked as JOC stores it.

use crate::model::joc::AuditParams;

/// The longest audit comment JOC stores (its schema's `maxLength`).
pub const AUDIT_COMMENT_MAX: usize = 255;
/// The longest ticket link JOC stores.
pub const TICKET_LINK_MAX: usize = 255;

/// Why an audit reason is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuditProblem {
    CommentTooLong,
    TicketLinkTooLong,
    TicketLinkNotWeb,
}

/// Checks an audit reason as JOC stores it: comment and ticket link at most 255 characters,
/// the ticket link a web address (it is shown as a link in JOC's audit log).
pub fn check_audit(a: &AuditParams) -> Result<(), AuditProblem> {
    if a.comment.as_deref().is_some_and(|c| c.chars().count() > AUDIT_COMMENT_MAX) {
        return Err(AuditProblem::CommentTooLong);
    }
    if let Some(link) = a.ticket_link.as_deref().map(str::trim).filter(|l| !l.is_empty()) {
        if link.chars().count() > TICKET_LINK_MAX {
            return Err(AuditProblem::TicketLinkTooLong);
        }
        if crate::model::links::web_address(link).is_none() {
            return Err(AuditProblem::TicketLinkNotWeb);
        }
    }
    Ok(())
}
