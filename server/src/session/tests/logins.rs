//! Logging in and out: failed and abandoned logins close what JOC opened, the login limit
//! holds under parallel attempts and against strangers, sessions are bounded and swept, and
//! logging out does not wait for JOC.

use super::*;

/// A login that fails after JOC opened sessions (the permissions cannot be read) closes them.
#[tokio::test]
async fn a_failed_login_closes_the_joc_sessions_it_opened() {
    let jocs = members();
    let g = gateway(&jocs, Options::default());
    jocs[0].with(|s| s.fault = Some(JocError::Status(502)));
    jocs[1].with(|s| s.fault = Some(JocError::Status(502)));
    assert!(g.open("root", "pw", None).await.is_err());
    tokio::time::sleep(Duration::from_millis(50)).await;
    for j in &jocs {
        assert_eq!(j.with(|s| (s.logins, s.logouts)), (1, 1), "{}", j.base());
    }
    assert_eq!(g.session_count(), 0);
}

/// A login abandoned midway (the browser went away) closes what JOC had opened so far.
#[tokio::test]
async fn an_abandoned_login_closes_the_joc_sessions_it_opened() {
    let jocs = members();
    jocs[1].with(|s| s.login_delay = Duration::from_secs(10));
    let g = gateway(&jocs, Options::default());
    let abandoned = tokio::time::timeout(Duration::from_millis(200), g.open("root", "pw", None)).await;
    assert!(abandoned.is_err());
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(jocs[0].with(|s| (s.logins, s.logouts)), (1, 1));
    assert_eq!(g.session_count(), 0);
}

/// Sessions are bounded per account and in all; the oldest goes, logged out at JOC.
#[tokio::test]
async fn sessions_are_bounded_per_account_and_in_all() {
    let jocs = vec![ScriptedJoc::at(A)];
    jocs[0].with(|s| s.login_delay = Duration::ZERO);
    let options = Options { limits: SessionLimits { per_account: 3, total: 5 }, ..Options::default() };
    let g = gateway(&jocs, options);
    let first = g.open("root", "pw", None).await.unwrap();
    for _ in 0..4 {
        g.open("root", "pw", None).await.unwrap();
    }
    assert_eq!(g.session_count(), 3);
    assert!(eventually(|| jocs[0].with(|s| s.logouts) == 2).await, "the two oldest were logged out at JOC");
    assert!(!g.sessions.lock().contains_key(&first), "the oldest went first");
    for account in ["a", "b", "c"] {
        g.open(account, "pw", None).await.unwrap();
    }
    assert_eq!(g.session_count(), 5);
}

/// Idle sessions are swept and logged out at JOC.
#[tokio::test]
async fn idle_sessions_are_swept() {
    let jocs = vec![ScriptedJoc::at(A)];
    jocs[0].with(|s| s.session_timeout = Some(Duration::from_millis(100)));
    let g = gateway(&jocs, Options::default());
    g.open("root", "pw", None).await.unwrap();
    assert_eq!(g.sweep().await, 0, "not idle yet");
    tokio::time::sleep(Duration::from_millis(150)).await;
    assert_eq!(g.sweep().await, 1);
    assert_eq!(g.session_count(), 0);
    assert_eq!(jocs[0].with(|s| s.logouts), 1);
}

/// Parallel wrong passwords: exactly the limit reaches JOC, the rest are refused before it.
#[tokio::test]
async fn parallel_failed_logins_stop_at_the_limit() {
    let jocs = vec![ScriptedJoc::at(A)];
    jocs[0].with(|s| {
        s.login_fault = Some(JocError::Unauthenticated);
        s.login_delay = Duration::from_millis(100);
    });
    let g = gateway(&jocs, Options::default());
    let client = ClientAddr::Ip([192, 0, 2, 1].into());
    let tries = (0..25).map(|_| g.open("root", "wrong", Some(client.clone())));
    let codes: Vec<ErrorCode> =
        futures::future::join_all(tries).await.into_iter().map(|r| r.unwrap_err().code).collect();
    assert_eq!(codes.iter().filter(|c| **c == ErrorCode::Unauthenticated).count(), 10, "{codes:?}");
    assert_eq!(codes.iter().filter(|c| **c == ErrorCode::TooManyLogins).count(), 15);
    assert_eq!(jocs[0].with(|s| s.logins), 10, "JOC was asked ten times");
}

/// Failed logins from many addresses limit the account, but not for an address that logged
/// in to it lately: strangers cannot lock the account's own users out.
#[tokio::test]
async fn strangers_cannot_lock_out_a_known_client() {
    let jocs = vec![ScriptedJoc::at(A)];
    let g = gateway(&jocs, Options::default());
    let mine = ClientAddr::Ip([198, 51, 100, 7].into());
    g.open("root", "pw", Some(mine.clone())).await.expect("logged in");
    jocs[0].with(|s| s.login_fault = Some(JocError::Unauthenticated));
    for i in 0..100u8 {
        let stranger = ClientAddr::Ip([192, 0, 2, i].into());
        assert_eq!(g.open("root", "wrong", Some(stranger)).await.unwrap_err().code, ErrorCode::Unauthenticated);
    }
    let next = ClientAddr::Ip([192, 0, 2, 200].into());
    assert_eq!(g.open("root", "wrong", Some(next)).await.unwrap_err().code, ErrorCode::TooManyLogins);
    jocs[0].with(|s| s.login_fault = None);
    assert!(g.open("root", "pw", Some(mine)).await.is_ok(), "the known client logs in");
    assert_eq!(jocs[0].with(|s| s.logins), 102);
}

/// Logging out does not wait for JOC: the session ends at once, JOC's in the background.
#[tokio::test]
async fn logging_out_does_not_wait_for_joc() {
    let jocs = members();
    for j in &jocs {
        j.with(|s| s.logout_delay = Duration::from_millis(300));
    }
    let g = gateway(&jocs, Options::default());
    let sid = g.open("root", "pw", None).await.unwrap();
    tokio::time::timeout(Duration::from_millis(100), g.log_out(&sid)).await.expect("answered before JOC");
    assert_eq!(g.session_count(), 0);
    assert!(g.current(&sid).await.is_err());
    for j in &jocs {
        assert!(eventually(|| j.with(|s| s.logouts) == 1).await, "{} logged out in the background", j.base());
    }
}
