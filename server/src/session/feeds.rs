//! What the sessions read of the feeds: the targets of operations and downloads are checked
//! against what JOC reported of their Controller.

use app::model::feed::Snapshot;
use tokio::sync::watch;

/// What the sessions read of the feeds: what JOC reported of each Controller, to check the
/// targets of operations and downloads against.
pub trait Feeds: Send + Sync + 'static {
    /// The default Controller's feed.
    fn default_feed(&self) -> watch::Receiver<Snapshot>;
    /// The feed of Controller `id` (started if nobody watched it), kept running while the
    /// answer lives.
    fn feed_of(&self, id: &str) -> FeedRef;
}

/// One Controller's snapshots, and whatever keeps its feed running meanwhile.
pub struct FeedRef {
    pub snapshots: watch::Receiver<Snapshot>,
    pub hold: Option<Box<dyn std::any::Any + Send + Sync>>,
}

/// A single feed (a board of one Controller): another Controller's is an empty one.
impl Feeds for watch::Receiver<Snapshot> {
    fn default_feed(&self) -> watch::Receiver<Snapshot> {
        self.clone()
    }
    fn feed_of(&self, id: &str) -> FeedRef {
        if self.borrow().controller_id == id {
            return FeedRef { snapshots: self.clone(), hold: None };
        }
        let (tx, snapshots) = watch::channel(Snapshot { controller_id: id.to_string(), ..Snapshot::default() });
        FeedRef { snapshots, hold: Some(Box::new(tx)) }
    }
}
