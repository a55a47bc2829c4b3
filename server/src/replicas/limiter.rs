//! The limit on failed logins across the replicas: the same rules as the in-memory limit
//! (`session::limiter`), counted in Redis sorted sets (one per account, client, and known
//! pair; a member per attempt, scored by its time) by one script, so that parallel attempts
//! through several replicas cannot all pass the check. Every set expires with the window and
//! every known pair with `known_for`: nothing outlives a dead replica.

use super::{Shared, StoreDown};
use crate::session::limiter::{Bounds, Limited};
use std::sync::Arc;

/// Checks the bounds and reserves one attempt. KEYS: known pair's mark, the pair's attempts,
/// the client's attempts ('' without a client), the account's attempts. ARGV: now (ms),
/// window (ms), per client, per account, the attempt's member.
const RESERVE: &str = r"
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local function recent(k)
  redis.call('ZREMRANGEBYSCORE', k, '-inf', now - window)
  return redis.call('ZCARD', k)
end
local function add(k)
  redis.call('ZADD', k, now, ARGV[5])
  redis.call('PEXPIRE', k, window)
end
if KEYS[1] ~= '' and redis.call('EXISTS', KEYS[1]) == 1 then
  if recent(KEYS[2]) >= tonumber(ARGV[3]) then return 'client' end
  add(KEYS[2])
  return 'known'
end
if KEYS[3] ~= '' and recent(KEYS[3]) >= tonumber(ARGV[3]) then return 'client' end
if recent(KEYS[4]) >= tonumber(ARGV[4]) then return 'account' end
add(KEYS[4])
if KEYS[3] ~= '' then add(KEYS[3]) end
return 'ok'
";

/// The limit's share in Redis.
#[derive(Clone)]
pub struct SharedLimiter {
    pub shared: Arc<Shared>,
}

/// An attempt reserved in Redis: the sets it was counted in and its member.
pub struct Counted {
    shared: Arc<Shared>,
    sets: Vec<String>,
    member: String,
    known: String,
}

impl SharedLimiter {
    fn name(&self, what: &str, text: &str) -> String {
        let hashed = self.shared.session_key().hash(what, text);
        self.shared.key(&format!("login:{what}:{hashed}"))
    }

    /// Reserves an attempt of `account` (lower case) from `client` (its text as the limit
    /// counts it), or says which bound is reached.
    pub async fn reserve(
        &self,
        account: &str,
        client: Option<&str>,
        b: Bounds,
    ) -> Result<Result<Counted, Limited>, StoreDown> {
        let pair = client.map(|c| format!("{account}\n{c}"));
        let known = pair.as_deref().map(|p| self.name("known", p)).unwrap_or_default();
        let pair_set = pair.as_deref().map(|p| self.name("pair", p)).unwrap_or_default();
        let client_set = client.map(|c| self.name("client", c)).unwrap_or_default();
        let account_set = self.name("account", account);
        let member = format!("{}/{:016x}", self.shared.replica(), rand::random::<u64>());
        let now = chrono::Utc::now().timestamp_millis();
        let (k1, k2, k3, k4) = (known.clone(), pair_set.clone(), client_set.clone(), account_set.clone());
        let answer: String = self
            .shared
            .call(async |c| {
                redis::Script::new(RESERVE)
                    .key(&k1)
                    .key(&k2)
                    .key(&k3)
                    .key(&k4)
                    .arg(now)
                    .arg(b.window.as_millis() as u64)
                    .arg(b.per_client)
                    .arg(b.per_account)
                    .arg(&member)
                    .invoke_async(c)
                    .await
            })
            .await?;
        let sets = match answer.as_str() {
            "client" => return Ok(Err(Limited::Client)),
            "account" => return Ok(Err(Limited::Account)),
            "known" => vec![pair_set],
            _ => std::iter::once(account_set).chain((!client_set.is_empty()).then_some(client_set)).collect(),
        };
        Ok(Ok(Counted { shared: self.shared.clone(), sets, member, known }))
    }
}

impl Counted {
    /// The attempt does not count (JOC was not asked, or the login succeeded); with
    /// `known_for`, the client becomes known to the account for that long.
    pub fn give_back(self, known_for: Option<std::time::Duration>) {
        let Ok(rt) = tokio::runtime::Handle::try_current() else { return };
        rt.spawn(async move {
            let _: Result<(), _> = self
                .shared
                .call(async |c| {
                    let mut p = redis::pipe();
                    for s in &self.sets {
                        p.cmd("ZREM").arg(s).arg(&self.member).ignore();
                    }
                    if let Some(t) = known_for.filter(|_| !self.known.is_empty()) {
                        p.cmd("SET").arg(&self.known).arg(1).arg("PX").arg(t.as_millis() as u64).ignore();
                    }
                    p.query_async(c).await
                })
                .await;
        });
    }
}
