//! One Controller's feed on a replica among several: the replica holding the lease reads JOC
//! and publishes each snapshot (fenced: only while the lease is its own); the others take
//! them from Redis. Each replica hands the newest snapshot to its own browsers, so JOC is read
//! once for the whole fleet, however many replicas and viewers there are.
//!
//! Order: a snapshot replaces the one a replica holds only when it is newer by epoch, then
//! number (`Snapshot::is_newer_than`); each new leader numbers in its fencing number, which is
//! above every earlier epoch, so a late message of a deposed leader is dropped.
//!
//! Without Redis (it stopped, or does not answer), each replica reads JOC itself until Redis
//! is back: the board stays live at the cost of one JOC reader per replica meanwhile.

use super::lease::{Held, Lease, RENEW_EVERY, TRY_EVERY};
use super::{Pushed, Shared};
use crate::feed::{Feed, FeedConfig, epoch_now};
use crate::joc::Joc;
use app::model::feed::Snapshot;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::{broadcast, watch};

/// How long the last published snapshot stays in Redis for a replica that starts following.
const KEEP_LAST: Duration = Duration::from_secs(600);

/// Stores and publishes a snapshot if the lease is still the writer's.
const PUBLISH: &str = r"
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
redis.call('PUBLISH', ARGV[4], ARGV[2])
return 1
";

/// Where one Controller's feed is shared: the installation's name makes it the fleet's.
#[derive(Clone)]
pub struct Replication {
    pub shared: Arc<Shared>,
    /// The installation's name.
    pub scope: String,
}

/// One Controller's names in Redis.
struct Names {
    lease: Lease,
    channel: String,
    last: String,
}

/// How a lead ended.
enum Ended {
    /// The feed is to stop.
    Stop,
    /// The lease was lost, or Redis went away.
    Lost,
}

/// Replaces the held snapshot with `s` if it is newer.
fn offer(tx: &watch::Sender<Snapshot>, s: Snapshot) {
    tx.send_if_modified(|held| {
        let newer = s.is_newer_than(held);
        if newer {
            *held = s;
        }
        newer
    });
}

fn offer_json(tx: &watch::Sender<Snapshot>, json: &[u8]) {
    match serde_json::from_slice::<Snapshot>(json) {
        Ok(s) => offer(tx, s),
        Err(e) => tracing::warn!(error = %e, "a snapshot from Redis could not be read; skipped"),
    }
}

async fn stopped(stop: &mut watch::Receiver<bool>) {
    let _ = stop.wait_for(|s| *s).await;
}

/// Runs one Controller's feed on this replica until `stop` says so (or its sender is gone),
/// publishing into `tx`.
pub async fn run<J: Joc + Clone + Send + Sync + 'static>(
    cfg: FeedConfig<J>,
    rep: Replication,
    tx: watch::Sender<Snapshot>,
    mut stop: watch::Receiver<bool>,
) {
    let shared = rep.shared.clone();
    let name = format!("feed:{}:{}", rep.scope, cfg.controller_id.as_deref().unwrap_or("*"));
    let names = Names {
        lease: Lease::new(shared.clone(), &name),
        channel: shared.key(&name),
        last: shared.key(&format!("{name}:last")),
    };
    let mut inbox = shared.subscribe(&names.channel);
    let mut synced = false;
    loop {
        if *stop.borrow() || stop.has_changed().is_err() {
            return;
        }
        if !shared.is_up() {
            if matches!(alone(&cfg, &shared, &tx, &mut stop).await, Ended::Stop) {
                return;
            }
            synced = false;
            continue;
        }
        if !synced {
            synced = catch_up(&shared, &names, &tx).await;
        }
        if let Ok(Some(held)) = names.lease.try_take().await {
            tracing::info!(feed = %name, fence = held.fence, "this replica reads JOC for the fleet");
            let ended = lead(&cfg, &shared, &names, &held, &tx, &mut stop).await;
            if matches!(ended, Ended::Stop) {
                names.lease.release(&held).await;
                return;
            }
            tracing::info!(feed = %name, "this replica no longer reads JOC for the fleet");
            synced = false;
            continue;
        }
        let pause = tokio::time::sleep(TRY_EVERY);
        tokio::pin!(pause);
        loop {
            tokio::select! {
                pushed = inbox.recv() => match pushed {
                    Ok(Pushed::Message(json)) => offer_json(&tx, &json),
                    Ok(Pushed::Resync) | Err(broadcast::error::RecvError::Lagged(_)) => synced = false,
                    Err(broadcast::error::RecvError::Closed) => inbox = shared.subscribe(&names.channel),
                },
                () = &mut pause => break,
                () = stopped(&mut stop) => return,
            }
        }
    }
}

