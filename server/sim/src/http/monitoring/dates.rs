//! `dateFrom` and `dateTo` as JOC 2.8.4 reads them for the monitoring calls: always in UTC,
//! whatever `timeZone` says; an ISO time's offset is dropped (its wall time is read as UTC);
//! relative dates (`-8d`, `0d`, `-1w`, `2h`) count from UTC midnight when they name days,
//! weeks, months or years, and a `dateTo` ends with its unit (`0d` is tonight's midnight).

use super::Reply;
use crate::world::SimTime;
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};

/// The schema's pattern (`dateFromTo-schema.json`), quoted in JOC's 420 answers.
pub const PATTERN: &str = r"^([+-]?0|([+-]?[0-9]+[smhdwMy])+|\d{4}-\d{2}-\d{2}(?:T| )\d{2}:\d{2}:\d{2}([,.]\d{1,3})?)(Z|[+-]\d{2}(:?\d{2})?)?$";

/// The value without a trailing UTC offset (`Z`, `+02`, `+0200`, `+02:00`), if it has one.
fn offset_split(s: &str) -> Vec<&str> {
    let mut bodies = vec![s];
    if let Some(b) = s.strip_suffix('Z') {
        bodies.push(b);
    }
    for len in [3, 5, 6] {
        if s.len() > len && s.is_char_boundary(s.len() - len) {
            let (b, off) = s.split_at(s.len() - len);
            let digits: String = off[1..].chars().filter(|c| *c != ':').collect();
            let shape = match len {
                6 => off.as_bytes()[3] == b':',
                _ => !off.contains(':'),
            };
            if (off.starts_with('+') || off.starts_with('-')) && shape && digits.chars().all(|c| c.is_ascii_digit()) {
                bodies.push(b);
            }
        }
    }
    bodies
}

/// Relative parts: `[+-]N unit`, each.
fn relative(s: &str) -> Option<Vec<(i64, char)>> {
    let mut parts = Vec::new();
    let mut rest = s;
    while !rest.is_empty() {
        let sign_len = usize::from(rest.starts_with(['+', '-']));
        let digits = rest[sign_len..].chars().take_while(char::is_ascii_digit).count();
        let unit = rest[sign_len + digits..].chars().next()?;
        if digits == 0 || !"smhdwMy".contains(unit) {
            return None;
        }
        let n: i64 = rest[..sign_len + digits].parse().ok()?;
        parts.push((n, unit));
        rest = &rest[sign_len + digits + 1..];
    }
    (!parts.is_empty()).then_some(parts)
}

fn is_zero(s: &str) -> bool {
    matches!(s, "0" | "+0" | "-0")
}

/// `YYYY-MM-DD[T ]HH:MM:SS` with an optional fraction of 1 to 3 digits after `.` or `,`.
fn iso_shape(s: &str) -> bool {
    let b = s.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let base = b.len() >= 19
        && (0..4).all(digit)
        && b[4] == b'-'
        && digit(5)
        && digit(6)
        && b[7] == b'-'
        && digit(8)
        && digit(9)
        && (b[10] == b'T' || b[10] == b' ')
        && digit(11)
        && digit(12)
        && b[13] == b':'
        && digit(14)
        && digit(15)
        && b[16] == b':'
        && digit(17)
        && digit(18);
    base && (b.len() == 19
        || ((b[19] == b'.' || b[19] == b',') && (2..=4).contains(&(b.len() - 19)) && (20..b.len()).all(digit)))
}

/// Does the value match the schema's pattern?
pub fn matches_schema(s: &str) -> bool {
    offset_split(s).into_iter().any(|b| is_zero(b) || relative(b).is_some() || iso_shape(b))
}

fn midnight(d: NaiveDate) -> SimTime {
    Utc.from_utc_datetime(&d.and_hms_opt(0, 0, 0).expect("midnight"))
}

/// A relative date from `now`, as `JobSchedulerDate` computes it in UTC.
fn resolve(parts: &[(i64, char)], to: bool, now: SimTime) -> SimTime {
    let days_or_more = parts.iter().any(|(_, u)| "dwMy".contains(*u));
    let mut t = now;
    if days_or_more {
        let mut day = now.date_naive();
        for &(n, unit) in parts {
            day = match unit {
                'd' => day + Duration::days(n),
                'w' => {
                    let d = day + Duration::weeks(n);
                    // Java's Calendar: MONDAY (2) − DAY_OF_WEEK (Sunday 1): a Sunday goes forward.
                    let java_dow = i64::from(d.weekday().num_days_from_sunday()) + 1;
                    let monday = d + Duration::days(2 - java_dow);
                    if to { monday + Duration::days(6) } else { monday }
                }
                'M' => {
                    let months = i64::from(day.year()) * 12 + i64::from(day.month0()) + n;
                    let first =
                        NaiveDate::from_ymd_opt(months.div_euclid(12) as i32, months.rem_euclid(12) as u32 + 1, 1)
                            .unwrap_or(day);
                    if to {
                        (first + Duration::days(32)).with_day(1).unwrap_or(first) - Duration::days(1)
                    } else {
                        first
                    }
                }
                'y' => {
                    let y = day.year() + n as i32;
                    let first = NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or(day);
                    if to { NaiveDate::from_ymd_opt(y, 12, 31).unwrap_or(day) } else { first }
                }
                _ => day,
            };
        }
        t = midnight(day);
    }
    for &(n, unit) in parts {
        t += match unit {
            'h' => Duration::hours(n),
            'm' => Duration::minutes(n),
            's' => Duration::seconds(n),
            _ => Duration::zero(),
        };
    }
    // The end of the last day named, and (a quirk) a day later for hours, minutes or seconds.
    if to { t + Duration::days(1) } else { t }
}

/// Reads `dateFrom` (`to` false) or `dateTo`: None when absent; 420 `JOC-405` for the values
/// the schema lets through but JOC cannot read (`0`, a comma before the milliseconds).
pub fn parse(value: Option<&str>, to: bool, now: SimTime) -> Result<Option<SimTime>, Reply> {
    let Some(v) = value.filter(|v| !v.is_empty()) else { return Ok(None) };
    let unreadable = |text: &str| {
        Reply::Invalid(
            "JOC-405",
            format!("ControllerInvalidResponseDataException: Text '{text}Z' could not be parsed at index 0"),
        )
    };
    for body in offset_split(v) {
        if let Some(parts) = relative(body) {
            return Ok(Some(resolve(&parts, to, now)));
        }
        if iso_shape(body) {
            let fmt = if body.len() > 19 { "%Y-%m-%dT%H:%M:%S%.f" } else { "%Y-%m-%dT%H:%M:%S" };
            let normal = body.replacen(' ', "T", 1);
            return NaiveDateTime::parse_from_str(&normal, fmt)
                .map(|t| Some(Utc.from_utc_datetime(&t)))
                .map_err(|_| unreadable(body));
        }
    }
    Err(unreadable(v.trim_end_matches('Z')))
}

#[cfg(test)]
mod tests;
