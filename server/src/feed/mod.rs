//! The one upstream status loop per Controller ID, shared by every viewer.
//!
//! The loop reads `controller/components` and `agents`, then long-polls `events` and reads
//! again when JOC says something changed or held the request without news, and at least every
//! `reread_every` (so that heartbeats ageing shows); it touches the JOC session on a clock of
//! its own. Each state is published on a `watch` channel: a subscriber always gets the
//! newest snapshot, a slow one simply skips intermediate ones, and nothing queues up.
//! While JOC cannot be read the last data stays, marked stale since the first failure, and the
//! loop retries forever with capped, jittered backoff, moving to another JOC member when the
//! one it used stops answering or loses the active role.

pub mod availability;
pub mod hub;
pub mod overview;
pub mod sse;

use crate::joc::{Joc, JocClient, JocError, JocSession};
use app::model::feed::{Snapshot, Staleness};
use rand::Rng;
use std::time::Duration;
use tokio::sync::watch;

/// How the loop reaches JOC.
#[derive(Clone, Debug)]
pub struct FeedConfig<J = JocClient> {
    /// One client per JOC cluster member.
    pub members: Vec<J>,
    pub account: String,
    pub password: crate::config::Secret,
    /// None: the ID JOC selects.
    pub controller_id: Option<String>,
    /// Time limit of one `events` request: the longest JOC may hold it, its 2 s of batching and
    /// a margin (`docs/joc-conformance.md`, "Events").
    pub events_timeout: Duration,
    /// Longest time between two reads of `controller/components`: JOC raises no event when a
    /// standby JOC's heartbeat ages, so only a read shows it.
    pub reread_every: Duration,
    /// Longest pause between retries.
    pub max_backoff: Duration,
    /// Where the changes this loop sees are recorded (None: nowhere).
    pub timeline: Option<crate::timeline::Recorder>,
}

/// A failed read: which call failed and how.
#[derive(Clone, Debug)]
pub struct Failure {
    pub endpoint: &'static str,
    pub error: JocError,
}

/// Names the call a JOC error came from.
trait At<T> {
    fn at(self, endpoint: &'static str) -> Result<T, Failure>;
}

impl<T> At<T> for Result<T, JocError> {
    fn at(self, endpoint: &'static str) -> Result<T, Failure> {
        self.map_err(|error| Failure { endpoint, error })
    }
}

/// The publishing side of the feed.
pub struct Feed<J = JocClient> {
    cfg: FeedConfig<J>,
    tx: watch::Sender<Snapshot>,
    epoch: u64,
    /// Told when JOC reports a change: the availability history is read again soon.
    history_due: tokio::sync::Notify,
}

impl<J: Joc> Feed<J> {
    /// A feed with an empty first snapshot; run it with [`Feed::run`].
    pub fn new(cfg: FeedConfig<J>) -> (Feed<J>, watch::Receiver<Snapshot>) {
        Feed::resume(cfg, Snapshot::default(), epoch_now())
    }

    /// A feed that goes on from `last` (what another reader of this Controller published
    /// last), numbering its snapshots in `epoch`, which is greater than `last.epoch`.
    pub fn resume(cfg: FeedConfig<J>, last: Snapshot, epoch: u64) -> (Feed<J>, watch::Receiver<Snapshot>) {
        let (tx, rx) = watch::channel(Snapshot { epoch, ..last });
        (Feed { cfg, tx, epoch, history_due: tokio::sync::Notify::new() }, rx)
    }

    fn publish(&self, f: impl FnOnce(&mut Snapshot)) {
        let before = self.cfg.timeline.as_ref().map(|_| self.tx.borrow().clone());
        self.tx.send_modify(|s| {
            f(s);
            s.seq += 1;
            s.epoch = self.epoch;
        });
        if let (Some(r), Some(before)) = (&self.cfg.timeline, before) {
            r.changes(&before, &self.tx.borrow());
        }
    }

