//! The timeline: the changes the board saw and the operations made through it, newest first,
//! as the server keeps them (so they outlive a reload), each with the browser's time.

use crate::model::timeline::{Entry, What};
use crate::ui::i18n::use_lang;
use crate::ui::text;
use leptos::prelude::*;

/// How many entries are shown (the server keeps more).
const SHOWN: usize = 12;

#[component]
pub fn Timeline(entries: ReadSignal<Vec<Entry>>) -> impl IntoView {
    let lang = use_lang();
    let shown = move || entries.with(|e| e.iter().take(SHOWN).cloned().collect::<Vec<_>>());
    view! {
        <section class="timeline" aria-labelledby="timeline-title">
            <h2 id="timeline-title">{move || text::ui::recent_changes(lang.get())}</h2>
            <Show
                when=move || entries.with(|e| !e.is_empty())
                fallback=move || view! { <p class="none">{move || text::ui::no_changes(lang.get())}</p> }
            >
                // Focusable: a long timeline scrolls, and keyboards must reach it too.
                <ol aria-live="polite" tabindex="0" aria-labelledby="timeline-title">
                    <For each=shown key=|e| e.id.clone() let:e>
                        <li class=if matches!(e.what, What::Operation { .. }) { "operation" } else { "change" }>
                            <time>{when(e.at)}</time>
                            " "
                            <span>{
                                let what = e.what.clone();
                                move || line(lang.get(), &what)
                            }</span>
                        </li>
                    </For>
                </ol>
            </Show>
        </section>
    }
}

fn line(l: crate::ui::i18n::Lang, what: &What) -> String {
    match what {
        What::Change { change } => text::change(l, change),
        What::Operation { account, operation, comment, ticket, outcome } => {
            text::timeline::operation(l, account, operation, comment.as_deref(), ticket.as_deref(), outcome)
        }
    }
}

/// The entry's time in the browser's time zone: `HH:MM:SS` today, with the day before.
fn when(at: i64) -> String {
    #[cfg(feature = "hydrate")]
    {
        let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(at as f64));
        let today = js_sys::Date::new_0();
        let time = format!("{:02}:{:02}:{:02}", d.get_hours(), d.get_minutes(), d.get_seconds());
        if d.to_date_string() == today.to_date_string() {
            time
        } else {
            format!("{}-{:02}-{:02} {time}", d.get_full_year(), d.get_month() + 1, d.get_date())
        }
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = at;
        String::new()
    }
}
