//! `use_feed`: the live feed of snapshots over Server-Sent Events.
//!
//! The browser's `EventSource` reconnects by itself forever; each `snapshot` event replaces the
//! shown one only if it is newer, so a reconnect can never bring back an older state. On the
//! server this does nothing and the panel renders its "connecting" state.

use crate::model::feed::Snapshot;
use leptos::prelude::*;

/// The feed as the UI sees it.
#[derive(Clone, Copy)]
pub struct FeedState {
    /// The newest snapshot received.
    pub snapshot: ReadSignal<Option<Snapshot>>,
    /// The connection to the server is open.
    pub connected: ReadSignal<bool>,
    /// The server refused the feed for good (the session ended): time to log in again.
    pub closed: ReadSignal<bool>,
}

/// Subscribes to `/api/feed` for the lifetime of the calling component.
pub fn use_feed() -> FeedState {
    let (snapshot, set_snapshot) = signal(None::<Snapshot>);
    let (connected, set_connected) = signal(false);
    let (closed, set_closed) = signal(false);
    #[cfg(feature = "hydrate")]
    Effect::new(move |prev: Option<()>| {
        if prev.is_none() {
            browser::subscribe(set_snapshot, set_connected, set_closed);
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (set_snapshot, set_connected, set_closed);
    FeedState { snapshot, connected, closed }
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::*;
    use send_wrapper::SendWrapper;
    use wasm_bindgen::{JsCast, closure::Closure};
    use web_sys::{EventSource, MessageEvent};

    pub fn subscribe(
        set_snapshot: WriteSignal<Option<Snapshot>>,
        set_connected: WriteSignal<bool>,
        set_closed: WriteSignal<bool>,
    ) {
        let Ok(source) = EventSource::new("/api/feed") else {
            return;
        };
        let on_snapshot = Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
            let Some(text) = e.data().as_string() else {
                return;
            };
            let Ok(next) = serde_json::from_str::<Snapshot>(&text) else {
                return;
            };
            set_connected.set(true);
            set_snapshot.update(|shown| {
                if shown.as_ref().is_none_or(|s| next.is_newer_than(s)) {
                    *shown = Some(next);
                }
            });
        });
        // The browser retries by itself after a dropped connection; it gives up (CLOSED) only
        // when the server refuses the feed.
        let watched = source.clone();
        let on_error = Closure::<dyn Fn()>::new(move || {
            set_connected.set(false);
            if watched.ready_state() == EventSource::CLOSED {
                set_closed.set(true);
            }
        });
        let _ = source.add_event_listener_with_callback("snapshot", on_snapshot.as_ref().unchecked_ref());
        source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let keep = SendWrapper::new((source, on_snapshot, on_error));
        on_cleanup(move || {
            let (source, _, _) = &*keep;
            source.close();
        });
    }
}
