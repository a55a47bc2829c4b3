//! The lease that makes one replica the reader of one Controller for all of them.
//!
//! A lease is a Redis key set only if absent, with a time to live, holding the holder's name
//! and its fencing number. The holder renews it well before it runs out; another replica
//! takes it once it has run out (the holder died, or lost Redis). The fencing number grows
//! with each new holder and is never below the clock's milliseconds, so it also orders the
//! snapshots of successive leaders after those a replica made alone while Redis was away
//! ([`crate::feed::epoch_now`]). Every write of a leader is fenced: Redis checks in the same
//! script that the lease is still the writer's.

use super::{Shared, StoreDown};
use std::sync::Arc;
use std::time::Duration;

/// How long a lease lives without renewal: a dead leader's Controller is read again by
/// another replica at most this long (and one try) later.
pub const TTL: Duration = Duration::from_secs(6);
/// How often the holder renews.
pub const RENEW_EVERY: Duration = Duration::from_secs(2);
/// How often the others try to take it.
pub const TRY_EVERY: Duration = Duration::from_secs(1);

/// Takes the lease if it is free: a new fencing number, at least the clock's milliseconds.
const ACQUIRE: &str = r"
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local fence = redis.call('INCR', KEYS[2])
local now = tonumber(ARGV[3])
if fence < now then fence = now; redis.call('SET', KEYS[2], fence) end
redis.call('SET', KEYS[1], ARGV[1] .. '/' .. fence, 'PX', ARGV[2])
return fence
";

/// Extends the lease if it is still the caller's.
const RENEW: &str = r"
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
";

/// Gives the lease up if it is still the caller's.
pub(crate) const RELEASE: &str = r"
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
";

/// One lease, as one replica sees it.
pub struct Lease {
    shared: Arc<Shared>,
    key: String,
    fences: String,
}

/// A lease held: its fencing number, and what Redis holds for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Held {
    pub fence: u64,
    pub value: String,
}

impl Lease {
    /// The lease `name` (e.g. `feed:production:jobs`).
    pub fn new(shared: Arc<Shared>, name: &str) -> Lease {
        let key = shared.key(&format!("lease:{name}"));
        let fences = shared.key(&format!("fence:{name}"));
        Lease { shared, key, fences }
    }

    pub fn key(&self) -> &str {
        &self.key
    }

    /// Takes the lease if no replica holds it.
    pub async fn try_take(&self) -> Result<Option<Held>, StoreDown> {
        if self.shared.is_leaving() {
            return Ok(None);
        }
        let me = self.shared.replica().to_string();
        let now = chrono::Utc::now().timestamp_millis();
        let (key, fences) = (self.key.clone(), self.fences.clone());
        let fence: u64 = self
            .shared
            .call(async |c| {
                redis::Script::new(ACQUIRE)
                    .key(&key)
                    .key(&fences)
                    .arg(&me)
                    .arg(TTL.as_millis() as u64)
                    .arg(now)
                    .invoke_async(c)
                    .await
            })
            .await?;
        let Some(held) = (fence > 0).then(|| Held { fence, value: format!("{me}/{fence}") }) else {
            return Ok(None);
        };
        self.shared.leases.lock().insert(self.key.clone(), held.value.clone());
        // Taken while this replica began to leave: given back at once.
        if self.shared.is_leaving() {
            self.release(&held).await;
            return Ok(None);
        }
        Ok(Some(held))
    }

    /// Renews a held lease: false when it is no longer ours.
    pub async fn renew(&self, held: &Held) -> Result<bool, StoreDown> {
        if self.shared.is_leaving() {
            return Ok(false);
        }
        let key = self.key.clone();
        let renewed: i64 = self
            .shared
            .call(async |c| {
                redis::Script::new(RENEW).key(&key).arg(&held.value).arg(TTL.as_millis() as u64).invoke_async(c).await
            })
            .await?;
        if renewed != 1 {
            self.shared.leases.lock().remove(&self.key);
        }
        Ok(renewed == 1)
    }

    /// Gives a held lease up, so another replica need not wait for it to run out.
    pub async fn release(&self, held: &Held) {
        self.shared.leases.lock().remove(&self.key);
        let key = self.key.clone();
        let _: Result<i64, _> = self
            .shared
            .call(async |c| redis::Script::new(RELEASE).key(&key).arg(&held.value).invoke_async(c).await)
            .await;
    }
}
