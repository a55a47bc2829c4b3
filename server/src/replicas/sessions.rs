//! User sessions in Redis, so that any replica serves any user and a restarted replica loses
//! nobody. One key per session and installation, named by a keyed hash of the session id,
//! holding the session sealed with the session key (JOC's tokens among it), with JOC's idle
//! timeout as its time to live: each request of the user renews it.

use super::{Shared, StoreDown};
use crate::joc::JocSession;
use app::model::session::UserInfo;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use std::time::Duration;

/// A JOC session at rest.
#[derive(Clone, Serialize, Deserialize)]
pub struct StoredJoc {
    pub token: String,
    pub timeout_ms: Option<u64>,
    pub account: String,
}

impl From<&JocSession> for StoredJoc {
    fn from(s: &JocSession) -> StoredJoc {
        StoredJoc {
            token: s.token.clone(),
            timeout_ms: s.timeout.map(|t| t.as_millis() as u64),
            account: s.account.clone(),
        }
    }
}

impl From<StoredJoc> for JocSession {
    fn from(s: StoredJoc) -> JocSession {
        JocSession { token: s.token, timeout: s.timeout_ms.map(Duration::from_millis), account: s.account }
    }
}

/// A user's session in one installation, as stored.
#[derive(Clone, Serialize, Deserialize)]
pub struct Record {
    pub info: UserInfo,
    /// The JOC session on each member of the installation's JOC.
    pub jocs: Vec<Option<StoredJoc>>,
    pub idle_ms: u64,
}

/// The sessions of one installation.
#[derive(Clone)]
pub struct SessionStore {
    pub shared: Arc<Shared>,
    pub scope: String,
}

impl SessionStore {
    fn name(&self, sid: &str) -> String {
        let hashed = self.shared.session_key().hash("sid", sid);
        self.shared.key(&format!("sess:{}:{hashed}", self.scope))
    }

    /// Stores a session for `ttl` (at least a millisecond).
    pub async fn put(&self, sid: &str, record: &Record, ttl: Duration) -> Result<(), StoreDown> {
        let name = self.name(sid);
        let json = serde_json::to_vec(record).map_err(|e| StoreDown(e.to_string()))?;
        let sealed = self.shared.session_key().seal(&name, &json);
        let ms = (ttl.as_millis() as u64).max(1);
        self.shared
            .call(async |c| redis::cmd("SET").arg(&name).arg(sealed).arg("PX").arg(ms).query_async(c).await)
            .await
    }

    /// A session and how long it has left; None when Redis has none (or one this key does
    /// not open, which is logged).
    pub async fn get(&self, sid: &str) -> Result<Option<(Record, Duration)>, StoreDown> {
        let name = self.name(sid);
        let (sealed, left): (Option<Vec<u8>>, i64) = self
            .shared
            .call(async |c| redis::pipe().cmd("GET").arg(&name).cmd("PTTL").arg(&name).query_async(c).await)
            .await?;
        let Some(sealed) = sealed else { return Ok(None) };
        let record = self
            .shared
            .session_key()
            .open(&name, &sealed)
            .ok()
            .and_then(|plain| serde_json::from_slice::<Record>(&plain).ok());
        let Some(record) = record else {
            tracing::warn!("a session in Redis does not open with this replica's session key; it counts as absent");
            return Ok(None);
        };
        Ok(Some((record, Duration::from_millis(left.max(0) as u64))))
    }

    pub async fn remove(&self, sid: &str) -> Result<(), StoreDown> {
        let name = self.name(sid);
        self.shared.call(async |c| redis::cmd("DEL").arg(&name).query_async::<i64>(c).await).await.map(|_| ())
    }

    /// Gives a session `ttl` to live from now; false when Redis has none.
    pub async fn refresh(&self, sid: &str, ttl: Duration) -> Result<bool, StoreDown> {
        let name = self.name(sid);
        let ms = (ttl.as_millis() as u64).max(1);
        self.shared
            .call(async |c| redis::cmd("PEXPIRE").arg(&name).arg(ms).query_async::<i64>(c).await)
            .await
            .map(|n| n == 1)
    }

    /// How long each session has left (None: gone), in one round trip; None altogether when
    /// Redis lost the board's keys (it restarted empty), so that gone means nothing.
    pub async fn remaining(&self, sids: &[String]) -> Result<Option<Vec<Option<Duration>>>, StoreDown> {
        let names: Vec<String> = sids.iter().map(|s| self.name(s)).collect();
        let check = self.shared.key("keycheck");
        let (kept, left): (bool, Vec<i64>) = self
            .shared
            .call(async |c| {
                let mut p = redis::pipe();
                p.cmd("EXISTS").arg(&check);
                let mut each = redis::pipe();
                for n in &names {
                    each.cmd("PTTL").arg(n);
                }
                let (kept,): (bool,) = p.query_async(c).await?;
                let left: Vec<i64> = if names.is_empty() { Vec::new() } else { each.query_async(c).await? };
                Ok((kept, left))
            })
            .await?;
        if !kept {
            return Ok(None);
        }
        // -2: no such key; -1: no time to live (never set so by the board).
        Ok(Some(left.into_iter().map(|ms| (ms != -2).then(|| Duration::from_millis(ms.max(0) as u64))).collect()))
    }
}
