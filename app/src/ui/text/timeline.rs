//! The words of the timeline's operation entries.

use super::{Lang, fill};
use crate::model::operations::Operation;
use crate::model::timeline::Outcome;

/// What an operation acted on, as the timeline names it.
fn target(l: Lang, op: &Operation) -> String {
    match op {
        Operation::Terminate { url, .. } | Operation::Abort { url, .. } => url.clone(),
        Operation::JocSwitchOver { member_id } | Operation::RemoveJocInstance { member_id } => member_id.clone(),
        Operation::UpdateUrl { instance_id, url } => format!("{instance_id} → {url}"),
        Operation::ClusterSwitchOver | Operation::ConfirmNodeLoss => {
            l.pick("Controller cluster", "Cluster Contrôleur", "Controller-Cluster").into()
        }
        Operation::RestartServices | Operation::RestartService { .. } | Operation::RunService { .. } => {
            "JOC Cockpit".into()
        }
    }
}

/// `root: Switch-over (Controller cluster): accepted · reason: maintenance`.
pub fn operation(
    l: Lang,
    account: &str,
    op: &Operation,
    comment: Option<&str>,
    ticket: Option<&str>,
    outcome: &Outcome,
) -> String {
    let what = format!("{} ({})", super::ops::operation(l, op, false), target(l, op));
    let result = match outcome {
        Outcome::Accepted => l.pick("accepted", "acceptée", "angenommen").to_string(),
        Outcome::Refused { message, .. } => fill(l.pick("refused: {}", "refusée : {}", "abgelehnt: {}"), &[message]),
    };
    let mut out = fill(l.pick("{}: {}: {}", "{} : {} : {}", "{}: {}: {}"), &[account, &what, &result]);
    if let Some(c) = comment.filter(|c| !c.is_empty()) {
        out.push_str(&fill(l.pick(" · reason: {}", " · motif : {}", " · Grund: {}"), &[c]));
    }
    if let Some(t) = ticket.filter(|t| !t.is_empty()) {
        out.push_str(&fill(l.pick(" · ticket: {}", " · ticket : {}", " · Ticket: {}"), &[t]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::errors::ErrorCode;

    #[test]
    fn operations_say_who_what_and_how_it_ended() {
        let op = Operation::ClusterSwitchOver;
        assert_eq!(
            operation(Lang::En, "root", &op, Some("maintenance"), None, &Outcome::Accepted),
            "root: Switch-over (Controller cluster): accepted · reason: maintenance"
        );
        let refused = Outcome::Refused { code: ErrorCode::Busy, message: "An operation is in progress.".into() };
        let abort = Operation::Abort { url: "http://c1:4444".into(), restart: false };
        assert_eq!(
            operation(Lang::Fr, "op", &abort, None, Some("https://t/1"), &refused),
            "op : Interrompre (http://c1:4444) : refusée : An operation is in progress. · ticket : https://t/1"
        );
    }
}
