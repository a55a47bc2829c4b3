//! Reading JOC's answers: status codes into [`JocError`]s, bodies bounded in size and
//! gzip-decoded when JOC encoded them, transport failures with their causes.

use super::JocError;
use app::model::joc::Err420;
use reqwest::{Response, StatusCode};

/// The error with its causes ("error sending request: …: invalid peer certificate: …"), so
/// that a certificate problem can be told from a closed port.
fn with_causes(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        let more = c.to_string();
        if !text.contains(&more) {
            text.push_str(": ");
            text.push_str(&more);
        }
        cause = c.source();
    }
    text
}

pub(super) fn transport(e: reqwest::Error) -> JocError {
    if e.is_timeout() {
        JocError::Timeout
    } else if e.is_decode() {
        JocError::Malformed(e.to_string())
    } else {
        JocError::Connect(with_causes(&e))
    }
}

/// The most a JSON answer of JOC may take once decoded; anything bigger is not JOC's.
const MAX_ANSWER: u64 = 32 << 20;

/// Does the answer say its body is gzip-encoded? JOC's `@Compress` endpoints (`joc/log`) gzip
/// whatever the request accepted, error answers included.
pub fn is_gzip(resp: &Response) -> bool {
    resp.headers()
        .get(reqwest::header::CONTENT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("gzip"))
}

/// The body of a JSON answer, gzip-decoded when JOC encoded it, bounded in size.
pub(super) async fn body(mut resp: Response) -> Result<Vec<u8>, JocError> {
    let gzip = is_gzip(&resp);
    let mut raw = Vec::new();
    while let Some(chunk) = resp.chunk().await.map_err(transport)? {
        raw.extend_from_slice(&chunk);
        if raw.len() as u64 > MAX_ANSWER {
            return Err(JocError::Malformed(format!("an answer of more than {MAX_ANSWER} bytes")));
        }
    }
    if !gzip {
        return Ok(raw);
    }
    use std::io::Read;
    let mut plain = Vec::new();
    flate2::read::GzDecoder::new(&raw[..])
        .take(MAX_ANSWER + 1)
        .read_to_end(&mut plain)
        .map_err(|e| JocError::Malformed(format!("gzip-encoded answer: {e}")))?;
    if plain.len() as u64 > MAX_ANSWER {
        return Err(JocError::Malformed(format!("an answer of more than {MAX_ANSWER} bytes")));
    }
    Ok(plain)
}

/// Turns JOC's non-2xx answers into errors.
pub(super) async fn check(resp: Response) -> Result<Response, JocError> {
    match resp.status() {
        s if s.is_success() => Ok(resp),
        StatusCode::UNAUTHORIZED => Err(JocError::Unauthenticated),
        StatusCode::FORBIDDEN => Err(JocError::Forbidden),
        s => match s.as_u16() {
            440 => Err(JocError::SessionExpired),
            433 => Err(JocError::ApprovalRequired),
            434 => Err(JocError::ControllerUnreachable),
            420 => {
                let body = body(resp).await?;
                match serde_json::from_slice::<Err420>(&body) {
                    Ok(e) if e.error.message.contains("UnknownSessionException") => Err(JocError::SessionExpired),
                    Ok(e) => Err(JocError::Refused { code: e.error.code, message: e.error.message }),
                    Err(e) => Err(JocError::Malformed(format!("420 without JOC's error object: {e}"))),
                }
            }
            other => Err(JocError::Status(other)),
        },
    }
}
