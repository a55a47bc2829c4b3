//! Log downloads: `joc.log.gz` and `controller.log.gz`. JOC sends `joc.log` gzip-encoded
//! (`Content-Encoding: gzip`, `docs/joc-conformance.md`, "Logs"): those bytes are the file and
//! pass through untouched, never gzipped twice; a plain answer (a proxy that decoded it) is
//! gzip-compressed on the fly with flate2. `controller.log` passes through untouched. Both
//! stream: memory stays flat whatever the size, and a browser that goes away drops the
//! upstream request with its stream. A JOC that sends nothing for [`STALL_LIMIT`] midway ends
//! the download with an error rather than holding it open.

use crate::AppState;
use crate::joc::{ByteStream, Download, JocError};
use axum::{
    body::Body,
    extract::{Query, State},
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Response},
};
use bytes::Bytes;
use flate2::{Compression, write::GzEncoder};
use futures::{Stream, StreamExt};
use prometheus_client::metrics::counter::Counter;
use std::io::Write;
use std::time::Duration;

/// How long a download may go without a byte from JOC before it is ended.
pub const STALL_LIMIT: Duration = Duration::from_secs(60);

fn attachment(name: &str, body: Body) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/gzip".to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        body,
    )
        .into_response()
}

fn refused(e: app::serverfns::AppError) -> Response {
    let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::BAD_GATEWAY);
    (status, e.message).into_response()
}

/// Compresses one chunk into the encoder and takes what it wrote (on a blocking thread).
fn compress(mut enc: GzEncoder<Vec<u8>>, chunk: Bytes) -> (GzEncoder<Vec<u8>>, std::io::Result<Bytes>) {
    let r = enc.write_all(&chunk).map(|()| Bytes::from(std::mem::take(enc.get_mut())));
    (enc, r)
}

/// Gzip-compresses a byte stream chunk by chunk. The compression runs on the blocking pool,
/// never on the async workers: the live feed and every other request stay quick while a big
/// log is compressed.
pub fn gzip<S, E>(upstream: S) -> impl Stream<Item = std::io::Result<Bytes>> + Send
where
    S: Stream<Item = Result<Bytes, E>> + Unpin + Send + 'static,
    E: std::fmt::Display + Send,
{
    futures::stream::unfold(
        (upstream, Some(GzEncoder::new(Vec::new(), Compression::default()))),
        |(mut up, enc)| async move {
            let mut enc = enc?;
            loop {
                match up.next().await {
                    Some(Ok(chunk)) => {
                        let (back, out) = match tokio::task::spawn_blocking(move || compress(enc, chunk)).await {
                            Ok(done) => done,
                            Err(e) => return Some((Err(std::io::Error::other(e.to_string())), (up, None))),
                        };
                        enc = back;
                        match out {
                            Ok(out) if out.is_empty() => {}
                            Ok(out) => return Some((Ok(out), (up, Some(enc)))),
                            Err(e) => return Some((Err(e), (up, None))),
                        }
                    }
                    Some(Err(e)) => return Some((Err(std::io::Error::other(e.to_string())), (up, None))),
                    None => {
                        let last = tokio::task::spawn_blocking(move || enc.finish().map(Bytes::from))
                            .await
                            .unwrap_or_else(|e| Err(std::io::Error::other(e.to_string())));
                        return Some((last, (up, None)));
                    }
                }
            }
        },
    )
}

/// Ends `bytes` with [`JocError::Timeout`] when no chunk comes for `limit`.
fn stall_limited(bytes: ByteStream, limit: Duration) -> ByteStream {
    Box::pin(futures::stream::unfold(Some(bytes), move |s| async move {
        let mut s = s?;
        match tokio::time::timeout(limit, s.next()).await {
            Ok(Some(chunk)) => Some((chunk, Some(s))),
            Ok(None) => None,
            Err(_) => {
                tracing::warn!(seconds = limit.as_secs(), "a download stalled: JOC sent nothing, so it was ended");
                Some((Err(JocError::Timeout), None))
            }
        }
    }))
}

/// Adds the bytes that go to the browser to `sent`.
fn counted<S, E>(s: S, sent: Counter) -> impl Stream<Item = Result<Bytes, E>>
where
    S: Stream<Item = Result<Bytes, E>>,
{
    s.inspect(move |c| {
        if let Ok(b) = c {
            sent.inc_by(b.len() as u64);
        }
    })
}

