//! The reqwest client: login with Basic credentials, then `X-Access-Token` on every call, JSON
//! bodies in and out, and JOC's status codes turned into [`JocError`]s.

use super::JocError;
use super::answers::{body, check, is_gzip, transport};
use app::model::joc::*;
use base64::Engine;
use reqwest::{Client, Response};
use serde::{Serialize, de::DeserializeOwned};
use std::time::{Duration, Instant};

/// An open JOC session: its token and idle timeout. The token never leaves the server.
#[derive(Clone)]
pub struct JocSession {
    pub token: String,
    /// Idle timeout; None when JOC says unlimited.
    pub timeout: Option<Duration>,
    pub account: String,
}

impl std::fmt::Debug for JocSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JocSession").field("account", &self.account).field("token", &"…").finish()
    }
}

/// A client of one JOC instance.
#[derive(Clone, Debug)]
pub struct JocClient {
    http: Client,
    base: String,
    timeout: Duration,
    /// Where the time of each request goes (the metrics), if anywhere.
    timing: Option<crate::metrics::Upstream>,
}

/// Makes ring the process's TLS cryptography, which every reqwest client uses; harmless when
/// already done. Called before any client is built (a client built without it panics).
pub fn install_crypto() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// Builds the HTTP client: rustls, a CA bundle if given, invalid certificates only if asked.
pub fn http_client(ca_bundle: Option<&[u8]>, accept_invalid: bool) -> Result<Client, String> {
    install_crypto();
    // No redirects: JOC answers its API itself, and a redirect would carry the access token to
    // another host.
    let mut b = Client::builder()
        .connect_timeout(Duration::from_secs(5))
        .pool_idle_timeout(Duration::from_secs(50))
        .redirect(reqwest::redirect::Policy::none());
    if let Some(pem) = ca_bundle {
        for cert in reqwest::Certificate::from_pem_bundle(pem).map_err(|e| format!("CA bundle: {e}"))? {
            b = b.add_root_certificate(cert);
        }
    }
    if accept_invalid {
        b = b.danger_accept_invalid_certs(true);
    }
    b.build().map_err(|e| e.to_string())
}

impl JocClient {
    /// A client of the instance at `base` (`http(s)://host:port`, without `/joc/api`).
    pub fn new(http: Client, base: &str, timeout: Duration) -> JocClient {
        JocClient { http, base: base.trim_end_matches('/').to_string(), timeout, timing: None }
    }

    /// The same client, recording the time and outcome of each request in `timing`.
    pub fn timed(self, timing: crate::metrics::Upstream) -> JocClient {
        JocClient { timing: Some(timing), ..self }
    }

    fn record<T>(&self, path: &str, since: Instant, r: &Result<T, JocError>) {
        if let Some(t) = &self.timing {
            t.record(path, r.as_ref().map_or_else(|e| e.code().as_str().to_string(), |_| "ok".into()).as_str(), since);
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}/joc/api/{path}", self.base)
    }

    /// Sends one call and returns the raw answer (for streams) after status checks.
    pub async fn send<B: Serialize + ?Sized>(
        &self,
        s: &JocSession,
        path: &str,
        body: &B,
        timeout: Option<Duration>,
    ) -> Result<Response, JocError> {
        let mut req = self.http.post(self.url(path)).header("x-access-token", &s.token).json(body);
        if let Some(t) = timeout.or(Some(self.timeout)) {
            req = req.timeout(t);
        }
        let since = Instant::now();
        let r = match req.send().await {
            Ok(resp) => check(resp).await,
            Err(e) => Err(transport(e)),
        };
        self.record(path, since, &r);
        r
    }

    /// Sends one call whose answer is a download: JOC must start answering within the client's
    /// time limit; the body has no limit on its total time (the stream ends when the browser
    /// goes away and drops it, or when JOC stalls: `downloads::STALL_LIMIT`).
    pub async fn send_download<B: Serialize + ?Sized>(
        &self,
        s: &JocSession,
        path: &str,
        body: &B,
    ) -> Result<Response, JocError> {
        let req = self
            .http
            .post(self.url(path))
            .header("x-access-token", &s.token)
            .header("accept", "application/octet-stream")
            .json(body);
        let since = Instant::now();
        let r = match tokio::time::timeout(self.timeout, req.send()).await {
            Err(_) => Err(JocError::Timeout),
            Ok(Err(e)) => Err(transport(e)),
            Ok(Ok(resp)) => check(resp).await,
        };
        self.record(path, since, &r);
        r
    }

    /// One JSON call.
    pub async fn call<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        s: &JocSession,
        path: &str,
        body: &B,
    ) -> Result<T, JocError> {
        let resp = self.send(s, path, body, None).await?;
        let bytes = self::body(resp).await?;
        serde_json::from_slice(&bytes).map_err(|e| JocError::Malformed(format!("{path}: {e}")))
    }
}

impl super::Joc for JocClient {
    fn base(&self) -> &str {
        &self.base
    }

