//! The words of the availability history: the strip's day titles and the 7-day share.

use super::{Lang, fill};
use crate::model::availability::{Day, DayName, percent_text};

/// A number with one decimal, with the language's decimal mark.
fn decimal(l: Lang, text: String) -> String {
    if l == Lang::En { text } else { text.replace('.', ",") }
}

fn hours(l: Lang, ms: i64) -> String {
    decimal(l, format!("{:.1}", ms as f64 / 3_600_000.0))
}

/// `Tue 2 Dec`, `mar. 2 déc.`, `Di 2. Dez.`.
pub fn day_name(l: Lang, d: DayName) -> String {
    let w = usize::from(d.weekday % 7);
    let m = usize::from(d.month.clamp(1, 12) - 1);
    match l {
        Lang::En => {
            let wd = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][w];
            let mo = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][m];
            format!("{wd} {} {mo}", d.day)
        }
        Lang::Fr => {
            let wd = ["dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."][w];
            let mo =
                ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."][m];
            format!("{wd} {} {mo}", d.day)
        }
        Lang::De => {
            let wd = ["So", "Mo", "Di", "Mi", "Do", "Fr", "Sa"][w];
            let mo = ["Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sep.", "Okt.", "Nov.", "Dez."][m];
            format!("{wd} {}. {mo}", d.day)
        }
    }
}

/// A day cell's title: `Tue 2 Dec: up 23.5 h, down 0.5 h, unknown 0.0 h` (parts that are
/// zero left out), or that nothing is known of the day.
pub fn day_title(l: Lang, name: DayName, d: &Day) -> String {
    let mut parts = Vec::new();
    for (ms, word) in [
        (d.up, l.pick("up", "en service", "in Betrieb")),
        (d.down, l.pick("down", "arrêté", "ausgefallen")),
        (d.unknown, l.pick("unknown", "inconnu", "unbekannt")),
    ] {
        if ms > 0 {
            parts.push(format!("{word} {} h", hours(l, ms)));
        }
    }
    let what = if parts.is_empty() {
        l.pick("no history", "pas d'historique", "keine Historie").to_string()
    } else {
        parts.join(", ")
    };
    fill(l.pick("{}: {}", "{} : {}", "{}: {}"), &[&day_name(l, name), &what])
}

/// The share shown beside the strip: `99.2 %`, or a dash when nothing is known.
pub fn share(l: Lang, pct: Option<f64>) -> String {
    pct.map_or("–".into(), |p| format!("{} %", decimal(l, percent_text(p))))
}

/// The sentence of the hover details and of the accessible label.
pub fn last_days(l: Lang, pct: Option<f64>) -> String {
    match pct {
        Some(p) => fill(
            l.pick("Last 7 days: {} up", "7 derniers jours : {} en service", "Letzte 7 Tage: {} in Betrieb"),
            &[&share(l, Some(p))],
        ),
        None => l
            .pick("Last 7 days: no history", "7 derniers jours : pas d'historique", "Letzte 7 Tage: keine Historie")
            .into(),
    }
}

/// Why the availability history could not be read.
pub fn problem(l: Lang, why: &str) -> String {
    fill(l.pick("Availability history: {}", "Historique de disponibilité : {}", "Verfügbarkeitshistorie: {}"), &[why])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_in_each_language() {
        let name = DayName { weekday: 2, day: 2, month: 12 };
        let d = Day { start: 0, end: 0, up: 23 * 3_600_000 + 1_800_000, down: 1_800_000, unknown: 0 };
        assert_eq!(day_title(Lang::En, name, &d), "Tue 2 Dec: up 23.5 h, down 0.5 h");
        assert_eq!(day_title(Lang::Fr, name, &d), "mar. 2 déc. : en service 23,5 h, arrêté 0,5 h");
        assert_eq!(day_title(Lang::De, name, &d), "Di 2. Dez.: in Betrieb 23,5 h, ausgefallen 0,5 h");
        let nothing = Day { up: 0, down: 0, ..d };
        assert_eq!(day_title(Lang::En, name, &nothing), "Tue 2 Dec: no history");
        assert_eq!(last_days(Lang::Fr, Some(99.25)), "7 derniers jours : 99,2 % en service");
        assert_eq!(share(Lang::En, None), "–");
    }
}
