//! The timeline under the drawing: the changes the board saw and the operations made through
//! it, newest first. The server keeps it (in memory, or in Redis with replicas) so that it
//! outlives a reload, and with Redis a restart.

use super::changes::Change;
use super::errors::ErrorCode;
use super::operations::Operation;
use serde::{Deserialize, Serialize};

/// How many entries are kept and shown per Controller.
pub const KEPT: usize = 50;

/// One line of the timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// When (milliseconds since the epoch, the server's clock).
    pub at: i64,
    /// Unique per entry: the same entry reaching a browser twice is shown once.
    pub id: String,
    pub what: What,
}

/// What happened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum What {
    /// A state changed (or the data went stale or live again).
    Change { change: Change },
    /// An operation sent to JOC through the board.
    Operation {
        /// The JOC account that made it.
        account: String,
        operation: Operation,
        /// The audit reason and ticket given with it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        comment: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        ticket: Option<String>,
        outcome: Outcome,
    },
}

/// How JOC answered an operation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "result", rename_all = "kebab-case")]
pub enum Outcome {
    Accepted,
    Refused { code: ErrorCode, message: String },
}

/// `shown` with `more` added: each entry once, newest first, at most [`KEPT`].
pub fn merged(shown: &[Entry], more: &[Entry]) -> Vec<Entry> {
    let mut out: Vec<Entry> = shown.to_vec();
    for e in more {
        if !out.iter().any(|o| o.id == e.id) {
            out.push(e.clone());
        }
    }
    out.sort_by(|a, b| b.at.cmp(&a.at).then_with(|| b.id.cmp(&a.id)));
    out.truncate(KEPT);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::changes::{State, Subject};

    fn change(at: i64, id: &str) -> Entry {
        let change = Change { subject: Subject::Database, from: State::Status(None), to: State::Status(None) };
        Entry { at, id: id.into(), what: What::Change { change } }
    }

    #[test]
    fn merging_keeps_each_entry_once_newest_first() {
        let a = vec![change(3, "c"), change(1, "a")];
        let got = merged(&a, &[change(2, "b"), change(3, "c")]);
        assert_eq!(got.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(), vec!["c", "b", "a"]);
        let many: Vec<Entry> = (0..80).map(|i| change(i, &i.to_string())).collect();
        let kept = merged(&[], &many);
        assert_eq!(kept.len(), KEPT);
        assert_eq!(kept[0].at, 79);
    }

    #[test]
    fn entries_travel_as_json() {
        let op = Entry {
            at: 5,
            id: "x".into(),
            what: What::Operation {
                account: "root".into(),
                operation: Operation::ClusterSwitchOver,
                comment: Some("maintenance".into()),
                ticket: None,
                outcome: Outcome::Refused { code: ErrorCode::Busy, message: "busy".into() },
            },
        };
        let json = serde_json::to_string(&op).unwrap();
        assert!(json.contains(r#""kind":"operation""#) && json.contains(r#""result":"refused""#), "{json}");
        assert_eq!(serde_json::from_str::<Entry>(&json).unwrap(), op);
        let c = change(1, "y");
        assert_eq!(serde_json::from_str::<Entry>(&serde_json::to_string(&c).unwrap()).unwrap(), c);
    }
}
