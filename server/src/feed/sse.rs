//! The feed over Server-Sent Events: each snapshot as one `snapshot` event, newest first for a
//! new subscriber, with keep-alive comments so proxies keep the connection open.

use app::model::feed::Snapshot;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures::{Stream, StreamExt};
use std::convert::Infallible;
use std::time::Duration;
use tokio::sync::watch;
use tokio_stream::wrappers::WatchStream;

/// The SSE stream of a feed. `WatchStream` yields the current snapshot first, then only the
/// newest one each time the browser is ready: a slow browser skips states, never queues them.
pub fn stream(rx: watch::Receiver<Snapshot>) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let events = WatchStream::new(rx).map(|s| {
        let data = serde_json::to_string(&s).unwrap_or_else(|_| "{}".into());
        Ok(Event::default().event("snapshot").id(s.seq.to_string()).data(data))
    });
    Sse::new(events).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)).text("keep-alive"))
}
