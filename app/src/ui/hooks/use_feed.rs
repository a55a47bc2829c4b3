//! `use_feed`: the live feed of snapshots over Server-Sent Events.
//!
//! The browser's `EventSource` reconnects by itself forever; each `snapshot` event replaces the
//! shown one only if it is newer, so a reconnect can never bring back an older state. The server
//! sends a `beat` every 5 s: when two are missed (a network cut leaves the connection silently
//! open), the feed says it is not connected and opens a new connection. On the server this does
//! nothing and the panel renders its "connecting" state.

use crate::model::feed::Snapshot;
use crate::model::overview::Overview;
use leptos::prelude::*;

/// What a feed carries: numbered states, of which only newer ones replace the shown one.
pub trait Fresh: serde::de::DeserializeOwned + Clone + Send + Sync + 'static {
    fn is_newer_than(&self, shown: &Self) -> bool;
}

impl Fresh for Snapshot {
    fn is_newer_than(&self, shown: &Self) -> bool {
        Snapshot::is_newer_than(self, shown)
    }
}

impl Fresh for Overview {
    fn is_newer_than(&self, shown: &Self) -> bool {
        Overview::is_newer_than(self, shown)
    }
}

/// The feed as the UI sees it.
pub struct FeedState<T: 'static = Snapshot> {
    /// The newest state received.
    pub snapshot: ReadSignal<Option<T>>,
    /// The connection to the server is open.
    pub connected: ReadSignal<bool>,
    /// The server refused the feed for good (the session ended): time to log in again.
    pub closed: ReadSignal<bool>,
    /// What the server's last beat said of itself: empty, or a code (`store-unavailable`).
    pub note: ReadSignal<String>,
    /// The feed's timeline (changes and operations), newest first.
    pub timeline: ReadSignal<Vec<crate::model::timeline::Entry>>,
}

impl<T: 'static> Clone for FeedState<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for FeedState<T> {}

/// Subscribes to the feed at `path` (`/api/feed`, or `/api/feed?controller=ID`) for the
/// lifetime of the calling component.
pub fn use_feed(path: String) -> FeedState {
    use_stream(path)
}

