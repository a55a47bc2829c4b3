//! One operation in flight per target across the replicas: a Redis key per target, set only
//! if absent, with a short time to live that the replica running the operation renews. When
//! the operation ends the key goes; a replica that dies while running one leaves the target
//! free again within [`HOLD`].

use super::{Shared, StoreDown};
use std::sync::Arc;
use std::time::Duration;

/// How long a taken target stays taken without renewal.
pub const HOLD: Duration = Duration::from_secs(15);
const RENEW_EVERY: Duration = Duration::from_secs(5);

const RENEW: &str = r"
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
";
const RELEASE: &str = r"
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
";

/// The targets of one installation.
#[derive(Clone)]
pub struct SharedGuard {
    pub shared: Arc<Shared>,
    pub scope: String,
}

/// A target taken in Redis: renewed while it lives, given back when dropped.
pub struct Taken {
    shared: Arc<Shared>,
    key: String,
    token: String,
    renewing: tokio::task::JoinHandle<()>,
}

impl SharedGuard {
    /// Takes `target` (a stable text naming it) unless another operation holds it, on any
    /// replica.
    pub async fn take(&self, target: &str) -> Result<Option<Taken>, StoreDown> {
        let key = self.shared.key(&format!("op:{}:{target}", self.scope));
        let token = format!("{}/{:016x}", self.shared.replica(), rand::random::<u64>());
        let set: Option<String> = self
            .shared
            .call(async |c| {
                redis::cmd("SET")
                    .arg(&key)
                    .arg(&token)
                    .arg("NX")
                    .arg("PX")
                    .arg(HOLD.as_millis() as u64)
                    .query_async(c)
                    .await
            })
            .await?;
        if set.is_none() {
            return Ok(None);
        }
        let renewing = tokio::spawn({
            let (shared, key, token) = (self.shared.clone(), key.clone(), token.clone());
            async move {
                loop {
                    tokio::time::sleep(RENEW_EVERY).await;
                    let _: Result<i64, _> = shared
                        .call(async |c| {
                            redis::Script::new(RENEW)
                                .key(&key)
                                .arg(&token)
                                .arg(HOLD.as_millis() as u64)
                                .invoke_async(c)
                                .await
                        })
                        .await;
                }
            }
        });
        Ok(Some(Taken { shared: self.shared.clone(), key, token, renewing }))
    }
}

impl Drop for Taken {
    fn drop(&mut self) {
        self.renewing.abort();
        let (shared, key, token) =
            (self.shared.clone(), std::mem::take(&mut self.key), std::mem::take(&mut self.token));
        if let Ok(rt) = tokio::runtime::Handle::try_current() {
            rt.spawn(async move {
                let _: Result<i64, _> = shared
                    .call(async |c| redis::Script::new(RELEASE).key(&key).arg(&token).invoke_async(c).await)
                    .await;
            });
        }
    }
}
