//! Several replicas of the board behind a load balancer, sharing their state through Redis
//! (`--redis-url`); without it one process keeps everything in memory.
//!
//! - [`seal`]: the session key, which seals JOC tokens at rest.
//! - [`lease`]: which replica reads JOC for one Controller (a lease with a fencing number).
//! - [`feed`]: the leader's snapshots published to every replica, in order.
//! - [`sessions`]: user sessions in Redis, with JOC's idle timeout as their time to live.
//! - [`guard`]: one operation in flight per target, across the replicas.
//! - [`limiter`]: the limit on failed logins, across the replicas.
//!
//! [`Shared`] holds two connections of the Redis client crate, both reconnecting by
//! themselves: one multiplexed connection for commands and one for the pub/sub messages
//! (RESP3 pushes, resubscribed after a reconnection). A health check pings both every second;
//! while Redis cannot be reached the board says so (readiness, the panel's status line) and
//! serves what it can: each replica reads JOC itself, the sessions it holds stay, operations
//! wait for Redis. Redis facts the code relies on are in `docs/deploy.md`.

pub mod feed;
pub mod guard;
pub mod lease;
pub mod limiter;
pub mod seal;
pub mod sessions;

use bytes::Bytes;
use parking_lot::Mutex;
use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use redis::{PushInfo, PushKind, Value};
use seal::SessionKey;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{broadcast, mpsc, watch};

/// The longest one Redis call may take before it counts as failed.
pub const CALL_LIMIT: Duration = Duration::from_secs(2);

/// Whether Redis serves this replica.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Health {
    /// Not asked yet.
    Starting,
    Up,
    /// Redis does not answer: why.
    Down(String),
    /// The other replicas seal with another session key.
    WrongKey,
}

/// What a subscription receives: a message, or word that messages may have been missed (a
/// reconnection), so that the latest state is to be read again.
#[derive(Clone, Debug)]
pub enum Pushed {
    Message(Bytes),
    Resync,
}

/// A failed Redis call, or Redis not serving.
#[derive(Clone, Debug, thiserror::Error)]
#[error("Redis cannot be used: {0}")]
pub struct StoreDown(pub String);

impl From<redis::RedisError> for StoreDown {
    fn from(e: redis::RedisError) -> StoreDown {
        StoreDown(e.to_string())
    }
}

/// The replicas' shared store.
pub struct Shared {
    cmd: ConnectionManager,
    sub: ConnectionManager,
    prefix: String,
    key: SessionKey,
    /// This replica's name in leases: host name and a random number.
    replica: String,
    health: watch::Sender<Health>,
    /// Grows each time Redis is found without the board's keys (it restarted without
    /// persistence, or was emptied): the replicas then store again the sessions they hold.
    generation: std::sync::atomic::AtomicU64,
    channels: Mutex<HashMap<String, broadcast::Sender<Pushed>>>,
    /// The leases this replica holds (key, value), given up when it shuts down.
    pub(crate) leases: Mutex<HashMap<String, String>>,
    /// Set when the replica shuts down: it takes and renews no lease any more.
    leaving: std::sync::atomic::AtomicBool,
}

/// The URL with RESP3 asked for (pushes need it), unless it says a protocol itself.
fn resp3(url: &str) -> String {
    if url.contains("protocol=") {
        url.to_string()
    } else if url.contains('?') {
        format!("{url}&protocol=resp3")
    } else {
        format!("{url}?protocol=resp3")
    }
}

