//! Log downloads: `joc.log.gz` and `controller.log.gz`. JOC sends `joc.log` gzip-encoded
//! (`Content-Encoding: gzip`, `docs/joc-conformance.md`, "Logs"): those bytes are the file and
//! pass through untouched, never gzipped twice; a plain answer (a proxy that decoded it) is
//! gzip-compressed on the fly with flate2. `controller.log` passes through untouched. Both
//! stream: memory stays flat whatever the size, and a browser that goes away drops the
//! upstream request with its stream.

use crate::AppState;
use app::serverfns::backend::{COOKIE, cookie_value};
use axum::{
    body::Body,
    extract::{Query, State},
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Response},
};
use bytes::Bytes;
use flate2::{Compression, write::GzEncoder};
use futures::{Stream, StreamExt};
use std::io::Write;

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

/// Gzip-compresses a byte stream chunk by chunk.
pub fn gzip<S, E>(upstream: S) -> impl Stream<Item = std::io::Result<Bytes>>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
    E: std::fmt::Display,
{
    futures::stream::unfold(
        (upstream, Some(GzEncoder::new(Vec::new(), Compression::default()))),
        |(mut up, enc)| async move {
            let mut enc = enc?;
            loop {
                match up.next().await {
                    Some(Ok(chunk)) => {
                        if let Err(e) = enc.write_all(&chunk) {
                            return Some((Err(e), (up, None)));
                        }
                        let out = std::mem::take(enc.get_mut());
                        if !out.is_empty() {
                            return Some((Ok(Bytes::from(out)), (up, Some(enc))));
                        }
                    }
                    Some(Err(e)) => return Some((Err(std::io::Error::other(e.to_string())), (up, None))),
                    None => return Some((enc.finish().map(Bytes::from), (up, None))),
                }
            }
        },
    )
}

/// `GET /api/logs/joc.log.gz`.
pub async fn joc_log(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let sid = cookie_value(&headers, COOKIE).unwrap_or_default();
    match state.gateway.download_joc_log(&sid).await {
        Ok(resp) if crate::joc::client::is_gzip(&resp) => {
            attachment("joc.log.gz", Body::from_stream(resp.bytes_stream()))
        }
        Ok(resp) => attachment("joc.log.gz", Body::from_stream(gzip(resp.bytes_stream()))),
        Err(e) => refused(e),
    }
}

#[derive(serde::Deserialize)]
pub struct ControllerLogQuery {
    url: String,
}

/// `GET /api/logs/controller.log.gz?url=<Controller URL as JOC reports it>`.
pub async fn controller_log(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<ControllerLogQuery>,
) -> Response {
    let sid = cookie_value(&headers, COOKIE).unwrap_or_default();
    match state.gateway.download_controller_log(&sid, &q.url).await {
        Ok(resp) if crate::joc::client::is_gzip(&resp) => {
            attachment("controller.log.gz", Body::from_stream(resp.bytes_stream()))
        }
        Ok(resp) => {
            // JOC 2.8 sends the gzip file; a plain log (JOC 2.9's download) is compressed here.
            let mut upstream = resp.bytes_stream();
            let first = upstream.next().await;
            let gzipped = first.as_ref().and_then(|c| c.as_ref().ok()).is_some_and(|c| c.starts_with(&[0x1f, 0x8b]));
            let whole = futures::stream::iter(first).chain(upstream);
            if gzipped {
                attachment("controller.log.gz", Body::from_stream(whole))
            } else {
                attachment("controller.log.gz", Body::from_stream(gzip(whole)))
            }
        }
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
}