/// Reads the last published snapshot; false when Redis did not answer.
async fn catch_up(shared: &Shared, names: &Names, tx: &watch::Sender<Snapshot>) -> bool {
    let key = names.last.clone();
    match shared.call(async |c| redis::cmd("GET").arg(&key).query_async::<Option<Vec<u8>>>(c).await).await {
        Ok(Some(json)) => {
            offer_json(tx, &json);
            true
        }
        Ok(None) => true,
        Err(_) => false,
    }
}

/// Reads JOC for the fleet while the lease is this replica's.
async fn lead<J: Joc + Clone + Send + Sync + 'static>(
    cfg: &FeedConfig<J>,
    shared: &Shared,
    names: &Names,
    held: &Held,
    tx: &watch::Sender<Snapshot>,
    stop: &mut watch::Receiver<bool>,
) -> Ended {
    let (feed, mut private) = Feed::resume(cfg.clone(), tx.borrow().clone(), held.fence);
    let (_stop_feed, feed_stop) = watch::channel(false);
    tokio::spawn(feed.run_until(feed_stop));
    let mut renewed = Instant::now();
    let mut renew = tokio::time::interval_at(tokio::time::Instant::now() + RENEW_EVERY, RENEW_EVERY);
    loop {
        tokio::select! {
            changed = private.changed() => {
                if changed.is_err() {
                    return Ended::Lost;
                }
                let s = private.borrow_and_update().clone();
                match publish(shared, names, held, &s).await {
                    Ok(false) => return Ended::Lost,
                    Ok(true) | Err(_) => offer(tx, s),
                }
            }
            _ = renew.tick() => match names.lease.renew(held).await {
                Ok(true) => renewed = Instant::now(),
                Ok(false) => return Ended::Lost,
                // Unsure whether the lease still holds: once it may have run out, another
                // replica may read; this one stops.
                Err(_) if renewed.elapsed() + RENEW_EVERY >= super::lease::TTL => return Ended::Lost,
                Err(_) => {}
            },
            () = stopped(stop) => return Ended::Stop,
        }
    }
}

/// Stores and publishes `s`, fenced; Ok(false) when the lease is no longer `held`.
async fn publish(shared: &Shared, names: &Names, held: &Held, s: &Snapshot) -> Result<bool, super::StoreDown> {
    let json = serde_json::to_vec(s).map_err(|e| super::StoreDown(e.to_string()))?;
    let (lease, last, channel) = (names.lease.key().to_string(), names.last.clone(), names.channel.clone());
    let done: i64 = shared
        .call(async |c| {
            redis::Script::new(PUBLISH)
                .key(&lease)
                .key(&last)
                .arg(&held.value)
                .arg(&json)
                .arg(KEEP_LAST.as_millis() as u64)
                .arg(&channel)
                .invoke_async(c)
                .await
        })
        .await?;
    Ok(done == 1)
}

/// Reads JOC on this replica alone while Redis cannot be used.
async fn alone<J: Joc + Clone + Send + Sync + 'static>(
    cfg: &FeedConfig<J>,
    shared: &Shared,
    tx: &watch::Sender<Snapshot>,
    stop: &mut watch::Receiver<bool>,
) -> Ended {
    let last = tx.borrow().clone();
    let (feed, mut private) = Feed::resume(cfg.clone(), last.clone(), epoch_now().max(last.epoch + 1));
    let (_stop_feed, feed_stop) = watch::channel(false);
    tokio::spawn(feed.run_until(feed_stop));
    let mut health = shared.watch_health();
    loop {
        tokio::select! {
            changed = private.changed() => {
                if changed.is_err() {
                    return Ended::Lost;
                }
                offer(tx, private.borrow_and_update().clone());
            }
            up = health.wait_for(|h| matches!(h, super::Health::Up)) => {
                let _ = up;
                return Ended::Lost;
            }
            () = stopped(stop) => return Ended::Stop,
        }
    }
}
