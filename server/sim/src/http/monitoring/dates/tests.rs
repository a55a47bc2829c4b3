use super::*;

fn now() -> SimTime {
    // A Wednesday, mid-morning.
    Utc.with_ymd_and_hms(2025, 9, 3, 10, 30, 0).unwrap()
}

fn at(s: &str) -> SimTime {
    chrono::DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn from(v: &str) -> SimTime {
    parse(Some(v), false, now()).unwrap().unwrap()
}

fn to(v: &str) -> SimTime {
    parse(Some(v), true, now()).unwrap().unwrap()
}

#[test]
fn the_schema_pattern() {
    for ok in [
        "0",
        "-0",
        "-8d",
        "0d",
        "+1w-2h",
        "2025-09-01T00:00:00",
        "2025-09-01 00:00:00.5Z",
        "2025-09-01T00:00:00.123+02:00",
        "2025-09-01T00:00:00,12-0500",
        "-1dZ",
    ] {
        assert!(matches_schema(ok), "{ok}");
    }
    for bad in ["", "yesterday", "8", "-8x", "2025-09-01", "2025-09-01T00:00", "2025-09-01T00:00:00.1234", "d"] {
        assert!(!matches_schema(bad), "{bad}");
    }
}

#[test]
fn days_count_from_utc_midnight_and_date_to_ends_with_its_day() {
    assert_eq!(from("-8d"), at("2025-08-26T00:00:00Z"));
    assert_eq!(from("0d"), at("2025-09-03T00:00:00Z"));
    assert_eq!(to("0d"), at("2025-09-04T00:00:00Z"), "tonight's midnight");
    assert_eq!(to("-1d"), at("2025-09-03T00:00:00Z"));
    assert_eq!(from("-1w"), at("2025-08-25T00:00:00Z"), "the Monday of last week");
    assert_eq!(to("0w"), at("2025-09-08T00:00:00Z"), "after this week's Sunday");
    assert_eq!(from("0M"), at("2025-09-01T00:00:00Z"));
    assert_eq!(to("0M"), at("2025-10-01T00:00:00Z"));
    assert_eq!(from("-1y"), at("2024-01-01T00:00:00Z"));
    assert_eq!(from("-2h"), at("2025-09-03T08:30:00Z"), "hours count from now");
    assert_eq!(to("-1h"), at("2025-09-04T09:30:00Z"), "JOC adds a day to a dateTo in hours too");
}

#[test]
fn iso_times_lose_their_offset() {
    assert_eq!(from("2025-09-01T00:00:00+02:00"), at("2025-09-01T00:00:00Z"), "wall time read as UTC");
    assert_eq!(from("2025-08-31T22:00:00.000Z"), at("2025-08-31T22:00:00Z"));
    assert_eq!(to("2025-09-01 06:00:00"), at("2025-09-01T06:00:00Z"), "not extended");
    assert_eq!(parse(None, false, now()).unwrap(), None);
}

#[test]
fn what_the_schema_lets_through_but_joc_cannot_read() {
    for v in ["0", "+0", "2025-09-01T00:00:00,123"] {
        match parse(Some(v), false, now()) {
            Err(Reply::Invalid(code, message)) => {
                assert_eq!(code, "JOC-405");
                assert!(message.starts_with("ControllerInvalidResponseDataException: Text '"), "{message}");
            }
            other => panic!("{v}: {other:?}"),
        }
    }
}
