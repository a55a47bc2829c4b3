use super::*;
use chrono::Utc;

fn at(s: &str) -> SimTime {
    chrono::DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn row(ready: &str, shutdown: Option<&str>) -> HistoryRow {
    HistoryRow { ready: at(ready), url: "http://c:4444".into(), shutdown: shutdown.map(at) }
}

const H: i64 = 3_600_000;

/// The research's example: a session shut down before the range, a crash, the running one.
#[test]
fn controller_sessions_with_a_crash_and_the_running_one() {
    let rows = [
        row("2025-08-30T08:00:00Z", Some("2025-08-30T09:00:00Z")),
        row("2025-09-01T06:00:00Z", None),
        row("2025-09-01T10:00:00Z", None),
    ];
    let now = at("2025-09-05T10:00:00Z");
    let (from, to) = (at("2025-08-31T22:00:00Z"), at("2025-09-08T00:00:00Z"));
    let all = [ControllerRows { id: "prod", rows: &rows }];
    let answer = controllers(&all, Some("prod"), Some(from), Some(to), now);
    let json = serde_json::to_value(&answer).unwrap();
    assert_eq!(
        json,
        serde_json::json!([{"controllerId": "prod", "url": "http://c:4444",
            "previousEntry": {"totalRunningTime": H, "readyTime": "2025-08-30T08:00:00.000+00:00", "lastKnownTime": "2025-08-30T09:00:00.000+00:00"},
            "entries": [
                {"totalRunningTime": 0, "readyTime": "2025-09-01T06:00:00.000+00:00", "lastKnownTime": "2025-09-01T06:00:00.000+00:00"},
                {"totalRunningTime": 96 * H, "readyTime": "2025-09-01T10:00:00.000+00:00"}]}])
    );
}

/// No session in the range: the previous session of every Controller, whatever was asked.
#[test]
fn controller_without_a_session_in_the_range() {
    let a = [row("2025-08-20T08:00:00Z", None)];
    let b = [row("2025-08-21T08:00:00Z", Some("2025-09-01T00:00:00Z"))];
    let all = [ControllerRows { id: "a", rows: &a }, ControllerRows { id: "b", rows: &b }];
    let now = at("2025-09-02T00:00:00Z");
    let from = at("2025-08-31T00:00:00Z");
    let answer = controllers(&all, Some("a"), Some(from), Some(at("2025-09-03T00:00:00Z")), now);
    assert_eq!(answer.len(), 2, "JOC ignores controllerId here");
    assert_eq!(answer[0].previous_entry.as_ref().unwrap().total_running_time, Some(48 * H));
    assert_eq!(answer[0].previous_entry.as_ref().unwrap().last_known_time, None);
    assert_eq!(answer[1].previous_entry.as_ref().unwrap().total_running_time, Some(24 * H));
    assert!(controllers(&all, None, Some(from), None, now).is_empty(), "no dateTo: nothing");
}

/// The research's Agent example: a session running on into the range until the next start.
#[test]
fn agent_previous_session_continued_by_a_webservice_entry() {
    let rows = [row("2025-08-31T22:00:00Z", None), row("2025-09-03T10:00:00Z", None)];
    let (from, to, now) = (at("2025-09-01T22:00:00Z"), at("2025-09-08T00:00:00Z"), at("2025-09-05T10:00:00Z"));
    let json = serde_json::to_value(agent("agent1", "http://c:4444", &rows, from, to, now)).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"agentId": "agent1", "url": "http://c:4444",
            "previousEntry": {"totalRunningTime": 24 * H, "readyTime": "2025-08-31T22:00:00.000+00:00", "source": {"item": "history", "totalRunningTime": "dateFrom"}},
            "entries": [
                {"totalRunningTime": 36 * H, "readyTime": "2025-09-01T22:00:00.000+00:00", "lastKnownTime": "2025-09-03T10:00:00.000+00:00", "source": {"item": "webservice", "totalRunningTime": "nextReadyTime"}},
                {"totalRunningTime": 84 * H, "readyTime": "2025-09-03T10:00:00.000+00:00", "source": {"item": "history", "totalRunningTime": "now"}}]})
    );
}

/// A session without a shutdown counts until the next start; one shut down ends there.
#[test]
fn agent_sessions_end_at_a_shutdown_or_the_next_start() {
    let rows = [
        row("2025-09-01T01:00:00Z", Some("2025-09-01T02:00:00Z")),
        row("2025-09-01T03:00:00Z", None),
        row("2025-09-01T05:00:00Z", None),
    ];
    let (from, to, now) = (at("2025-09-01T00:00:00Z"), at("2025-09-02T00:00:00Z"), at("2025-09-01T06:00:00Z"));
    let a = agent("a", "u", &rows, from, to, now);
    assert!(a.previous_entry.is_none());
    let totals: Vec<_> = a.entries.iter().map(|e| e.total_running_time.unwrap()).collect();
    assert_eq!(totals, vec![H, 3 * H, 4 * H]);
    let sources: Vec<_> = a.entries.iter().map(|e| e.source.as_ref().unwrap().total_running_time).collect();
    assert_eq!(sources, vec![Some(RunningTimeSource::Shutdown), None, Some(RunningTimeSource::Now)]);
    assert_eq!(a.entries[1].last_known_time.as_deref(), Some("2025-09-01T05:00:00.000+00:00"));
}
