//! The timeline of each Controller: the changes its feed saw and the operations made through
//! the board, newest first, at most [`KEPT`] of them. Kept in memory by one process, or in
//! Redis with replicas (a list per Controller, and a channel its new entries are published
//! on), so that it outlives a reload of the page and, with Redis, a restart of the board.
//!
//! Entries are recorded by whoever sees them: the replica reading JOC records the changes, the
//! replica that sent an operation records it. Each replica hands them to its own browsers.

use crate::replicas::{Pushed, Shared};
use app::model::changes::snapshot_diff;
use app::model::feed::Snapshot;
use app::model::timeline::{Entry, KEPT, What, merged};
use parking_lot::Mutex;
use std::collections::{HashMap, VecDeque};
use std::sync::Arc;
use tokio::sync::broadcast;

/// Appends an entry to a list and publishes it, keeping the list's length.
const APPEND: &str = r"
redis.call('LPUSH', KEYS[1], ARGV[1])
redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[2]) - 1)
redis.call('PUBLISH', ARGV[3], ARGV[1])
return 1
";

enum Backend {
    Memory(Mutex<HashMap<String, VecDeque<Entry>>>),
    Redis(Arc<Shared>),
}

/// The timelines of every Controller of every installation.
pub struct Timelines {
    backend: Backend,
    /// New entries, by timeline key (memory only; Redis publishes on a channel per key).
    local: broadcast::Sender<(String, Entry)>,
}

impl std::fmt::Debug for Timelines {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self.backend {
            Backend::Memory(_) => "Timelines(memory)",
            Backend::Redis(_) => "Timelines(redis)",
        })
    }
}

/// The key of one Controller's timeline.
pub fn key(installation: &str, controller_id: &str) -> String {
    format!("{installation}\u{1f}{controller_id}")
}

impl Timelines {
    pub fn memory() -> Arc<Timelines> {
        Arc::new(Timelines { backend: Backend::Memory(Mutex::default()), local: broadcast::channel(256).0 })
    }

    pub fn redis(shared: Arc<Shared>) -> Arc<Timelines> {
        Arc::new(Timelines { backend: Backend::Redis(shared), local: broadcast::channel(256).0 })
    }

    fn names(shared: &Shared, key: &str) -> (String, String) {
        let k = key.replace('\u{1f}', ":");
        (shared.key(&format!("timeline:{k}")), shared.key(&format!("timeline-news:{k}")))
    }

    /// Records `entry` in timeline `key`. With Redis away the entry is logged and dropped (the
    /// board says Redis is away meanwhile).
    pub async fn append(&self, key: &str, entry: Entry) {
        match &self.backend {
            Backend::Memory(lists) => {
                let mut lists = lists.lock();
                let list = lists.entry(key.to_string()).or_default();
                list.push_front(entry.clone());
                list.truncate(KEPT);
                let _ = self.local.send((key.to_string(), entry));
            }
            Backend::Redis(shared) => {
                let (list, channel) = Self::names(shared, key);
                let json = match serde_json::to_string(&entry) {
                    Ok(j) => j,
                    Err(e) => return tracing::error!(error = %e, "a timeline entry could not be serialised"),
                };
                let r = shared
                    .call(async |c| {
                        redis::Script::new(APPEND)
                            .key(&list)
                            .arg(&json)
                            .arg(KEPT)
                            .arg(&channel)
                            .invoke_async::<i64>(c)
                            .await
                    })
                    .await;
                if let Err(e) = r {
                    tracing::warn!(error = %e, "a timeline entry could not be stored");
                }
            }
        }
    }

    /// The entries of timeline `key`, newest first (by time: entries may be stored a little
    /// out of order).
    pub async fn recent(&self, key: &str) -> Vec<Entry> {
        merged(&[], &self.stored(key).await)
    }

    async fn stored(&self, key: &str) -> Vec<Entry> {
        match &self.backend {
            Backend::Memory(lists) => lists.lock().get(key).map(|l| l.iter().cloned().collect()).unwrap_or_default(),
            Backend::Redis(shared) => {
                let (list, _) = Self::names(shared, key);
                let stored = shared
                    .call(async |c| {
                        redis::cmd("LRANGE").arg(&list).arg(0).arg(KEPT - 1).query_async::<Vec<Vec<u8>>>(c).await
                    })
                    .await;
                match stored {
                    Ok(items) => items.iter().filter_map(|b| serde_json::from_slice(b).ok()).collect(),
                    Err(e) => {
                        tracing::warn!(error = %e, "the timeline could not be read");
                        Vec::new()
                    }
                }
            }
        }
    }