/// The download as a `.gz` file: JOC's gzip bytes as they are, a plain log compressed here;
/// the bytes sent are added to `sent`.
async fn as_gzip(name: &str, d: Download, sent: Counter) -> Response {
    let bytes = stall_limited(d.bytes, STALL_LIMIT);
    if d.gzip {
        return attachment(name, Body::from_stream(counted(bytes, sent)));
    }
    // JOC 2.8 sends controller.log as the gzip file without saying so; a plain log (JOC 2.9's
    // download, a proxy that decoded joc.log) is compressed here.
    let mut upstream = bytes;
    let first = upstream.next().await;
    let gzipped = first.as_ref().and_then(|c| c.as_ref().ok()).is_some_and(|c| c.starts_with(&[0x1f, 0x8b]));
    let whole = futures::stream::iter(first).chain(upstream);
    if gzipped {
        attachment(name, Body::from_stream(counted(whole, sent)))
    } else {
        attachment(name, Body::from_stream(counted(gzip(whole), sent)))
    }
}

/// `GET /api/logs/joc.log.gz`.
/// Which installation: `?installation=NAME` (none: the first one the user is in).
#[derive(serde::Deserialize)]
pub struct InstallationQuery {
    #[serde(default)]
    installation: Option<String>,
}

/// `GET /api/logs/joc.log.gz[?installation=NAME]`.
pub async fn joc_log(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<InstallationQuery>,
) -> Response {
    let sid = match state.fleet.session(&headers).await {
        Ok(sid) => sid,
        Err(e) => return refused(e),
    };
    let (gateway, sent) = match state.fleet.for_user(&sid, q.installation.as_deref()) {
        Ok(i) => (i.gateway.clone(), state.metrics.log_bytes(&i.name, "joc")),
        Err(e) => return refused(e),
    };
    match gateway.download_joc_log(&sid).await {
        Ok(d) => as_gzip("joc.log.gz", d, sent).await,
        Err(e) => refused(e),
    }
}

#[derive(serde::Deserialize)]
pub struct ControllerLogQuery {
    url: String,
    /// The installation (none: the first one the user is in).
    #[serde(default)]
    installation: Option<String>,
    /// The Controller the instance belongs to (none: the default one).
    #[serde(default)]
    controller: Option<String>,
}

/// `GET /api/logs/controller.log.gz?url=<Controller URL as JOC reports it>[&installation=NAME][&controller=ID]`.
pub async fn controller_log(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<ControllerLogQuery>,
) -> Response {
    let sid = match state.fleet.session(&headers).await {
        Ok(sid) => sid,
        Err(e) => return refused(e),
    };
    let (gateway, sent) = match state.fleet.for_user(&sid, q.installation.as_deref()) {
        Ok(i) => (i.gateway.clone(), state.metrics.log_bytes(&i.name, "controller")),
        Err(e) => return refused(e),
    };
    match gateway.download_controller_log(&sid, q.controller.as_deref(), &q.url).await {
        Ok(d) => as_gzip("controller.log.gz", d, sent).await,
        Err(e) => refused(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[tokio::test]
    async fn gzip_stream_round_trips() {
        let chunks: Vec<Result<Bytes, String>> =
            (0..50).map(|i| Ok(Bytes::from(format!("line {i}\n").repeat(100)))).collect();
        let plain: Vec<u8> = chunks.iter().flat_map(|c| c.as_ref().unwrap().to_vec()).collect();
        let gz: Vec<u8> = gzip(futures::stream::iter(chunks)).map(|r| r.unwrap().to_vec()).concat().await;
        let mut back = Vec::new();
        flate2::read::GzDecoder::new(&gz[..]).read_to_end(&mut back).unwrap();
        assert_eq!(back, plain);
    }

    /// A JOC that stops sending midway ends the download with an error; one that keeps
    /// sending, however slowly between chunks within the limit, is read to its end.
    #[tokio::test(start_paused = true)]
    async fn a_stalled_download_ends_with_an_error() {
        let stalled: ByteStream =
            Box::pin(futures::stream::iter([Ok(Bytes::from_static(b"first"))]).chain(futures::stream::pending()));
        let got: Vec<_> = stall_limited(stalled, STALL_LIMIT).collect().await;
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].as_ref().unwrap(), &Bytes::from_static(b"first"));
        assert!(matches!(got[1], Err(JocError::Timeout)));
        let slow: ByteStream = Box::pin(futures::stream::iter(0..3).then(|i| async move {
            tokio::time::sleep(STALL_LIMIT - Duration::from_secs(1)).await;
            Ok(Bytes::from(vec![i]))
        }));
        let got: Vec<_> = stall_limited(slow, STALL_LIMIT).collect().await;
        assert!(got.iter().all(Result::is_ok) && got.len() == 3, "{got:?}");
    }
}
