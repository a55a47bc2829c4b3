//! JOC's answers as JOC 2.8.4 builds them (`docs/availability.md`), turned into periods.

use super::*;
use app::model::joc::{AgentsHistory, ControllersHistory};

const H: i64 = 3_600_000;

fn t(s: &str) -> i64 {
    millis(s).unwrap()
}

#[test]
fn joc_timestamps_with_offset_or_z() {
    assert_eq!(millis("2025-09-01T00:00:00.000+00:00"), Some(1_756_684_800_000));
    assert_eq!(millis("2025-09-01T00:00:00Z"), Some(1_756_684_800_000));
    assert_eq!(millis("yesterday"), None);
}

#[test]
fn the_request_uses_dates_relative_to_jocs_clock() {
    let f = serde_json::to_value(filter("controller")).unwrap();
    assert_eq!(f, serde_json::json!({"controllerId": "controller", "dateFrom": "-8d", "dateTo": "0d"}));
}

/// A previous session that shut down inside the range, a crash, and the running session.
#[test]
fn controller_shutdown_crash_and_running() {
    let answer: ControllersHistory = serde_json::from_str(
        r#"{"deliveryDate":"2025-09-05T10:00:00.123+00:00","controllers":[
        {"controllerId":"prod","url":"http://ctl:4444",
         "previousEntry":{"totalRunningTime":3600000,"readyTime":"2025-08-30T08:00:00.000+00:00","lastKnownTime":"2025-08-31T23:00:00.000+00:00"},
         "entries":[{"totalRunningTime":0,"readyTime":"2025-09-01T06:00:00.000+00:00","lastKnownTime":"2025-09-01T06:00:00.000+00:00"},
                    {"totalRunningTime":345600000,"readyTime":"2025-09-01T10:00:00.000+00:00"}]}]}"#,
    )
    .unwrap();
    let from = t("2025-08-31T22:00:00.000Z");
    let as_of = t(&answer.delivery_date);
    let p = controller_periods(&answer.controllers[0], from, as_of);
    assert_eq!(p.up, vec![[from, t("2025-08-31T23:00:00Z")], [t("2025-09-01T10:00:00Z"), as_of]]);
    assert_eq!(p.unknown, vec![[t("2025-09-01T06:00:00Z"), t("2025-09-01T10:00:00Z")]], "no shutdown recorded");
    assert!(!p.is_up_at(t("2025-09-01T03:00:00Z")), "down between the shutdown and the next start");
}

/// No session in the range: JOC answers the previous one only; without `lastKnownTime` it runs on.
#[test]
fn controller_running_through_the_range() {
    let c: ControllerHistory = serde_json::from_str(
        r#"{"controllerId":"prod","url":"http://ctl:4444","previousEntry":{"totalRunningTime":300000000,"readyTime":"2025-08-20T08:00:00.000+00:00"},"entries":[]}"#,
    )
    .unwrap();
    let (from, as_of) = (t("2025-08-31T00:00:00Z"), t("2025-09-05T10:00:00Z"));
    let p = controller_periods(&c, from, as_of);
    assert_eq!(p.up, vec![[from, as_of]]);
    assert!(p.unknown.is_empty());
}

/// No history before the first session: that time is unknown, not down.
#[test]
fn controller_without_earlier_history() {
    let c: ControllerHistory = serde_json::from_str(
        r#"{"controllerId":"prod","entries":[{"totalRunningTime":1,"readyTime":"2025-09-03T00:00:00.000+00:00"}]}"#,
    )
    .unwrap();
    let (from, as_of) = (t("2025-08-31T00:00:00Z"), t("2025-09-05T00:00:00Z"));
    let p = controller_periods(&c, from, as_of);
    assert_eq!(p.unknown, vec![[from, t("2025-09-03T00:00:00Z")]]);
    assert_eq!(p.up, vec![[t("2025-09-03T00:00:00Z"), as_of]]);
}

/// The research's Agent answer: the previous session runs on into the range (`webservice`
/// entry up to the next start, no shutdown: unknown), then a running session.
#[test]
fn agent_continuing_session_then_running() {
    let answer: AgentsHistory = serde_json::from_str(
        r#"{"deliveryDate":"2025-09-05T10:00:00.123+00:00","controllers":[{"controllerId":"prod","agents":[
        {"agentId":"agent1","url":"http://agent1:4445",
         "previousEntry":{"totalRunningTime":86400000,"readyTime":"2025-08-31T22:00:00.000+00:00","source":{"item":"history","totalRunningTime":"dateFrom"}},
         "entries":[{"totalRunningTime":129600000,"readyTime":"2025-09-01T22:00:00.000+00:00","lastKnownTime":"2025-09-03T10:00:00.000+00:00","source":{"item":"webservice","totalRunningTime":"nextReadyTime"}},
                    {"totalRunningTime":302400000,"readyTime":"2025-09-03T10:00:00.000+00:00","source":{"item":"history","totalRunningTime":"now"}}]}]}]}"#,
    )
    .unwrap();
    let from = t("2025-09-01T22:00:00Z");
    let as_of = t(&answer.delivery_date);
    let p = agent_periods(&answer.controllers[0].agents[0], from, as_of);
    assert_eq!(p.unknown, vec![[from, t("2025-09-03T10:00:00Z")]]);
    assert_eq!(p.up, vec![[t("2025-09-03T10:00:00Z"), as_of]]);
}

/// Shut down and started again: down in between; a shutdown before the range ends the
/// previous session there.
#[test]
fn agent_shutdown_and_restart() {
    let a: AgentHistory = serde_json::from_str(
        r#"{"agentId":"a","url":"http://a:4445",
         "previousEntry":{"totalRunningTime":7200000,"readyTime":"2025-08-31T20:00:00.000+00:00","lastKnownTime":"2025-08-31T22:00:00.000+00:00","source":{"item":"history","totalRunningTime":"shutdown"}},
         "entries":[{"totalRunningTime":3600000,"readyTime":"2025-09-01T02:00:00.000+00:00","lastKnownTime":"2025-09-01T03:00:00.000+00:00","source":{"item":"history","totalRunningTime":"shutdown"}},
                    {"totalRunningTime":7200000,"readyTime":"2025-09-01T04:00:00.000+00:00","source":{"item":"history","totalRunningTime":"now"}}]}"#,
    )
    .unwrap();
    let (from, as_of) = (t("2025-09-01T00:00:00Z"), t("2025-09-01T05:00:00Z"));
    let p = agent_periods(&a, from, as_of);
    assert_eq!(p.up, vec![[from + 2 * H, from + 3 * H], [from + 4 * H, as_of]]);
    assert!(p.unknown.is_empty());
    let d = app::model::availability::days(&p, from, as_of, &[from, from + 24 * H]);
    assert_eq!((d[0].up, d[0].down), (2 * H, 3 * H));
}

/// An Agent JOC has no history of (`inventory`): its time is unknown, though JOC counts it up.
#[test]
fn agent_known_from_the_inventory_only() {
    let a: AgentHistory = serde_json::from_str(
        r#"{"agentId":"a","url":"http://a:4445","entries":[{"totalRunningTime":3600000,"readyTime":"2025-09-01T01:00:00.000+00:00","source":{"item":"inventory","totalRunningTime":"now"}}]}"#,
    )
    .unwrap();
    let (from, as_of) = (t("2025-09-01T00:00:00Z"), t("2025-09-01T02:00:00Z"));
    let p = agent_periods(&a, from, as_of);
    assert!(p.up.is_empty());
    assert_eq!(p.unknown, vec![[from, as_of]]);
}