/// Subscribes to the stream of states at `path` (a feed, `/api/overview`) for the lifetime of
/// the calling component.
pub fn use_stream<T: Fresh>(path: String) -> FeedState<T> {
    let (snapshot, set_snapshot) = signal(None::<T>);
    let (connected, set_connected) = signal(false);
    let (closed, set_closed) = signal(false);
    let (note, set_note) = signal(String::new());
    let (timeline, set_timeline) = signal(Vec::new());
    #[cfg(feature = "hydrate")]
    Effect::new(move |prev: Option<()>| {
        if prev.is_none() {
            let sets = browser::Sets {
                snapshot: set_snapshot,
                connected: set_connected,
                closed: set_closed,
                note: set_note,
                timeline: set_timeline,
            };
            browser::subscribe(path.clone(), sets);
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (path, set_snapshot, set_connected, set_closed, set_note, set_timeline);
    FeedState { snapshot, connected, closed, note, timeline }
}

/// Silence after which the connection counts as lost: two missed beats (due 5 s and 10 s after
/// the last thing heard) and 1 s for their delivery. Checked every second, so a cut shows at most
/// 12 s after the last beat.
#[cfg(feature = "hydrate")]
const SILENCE_MS: f64 = 11_000.0;

#[cfg(feature = "hydrate")]
mod browser {
    use super::*;
    use send_wrapper::SendWrapper;
    use std::cell::{Cell, RefCell};
    use std::rc::Rc;
    use wasm_bindgen::{JsCast, closure::Closure};
    use web_sys::{EventSource, MessageEvent};

    type Listeners = (
        Closure<dyn Fn(MessageEvent)>,
        Closure<dyn Fn(MessageEvent)>,
        Closure<dyn Fn(MessageEvent)>,
        Closure<dyn Fn()>,
    );

    /// The open connection and its listeners, replaced on a reconnect.
    #[derive(Default)]
    struct Connection {
        source: Option<EventSource>,
        listeners: Option<Listeners>,
    }

    impl Connection {
        fn close(&mut self) {
            if let Some(s) = self.source.take() {
                s.close();
            }
            self.listeners = None;
        }
    }

    pub fn subscribe<T: Fresh>(path: String, sets: Sets<T>) {
        let set_connected = sets.connected;
        let conn = Rc::new(RefCell::new(Connection::default()));
        let heard = Rc::new(Cell::new(js_sys::Date::now()));
        let path: Rc<str> = Rc::from(path);
        open(&path, &conn, &heard, sets);
        // The watchdog: a silent connection is closed and opened again.
        let watchdog = {
            let conn = conn.clone();
            let heard = heard.clone();
            gloo_timers::callback::Interval::new(1_000, move || {
                let live = conn.borrow().source.as_ref().is_some_and(|s| s.ready_state() != EventSource::CLOSED);
                if live && js_sys::Date::now() - heard.get() > SILENCE_MS {
                    set_connected.set(false);
                    conn.borrow_mut().close();
                    heard.set(js_sys::Date::now());
                    open(&path, &conn, &heard, sets);
                }
            })
        };
        let keep = SendWrapper::new((conn, watchdog));
        on_cleanup(move || {
            let (conn, _) = &*keep;
            conn.borrow_mut().close();
        });
    }

    /// The signals a connection writes.
    pub struct Sets<T: 'static> {
        pub snapshot: WriteSignal<Option<T>>,
        pub connected: WriteSignal<bool>,
        pub closed: WriteSignal<bool>,
        pub note: WriteSignal<String>,
        pub timeline: WriteSignal<Vec<crate::model::timeline::Entry>>,
    }

    impl<T: 'static> Clone for Sets<T> {
        fn clone(&self) -> Self {
            *self
        }
    }

    impl<T: 'static> Copy for Sets<T> {}

    fn open<T: Fresh>(path: &str, conn: &Rc<RefCell<Connection>>, heard: &Rc<Cell<f64>>, sets: Sets<T>) {
        let Sets {
            snapshot: set_snapshot,
            connected: set_connected,
            closed: set_closed,
            note: set_note,
            timeline: set_timeline,
        } = sets;
        let Ok(source) = EventSource::new(path) else {
            return;
        };
        let on_snapshot = {
            let heard = heard.clone();
            Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
                heard.set(js_sys::Date::now());
                let Some(text) = e.data().as_string() else {
                    return;
                };
                let Ok(next) = crate::serverfns::codec::from_json::<T>(&text) else {
                    return;
                };
                set_connected.set(true);
                set_snapshot.update(|shown| {
                    if shown.as_ref().is_none_or(|s| next.is_newer_than(s)) {
                        *shown = Some(next);
                    }
                });
            })
        };
        let on_beat = {
            let heard = heard.clone();
            Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
                heard.set(js_sys::Date::now());
                set_connected.set(true);
                let note = e.data().as_string().unwrap_or_default();
                if set_note.try_update(|n| *n != note).unwrap_or(false) {
                    set_note.set(note);
                }
            })
        };
        let on_timeline = Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
            let Some(text) = e.data().as_string() else {
                return;
            };
            if let Ok(more) = crate::serverfns::codec::from_json::<Vec<crate::model::timeline::Entry>>(&text) {
                set_timeline.update(|shown| *shown = crate::model::timeline::merged(shown, &more));
            }
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
        let _ = source.add_event_listener_with_callback("beat", on_beat.as_ref().unchecked_ref());
        let _ = source.add_event_listener_with_callback("timeline", on_timeline.as_ref().unchecked_ref());
        source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let mut c = conn.borrow_mut();
        c.source = Some(source);
        c.listeners = Some((on_snapshot, on_beat, on_timeline, on_error));
    }
}
