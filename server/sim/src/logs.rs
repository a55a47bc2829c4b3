//! `joc.log` and `controller.log` of any size, generated line by line from a seed and streamed,
//! so a multi-GiB download never sits in memory. `controller.log` is gzip-compressed on the
//! fly, as the Controller sends it.

use axum::{
    body::Body,
    http::header,
    response::{IntoResponse, Response},
};
use bytes::Bytes;
use flate2::{Compression, write::GzEncoder};
use futures::StreamExt;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Bytes generated per stream chunk.
const CHUNK: usize = 64 * 1024;

const LEVELS: [&str; 4] = ["INFO ", "INFO ", "DEBUG", "WARN "];
const JOC_SOURCES: [&str; 5] = [
    "c.s.j.c.JocClusterService",
    "c.s.j.h.HistoryService",
    "c.s.j.p.ProxyService",
    "c.s.j.d.DailyPlanService",
    "c.s.j.c.c.CleanupService",
];
const CTL_SOURCES: [&str; 4] =
    ["js7.cluster.Cluster", "js7.controller.ControllerOrderKeeper", "js7.journal.Journal", "js7.agent.AgentDriver"];
const MESSAGES: [&str; 6] = [
    "heartbeat written",
    "event batch received",
    "cluster state checked: Coupled",
    "connection to agent established",
    "snapshot taken",
    "order processed",
];

/// A deterministic log text of exactly `total` bytes.
pub struct LogText {
    rng: ChaCha8Rng,
    remaining: u64,
    line: u64,
    sources: &'static [&'static str],
}

impl LogText {
    pub fn joc(total: u64, seed: u64) -> Self {
        LogText { rng: ChaCha8Rng::seed_from_u64(seed), remaining: total, line: 0, sources: &JOC_SOURCES }
    }

    pub fn controller(total: u64, seed: u64) -> Self {
        LogText { rng: ChaCha8Rng::seed_from_u64(seed), remaining: total, line: 0, sources: &CTL_SOURCES }
    }

    /// The next piece of up to `CHUNK` bytes, or None at the end.
    pub fn next_chunk(&mut self) -> Option<Vec<u8>> {
        if self.remaining == 0 {
            return None;
        }
        let mut out = Vec::with_capacity(CHUNK + 256);
        while out.len() < CHUNK && (out.len() as u64) < self.remaining {
            self.line += 1;
            let secs = self.line / 4;
            let _ = writeln!(
                out,
                "2026-01-15 {:02}:{:02}:{:02}.{:03} {} [{}] {} - {} #{}",
                (secs / 3600) % 24,
                (secs / 60) % 60,
                secs % 60,
                (self.line % 4) * 250 + self.rng.random_range(0..250),
                LEVELS[self.rng.random_range(0..LEVELS.len())],
                self.sources[self.rng.random_range(0..self.sources.len())],
                ["main", "pool-1", "akka-2"][self.rng.random_range(0..3)],
                MESSAGES[self.rng.random_range(0..MESSAGES.len())],
                self.line
            );
        }
        out.truncate(out.len().min(self.remaining as usize));
        self.remaining -= out.len() as u64;
        Some(out)
    }
}

impl Iterator for LogText {
    type Item = Vec<u8>;
    fn next(&mut self) -> Option<Vec<u8>> {
        self.next_chunk()
    }
}

/// Gzip-compresses a text chunk by chunk.
pub struct Gzipped {
    text: LogText,
    encoder: Option<GzEncoder<Vec<u8>>>,
}

impl Gzipped {
    pub fn new(text: LogText) -> Self {
        Gzipped { text, encoder: Some(GzEncoder::new(Vec::new(), Compression::fast())) }
    }
}

impl Iterator for Gzipped {
    type Item = std::io::Result<Vec<u8>>;
    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let encoder = self.encoder.as_mut()?;
            match self.text.next_chunk() {
                Some(chunk) => {
                    if let Err(e) = encoder.write_all(&chunk) {
                        return Some(Err(e));
                    }
                    let out = std::mem::take(encoder.get_mut());
                    if !out.is_empty() {
                        return Some(Ok(out));
                    }
                }
                None => return Some(self.encoder.take()?.finish()),
            }
        }
    }
}

