//! The one upstream status loop per Controller ID, shared by every viewer.
//!
//! The loop reads `controller/components` and `agents`, then long-polls `events` and reads
//! again when JOC says something changed (and at least once per long-poll, so that heartbeats
//! ageing shows). Each state is published on a `watch` channel: a subscriber always gets the
//! newest snapshot, a slow one simply skips intermediate ones, and nothing queues up.
//! While JOC cannot be read the last data stays, marked stale since the first failure, and the
//! loop retries forever with capped, jittered backoff, moving to another JOC member when the
//! one it used stops answering or loses the active role.

pub mod sse;

use crate::joc::{Joc, JocClient, JocError, JocSession};
use app::model::feed::{Snapshot, Staleness};
use app::model::joc::EventType;
use rand::Rng;
use std::time::Duration;
use tokio::sync::watch;

/// How the loop reaches JOC.
#[derive(Clone, Debug)]
pub struct FeedConfig<J = JocClient> {
    /// One client per JOC cluster member.
    pub members: Vec<J>,
    pub account: String,
    pub password: String,
    /// None: the ID JOC selects.
    pub controller_id: Option<String>,
    /// JOC's events hold plus a margin.
    pub events_timeout: Duration,
    /// Longest pause between retries.
    pub max_backoff: Duration,
}

/// The publishing side of the feed.
pub struct Feed<J = JocClient> {
    cfg: FeedConfig<J>,
    tx: watch::Sender<Snapshot>,
    epoch: u64,
}

impl<J: Joc> Feed<J> {
    /// A feed with an empty first snapshot; run it with [`Feed::run`].
    pub fn new(cfg: FeedConfig<J>) -> (Feed<J>, watch::Receiver<Snapshot>) {
        let epoch = rand::rng().random::<u32>() as u64;
        let (tx, rx) = watch::channel(Snapshot { epoch, ..Snapshot::default() });
        (Feed { cfg, tx, epoch }, rx)
    }

    fn publish(&self, f: impl FnOnce(&mut Snapshot)) {
        self.tx.send_modify(|s| {
            f(s);
            s.seq += 1;
            s.epoch = self.epoch;
        });
    }

    fn mark_stale(&self, e: &JocError) {
        tracing::warn!(error = %e, "JOC cannot be read");
        self.publish(|s| {
            let since = s.stale.as_ref().map(|st| st.since.clone()).unwrap_or_else(now);
            s.stale = Some(Staleness { since, code: e.code(), message: e.to_string() });
        });
    }

    /// Finds the member to talk to: the active one if any answers, else any that answers.
    async fn connect(&self) -> Result<(usize, JocSession), JocError> {
        let mut fallback: Option<(usize, JocSession)> = None;
        let mut last_err = JocError::Connect("no JOC instance configured".into());
        for (i, m) in self.cfg.members.iter().enumerate() {
            let session = match m.login(&self.cfg.account, &self.cfg.password).await {
                Ok(s) => s,
                Err(e) => {
                    last_err = e;
                    continue;
                }
            };
            if self.cfg.members.len() == 1 || m.is_active(&session).await.unwrap_or(false) {
                if let Some((j, s)) = fallback.take() {
                    let _ = self.cfg.members[j].logout(&s).await;
                }
                return Ok((i, session));
            }
            if fallback.is_none() {
                fallback = Some((i, session));
            } else {
                let _ = m.logout(&session).await;
            }
        }
        fallback.ok_or(last_err)
    }

    /// Runs forever. A JOC session that ends under the loop (JOC restarted, idle timeout) is
    /// opened again at once, without marking the data stale; any other failure marks it stale
    /// and waits, longer after each failure in a row (capped, with jitter).
    pub async fn run(self) {
        let mut failures = 0u32;
        let mut may_relogin = true;
        loop {
            let before = self.tx.borrow().seq;
            let result = self.follow().await;
            if self.tx.borrow().seq != before {
                // The loop read JOC before this end: a new run of failures starts.
                failures = 0;
                may_relogin = true;
            }
            match result {
                Ok(()) => failures = 0,
                Err(e) if e.needs_login() && may_relogin => {
                    tracing::info!(error = %e, "the JOC session ended; logging in again");
                    may_relogin = false;
                    continue;
                }
                Err(e) => {
                    self.mark_stale(&e);
                    failures = failures.saturating_add(1);
                }
            }
            tokio::time::sleep(backoff(failures, self.cfg.max_backoff)).await;
        }
    }

    /// Follows one member until something fails; Ok when it should reconnect at once.
    async fn follow(&self) -> Result<(), JocError> {
        let (i, session) = self.connect().await?;
        let joc = &self.cfg.members[i];
        let controller_id = match &self.cfg.controller_id {
            Some(id) => id.clone(),
            None => joc.controller_ids(&session).await?.selected,
        };
        let mut event_id = None;
        let mut touched = std::time::Instant::now();
        loop {
            let components = joc.components(&session, &controller_id).await?;
            let agents = joc.agents(&session, &controller_id).await.map(|a| a.agents).unwrap_or_default();
            let active_elsewhere = self.cfg.members.len() > 1 && !joc.is_active(&session).await?;
            self.publish(|s| {
                s.controller_id = controller_id.clone();
                s.components = Some(components);
                s.agents = agents;
                s.read_at = Some(now());
                s.stale = None;
                s.joc_url = Some(joc.base().to_string());
            });
            if active_elsewhere {
                // The member lost the active role (switch-over, fail-over): find the new one.
                let _ = joc.logout(&session).await;
                return Ok(());
            }
            if session.timeout.is_some_and(|t| touched.elapsed() > t / 3) {
                joc.touch(&session).await?;
                touched = std::time::Instant::now();
            }
            loop {
                let answer = joc.events(&session, &controller_id, event_id, self.cfg.events_timeout).await?;
                if let Some(e) = answer.error {
                    return Err(JocError::Refused { code: e.code, message: e.message });
                }
                let news = answer.event_snapshots.unwrap_or_default();
                let reload = news.is_empty() || news.iter().any(|e| e.event_type.reloads_components());
                let joc_changed = news.iter().any(|e| e.event_type == EventType::JocStateChanged);
                event_id = Some(answer.event_id);
                if reload || joc_changed {
                    break;
                }
            }
        }
    }
}

/// The pause after `failures` failures in a row: 250 ms doubling, capped, with 0.5–1× jitter so
/// that many servers do not retry in step.
fn backoff(failures: u32, max: Duration) -> Duration {
    let base = Duration::from_millis(250).saturating_mul(1 << failures.min(8));
    base.min(max).mul_f64(rand::rng().random_range(0.5..1.0))
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

#[cfg(test)]
mod tests;
