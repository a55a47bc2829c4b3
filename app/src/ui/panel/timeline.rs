//! The timeline: the most recent state changes seen since the panel opened, newest first,
//! each with the browser's time of day.

use crate::model::changes::{Change, snapshot_diff};
use crate::model::feed::Snapshot;
use crate::ui::i18n::use_lang;
use crate::ui::text;
use leptos::prelude::*;

/// How many entries the timeline keeps.
const KEEP: usize = 12;

/// One entry: when it was seen (`HH:MM:SS`, browser time) and what changed.
#[derive(Clone, Debug, PartialEq)]
struct Entry {
    id: u64,
    at: String,
    change: Change,
}

#[component]
pub fn Timeline(snapshot: ReadSignal<Option<Snapshot>>) -> impl IntoView {
    let lang = use_lang();
    let entries = RwSignal::new(Vec::<Entry>::new());
    Effect::new(move |prev: Option<(Option<Snapshot>, u64)>| {
        let now = snapshot.get();
        let (before, mut next_id) = prev.unwrap_or((None, 0));
        if let (Some(a), Some(b)) = (&before, &now) {
            let changes = snapshot_diff(a, b);
            if !changes.is_empty() {
                let at = time_of_day();
                entries.update(|list| {
                    for change in changes {
                        list.insert(0, Entry { id: next_id, at: at.clone(), change });
                        next_id += 1;
                    }
                    list.truncate(KEEP);
                });
            }
        }
        (now, next_id)
    });
    view! {
        <section class="timeline" aria-labelledby="timeline-title">
            <h2 id="timeline-title">{move || text::ui::recent_changes(lang.get())}</h2>
            <Show
                when=move || entries.with(|e| !e.is_empty())
                fallback=move || view! { <p class="none">{move || text::ui::no_changes(lang.get())}</p> }
            >
                <ol aria-live="polite">
                    <For each=move || entries.get() key=|e| e.id let:e>
                        <li>
                            <time>{e.at.clone()}</time>
                            " "
                            <span>{move || text::change(lang.get(), &e.change)}</span>
                        </li>
                    </For>
                </ol>
            </Show>
        </section>
    }
}

/// The browser's time of day, `HH:MM:SS`.
fn time_of_day() -> String {
    #[cfg(feature = "hydrate")]
    {
        let d = js_sys::Date::new_0();
        format!("{:02}:{:02}:{:02}", d.get_hours(), d.get_minutes(), d.get_seconds())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        String::new()
    }
}
