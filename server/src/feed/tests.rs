//! The feed loop against a scripted JOC: staleness, ordering, re-login, backoff.

use super::*;
use crate::joc::scripted::ScriptedJoc;
use app::model::errors::ErrorCode;

fn start(joc: &ScriptedJoc) -> watch::Receiver<Snapshot> {
    start_with(joc, Duration::from_secs(30))
}

fn start_with(joc: &ScriptedJoc, reread_every: Duration) -> watch::Receiver<Snapshot> {
    let (feed, rx) = Feed::new(FeedConfig {
        members: vec![joc.clone()],
        account: "monitor".into(),
        password: crate::config::Secret::new("secret"),
        controller_id: None,
        events_timeout: Duration::from_secs(187),
        reread_every,
        max_backoff: Duration::from_millis(100),
        timeline: None,
    });
    tokio::spawn(feed.run());
    rx
}

/// Waits (at most 5 s) for a snapshot that satisfies `f`, checking that every snapshot seen on
/// the way is newer than the one before.
async fn until(rx: &mut watch::Receiver<Snapshot>, seen: &mut Vec<u64>, f: impl Fn(&Snapshot) -> bool) -> Snapshot {
    tokio::time::timeout(Duration::from_secs(5), async {
        loop {
            let s = rx.borrow_and_update().clone();
            if let Some(&last) = seen.last() {
                assert!(s.seq >= last, "seq {} after {last}", s.seq);
            }
            if seen.last() != Some(&s.seq) {
                seen.push(s.seq);
            }
            if f(&s) {
                return s;
            }
            rx.changed().await.expect("the feed runs");
        }
    })
    .await
    .expect("the awaited snapshot came")
}

#[tokio::test]
async fn stale_since_the_first_failure_and_fresh_again_after_recovery() {
    let joc = ScriptedJoc::default();
    let mut rx = start(&joc);
    let mut seen = Vec::new();
    let first = until(&mut rx, &mut seen, |s| s.components.is_some()).await;
    assert_eq!(first.controller_id, "controller", "JOC's selected Controller ID");
    assert_eq!(first.joc_url.as_deref(), Some("http://joc.test:4446"));

    joc.with(|s| s.fault = Some(JocError::Status(502)));
    let stale = until(&mut rx, &mut seen, |s| s.stale.is_some()).await;
    let since = stale.stale.clone().unwrap().since;
    assert_eq!(stale.stale.as_ref().unwrap().code, ErrorCode::BadStatus);
    assert!(stale.stale.as_ref().unwrap().endpoint.is_some(), "the failed call is named");
    assert_eq!(stale.components, first.components, "the last data stays, marked stale");
    // Further failures keep the first failure's time.
    let later = until(&mut rx, &mut seen, |s| s.seq > stale.seq + 2).await;
    assert_eq!(later.stale.unwrap().since, since);

    joc.with(|s| s.fault = None);
    let fresh = until(&mut rx, &mut seen, |s| s.stale.is_none()).await;
    assert!(fresh.components.is_some() && fresh.read_at > first.read_at);
    assert!(seen.windows(2).all(|w| w[0] < w[1]), "every snapshot newer than the last: {seen:?}");
}

