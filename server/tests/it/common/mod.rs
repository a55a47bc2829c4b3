//! Helpers shared by the server's integration tests: the official JOC schemas, a started
//! simulator, and a small JOC caller.

#![allow(dead_code)]

pub mod replicas;
pub mod schemas;
pub mod served;

use js7_status::simulator::{Sim, SimConfig};
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

/// A reqwest client for the tests (the process's TLS cryptography installed first, as the
/// server does before building its own).
pub fn http() -> Client {
    http_builder().build().expect("HTTP client")
}

/// A reqwest client builder for the tests, the TLS cryptography installed.
pub fn http_builder() -> reqwest::ClientBuilder {
    js7_status::joc::client::install_crypto();
    Client::builder()
}

/// Starts a simulator on loopback with free ports.
pub async fn sim(cfg: SimConfig) -> Sim {
    Sim::start(cfg).await.expect("simulator starts")
}

/// A caller of one simulated JOC instance, logged in as `account` (password = name).
pub struct Caller {
    pub http: Client,
    pub base: String,
    pub token: String,
}

impl Caller {
    pub async fn login(base: &str, account: &str) -> Caller {
        let http = http();
        let resp = http
            .post(format!("{base}/joc/api/authentication/login"))
            .basic_auth(account, Some(account))
            .json(&json!({}))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), StatusCode::OK, "login as {account}");
        let token = resp.headers()["x-access-token"].to_str().unwrap().to_string();
        Caller { http, base: base.to_string(), token }
    }

    /// POSTs `body` to `/joc/api/<path>`; returns the status, the `Content-Encoding` and the
    /// body's bytes as sent.
    pub async fn raw(&self, path: &str, body: Value) -> (StatusCode, Option<String>, Vec<u8>) {
        let resp = self
            .http
            .post(format!("{}/joc/api/{path}", self.base))
            .header("x-access-token", &self.token)
            .json(&body)
            .send()
            .await
            .unwrap();
        let encoding = resp.headers().get("content-encoding").map(|v| v.to_str().unwrap().to_string());
        (resp.status(), encoding, resp.bytes().await.unwrap().to_vec())
    }

    /// POSTs `body` to `/joc/api/<path>`; returns the status and the JSON answer (Null if none).
    pub async fn post(&self, path: &str, body: Value) -> (StatusCode, Value) {
        let (status, _, bytes) = self.raw(path, body).await;
        (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
    }

    /// POSTs and expects 200.
    pub async fn ok(&self, path: &str, body: Value) -> Value {
        let (status, answer) = self.post(path, body.clone()).await;
        assert_eq!(status, StatusCode::OK, "{path} {body}: {answer}");
        answer
    }
}

/// Injects a fault through the simulator's control path.
pub async fn inject(base: &str, event: Value) {
    let resp = http().post(format!("{base}/sim/event")).json(&event).send().await.unwrap();
    assert!(resp.status().is_success(), "inject {event}: {}", resp.status());
}

/// The simulator's truth.
pub async fn truth(base: &str) -> Value {
    http().get(format!("{base}/sim/state")).send().await.unwrap().json().await.unwrap()
}

/// Waits (bounded) until `check` holds for the cluster state JOC reports.
pub async fn wait_for_cluster(caller: &Caller, text: &str) -> Value {
    for _ in 0..200 {
        let c = caller.ok("controller/components", json!({"controllerId": "controller"})).await;
        if c["clusterState"]["_text"] == text {
            return c;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("cluster never reached {text}");
}

/// A file holding `password`, as `--monitor-password-file` takes it (kept for the test run).
pub fn password_file(password: &str) -> &'static str {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!("js7s-tests-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("password-{}", N.fetch_add(1, Ordering::SeqCst)));
    std::fs::write(&path, format!("{password}\n")).unwrap();
    Box::leak(path.to_string_lossy().into_owned().into_boxed_str())
}