    /// Marks the data stale since the first failure of this run, saying which call failed and
    /// why. The log gets one warning per run of failures (and one when the reason changes).
    fn mark_stale(&self, f: &Failure) {
        let code = f.error.code();
        let new_reason = self
            .tx
            .borrow()
            .stale
            .as_ref()
            .is_none_or(|st| st.code != code || st.endpoint.as_deref() != Some(f.endpoint));
        if new_reason {
            tracing::warn!(endpoint = f.endpoint, error = %f.error, "JOC cannot be read; the board shows the last data as stale");
        } else {
            tracing::debug!(endpoint = f.endpoint, error = %f.error, "JOC still cannot be read");
        }
        self.publish(|s| {
            let since = s.stale.as_ref().map(|st| st.since.clone()).unwrap_or_else(now);
            s.stale = Some(Staleness { since, code, message: f.error.short(), endpoint: Some(f.endpoint.into()) });
        });
    }

    /// Finds the member to talk to: the active one if any answers, else any that answers.
    /// Sessions opened on the way and not used are closed again.
    async fn connect(&self) -> Result<(usize, JocSession), JocError> {
        let mut fallback: Option<(usize, JocSession)> = None;
        let mut last_err = JocError::Connect("no JOC instance configured".into());
        for (i, m) in self.cfg.members.iter().enumerate() {
            let session = match m.login(&self.cfg.account, self.cfg.password.expose()).await {
                Ok(s) => s,
                Err(e) => {
                    last_err = e;
                    continue;
                }
            };
            if self.cfg.members.len() == 1 || m.is_active(&session).await.unwrap_or(false) {
                if let Some((j, s)) = fallback.take() {
                    logout_quietly(&self.cfg.members[j], &s).await;
                }
                return Ok((i, session));
            }
            if fallback.is_none() {
                fallback = Some((i, session));
            } else {
                logout_quietly(m, &session).await;
            }
        }
        fallback.ok_or(last_err)
    }

    /// Runs forever: [`Feed::run_until`] never stopped.
    pub async fn run(self) {
        let (_never, stop) = watch::channel(false);
        self.run_until(stop).await
    }

    /// Runs until `stop` says true or its sender is gone; the JOC session it holds then is
    /// closed. A JOC session that ends under the loop (JOC restarted, idle timeout) is opened
    /// again at once, without marking the data stale; any other failure marks it stale and
    /// waits, longer after each failure in a row (capped, with jitter).
    pub async fn run_until(self, mut stop: watch::Receiver<bool>) {
        let mut failures = 0u32;
        let mut may_relogin = true;
        loop {
            if *stop.borrow() || stop.has_changed().is_err() {
                return;
            }
            let before = self.tx.borrow().seq;
            let result = self.follow(&mut stop).await;
            if self.tx.borrow().seq != before {
                // The loop read JOC before this end: a new run of failures starts.
                failures = 0;
                may_relogin = true;
            }
            match result {
                Ok(()) => failures = 0,
                Err(f) if f.error.needs_login() && may_relogin => {
                    tracing::info!(endpoint = f.endpoint, error = %f.error, "the JOC session ended; logging in again");
                    may_relogin = false;
                    continue;
                }
                Err(f) => {
                    self.mark_stale(&f);
                    failures = failures.saturating_add(1);
                }
            }
            tokio::select! {
                () = tokio::time::sleep(backoff(failures, self.cfg.max_backoff)) => {}
                () = stopped(&mut stop) => return,
            }
        }
    }

    /// Logs in to a member and follows it until something fails (Ok when it should reconnect
    /// at once) or the feed stops. The session is closed at JOC when it is left, unless JOC
    /// ended it.
    async fn follow(&self, stop: &mut watch::Receiver<bool>) -> Result<(), Failure> {
        let (i, session) = self.connect().await.at("authentication/login")?;
        let joc = &self.cfg.members[i];
        let result = tokio::select! {
            r = self.follow_controller(joc, &session) => r,
            r = self.keep_alive(joc, &session) => r,
            () = stopped(stop) => Ok(()),
        };
        if !matches!(&result, Err(f) if f.error.needs_login()) {
            logout_quietly(joc, &session).await;
        }
        result
    }

    /// Touches the session on a clock, a third of JOC's idle timeout apart: only `touch`
    /// resets JOC's idle timer, whatever else the loop reads.
    async fn keep_alive(&self, joc: &J, session: &JocSession) -> Result<(), Failure> {
        let Some(timeout) = session.timeout else { return std::future::pending().await };
        loop {
            tokio::time::sleep(timeout / 3).await;
            joc.touch(session).await.at("touch")?;
        }
    }

