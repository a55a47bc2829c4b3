//! `GET /metrics`: on its own address (`--metrics-listen`), or on the panel's behind a bearer
//! token (`--metrics-token-file`), never on the panel's address without a token. With a token,
//! every address that serves the metrics asks for it.

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use prometheus_client::registry::Registry;
use std::path::Path;
use std::sync::Arc;
use subtle::ConstantTimeEq;

/// What Prometheus asks for first; any other client gets the classic text format.
const OPENMETRICS: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";
const PROMETHEUS_TEXT: &str = "text/plain; version=0.0.4; charset=utf-8";

/// The registry of the scrapes and the token they need, if any.
pub struct Endpoint {
    pub registry: Registry,
    pub token: Option<Token>,
}

/// The bearer token of the scrapes: never printed.
#[derive(Clone)]
pub struct Token(String);

impl Token {
    /// The first line of `path`, which must hold at least 16 characters.
    pub fn from_file(path: &Path) -> Result<Token, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let token = text.lines().next().unwrap_or("").trim().to_string();
        if token.len() < 16 {
            return Err(format!(
                "{}: the metrics token must be at least 16 characters on the first line (e.g. head -c 24 /dev/urandom | base64)",
                path.display()
            ));
        }
        Ok(Token(token))
    }

    /// Does the request carry this token (`Authorization: Bearer …`)?
    fn admits(&self, headers: &HeaderMap) -> bool {
        let given = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
            .unwrap_or("");
        bool::from(given.trim().as_bytes().ct_eq(self.0.as_bytes()))
    }
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Token(…)")
    }
}

/// Does the client accept OpenMetrics?
fn wants_openmetrics(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.contains("application/openmetrics-text"))
}

async fn metrics(State(ep): State<Arc<Endpoint>>, headers: HeaderMap) -> Response {
    if let Some(token) = &ep.token
        && !token.admits(&headers)
    {
        let mut r = (StatusCode::UNAUTHORIZED, "a bearer token is required").into_response();
        r.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer realm=\"metrics\""));
        return r;
    }
    let mut body = String::with_capacity(16 * 1024);
    let (encoded, content_type) = if wants_openmetrics(&headers) {
        (prometheus_client::encoding::text::encode(&mut body, &ep.registry), OPENMETRICS)
    } else {
        (prometheus_client::encoding::prometheus_text::encode(&mut body, &ep.registry), PROMETHEUS_TEXT)
    };
    if let Err(e) = encoded {
        tracing::error!(error = %e, "the metrics could not be written");
        return (StatusCode::INTERNAL_SERVER_ERROR, "the metrics could not be written").into_response();
    }
    ([(header::CONTENT_TYPE, content_type), (header::CACHE_CONTROL, "no-store")], body).into_response()
}

/// The `/metrics` route alone.
pub fn router(ep: Arc<Endpoint>) -> Router {
    Router::new().route("/metrics", get(metrics)).with_state(ep)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(auth: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::AUTHORIZATION, HeaderValue::from_str(auth).unwrap());
        h
    }

    #[test]
    fn only_the_exact_token_is_admitted() {
        let t = Token("0123456789abcdef".into());
        assert!(t.admits(&with("Bearer 0123456789abcdef")));
        assert!(!t.admits(&with("Bearer 0123456789abcde")));
        assert!(!t.admits(&with("Bearer 0123456789abcdefg")));
        assert!(!t.admits(&with("Basic 0123456789abcdef")));
        assert!(!t.admits(&HeaderMap::new()));
    }

    #[test]
    fn a_short_or_missing_token_file_stops_the_start() {
        let dir = std::env::temp_dir().join(format!("js7s-token-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let short = dir.join("short");
        std::fs::write(&short, "abc\n").unwrap();
        assert!(Token::from_file(&short).unwrap_err().contains("at least 16"));
        assert!(Token::from_file(&dir.join("absent")).is_err());
        let good = dir.join("good");
        std::fs::write(&good, "  0123456789abcdef  \nsecond line\n").unwrap();
        assert!(Token::from_file(&good).unwrap().admits(&with("Bearer 0123456789abcdef")));
        assert_eq!(format!("{:?}", Token::from_file(&good).unwrap()), "Token(…)");
    }
}