#[tokio::test]
async fn an_ended_joc_session_is_opened_again_without_going_stale() {
    let joc = ScriptedJoc::default();
    let mut rx = start(&joc);
    until(&mut rx, &mut Vec::new(), |s| s.components.is_some()).await;
    let calls = joc.with(|s| s.components_calls);
    joc.with(|s| s.expire_once = true);
    tokio::time::timeout(Duration::from_secs(5), async {
        while joc.with(|s| s.components_calls) < calls + 3 {
            assert!(rx.borrow().stale.is_none(), "went stale on a session that could be opened again");
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    })
    .await
    .expect("the feed went on reading");
    assert_eq!(joc.with(|s| s.logins), 2, "one new login");
}

#[tokio::test]
async fn a_refused_login_goes_stale_and_is_retried_with_backoff() {
    let joc = ScriptedJoc::default();
    joc.with(|s| s.login_fault = Some(JocError::Unauthenticated));
    let mut rx = start(&joc);
    let mut seen = Vec::new();
    let stale = until(&mut rx, &mut seen, |s| s.stale.is_some()).await;
    assert_eq!(stale.stale.unwrap().code, ErrorCode::Unauthenticated);
    tokio::time::sleep(Duration::from_millis(600)).await;
    let tries = joc.with(|s| s.logins);
    // Retried, but paced: each try waits 50–100 ms here (the cap), never a tight loop.
    assert!((2..=30).contains(&tries), "{tries} logins in 0.6 s");
    joc.with(|s| s.login_fault = None);
    until(&mut rx, &mut seen, |s| s.stale.is_none() && s.components.is_some()).await;
}

/// A failed read closes the JOC session it leaves: however many failures, never more than
/// one session open at JOC, and no login loop (logins paced by the backoff).
#[tokio::test]
async fn a_failed_read_closes_the_session_it_leaves() {
    let joc = ScriptedJoc::default();
    let mut rx = start(&joc);
    let mut seen = Vec::new();
    until(&mut rx, &mut seen, |s| s.components.is_some()).await;
    joc.with(|s| s.fault = Some(JocError::Status(502)));
    let stale = until(&mut rx, &mut seen, |s| s.stale.is_some()).await;
    until(&mut rx, &mut seen, |s| s.seq > stale.seq + 3).await;
    let (logins, logouts) = joc.with(|s| (s.logins, s.logouts));
    assert!(logins >= 4, "it tried again: {logins}");
    assert!(logins - logouts <= 1, "{logins} logins, {logouts} logouts: sessions left open at JOC");
}

/// The session is touched on a clock (a third of JOC's idle timeout) while JOC keeps
/// reporting events, and the long-poll gets the time limit JOC's longest hold needs.
#[tokio::test]
async fn touches_run_on_a_clock_whatever_the_events() {
    let joc = ScriptedJoc::default();
    joc.with(|s| s.session_timeout = Some(Duration::from_millis(300)));
    let mut rx = start(&joc);
    until(&mut rx, &mut Vec::new(), |s| s.components.is_some()).await;
    tokio::time::sleep(Duration::from_millis(1050)).await;
    let touches = joc.with(|s| s.touches);
    assert!((6..=12).contains(&touches), "{touches} touches in about 1 s, one due every 100 ms");
    assert_eq!(joc.with(|s| s.events_limit), Some(Duration::from_secs(187)));
}

/// A quiet JOC (no events) is read again every `reread_every`, so that heartbeats ageing
/// shows without an event.
#[tokio::test]
async fn a_quiet_joc_is_read_again_on_a_clock() {
    let joc = ScriptedJoc::default();
    joc.with(|s| s.quiet = true);
    let mut rx = start_with(&joc, Duration::from_millis(300));
    until(&mut rx, &mut Vec::new(), |s| s.components.is_some()).await;
    let before = joc.with(|s| s.components_calls);
    tokio::time::sleep(Duration::from_millis(1000)).await;
    let reads = joc.with(|s| s.components_calls) - before;
    assert!((2..=5).contains(&reads), "{reads} reads in 1 s with a re-read every 300 ms");
}

/// No Controller registered (`controller/ids` without `selected`): stale, saying so and
/// naming the call, and found again once one is registered.
#[tokio::test]
async fn no_registered_controller_is_said_as_such() {
    let joc = ScriptedJoc::default();
    joc.with(|s| s.no_controller = true);
    let mut rx = start(&joc);
    let mut seen = Vec::new();
    let stale = until(&mut rx, &mut seen, |s| s.stale.is_some()).await.stale.unwrap();
    assert_eq!((stale.code, stale.endpoint.as_deref()), (ErrorCode::NoController, Some("controller/ids")));
    joc.with(|s| s.no_controller = false);
    until(&mut rx, &mut seen, |s| s.stale.is_none() && s.components.is_some()).await;
}

#[test]
fn backoff_doubles_up_to_the_cap_with_jitter() {
    let cap = Duration::from_secs(30);
    for failures in 0..20 {
        let full = Duration::from_millis(250).saturating_mul(1 << failures.min(8)).min(cap);
        let d = backoff(failures, cap);
        assert!(d >= full / 2 && d <= full, "{failures}: {d:?} of {full:?}");
    }
    assert!(backoff(30, cap) <= cap);
}

/// A JOC that answers `events` at once and empty (it does not hold the long-poll) is asked
/// about once a second, never in a tight loop.
#[tokio::test]
async fn an_events_answer_that_comes_at_once_and_empty_is_paced() {
    let joc = ScriptedJoc::default();
    joc.with(|s| s.events_at_once = true);
    let mut rx = start(&joc);
    until(&mut rx, &mut Vec::new(), |s| s.components.is_some()).await;
    let before = joc.with(|s| s.events_calls);
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let calls = joc.with(|s| s.events_calls) - before;
    assert!((1..=4).contains(&calls), "{calls} events requests in 2 s");
}

/// A failed `agents` read is stale, never an empty Agents row published as fresh.
#[tokio::test]
async fn a_failed_agents_read_is_stale_not_empty() {
    let joc = ScriptedJoc::default();
    let mut rx = start(&joc);
    let mut seen = Vec::new();
    until(&mut rx, &mut seen, |s| s.components.is_some()).await;
    joc.with(|s| s.agents_fault = Some(JocError::Status(502)));
    joc.with(|s| s.expire_once = true);
    let stale = until(&mut rx, &mut seen, |s| s.stale.is_some()).await;
    assert_eq!(stale.stale.unwrap().endpoint.as_deref(), Some("agents"));
}

#[tokio::test]
async fn the_availability_history_comes_with_the_status_and_a_failure_to_read_it_is_no_staleness() {
    let joc = ScriptedJoc::default();
    joc.with(|s| {
        s.controllers_history = serde_json::from_value(serde_json::json!({
            "deliveryDate": "2025-09-05T10:00:00.000+00:00",
            "controllers": [{"controllerId": "controller", "entries": [{"totalRunningTime": 1, "readyTime": "2025-09-01T00:00:00.000+00:00"}]}]
        }))
        .unwrap();
    });
    let mut rx = start(&joc);
    let mut seen = Vec::new();
    let s = until(&mut rx, &mut seen, |s| s.availability.is_some()).await;
    let a = s.availability.unwrap();
    let t = |s: &str| availability::millis(s).unwrap();
    assert_eq!((a.as_of, a.from), (t("2025-09-05T10:00:00Z"), t("2025-08-28T00:00:00Z")), "JOC's midnight 8 days back");
    let c = a.controller.expect("the Controller's history");
    assert_eq!(c.up, vec![[t("2025-09-01T00:00:00Z"), a.as_of]]);
    assert_eq!(c.unknown, vec![[a.from, t("2025-09-01T00:00:00Z")]], "no history before: unknown, not down");

    // A failure keeps the history read before and says why, and the status stays live.
    joc.with(|s| s.history_fault = Some(JocError::Status(403)));
    let failed = tokio::time::timeout(Duration::from_secs(30), async {
        loop {
            let s = rx.borrow_and_update().clone();
            if s.availability.as_ref().is_some_and(|a| a.problem.is_some()) {
                return s;
            }
            rx.changed().await.unwrap();
        }
    })
    .await
    .expect("the failure is shown");
    assert!(failed.stale.is_none());
    let a = failed.availability.unwrap();
    assert_eq!(a.controller, Some(c), "the history read before stays");
    assert!(joc.with(|s| s.history_calls) >= 2);
}