    /// Finds the Controller to follow, then reads its status and its availability history
    /// side by side.
    async fn follow_controller(&self, joc: &J, session: &JocSession) -> Result<(), Failure> {
        let controller_id = match &self.cfg.controller_id {
            Some(id) => id.clone(),
            None => joc
                .controller_ids(session)
                .await
                .at("controller/ids")?
                .selected
                .ok_or(JocError::NoController)
                .at("controller/ids")?,
        };
        tokio::select! {
            r = self.read(joc, session, &controller_id) => r,
            r = self.keep_availability(joc, session, &controller_id) => r,
        }
    }

    /// Reads `controller/components` and `agents`, publishes them, then long-polls `events`
    /// until JOC reports a change that matters or the re-read time comes.
    async fn read(&self, joc: &J, session: &JocSession, controller_id: &str) -> Result<(), Failure> {
        let controller_id = controller_id.to_string();
        let mut event_id = None;
        loop {
            let components = joc.components(session, &controller_id).await.at("controller/components")?;
            let agents = joc.agents(session, &controller_id).await.at("agents")?.agents;
            let active_elsewhere = self.cfg.members.len() > 1 && !joc.is_active(session).await.at("joc/is_active")?;
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
                return Ok(());
            }
            let reread = tokio::time::Instant::now() + self.cfg.reread_every;
            loop {
                let asked = tokio::time::Instant::now();
                let answer = tokio::select! {
                    a = joc.events(session, &controller_id, event_id, self.cfg.events_timeout) => a.at("events")?,
                    _ = tokio::time::sleep_until(reread) => break,
                };
                if let Some(e) = answer.error {
                    return Err(JocError::Refused { code: e.code, message: e.message }).at("events");
                }
                event_id = answer.event_id.or(event_id);
                let news = answer.event_snapshots.unwrap_or_default();
                // Read again after a change that matters, and after JOC held the request
                // without news (heartbeats age without an event); an empty answer that JOC did
                // not hold paces the next request.
                let held = asked.elapsed() >= Duration::from_millis(500);
                if news.iter().any(|e| e.event_type.reloads_components()) {
                    self.history_due.notify_one();
                    break;
                }
                if news.is_empty() && held {
                    break;
                }
                if news.is_empty() {
                    tokio::select! {
                        _ = tokio::time::sleep(Duration::from_secs(1)) => {}
                        _ = tokio::time::sleep_until(reread) => break,
                    }
                }
            }
        }
    }
}

/// Resolves when the feed is to stop: `stop` says so or its sender is gone.
async fn stopped(stop: &mut watch::Receiver<bool>) {
    let _ = stop.wait_for(|s| *s).await;
}

/// Closes a session at JOC, giving up after a few seconds (JOC may be the reason for leaving).
async fn logout_quietly<J: Joc>(joc: &J, session: &JocSession) {
    match tokio::time::timeout(Duration::from_secs(5), joc.logout(session)).await {
        Ok(Ok(())) => {}
        Ok(Err(e)) => tracing::debug!(error = %e, "closing the JOC session failed"),
        Err(_) => tracing::debug!("closing the JOC session timed out"),
    }
}

/// The pause after `failures` failures in a row: 250 ms doubling, capped, with 0.5–1× jitter so
/// that many servers do not retry in step.
fn backoff(failures: u32, max: Duration) -> Duration {
    let base = Duration::from_millis(250).saturating_mul(1 << failures.min(8));
    base.min(max).mul_f64(rand::rng().random_range(0.5..1.0))
}

/// A new epoch: the clock's milliseconds, and always above the last one this process gave.
/// The browser orders snapshots by epoch, then number (`Snapshot::is_newer_than`): a restarted
/// server, or another replica taking over the reading, numbers after what came before.
pub fn epoch_now() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static LAST: AtomicU64 = AtomicU64::new(0);
    let now = u64::try_from(chrono::Utc::now().timestamp_millis()).unwrap_or(0);
    let mut last = LAST.load(Ordering::Relaxed);
    loop {
        let next = now.max(last + 1);
        match LAST.compare_exchange_weak(last, next, Ordering::Relaxed, Ordering::Relaxed) {
            Ok(_) => return next,
            Err(seen) => last = seen,
        }
    }
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

#[cfg(test)]
mod tests;
