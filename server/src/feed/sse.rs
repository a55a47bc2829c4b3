//! The feed over Server-Sent Events: each snapshot as one `snapshot` event, newest first for a
//! new subscriber, and a `beat` event every `check` interval. The beats keep proxies from closing
//! the connection and let the browser notice a connection that went silent (a cut network sends
//! no reset): two missed beats and it says so and reconnects. The stream ends within seconds of
//! its session ending (logout, expiry), so the browser learns it must log in again.

use app::model::feed::Snapshot;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures::{Stream, StreamExt};
use std::convert::Infallible;
use std::time::Duration;
use tokio::sync::watch;
use tokio_stream::wrappers::WatchStream;

/// The SSE stream of a feed. `WatchStream` yields the current snapshot first, then only the
/// newest one each time the browser is ready: a slow browser skips states, never queues them.
/// `alive` is asked on every snapshot and every beat (each `check` interval); the stream ends
/// when it says no.
pub fn stream(
    rx: watch::Receiver<Snapshot>,
    alive: impl Fn() -> bool + Send + 'static,
    check: Duration,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let snapshots = WatchStream::new(rx).map(|s| {
        let data = serde_json::to_string(&s).unwrap_or_else(|_| "{}".into());
        Some(Event::default().event("snapshot").id(s.seq.to_string()).data(data))
    });
    let ticks = futures::stream::unfold((), move |()| async move {
        tokio::time::sleep(check).await;
        Some((Some(Event::default().event("beat").data("")), ()))
    });
    let events = futures::stream::select(snapshots, ticks)
        .take_while(move |_| std::future::ready(alive()))
        .filter_map(|e| std::future::ready(e.map(Ok)));
    Sse::new(events).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)).text("keep-alive"))
}