fn attachment(name: &str, body: Body) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/octet-stream".to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename*=UTF-8''{name}")),
        ],
        body,
    )
        .into_response()
}

/// Counts a stream as open while it lives.
struct Open(Arc<AtomicUsize>);

impl Open {
    fn new(count: &Arc<AtomicUsize>) -> Open {
        count.fetch_add(1, Ordering::SeqCst);
        Open(count.clone())
    }
}

impl Drop for Open {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A body from `chunks`, counted in `open` until it ends or its reader goes away. The chunks
/// are made (generated, compressed) on a blocking thread, a few ahead of the reader, never on
/// the async workers.
fn counted(chunks: impl Iterator<Item = std::io::Result<Vec<u8>>> + Send + 'static, open: &Arc<AtomicUsize>) -> Body {
    let guard = Open::new(open);
    let (tx, rx) = tokio::sync::mpsc::channel(4);
    tokio::task::spawn_blocking(move || {
        for c in chunks {
            if tx.blocking_send(c).is_err() {
                // The reader went away.
                break;
            }
        }
    });
    let stream = futures::stream::unfold(rx, |mut rx| async move { rx.recv().await.map(|c| (c, rx)) });
    Body::from_stream(stream.map(move |c| {
        let _open = &guard;
        c.map(Bytes::from)
    }))
}

/// The `joc/log` answer: JOC compresses it whatever the client accepts (`@Compress`), so the
/// plain text travels gzipped with `Content-Encoding: gzip`, streamed.
pub fn joc_log(total: u64, seed: u64, open: &Arc<AtomicUsize>) -> Response {
    let mut r = attachment("joc.log", counted(Gzipped::new(LogText::joc(total, seed)), open));
    r.headers_mut().insert(header::CONTENT_ENCODING, header::HeaderValue::from_static("gzip"));
    r
}

/// JOC 2.9's `controller/log/download` answer: plain text, streamed.
pub fn controller_log_plain(total: u64, seed: u64, open: &Arc<AtomicUsize>) -> Response {
    attachment("controller.log", counted(LogText::controller(total, seed).map(Ok), open))
}

/// An answer of `joc/log` that is not the log (a 420, a 403): JOC gzips it too.
pub async fn gzip_encoded(r: Response) -> Response {
    let (mut parts, body) = r.into_parts();
    let plain = axum::body::to_bytes(body, 1 << 20).await.unwrap_or_default();
    let mut enc = GzEncoder::new(Vec::new(), Compression::fast());
    let gz = enc.write_all(&plain).and_then(|_| enc.finish()).unwrap_or_default();
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(header::CONTENT_ENCODING, header::HeaderValue::from_static("gzip"));
    Response::from_parts(parts, Body::from(gz))
}

/// The `controller/log` answer: gzip bytes, streamed.
pub fn controller_log(total: u64, seed: u64, open: &Arc<AtomicUsize>) -> Response {
    attachment("controller.log.gz", counted(Gzipped::new(LogText::controller(total, seed)), open))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn texts_have_the_exact_size_and_are_reproducible() {
        for total in [0u64, 1, 100, 64 * 1024, 200_000] {
            let a: Vec<u8> = LogText::joc(total, 3).flatten().collect();
            assert_eq!(a.len() as u64, total);
            let b: Vec<u8> = LogText::joc(total, 3).flatten().collect();
            assert_eq!(a, b);
        }
    }

    #[test]
    fn gzip_stream_decodes_to_the_text() {
        let text: Vec<u8> = LogText::controller(300_000, 9).flatten().collect();
        let gz: Vec<u8> = Gzipped::new(LogText::controller(300_000, 9)).flat_map(Result::unwrap).collect();
        let mut back = Vec::new();
        flate2::read::GzDecoder::new(&gz[..]).read_to_end(&mut back).unwrap();
        assert_eq!(back, text);
        assert!(gz.len() < text.len() / 3);
    }
}