    /// The new entries of timeline `key` from now on.
    pub fn news(&self, key: &str) -> News {
        match &self.backend {
            Backend::Memory(_) => News::Memory { key: key.to_string(), rx: self.local.subscribe() },
            Backend::Redis(shared) => {
                let (_, channel) = Self::names(shared, key);
                News::Redis(shared.subscribe(&channel))
            }
        }
    }
}

/// A subscription to one timeline's new entries.
pub enum News {
    Memory { key: String, rx: broadcast::Receiver<(String, Entry)> },
    Redis(broadcast::Receiver<Pushed>),
}

impl News {
    /// The next new entry; None when the subscription ended. A subscriber that fell behind
    /// skips what it missed (the page shows the newest entries and reads the rest on reload).
    pub async fn next(&mut self) -> Option<Entry> {
        loop {
            match self {
                News::Memory { key, rx } => match rx.recv().await {
                    Ok((k, e)) if k == *key => return Some(e),
                    Ok(_) | Err(broadcast::error::RecvError::Lagged(_)) => continue,
                    Err(broadcast::error::RecvError::Closed) => return None,
                },
                News::Redis(rx) => match rx.recv().await {
                    Ok(Pushed::Message(bytes)) => match serde_json::from_slice(&bytes) {
                        Ok(e) => return Some(e),
                        Err(e) => tracing::warn!(error = %e, "a timeline entry from Redis could not be read"),
                    },
                    Ok(Pushed::Resync) | Err(broadcast::error::RecvError::Lagged(_)) => continue,
                    Err(broadcast::error::RecvError::Closed) => return None,
                },
            }
        }
    }
}

/// Where one feed records the changes it sees: the timelines and the installation's name.
#[derive(Clone, Debug)]
pub struct Recorder {
    pub timelines: Arc<Timelines>,
    pub installation: String,
}

impl Recorder {
    /// Records the changes from `before` to `after` (nothing before the first reading).
    pub fn changes(&self, before: &Snapshot, after: &Snapshot) {
        if before.components.is_none() || after.controller_id.is_empty() {
            return;
        }
        let changes = snapshot_diff(before, after);
        if changes.is_empty() {
            return;
        }
        let key = key(&self.installation, &after.controller_id);
        let at = chrono::Utc::now().timestamp_millis();
        let entries: Vec<Entry> = changes
            .into_iter()
            .enumerate()
            .map(|(i, change)| Entry {
                at,
                id: format!("{}-{}-{i}", after.epoch, after.seq),
                what: What::Change { change },
            })
            .collect();
        let timelines = self.timelines.clone();
        tokio::spawn(async move {
            for e in entries {
                timelines.append(&key, e).await;
            }
        });
    }

    /// Records an entry of Controller `controller_id` (an operation).
    pub async fn note(&self, controller_id: &str, what: What) {
        let id = format!("op-{:016x}", rand::random::<u64>());
        let entry = Entry { at: chrono::Utc::now().timestamp_millis(), id, what };
        self.timelines.append(&key(&self.installation, controller_id), entry).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::model::changes::{Change, State, Subject};

    fn entry(id: &str) -> Entry {
        let change = Change { subject: Subject::Database, from: State::Status(None), to: State::Status(None) };
        Entry { at: id.parse().unwrap_or(0), id: id.into(), what: What::Change { change } }
    }

    #[tokio::test]
    async fn memory_keeps_the_newest_first_and_tells_subscribers() {
        let t = Timelines::memory();
        let k = key("production", "controller");
        let mut news = t.news(&k);
        let mut other = t.news(&key("production", "test"));
        for i in 0..(KEPT + 5) {
            t.append(&k, entry(&i.to_string())).await;
        }
        let recent = t.recent(&k).await;
        assert_eq!(recent.len(), KEPT);
        assert_eq!(recent[0].id, (KEPT + 4).to_string(), "newest first");
        assert_eq!(news.next().await.unwrap().id, "0");
        t.append(&key("production", "test"), entry("t")).await;
        assert_eq!(other.next().await.unwrap().id, "t", "each key its own entries");
        assert!(t.recent(&key("staging", "controller")).await.is_empty());
    }
}
