//! The feed over Server-Sent Events: each snapshot as one `snapshot` event, newest first for a
//! new subscriber, and a `beat` event every `check` interval. The beats keep proxies from closing
//! the connection and let the browser notice a connection that went silent (a cut network sends
//! no reset): two missed beats and it says so and reconnects. The stream ends within seconds of
//! its session ending (logout, expiry), so the browser learns it must log in again.
//!
//! Each snapshot is serialised once ([`encoder`]), and every subscriber sends the same
//! shared text.

use app::model::feed::{Snapshot, Staleness};
use axum::response::sse::{Event, KeepAlive, Sse};
use futures::{Stream, StreamExt};
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;
use tokio_stream::wrappers::WatchStream;

/// A snapshot as the browsers get it: its number and its JSON, shared by every subscriber.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Encoded {
    pub seq: u64,
    pub json: Arc<str>,
}

/// Serialises a snapshot.
pub fn encode(s: &Snapshot) -> Encoded {
    encoded_or_stale(s, serde_json::to_string(s))
}

/// The JSON of `s`, or, when it could not be made, a snapshot that says the board cannot
/// show the status (stale, code `server`), so the browser never waits on a silent feed.
fn encoded_or_stale(s: &Snapshot, json: Result<String, serde_json::Error>) -> Encoded {
    let json = json.unwrap_or_else(|e| {
        tracing::error!(error = %e, seq = s.seq, "a snapshot could not be serialised; the feed says it is stale");
        let stale = Snapshot {
            seq: s.seq,
            epoch: s.epoch,
            controller_id: s.controller_id.clone(),
            stale: Some(Staleness {
                since: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
                code: app::model::errors::ErrorCode::Server,
                message: "the server could not encode the status".into(),
                endpoint: None,
            }),
            ..Snapshot::default()
        };
        serde_json::to_string(&stale).unwrap_or_else(|_| format!(r#"{{"seq":{},"epoch":{}}}"#, s.seq, s.epoch))
    });
    Encoded { seq: s.seq, json: Arc::from(json) }
}

/// Serialises every snapshot of `rx` once, for all subscribers; runs while the feed does.
pub fn encoder(mut rx: watch::Receiver<Snapshot>) -> watch::Receiver<Encoded> {
    let (tx, encoded) = watch::channel(encode(&rx.borrow_and_update()));
    tokio::spawn(async move {
        while rx.changed().await.is_ok() {
            let e = encode(&rx.borrow_and_update());
            tx.send_replace(e);
        }
    });
    encoded
}

/// The SSE stream of a feed. `WatchStream` yields the current snapshot first, then only the
/// newest one each time the browser is ready: a slow browser skips states, never queues them.
/// `alive` is asked on every snapshot and every beat (each `check` interval); the stream ends
/// when it says no, or at once when `stopping` is cancelled (the server shuts down). Each beat carries `note()`: empty, or the code of a condition of this
/// server the panel's status line tells (`store-unavailable`: the replicas' Redis is away).
pub fn stream(
    rx: watch::Receiver<Encoded>,
    alive: impl Fn() -> bool + Send + 'static,
    check: Duration,
    note: impl Fn() -> &'static str + Send + Sync + 'static,
    stopping: tokio_util::sync::CancellationToken,
    timeline: impl Stream<Item = Option<Event>> + Send + 'static,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let snapshots =
        WatchStream::new(rx).map(|e| Some(Event::default().event("snapshot").id(e.seq.to_string()).data(&*e.json)));
    let note = Arc::new(note);
    let ticks = futures::stream::unfold(note, move |note| async move {
        tokio::time::sleep(check).await;
        let beat = Event::default().event("beat").data(note());
        Some((Some(beat), note))
    });
    let events = futures::stream::select(futures::stream::select(snapshots, ticks), timeline)
        .take_while(move |_| std::future::ready(alive()))
        .take_until(stopping.cancelled_owned())
        .filter_map(|e| std::future::ready(e.map(Ok)));
    Sse::new(events).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)).text("keep-alive"))
}

/// The timeline events of one feed: first `timeline` with the recent entries (newest first),
/// then one `timeline` event per new entry. The Controller is the one the feed shows, once it
/// knows it.
pub fn timeline(
    timelines: std::sync::Arc<crate::timeline::Timelines>,
    installation: String,
    snapshots: watch::Receiver<Snapshot>,
) -> impl Stream<Item = Option<Event>> {
    use crate::timeline::News;
    enum Step {
        Start(std::sync::Arc<crate::timeline::Timelines>, String, watch::Receiver<Snapshot>),
        Live(News),
    }
    let event = |entries: &[app::model::timeline::Entry]| {
        serde_json::to_string(entries).ok().map(|json| Event::default().event("timeline").data(json))
    };
    futures::stream::unfold(Some(Step::Start(timelines, installation, snapshots)), move |step| async move {
        match step? {
            Step::Start(timelines, installation, mut shown) => {
                let id = shown.wait_for(|s| !s.controller_id.is_empty()).await.ok()?.controller_id.clone();
                let key = crate::timeline::key(&installation, &id);
                // Subscribed before reading, so that nothing falls between the two.
                let news = timelines.news(&key);
                let recent = timelines.recent(&key).await;
                Some((event(&recent), Some(Step::Live(news))))
            }
            Step::Live(mut news) => {
                let e = news.next().await?;
                Some((event(&[e]), Some(Step::Live(news))))
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::model::errors::ErrorCode;

    #[test]
    fn a_snapshot_that_cannot_be_serialised_says_stale() {
        let s = Snapshot { seq: 42, epoch: 7, controller_id: "controller".into(), ..Snapshot::default() };
        let failure = serde_json::from_str::<u8>("not json").unwrap_err();
        let e = encoded_or_stale(&s, Err(failure));
        let back: Snapshot = serde_json::from_str(&e.json).unwrap();
        assert_eq!((back.seq, back.epoch, e.seq), (42, 7, 42));
        assert_eq!(back.stale.unwrap().code, ErrorCode::Server);
        assert!(back.components.is_none(), "no data it could not encode");
    }

    /// Every subscriber gets the same shared text: serialised once per snapshot.
    #[tokio::test]
    async fn each_snapshot_is_serialised_once_for_everyone() {
        let (tx, rx) = watch::channel(Snapshot::default());
        let encoded = encoder(rx);
        let (mut a, mut b) = (encoded.clone(), encoded.clone());
        tx.send_modify(|s| s.seq = 5);
        a.changed().await.unwrap();
        b.changed().await.unwrap();
        let (ea, eb) = (a.borrow().clone(), b.borrow().clone());
        assert_eq!(ea.seq, 5);
        assert!(Arc::ptr_eq(&ea.json, &eb.json), "one text for both");
    }

    /// A shutdown ends every open stream at once, without waiting for the next beat.
    #[tokio::test]
    async fn a_stream_ends_when_the_server_stops() {
        let (_tx, rx) = watch::channel(Snapshot::default());
        let stopping = tokio_util::sync::CancellationToken::new();
        let sse =
            stream(encoder(rx), || true, Duration::from_secs(3600), || "", stopping.clone(), futures::stream::empty());
        let body = axum::response::IntoResponse::into_response(sse).into_body();
        let reading = tokio::spawn(axum::body::to_bytes(body, usize::MAX));
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert!(!reading.is_finished(), "open while the server runs");
        stopping.cancel();
        let text = tokio::time::timeout(Duration::from_secs(5), reading).await.expect("ended").unwrap().unwrap();
        assert!(String::from_utf8_lossy(&text).contains("event: snapshot"), "the current snapshot came first");
    }
}
