//! The feeds of the Controllers someone watches: one upstream loop per Controller ID, shared by
//! all its viewers, started with the first viewer and stopped a while after the last one left.
//! The default feed (`--controller-id`, else the ID JOC selects) runs always: it answers
//! `/readyz` and whoever opens the board without choosing.

use super::sse::{Encoded, encoder};
use super::{Feed, FeedConfig};
use crate::joc::{Joc, JocClient};
use crate::replicas::feed::Replication;
use app::model::feed::Snapshot;
use parking_lot::Mutex;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::watch;

/// A viewer's hold on one feed: its snapshots and their encoding. The feed runs at least as
/// long as someone holds one (and `linger` after).
#[derive(Clone)]
pub struct Watched {
    pub snapshots: watch::Receiver<Snapshot>,
    pub encoded: watch::Receiver<Encoded>,
    _viewer: Arc<()>,
}

struct Running {
    watched: Watched,
    /// Dropped, it stops the loop, which closes its JOC session.
    _stop: watch::Sender<bool>,
    idle_since: Option<Instant>,
}

impl Running {
    /// Viewers other than the hub's own hold.
    fn viewers(&self) -> usize {
        Arc::strong_count(&self.watched._viewer) - 1
    }
}

pub struct FeedHub<J = JocClient> {
    template: FeedConfig<J>,
    /// Set with replicas: the feeds are the fleet's, read by one replica.
    replication: Option<Replication>,
    linger: Duration,
    default: Running,
    /// The feeds of chosen Controller IDs.
    chosen: Mutex<HashMap<String, Running>>,
}

impl<J: Joc + Clone + Send + Sync + 'static> FeedHub<J> {
    /// Starts the default feed; others start as they are watched. Needs a Tokio runtime.
    pub fn new(template: FeedConfig<J>, linger: Duration) -> FeedHub<J> {
        FeedHub::shared_by(template, linger, None)
    }

    /// A hub whose feeds the replicas share through `replication` (None: this process alone).
    pub fn shared_by(template: FeedConfig<J>, linger: Duration, replication: Option<Replication>) -> FeedHub<J> {
        let default = start(template.clone(), replication.as_ref());
        FeedHub { template, replication, linger, default, chosen: Mutex::new(HashMap::new()) }
    }

    /// The default feed.
    pub fn default_feed(&self) -> Watched {
        self.default.watched.clone()
    }

    /// The feed of Controller `id`, started if nobody watched it: the default feed when that
    /// shows this ID. The caller checks that the ID is one the viewer may see.
    pub fn watch(&self, id: &str) -> Watched {
        let default_id = self.template.controller_id.clone().or_else(|| {
            let shown = self.default.watched.snapshots.borrow().controller_id.clone();
            (!shown.is_empty()).then_some(shown)
        });
        if default_id.as_deref() == Some(id) {
            return self.default_feed();
        }
        let mut chosen = self.chosen.lock();
        let running = chosen.entry(id.to_string()).or_insert_with(|| {
            tracing::info!(controller_id = id, "watching a further Controller");
            start(
                FeedConfig { controller_id: Some(id.to_string()), ..self.template.clone() },
                self.replication.as_ref(),
            )
        });
        running.idle_since = None;
        running.watched.clone()
    }

    /// The newest snapshot of every running feed: the default one first, then the chosen ones
    /// by Controller ID.
    pub fn running(&self) -> Vec<Snapshot> {
        let chosen = self.chosen.lock();
        let mut ids: Vec<&String> = chosen.keys().collect();
        ids.sort();
        std::iter::once(self.default.watched.snapshots.borrow().clone())
            .chain(ids.into_iter().map(|id| chosen[id].watched.snapshots.borrow().clone()))
            .collect()
    }

    /// The Controller IDs of the feeds running besides the default one.
    pub fn chosen(&self) -> Vec<String> {
        let mut ids: Vec<String> = self.chosen.lock().keys().cloned().collect();
        ids.sort();
        ids
    }

    /// Stops the feeds nobody has watched for `linger`, and a feed of the ID the default feed
    /// turned out to show (started before the default feed knew its ID: its viewers' streams
    /// end and their browsers come back to the default feed); returns how many.
    pub fn sweep(&self) -> usize {
        let now = Instant::now();
        let default_id = self.default.watched.snapshots.borrow().controller_id.clone();
        let mut chosen = self.chosen.lock();
        let before = chosen.len();
        chosen.retain(|id, r| {
            if *id == default_id {
                tracing::info!(controller_id = %id, "the default feed shows this Controller; its second feed stops");
                return false;
            }
            if r.viewers() > 0 {
                r.idle_since = None;
                return true;
            }
            let since = *r.idle_since.get_or_insert(now);
            let keep = now.duration_since(since) < self.linger;
            if !keep {
                tracing::info!(controller_id = %id, "nobody watches this Controller any more; its feed stops");
            }
            keep
        });
        before - chosen.len()
    }

    /// Sweeps every `every`, forever.
    pub async fn sweep_every(self: Arc<Self>, every: Duration) {
        loop {
            tokio::time::sleep(every).await;
            self.sweep();
        }
    }
}