impl Shared {
    /// Connects to Redis. When Redis answers, the session key is checked against the one the
    /// other replicas seal with, and a different one is refused; when it does not answer yet,
    /// the replica starts without it and checks once it does.
    pub async fn connect(url: &str, prefix: &str, key: SessionKey) -> Result<Arc<Shared>, String> {
        let client = redis::Client::open(resp3(url)).map_err(|e| format!("--redis-url: {e}"))?;
        let config = || {
            ConnectionManagerConfig::new()
                .set_connection_timeout(Some(CALL_LIMIT))
                .set_response_timeout(Some(CALL_LIMIT))
                .set_max_delay(Duration::from_secs(1))
                .set_number_of_retries(2)
        };
        let cmd = ConnectionManager::new_lazy_with_config(client.clone(), config()).map_err(|e| e.to_string())?;
        let (tx, pushes) = mpsc::unbounded_channel();
        let sub = ConnectionManager::new_lazy_with_config(
            client,
            config().set_push_sender(tx).set_automatic_resubscription(),
        )
        .map_err(|e| e.to_string())?;
        let replica =
            format!("{}-{:08x}", std::env::var("HOSTNAME").unwrap_or_else(|_| "replica".into()), rand::random::<u32>());
        let shared = Arc::new(Shared {
            cmd,
            sub,
            prefix: prefix.to_string(),
            key,
            replica,
            health: watch::channel(Health::Starting).0,
            generation: std::sync::atomic::AtomicU64::new(0),
            channels: Mutex::default(),
            leases: Mutex::default(),
            leaving: std::sync::atomic::AtomicBool::new(false),
        });
        match shared.check().await {
            Ok(()) => {
                shared.health.send_replace(Health::Up);
            }
            Err(Health::WrongKey) => {
                return Err(
                    "--session-key-file: the other replicas seal sessions with another key; give every replica the \
                     same key file"
                        .into(),
                );
            }
            Err(h) => {
                tracing::warn!(health = ?h, "Redis does not answer yet; the board starts without it");
                shared.health.send_replace(h);
            }
        }
        tokio::spawn(dispatch(Arc::downgrade(&shared), pushes));
        tokio::spawn(watch_health(Arc::downgrade(&shared)));
        Ok(shared)
    }

    /// Pings both connections and checks the session key (and that Redis kept the board's keys).
    async fn check(&self) -> Result<(), Health> {
        let ping = |c: ConnectionManager| async move {
            let mut c = c;
            match tokio::time::timeout(CALL_LIMIT, redis::cmd("PING").query_async::<String>(&mut c)).await {
                Ok(Ok(_)) => Ok(()),
                Ok(Err(e)) => Err(Health::Down(e.to_string())),
                Err(_) => Err(Health::Down("no answer in time".into())),
            }
        };
        ping(self.cmd.clone()).await?;
        ping(self.sub.clone()).await?;
        self.check_key().await
    }

    /// Stores a value sealed with this replica's key unless one is there, and opens the one
    /// that is.
    async fn check_key(&self) -> Result<(), Health> {
        let name = self.key("keycheck");
        let mut c = self.cmd.clone();
        let mine = self.key.seal(&name, b"js7-status session key");
        let call = async {
            let set: Value = redis::cmd("SET").arg(&name).arg(mine).arg("NX").query_async(&mut c).await?;
            let stored = redis::cmd("GET").arg(&name).query_async::<Option<Vec<u8>>>(&mut c).await?;
            Ok::<_, redis::RedisError>((set, stored))
        };
        let (set, stored) = match tokio::time::timeout(CALL_LIMIT, call).await {
            Ok(Ok(v)) => v,
            Ok(Err(e)) => return Err(Health::Down(e.to_string())),
            Err(_) => return Err(Health::Down("no answer in time".into())),
        };
        if matches!(set, Value::Okay) {
            self.generation.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        }
        match stored.map(|v| self.key.open(&name, &v)) {
            Some(Ok(_)) | None => Ok(()),
            Some(Err(_)) => Err(Health::WrongKey),
        }
    }

    /// A key of this board: the prefix and `name`.
    pub fn key(&self, name: &str) -> String {
        format!("{}{name}", self.prefix)
    }

    /// How many times Redis was found without the board's keys.
    pub fn generation(&self) -> u64 {
        self.generation.load(std::sync::atomic::Ordering::SeqCst)
    }

    pub fn session_key(&self) -> &SessionKey {
        &self.key
    }

    pub fn replica(&self) -> &str {
        &self.replica
    }

    /// The health, as the health check last found it.
    pub fn health(&self) -> Health {
        self.health.borrow().clone()
    }

    pub fn watch_health(&self) -> watch::Receiver<Health> {
        self.health.subscribe()
    }

    pub fn is_up(&self) -> bool {
        matches!(*self.health.borrow(), Health::Up)
    }

    /// The command connection while Redis serves this replica.
    pub fn conn(&self) -> Result<ConnectionManager, StoreDown> {
        match &*self.health.borrow() {
            Health::Up => Ok(self.cmd.clone()),
            Health::WrongKey => Err(StoreDown("the session key differs from the other replicas'".into())),
            Health::Down(why) => Err(StoreDown(why.clone())),
            Health::Starting => Err(StoreDown("not reached yet".into())),
        }
    }

