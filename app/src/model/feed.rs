//! What the server pushes to browsers over the live feed.

use super::joc::{Agent, Components};
use serde::{Deserialize, Serialize};

/// One state of the panel. Snapshots are numbered: a browser keeps the highest `seq` it has
/// seen and ignores older ones, so it never shows an older state after a newer one.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    /// Increases with every snapshot of one reader of JOC.
    pub seq: u64,
    /// Identifies the reader of JOC: it grows with each new one (a restarted server, another
    /// replica taking over), so snapshots are ordered by epoch, then `seq`.
    pub epoch: u64,
    pub controller_id: String,
    /// The newest answer of `controller/components` (kept while JOC cannot be read).
    pub components: Option<Components>,
    pub agents: Vec<Agent>,
    /// When JOC was last read successfully (RFC 3339, server clock).
    pub read_at: Option<String>,
    /// Set while JOC cannot be read: since when (RFC 3339) and why.
    pub stale: Option<Staleness>,
    /// The JOC instance the server talks to.
    pub joc_url: Option<String>,
    /// The availability history of the Controller and its Agents (read once a minute).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub availability: Option<super::availability::Availability>,
}

/// Why and since when the data is not current.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Staleness {
    pub since: String,
    /// Why, as a stable code (`unreachable`, `timeout`, `session-expired`, ...).
    pub code: super::errors::ErrorCode,
    pub message: String,
    /// The JOC call that failed (`controller/components`, `events`, ...).
    #[serde(default)]
    pub endpoint: Option<String>,
}

impl Snapshot {
    /// Should a browser that shows `shown` replace it with `self`?
    pub fn is_newer_than(&self, shown: &Snapshot) -> bool {
        (self.epoch, self.seq) > (shown.epoch, shown.seq)
    }
}

#[cfg(test)]
mod tests {
    use super::Snapshot;
    use proptest::prelude::*;

    fn at(epoch: u64, seq: u64) -> Snapshot {
        Snapshot { epoch, seq, ..Snapshot::default() }
    }

    #[test]
    fn a_later_reader_wins_and_a_deposed_one_never_does() {
        assert!(at(5, 8).is_newer_than(&at(5, 7)));
        assert!(!at(5, 7).is_newer_than(&at(5, 7)), "the same one again");
        assert!(at(6, 1).is_newer_than(&at(5, 900)), "a new reader starts its own numbering");
        assert!(!at(5, 901).is_newer_than(&at(6, 1)), "a late snapshot of the old reader is dropped");
    }

    proptest! {
        /// Whatever order snapshots arrive in, a browser keeping only newer ones ends on the
        /// newest and never steps back.
        #[test]
        fn the_shown_snapshot_only_moves_forward(arrivals in proptest::collection::vec((0u64..4, 0u64..6), 1..40)) {
            let mut shown: Option<Snapshot> = None;
            for (e, s) in &arrivals {
                let next = at(*e, *s);
                if shown.as_ref().is_none_or(|old| next.is_newer_than(old)) {
                    if let Some(old) = &shown {
                        prop_assert!((next.epoch, next.seq) > (old.epoch, old.seq));
                    }
                    shown = Some(next);
                }
            }
            let newest = arrivals.iter().max().unwrap();
            let shown = shown.unwrap();
            prop_assert_eq!((shown.epoch, shown.seq), *newest);
        }
    }
}
