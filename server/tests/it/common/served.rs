//! The whole server over real HTTP on port 0, with a browser-like client that keeps cookies.

use clap::Parser;
use js7_status::config::Cli;
use reqwest::Client;
use std::time::Duration;

pub struct Served {
    pub base: String,
    /// The first JOC instance (the simulator's, or the configured one).
    pub sim: String,
    /// Every installation's first JOC instance, by name.
    pub installations: Vec<(String, String)>,
    pub http: Client,
    /// The metrics' own address (`--metrics-listen`), e.g. `http://127.0.0.1:4711`.
    pub metrics: String,
}

pub async fn serve(args: &[&str]) -> Served {
    let mut argv = vec!["js7-status"];
    if !args.contains(&"--sim-speed") {
        argv.extend(["--sim-speed", "20"]);
    }
    if !args.contains(&"--sim-installations") {
        argv.extend(["--sim-installations", "1"]);
    }
    argv.extend_from_slice(args);
    let cli = Cli::try_parse_from(argv).unwrap();
    let server = js7_status::build(&cli).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let sim = server.joc_urls[0].clone();
    let installations = server.installations.iter().map(|i| (i.name.clone(), i.joc_urls[0].clone())).collect();
    let limits = js7_status::serve_limits(&cli);
    tokio::spawn(js7_status::serve::serve(listener, server.router, limits, std::future::pending()));
    let metrics_listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let metrics = format!("http://{}", metrics_listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(metrics_listener, server.metrics).await });
    let http = crate::common::http_builder().cookie_store(true).build().unwrap();
    let s = Served { base: format!("http://{addr}"), sim, installations, http, metrics };
    for _ in 0..100 {
        if s.http.get(format!("{}/readyz", s.base)).send().await.is_ok_and(|r| r.status().is_success()) {
            return s;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the server never became ready");
}

impl Served {
    pub async fn post(&self, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.http.post(format!("{}{path}", self.base)).form(form).send().await.unwrap()
    }

    /// Performs an operation (`app::model::operations::Operation` as JSON) with an optional
    /// audit comment, as the browser does.
    pub async fn operate(&self, op: serde_json::Value, comment: Option<&str>) -> reqwest::Response {
        let audit = comment.map(|c| serde_json::json!({ "comment": c }));
        let body = serde_json::json!({ "op": op, "audit": audit });
        self.http.post(format!("{}/api/ops/perform", self.base)).json(&body).send().await.unwrap()
    }

    /// A login with one extra request header (an `Origin`, an `X-Forwarded-For`).
    pub async fn log_in_with(&self, header: (&str, &str), account: &str, password: &str) -> reqwest::Response {
        let form = [("account", account), ("password", password)];
        let url = format!("{}/api/log_in", self.base);
        self.http.post(url).header(header.0, header.1).form(&form).send().await.unwrap()
    }

    pub async fn log_in(&self, account: &str) -> reqwest::Response {
        self.post("/api/log_in", &[("account", account), ("password", account)]).await
    }
}

/// Reads `snapshot` events from an open `/api/feed` response.
pub struct FeedReader {
    resp: reqwest::Response,
    buf: String,
}

impl FeedReader {
    pub async fn open(s: &Served) -> FeedReader {
        FeedReader::open_at(s, "/api/feed").await
    }

    /// The feed at `path` (`/api/feed?controller=ID`).
    pub async fn open_at(s: &Served, path: &str) -> FeedReader {
        FeedReader::open_url(&s.http, &format!("{}{path}", s.base)).await
    }

    /// The feed at a full URL, with `http`'s cookies.
    pub async fn open_url(http: &Client, url: &str) -> FeedReader {
        let resp = http.get(url).send().await.unwrap();
        assert_eq!(resp.status(), reqwest::StatusCode::OK);
        FeedReader { resp, buf: String::new() }
    }

    /// The next snapshot (waits at most 10 s).
    pub async fn next(&mut self) -> app::model::feed::Snapshot {
        let (id, data) = self.next_event().await;
        let snapshot: app::model::feed::Snapshot = serde_json::from_str(&data).unwrap();
        assert_eq!(id, snapshot.seq.to_string(), "the event id is the snapshot's seq");
        snapshot
    }

    /// The next overview, on an `/api/overview` stream (waits at most 10 s).
    pub async fn next_overview(&mut self) -> app::model::overview::Overview {
        let (id, data) = self.next_event().await;
        let overview: app::model::overview::Overview = serde_json::from_str(&data).unwrap();
        assert_eq!(id, overview.seq.to_string(), "the event id is the overview's seq");
        overview
    }

    /// Reads overviews until one satisfies `f` (at most 200).
    pub async fn overview_until(
        &mut self,
        f: impl Fn(&app::model::overview::Overview) -> bool,
    ) -> app::model::overview::Overview {
        for _ in 0..200 {
            let o = self.next_overview().await;
            if f(&o) {
                return o;
            }
        }
        panic!("no such overview in 200");
    }

    /// The next whole event named `name` (other events and keep-alive comments skipped; at
    /// most 10 s each read).
    async fn next_named(&mut self, name: &str) -> String {
        loop {
            while let Some(end) = self.buf.find("\n\n") {
                let event: String = self.buf.drain(..end + 2).collect();
                if event.lines().any(|l| l == format!("event: {name}")) {
                    return event;
                }
            }
            let chunk = tokio::time::timeout(Duration::from_secs(10), self.resp.chunk())
                .await
                .unwrap_or_else(|_| panic!("a {name} event within 10 s"))
                .unwrap()
                .expect("the feed stays open");
            self.buf.push_str(&String::from_utf8_lossy(&chunk));
        }
    }

    /// The data of the next `beat` event (snapshots before it are skipped; at most 10 s).
    pub async fn next_beat(&mut self) -> String {
        let event = self.next_named("beat").await;
        event.lines().find_map(|l| l.strip_prefix("data:")).unwrap_or("").trim().to_string()
    }

    /// The next `snapshot` event's id and data.
    async fn next_event(&mut self) -> (String, String) {
        let event = self.next_named("snapshot").await;
        let data = event.lines().find_map(|l| l.strip_prefix("data: ")).expect("a snapshot's data");
        let id = event.lines().find_map(|l| l.strip_prefix("id: ")).unwrap();
        (id.to_string(), data.to_string())
    }

    /// Resolves when the server ends the stream.
    pub async fn ended(mut self) {
        while let Ok(Some(_)) = self.resp.chunk().await {}
    }

    /// Reads until a snapshot satisfies `f` (at most 200 snapshots).
    pub async fn until(&mut self, f: impl Fn(&app::model::feed::Snapshot) -> bool) -> app::model::feed::Snapshot {
        for _ in 0..200 {
            let s = self.next().await;
            if f(&s) {
                return s;
            }
        }
        panic!("no such snapshot in 200");
    }

    /// The entries of the next `timeline` event (other events skipped; at most 10 s).
    pub async fn next_timeline(&mut self) -> Vec<app::model::timeline::Entry> {
        let event = self.next_named("timeline").await;
        let data = event.lines().find_map(|l| l.strip_prefix("data: ")).expect("the entries");
        serde_json::from_str(data).unwrap()
    }

    /// Reads timeline events until the entries seen so far satisfy `f` (at most 100 events).
    pub async fn timeline_until(
        &mut self,
        seen: &mut Vec<app::model::timeline::Entry>,
        f: impl Fn(&[app::model::timeline::Entry]) -> bool,
    ) {
        for _ in 0..100 {
            if f(seen) {
                return;
            }
            let more = self.next_timeline().await;
            *seen = app::model::timeline::merged(seen, &more);
        }
        panic!("no such timeline in 100 events: {seen:?}");
    }
}