    /// Runs one Redis call within [`CALL_LIMIT`].
    pub async fn call<T>(
        &self,
        f: impl AsyncFnOnce(&mut ConnectionManager) -> redis::RedisResult<T>,
    ) -> Result<T, StoreDown> {
        let mut c = self.conn()?;
        match tokio::time::timeout(CALL_LIMIT, f(&mut c)).await {
            Ok(r) => r.map_err(StoreDown::from),
            Err(_) => Err(StoreDown("no answer in time".into())),
        }
    }

    /// The messages published on `channel` from now on (subscribed once per channel).
    pub fn subscribe(self: &Arc<Self>, channel: &str) -> broadcast::Receiver<Pushed> {
        let mut channels = self.channels.lock();
        if let Some(tx) = channels.get(channel) {
            return tx.subscribe();
        }
        let (tx, rx) = broadcast::channel(64);
        channels.insert(channel.to_string(), tx);
        let (shared, name) = (Arc::downgrade(self), channel.to_string());
        tokio::spawn(async move {
            // Until Redis takes the subscription; after that the connection renews it itself.
            loop {
                let Some(s) = shared.upgrade() else { return };
                let mut sub = s.sub.clone();
                if let Ok(Ok(())) = tokio::time::timeout(CALL_LIMIT, sub.subscribe(&name)).await {
                    if let Some(tx) = s.channels.lock().get(&name) {
                        let _ = tx.send(Pushed::Resync);
                    }
                    return;
                }
                drop(s);
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        });
        rx
    }

    /// On a graceful shutdown: takes no more leases and gives up every lease this replica
    /// holds, so that another replica reads JOC at once instead of when the lease runs out.
    pub async fn leave(&self) {
        self.leaving.store(true, std::sync::atomic::Ordering::SeqCst);
        self.release_leases().await;
    }

    pub fn is_leaving(&self) -> bool {
        self.leaving.load(std::sync::atomic::Ordering::SeqCst)
    }

    async fn release_leases(&self) {
        let held: Vec<(String, String)> = self.leases.lock().drain().collect();
        for (key, value) in held {
            let _: Result<i64, _> = self
                .call(async |c| redis::Script::new(lease::RELEASE).key(&key).arg(&value).invoke_async(c).await)
                .await;
        }
    }

    /// Tells every subscription to read the latest state again.
    fn resync_all(&self) {
        for tx in self.channels.lock().values() {
            let _ = tx.send(Pushed::Resync);
        }
    }
}

/// Hands each pushed message to its channel's subscribers.
async fn dispatch(shared: std::sync::Weak<Shared>, mut pushes: mpsc::UnboundedReceiver<PushInfo>) {
    while let Some(push) = pushes.recv().await {
        let Some(s) = shared.upgrade() else { return };
        match push.kind {
            PushKind::Message => {
                if let [Value::BulkString(channel), Value::BulkString(payload)] = &push.data[..]
                    && let Ok(channel) = std::str::from_utf8(channel)
                    && let Some(tx) = s.channels.lock().get(channel)
                {
                    let _ = tx.send(Pushed::Message(Bytes::copy_from_slice(payload)));
                }
            }
            PushKind::Disconnection => s.resync_all(),
            _ => {}
        }
    }
}

/// Pings Redis every second and keeps [`Shared::health`]; when Redis comes back, every
/// subscription reads the latest state again.
async fn watch_health(shared: std::sync::Weak<Shared>) {
    loop {
        tokio::time::sleep(Duration::from_secs(1)).await;
        let Some(s) = shared.upgrade() else { return };
        let now = match s.check().await {
            Ok(()) => Health::Up,
            Err(h) => h,
        };
        let before = s.health.send_replace(now.clone());
        if before != now {
            match &now {
                Health::Up => {
                    tracing::info!("Redis serves the board again");
                    s.resync_all();
                }
                Health::Down(why) => tracing::warn!(why, "Redis cannot be reached; each replica reads JOC itself"),
                Health::WrongKey => {
                    tracing::error!(
                        "the other replicas seal sessions with another key; this replica leaves Redis alone"
                    )
                }
                Health::Starting => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn resp3_is_asked_for_unless_the_url_says_otherwise() {
        assert_eq!(super::resp3("redis://h:1/0"), "redis://h:1/0?protocol=resp3");
        assert_eq!(super::resp3("redis://h:1/0?a=b"), "redis://h:1/0?a=b&protocol=resp3");
        assert_eq!(super::resp3("redis://h/?protocol=resp2"), "redis://h/?protocol=resp2");
    }
}