    /// `authentication/login` with Basic credentials.
    async fn login(&self, account: &str, password: &str) -> Result<JocSession, JocError> {
        let basic = base64::engine::general_purpose::STANDARD.encode(format!("{account}:{password}"));
        let since = Instant::now();
        let resp = match self
            .http
            .post(self.url("authentication/login"))
            .header("authorization", format!("Basic {basic}"))
            .json(&serde_json::json!({}))
            .timeout(self.timeout)
            .send()
            .await
        {
            Ok(resp) => check(resp).await,
            Err(e) => Err(transport(e)),
        };
        self.record("authentication/login", since, &resp);
        let resp = resp?;
        let header_token = resp.headers().get("x-access-token").and_then(|v| v.to_str().ok()).map(String::from);
        let bytes = body(resp).await?;
        let answer: AccountAnswer =
            serde_json::from_slice(&bytes).map_err(|e| JocError::Malformed(format!("login: {e}")))?;
        let token = header_token
            .or(answer.access_token.filter(|t| !t.is_empty()))
            .ok_or_else(|| JocError::Malformed("login answer without an access token".into()))?;
        let timeout = match answer.session_timeout {
            Some(ms) if ms > 0 => Some(Duration::from_millis(ms as u64)),
            _ => None,
        };
        Ok(JocSession { token, timeout, account: account.to_string() })
    }

    /// `authentication/logout`.
    async fn logout(&self, s: &JocSession) -> Result<(), JocError> {
        self.send(s, "authentication/logout", &serde_json::json!({}), None).await.map(|_| ())
    }

    /// `touch`: keeps the session alive.
    async fn touch(&self, s: &JocSession) -> Result<(), JocError> {
        self.send(s, "touch", &serde_json::json!({}), None).await.map(|_| ())
    }

    async fn permissions(&self, s: &JocSession) -> Result<Permissions, JocError> {
        self.call(s, "authentication/joc_cockpit_permissions", &serde_json::json!({})).await
    }

    async fn properties(&self, s: &JocSession) -> Result<JocProperties, JocError> {
        self.call(s, "joc/properties", &serde_json::json!({})).await
    }

    async fn version(&self, s: &JocSession) -> Result<VersionAnswer, JocError> {
        self.call(s, "joc/version", &serde_json::json!({})).await
    }

    async fn controller_ids(&self, s: &JocSession) -> Result<ControllerIds, JocError> {
        self.call(s, "controller/ids", &serde_json::json!({})).await
    }

    async fn components(&self, s: &JocSession, controller_id: &str) -> Result<Components, JocError> {
        self.call(s, "controller/components", &ControllerIdReq { controller_id: controller_id.into() }).await
    }

    async fn agents(&self, s: &JocSession, controller_id: &str) -> Result<AgentsAnswer, JocError> {
        let req = AgentsRequest {
            controller_id: controller_id.into(),
            agent_ids: None,
            states: None,
            only_visible_agents: Some(true),
            compact: Some(true),
            flat: Some(true),
        };
        self.call(s, "agents", &req).await
    }

    async fn controllers_history(&self, s: &JocSession, f: &MonitoringFilter) -> Result<ControllersHistory, JocError> {
        self.call(s, "monitoring/controllers", f).await
    }

    async fn agents_history(&self, s: &JocSession, f: &MonitoringFilter) -> Result<AgentsHistory, JocError> {
        self.call(s, "monitoring/agents", f).await
    }

    async fn is_active(&self, s: &JocSession) -> Result<bool, JocError> {
        let a: OkAnswer = self.call(s, "joc/is_active", &serde_json::json!({})).await?;
        Ok(a.ok)
    }

    /// `events`: waits up to `hold` (JOC's hold plus a margin) for news after `event_id`.
    async fn events(
        &self,
        s: &JocSession,
        controller_id: &str,
        event_id: Option<u64>,
        hold: Duration,
    ) -> Result<EventsAnswer, JocError> {
        let req = EventsRequest { controller_id: controller_id.into(), event_id };
        let resp = self.send(s, "events", &req, Some(hold)).await?;
        let bytes = body(resp).await?;
        serde_json::from_slice(&bytes).map_err(|e| JocError::Malformed(format!("events: {e}")))
    }

    async fn operate(
        &self,
        s: &JocSession,
        path: &str,
        body: &serde_json::Value,
        limit: Option<Duration>,
    ) -> Result<(), JocError> {
        self.send(s, path, body, limit).await.map(|_| ())
    }

    async fn download(
        &self,
        s: &JocSession,
        path: &str,
        body: &serde_json::Value,
    ) -> Result<super::Download, JocError> {
        use futures::StreamExt;
        let resp = self.send_download(s, path, body).await?;
        let gzip = is_gzip(&resp);
        Ok(super::Download { gzip, bytes: Box::pin(resp.bytes_stream().map(|c| c.map_err(transport))) })
    }
}
