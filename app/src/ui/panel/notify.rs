//! Opt-in browser notifications: a toggle in the panel's header, and once it is on (and the
//! browser allows it) one notification when a part of the watched Controller's drawing turns
//! red or the data goes stale, with what changed. The choice is kept in the browser.

use crate::model::alerts::{Alert, alerts};
use crate::model::feed::Snapshot;
use crate::ui::hooks::FeedState;
use crate::ui::i18n::{Lang, use_lang};
use crate::ui::text;
use leptos::prelude::*;

/// Where the browser keeps the choice.
#[cfg(feature = "hydrate")]
const KEY: &str = "js7-notify";

/// The notification's title and body.
fn words(l: Lang, controller_id: &str, a: &Alert) -> (String, String) {
    match a {
        Alert::Red { subject, changes } => {
            let body = if changes.is_empty() {
                text::ui::notify_red(l).to_string()
            } else {
                changes.iter().map(|c| text::change(l, c)).collect::<Vec<_>>().join("\n")
            };
            (text::ui::notify_title(l, controller_id, &text::subject(l, subject)), body)
        }
        Alert::Stale { message } => (text::ui::notify_stale(l, controller_id), message.clone()),
    }
}

/// The toggle; while on, watches the feed and notifies.
#[component]
pub(super) fn NotifyToggle(feed: FeedState) -> impl IntoView {
    let lang = use_lang();
    let on = RwSignal::new(false);
    let blocked = RwSignal::new(false);
    #[cfg(feature = "hydrate")]
    {
        Effect::new(move |_| on.set(browser::stored() && browser::granted()));
        let last: StoredValue<Option<Snapshot>> = StoredValue::new(None);
        Effect::new(move |_| {
            let Some(next) = feed.snapshot.get() else { return };
            let before = last.get_value();
            last.set_value(Some(next.clone()));
            if !on.get_untracked() {
                return;
            }
            if let Some(before) = before {
                let l = lang.get_untracked();
                for a in alerts(&before, &next) {
                    let (title, body) = words(l, &next.controller_id, &a);
                    browser::show(&title, &body, &a.tag(&next.controller_id));
                }
            }
        });
        // The board itself losing its server is stale too.
        let was_connected = StoredValue::new(false);
        Effect::new(move |_| {
            let connected = feed.connected.get();
            let lost = was_connected.get_value() && !connected;
            was_connected.set_value(connected);
            if lost && on.get_untracked() {
                let l = lang.get_untracked();
                let id =
                    feed.snapshot.with_untracked(|s| s.as_ref().map(|s| s.controller_id.clone()).unwrap_or_default());
                let (title, body) = words(l, &id, &Alert::Stale { message: text::ui::not_connected(l).to_string() });
                browser::show(&title, &body, &format!("js7-status:{id}:stale"));
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ =
        (feed, alerts as fn(&Snapshot, &Snapshot) -> Vec<Alert>, words as fn(Lang, &str, &Alert) -> (String, String));
    let toggle = move |_| {
        let turn_on = !on.get_untracked();
        #[cfg(feature = "hydrate")]
        if turn_on {
            browser::ask(move |granted| {
                blocked.set(!granted);
                on.set(granted);
                browser::store(granted);
            });
        } else {
            browser::store(false);
        }
        if !turn_on {
            on.set(false);
        }
    };
    view! {
        <button type="button" class="notify-toggle" aria-pressed=move || on.get().to_string() on:click=toggle>
            {move || text::ui::notify_toggle(lang.get(), on.get())}
        </button>
        <Show when=move || blocked.get()>
            <span class="notify-blocked" role="status">{move || text::ui::notify_blocked(lang.get())}</span>
        </Show>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::KEY;
    use wasm_bindgen::prelude::*;
    use web_sys::{Notification, NotificationOptions, NotificationPermission};

    pub fn granted() -> bool {
        Notification::permission() == NotificationPermission::Granted
    }

    fn storage() -> Option<web_sys::Storage> {
        web_sys::window()?.local_storage().ok()?
    }

    pub fn stored() -> bool {
        storage().and_then(|s| s.get_item(KEY).ok().flatten()).as_deref() == Some("on")
    }

    pub fn store(on: bool) {
        if let Some(s) = storage() {
            let _ = if on { s.set_item(KEY, "on") } else { s.remove_item(KEY) };
        }
    }

    /// Asks the browser for permission (at once when already granted) and tells `done`.
    pub fn ask(done: impl FnOnce(bool) + 'static) {
        if granted() {
            return done(true);
        }
        let Ok(promise) = Notification::request_permission() else { return done(false) };
        let then = Closure::once(move |v: JsValue| done(v.as_string().as_deref() == Some("granted")));
        let _ = promise.then(&then);
        then.forget();
    }

    pub fn show(title: &str, body: &str, tag: &str) {
        let options = NotificationOptions::new();
        options.set_body(body);
        options.set_tag(tag);
        let _ = Notification::new_with_options(title, &options);
    }
}
