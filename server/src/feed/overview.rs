//! The overview stream of one browser: a tile per Controller the user may see in every
//! installation the user is in, from the same feeds the drawings read (no upstream call of
//! its own), pushed again on every change of any of them.

use super::hub::Watched;
use super::sse::Encoded;
use crate::fleet::Fleet;
use app::model::feed::Snapshot;
use app::model::overview::{Access, Line, Overview, tile};
use futures::StreamExt;
use futures::stream::FuturesUnordered;
use std::sync::Arc;
use tokio::sync::watch;

/// One watched Controller: where its tile is.
struct Source {
    line: usize,
    tile: usize,
    installation: usize,
    id: String,
    watched: Watched,
}

fn encode(o: &Overview) -> Encoded {
    let json = serde_json::to_string(o).unwrap_or_else(|e| {
        tracing::error!(error = %e, "an overview could not be serialised");
        format!(r#"{{"seq":{},"epoch":{},"lines":[]}}"#, o.seq, o.epoch)
    });
    Encoded { seq: o.seq, json: Arc::from(json) }
}

async fn changed(n: usize, mut rx: watch::Receiver<Snapshot>) -> (usize, bool) {
    (n, rx.changed().await.is_ok())
}

/// Starts the overview of `view` (what [`Fleet::view_of`] says of the session: where the user
/// is, the Controllers the user may see); it runs while its receiver lives. The caller ends
/// the stream when the view changes, and the browser comes back for a new one.
pub fn start(fleet: Arc<Fleet>, view: &[(Access, Vec<String>)]) -> watch::Receiver<Encoded> {
    let mut lines = Vec::new();
    let mut sources = Vec::new();
    for (k, (inst, (access, ids))) in fleet.installations().iter().zip(view).enumerate() {
        let mut tiles = Vec::new();
        for (t, id) in ids.iter().cloned().enumerate() {
            let mut watched = inst.hub.watch(&id);
            let first = watched.snapshots.borrow_and_update().clone();
            tiles.push(tile(&Snapshot { controller_id: id.clone(), ..first }));
            sources.push(Source { line: k, tile: t, installation: k, id, watched });
        }
        lines.push(Line { installation: inst.name.clone(), access: *access, tiles });
    }
    let mut overview = Overview { seq: 1, epoch: rand::random::<u64>() >> 11, lines };
    let (tx, rx) = watch::channel(encode(&overview));
    tokio::spawn(async move {
        let mut waiting: FuturesUnordered<_> =
            sources.iter().enumerate().map(|(n, s)| changed(n, s.watched.snapshots.clone())).collect();
        loop {
            let next = tokio::select! {
                _ = tx.closed() => break,
                next = waiting.next() => next,
            };
            let Some((n, ok)) = next else {
                // Nothing to watch: wait for the browser to leave.
                tx.closed().await;
                break;
            };
            let s = &mut sources[n];
            if !ok {
                // That feed stopped (a second feed of the default Controller): watch it anew.
                s.watched = fleet.installations()[s.installation].hub.watch(&s.id);
            }
            // Marked seen, so that the next wait is for a newer one.
            let snapshot = s.watched.snapshots.borrow_and_update().clone();
            let mut next = tile(&Snapshot { controller_id: s.id.clone(), ..snapshot });
            let dead = !ok && s.watched.snapshots.has_changed().is_err();
            if dead {
                // Its feed is gone for good: the tile says since when it is not read.
                tracing::warn!(controller_id = %s.id, "a feed of the overview ended");
                next.stale_since = Some(chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true));
            } else {
                waiting.push(changed(n, s.watched.snapshots.clone()));
            }
            // Only a changed tile is news (a feed's new read time is not).
            let shown = &mut overview.lines[s.line].tiles[s.tile];
            if *shown != next {
                *shown = next;
                overview.seq += 1;
                tx.send_replace(encode(&overview));
            }
        }
    });
    rx
}