impl<J: Joc + Clone + Send + Sync + 'static> crate::session::Feeds for FeedHub<J> {
    fn default_feed(&self) -> watch::Receiver<Snapshot> {
        self.default.watched.snapshots.clone()
    }
    fn feed_of(&self, id: &str) -> crate::session::FeedRef {
        let watched = self.watch(id);
        crate::session::FeedRef { snapshots: watched.snapshots.clone(), hold: Some(Box::new(watched)) }
    }
}

/// Starts a feed's loop (or its share of the fleet's) and its encoder.
fn start<J: Joc + Clone + Send + Sync + 'static>(cfg: FeedConfig<J>, replication: Option<&Replication>) -> Running {
    let (stop, stopped) = watch::channel(false);
    let snapshots = match replication {
        None => {
            let (feed, snapshots) = Feed::new(cfg);
            tokio::spawn(feed.run_until(stopped));
            snapshots
        }
        Some(r) => {
            let (tx, snapshots) = watch::channel(Snapshot::default());
            tokio::spawn(crate::replicas::feed::run(cfg, r.clone(), tx, stopped));
            snapshots
        }
    };
    let encoded = encoder(snapshots.clone());
    Running { watched: Watched { snapshots, encoded, _viewer: Arc::new(()) }, _stop: stop, idle_since: None }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::joc::scripted::ScriptedJoc;

    fn hub(joc: &ScriptedJoc, linger: Duration) -> FeedHub<ScriptedJoc> {
        let cfg = FeedConfig {
            members: vec![joc.clone()],
            account: "monitor".into(),
            password: crate::config::Secret::new("secret"),
            controller_id: None,
            events_timeout: Duration::from_secs(187),
            reread_every: Duration::from_secs(30),
            max_backoff: Duration::from_millis(100),
            timeline: None,
        };
        FeedHub::new(cfg, linger)
    }

    /// Waits (at most 5 s) until `f` holds.
    async fn eventually(what: &str, f: impl Fn() -> bool) {
        for _ in 0..500 {
            if f() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        panic!("{what} never happened");
    }

    fn shows(w: &Watched, id: &str) -> bool {
        let s = w.snapshots.borrow();
        s.controller_id == id && s.components.is_some()
    }

    #[tokio::test]
    async fn one_loop_per_controller_whatever_the_viewers_and_none_once_they_left() {
        let joc = ScriptedJoc::at("http://joc");
        let hub = hub(&joc, Duration::ZERO);
        let default = hub.default_feed();
        eventually("the default feed reads JOC's selection", || shows(&default, "controller")).await;
        let mut viewers: Vec<Watched> = (0..20).map(|_| hub.watch("test")).collect();
        eventually("the chosen feed reads", || shows(&viewers[0], "test")).await;
        assert_eq!(hub.chosen(), ["test"]);
        assert_eq!(joc.with(|s| s.logins), 2, "one JOC session per Controller, not per viewer");
        viewers.truncate(1);
        assert_eq!(hub.sweep(), 0, "a viewer is left");
        drop(viewers);
        assert_eq!(hub.sweep(), 1);
        assert!(hub.chosen().is_empty());
        eventually("the stopped loop closes its JOC session", || joc.with(|s| s.logouts) == 1).await;
        // Watching the ID the default feed shows is watching the default feed.
        let again = hub.watch("controller");
        assert!(hub.chosen().is_empty());
        assert_eq!(again.snapshots.borrow().epoch, default.snapshots.borrow().epoch);
    }

    /// A Controller watched before the default feed knew that it shows it: the second loop
    /// stops at the next sweep, and its viewers' snapshots end.
    #[tokio::test]
    async fn a_second_feed_of_the_default_controller_stops() {
        let joc = ScriptedJoc::at("http://joc");
        joc.with(|s| s.fault = Some(crate::joc::JocError::Timeout));
        let hub = hub(&joc, Duration::from_secs(3600));
        let mut early = hub.watch("controller");
        assert_eq!(hub.chosen(), ["controller"], "the default feed has not read its ID yet");
        joc.with(|s| s.fault = None);
        let default = hub.default_feed();
        eventually("the default feed reads JOC's selection", || shows(&default, "controller")).await;
        assert_eq!(hub.sweep(), 1);
        assert!(hub.chosen().is_empty());
        let ended =
            tokio::time::timeout(Duration::from_secs(5), async { while early.snapshots.changed().await.is_ok() {} });
        assert!(ended.await.is_ok(), "the second feed's snapshots end");
    }

    #[tokio::test]
    async fn a_controller_left_alone_lingers() {
        let joc = ScriptedJoc::at("http://joc");
        let hub = hub(&joc, Duration::from_secs(3600));
        drop(hub.watch("test"));
        assert_eq!(hub.sweep(), 0, "kept for a viewer who comes back");
        let back = hub.watch("test");
        assert_eq!(hub.sweep(), 0);
        assert_eq!(hub.chosen(), ["test"]);
        drop(back);
    }
}
