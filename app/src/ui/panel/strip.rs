//! The 7-day availability strip at the bottom of the Controller's box and of each Agent's:
//! one cell per day in the browser's time zone, coloured by the day's downtime, with the
//! day's hours up, down and unknown as its title, and the share up over the last 7 × 24 h.

use super::PanelData;
use crate::model::availability::{self as av, DAY_MS, DayName, Periods, STRIP_DAYS};
use crate::ui::i18n::use_lang;
use crate::ui::text::availability as words;
use leptos::prelude::*;

const CELL_W: f64 = 14.0;
const CELL_H: f64 = 8.0;
const STEP: f64 = 16.0;
/// Room the strip takes at the bottom of a box.
pub const STRIP_ROOM: f64 = 17.0;

/// What the strip of one Controller or Agent shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Shown {
    pub days: Vec<(av::Day, DayName)>,
    pub pct: Option<f64>,
    /// The range JOC's history covers (for tests reading the drawing).
    pub from: i64,
    pub as_of: i64,
}

/// The strip's days for `periods`, or None without a history of it.
pub fn shown(a: &av::Availability, periods: Option<&Periods>) -> Option<Shown> {
    let p = periods?;
    let (bounds, names) = local_days(a.as_of);
    let days = av::days(p, a.from, a.as_of, &bounds).into_iter().zip(names).collect();
    Some(Shown {
        days,
        pct: av::percent_up(p, a.from, a.as_of, STRIP_DAYS as i64 * DAY_MS),
        from: a.from,
        as_of: a.as_of,
    })
}

/// The bounds of the strip's days (local midnights) and their names: `STRIP_DAYS` days ending
/// with the day of `as_of`, in the browser's time zone (UTC on the server).
fn local_days(as_of: i64) -> (Vec<i64>, Vec<DayName>) {
    #[cfg(feature = "hydrate")]
    {
        let t = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(as_of as f64));
        let (y, m, d) = (t.get_full_year(), t.get_month() as i32, t.get_date() as i32);
        let first = d - (STRIP_DAYS as i32 - 1);
        let at = |k: i32| js_sys::Date::new_with_year_month_day(y, m, first + k);
        let bounds = (0..=STRIP_DAYS as i32).map(|k| at(k).get_time() as i64).collect();
        let names = (0..STRIP_DAYS as i32)
            .map(|k| {
                let day = at(k);
                DayName { weekday: day.get_day() as u8, day: day.get_date() as u8, month: day.get_month() as u8 + 1 }
            })
            .collect();
        (bounds, names)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let bounds = av::utc_bounds(as_of);
        let names = bounds[..STRIP_DAYS].iter().map(|&b| av::utc_day_name(b)).collect();
        (bounds, names)
    }
}

/// The strip, `y` units from the top of its box, with the share up beside it if `share`
/// (where the box is wide enough); nothing without a history.
#[component]
pub(super) fn Strip(
    #[prop(into)] shown: Signal<Option<Shown>>,
    #[prop(into)] y: Signal<f64>,
    #[prop(optional)] share: bool,
) -> impl IntoView {
    let lang = use_lang();
    let day = move |i: usize| shown.with(|s| s.as_ref().and_then(|s| s.days.get(i).copied()));
    view! {
        <Show when=move || shown.with(Option::is_some)>
            <g
                class="strip"
                aria-hidden="true"
                data-from=move || shown.with(|s| s.as_ref().map(|s| s.from))
                data-as-of=move || shown.with(|s| s.as_ref().map(|s| s.as_of))
                transform=move || format!("translate(12,{:.1})", y.get())
            >
                <For each=move || 0..STRIP_DAYS key=|i| *i let:i>
                    <rect
                        class=move || format!("day tone-{}", day(i).map(|(d, _)| d.tone()).unwrap_or(crate::model::colours::Tone::Idle).token())
                        data-up=move || day(i).map(|(d, _)| d.up)
                        data-down=move || day(i).map(|(d, _)| d.down)
                        data-unknown=move || day(i).map(|(d, _)| d.unknown)
                        data-start=move || day(i).map(|(d, _)| d.start)
                        x=i as f64 * STEP
                        width=CELL_W
                        height=CELL_H
                        rx="2"
                    >
                        <title>{move || day(i).map(|(d, n)| words::day_title(lang.get(), n, &d))}</title>
                    </rect>
                </For>
                <Show when=move || share>
                    <text class="strip-share" x=STRIP_DAYS as f64 * STEP + 4.0 y=CELL_H + 2.0>
                        {move || shown.with(|s| s.as_ref().map(|s| words::share(lang.get(), s.pct)))}
                    </text>
                </Show>
            </g>
        </Show>
    }
}

/// The strip of the Controller (`None`) or of an Agent, from the panel's data.
pub(super) fn strip_of(d: PanelData, agent: Signal<Option<String>>) -> ReadSignal<Option<Shown>> {
    crate::ui::hooks::distinct(move || {
        d.availability.with(|a| {
            let a = a.as_ref()?;
            match agent.get() {
                None => shown(a, a.controller.as_ref()),
                Some(id) => shown(a, a.agent(&id)),
            }
        })
    })
}
