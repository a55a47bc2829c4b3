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
