//! Sessions shared by the replicas: each replica keeps the sessions it serves in memory, as
//! without Redis, and Redis holds them all (`replicas::sessions`). A request with a session
//! this replica does not hold loads it from Redis first; a login, a renewed id or a member
//! JOC dropped is stored at once; each request renews the session's time to live there (at
//! most every few seconds). Every two seconds each replica learns from Redis which of its
//! sessions ended elsewhere (logged out, or idle on every replica) and how recently each was
//! used anywhere, and stores again what Redis lacks (a login while Redis was away, or Redis
//! restarted empty).

use super::{Gateway, UserSession};
use crate::joc::Joc;
use crate::replicas::StoreDown;
use crate::replicas::sessions::{Record, StoredJoc};
use app::serverfns::{AppError, ErrorCode};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How often a request renews its session's time to live in Redis, at most.
const REFRESH_EVERY: Duration = Duration::from_secs(5);

pub(crate) fn store_down(e: &StoreDown) -> AppError {
    tracing::warn!(error = %e, "a session could not be read from Redis");
    AppError::new(ErrorCode::StoreUnavailable, "The board cannot reach its session store; please try again.")
}

fn record_of(s: &UserSession) -> Record {
    Record {
        info: s.info.clone(),
        jocs: s.jocs.iter().map(|j| j.as_ref().map(StoredJoc::from)).collect(),
        idle_ms: s.idle.as_millis() as u64,
    }
}

/// The session of a record with `left` to live.
fn session_of(r: Record, left: Duration) -> UserSession {
    let idle = Duration::from_millis(r.idle_ms);
    let now = Instant::now();
    let last_seen = now.checked_sub(idle.saturating_sub(left)).unwrap_or(now);
    UserSession {
        info: r.info,
        jocs: r.jocs.into_iter().map(|j| j.map(Into::into)).collect(),
        idle,
        last_seen,
        last_touch: last_seen,
        stored: Some(now),
    }
}

impl<J: Joc> Gateway<J> {
    /// Brings the session `sid` from Redis into this replica, if Redis has it and this replica
    /// does not hold it yet. Fails only when Redis cannot be asked.
    pub async fn load(&self, sid: &str) -> Result<(), AppError> {
        let Some(store) = &self.store else { return Ok(()) };
        if sid.is_empty() || self.sessions.lock().contains_key(sid) {
            return Ok(());
        }
        match store.get(sid).await {
            Ok(Some((record, left))) => {
                self.sessions.lock().entry(sid.to_string()).or_insert_with(|| session_of(record, left));
                Ok(())
            }
            Ok(None) => Ok(()),
            Err(e) => Err(store_down(&e)),
        }
    }

    /// Stores the session as this replica holds it, for the time it has left.
    pub(super) async fn store_session(&self, sid: &str) {
        let Some(store) = &self.store else { return };
        let Some((record, left)) =
            self.sessions.lock().get(sid).map(|s| (record_of(s), s.idle.saturating_sub(s.last_seen.elapsed())))
        else {
            return;
        };
        let stored = store.put(sid, &record, left).await;
        if let Some(s) = self.sessions.lock().get_mut(sid) {
            s.stored = stored.as_ref().ok().map(|()| Instant::now());
        }
        if let Err(e) = stored {
            tracing::warn!(error = %e, "a session is kept on this replica alone until Redis answers");
        }
    }

    /// Removes ended sessions from Redis, in the background.
    pub(super) fn unstore(&self, sids: Vec<String>) {
        let Some(store) = self.store.clone() else { return };
        if sids.is_empty() {
            return;
        }
        tokio::spawn(async move {
            for sid in sids {
                if let Err(e) = store.remove(&sid).await {
                    tracing::warn!(error = %e, "an ended session could not be removed from Redis; it expires there");
                }
            }
        });
    }

    /// Renews the session's time to live in Redis after a request, unless done lately.
    pub(super) fn refresh_stored(&self, sid: &str) {
        let Some(store) = self.store.clone() else { return };
        let idle = {
            let mut sessions = self.sessions.lock();
            let Some(s) = sessions.get_mut(sid) else { return };
            match s.stored {
                Some(at) if at.elapsed() >= REFRESH_EVERY => s.stored = Some(Instant::now()),
                _ => return,
            }
            s.idle
        };
        let sid = sid.to_string();
        tokio::spawn(async move {
            let _ = store.refresh(&sid, idle).await;
        });
    }

    /// Brings this replica's sessions in step with Redis (see the module's text).
    pub async fn sync_stored(&self) {
        let Some(store) = &self.store else { return };
        if !store.shared.is_up() {
            return;
        }
        let generation = store.shared.generation();
        let emptied = self.generation.swap(generation, std::sync::atomic::Ordering::SeqCst) != generation;
        let (held, missing): (Vec<String>, Vec<String>) = {
            let sessions = self.sessions.lock();
            let (stored, not): (Vec<_>, Vec<_>) = sessions.iter().partition(|(_, s)| s.stored.is_some() && !emptied);
            (
                stored.into_iter().map(|(sid, _)| sid.clone()).collect(),
                not.into_iter().map(|(sid, _)| sid.clone()).collect(),
            )
        };
        for sid in missing {
            self.store_session(&sid).await;
        }
        let left = match store.remaining(&held).await {
            Ok(Some(left)) => left,
            // Redis restarted empty: what this replica holds goes back.
            Ok(None) => {
                for sid in &held {
                    self.store_session(sid).await;
                }
                return;
            }
            Err(_) => return,
        };
        let now = Instant::now();
        let mut sessions = self.sessions.lock();
        for (sid, left) in held.into_iter().zip(left) {
            match left {
                // Ended elsewhere: logged out there (and at JOC), or idle everywhere.
                None => {
                    sessions.remove(&sid);
                }
                Some(left) => {
                    if let Some(s) = sessions.get_mut(&sid)
                        && let Some(seen) = now.checked_sub(s.idle.saturating_sub(left))
                        && seen > s.last_seen
                    {
                        s.last_seen = seen;
                    }
                }
            }
        }
    }

    /// Syncs every `every`, for as long as the gateway lives.
    pub async fn sync_every(self: Arc<Self>, every: Duration) {
        loop {
            tokio::time::sleep(every).await;
            self.sync_stored().await;
        }
    }
}
