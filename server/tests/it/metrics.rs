//! `/metrics` over real HTTP: refused without the token, its gauges following faults injected
//! into the simulator, and every metric the alert rules use present and well-formed (Debian's
//! `promtool check metrics`).

use crate::common::inject;
use crate::common::served::{FeedReader, Served, serve};
use reqwest::StatusCode;
use serde_json::json;
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;

const TOKEN: &str = "metrics-token-0123456789";

fn token_file() -> &'static str {
    let path = std::env::temp_dir().join(format!("js7s-metrics-token-{}", std::process::id()));
    std::fs::write(&path, format!("{TOKEN}\n")).unwrap();
    Box::leak(path.to_string_lossy().into_owned().into_boxed_str())
}

async fn scrape(s: &Served) -> String {
    let r = s.http.get(format!("{}/metrics", s.metrics)).bearer_auth(TOKEN).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    r.text().await.unwrap()
}

/// The value of the sample of `name` whose labels include every pair of `labels`.
fn value(text: &str, name: &str, labels: &[(&str, &str)]) -> Option<f64> {
    text.lines().filter(|l| !l.starts_with('#')).find_map(|l| {
        let (series, v) = l.rsplit_once(' ')?;
        let (n, rest) = series.split_once('{').unwrap_or((series, ""));
        let all = labels.iter().all(|(k, want)| rest.contains(&format!("{k}=\"{want}\"")));
        (n == name && all).then(|| v.parse().ok()).flatten()
    })
}

/// Scrapes until `f` holds (at most 30 s), and returns that scrape.
async fn until(s: &Served, what: &str, f: impl Fn(&str) -> bool) -> String {
    for _ in 0..150 {
        let text = scrape(s).await;
        if f(&text) {
            return text;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("the metrics never showed {what}:\n{}", scrape(s).await);
}

const COLOUR: &str = "js7_status_component_colour";
const BACKUP: (&str, &str) = ("js7_instance", "http://controller2:4444");

#[tokio::test]
async fn the_metrics_ask_for_the_token_on_both_addresses() {
    let s = serve(&["--metrics-token-file", token_file()]).await;
    for base in [&s.metrics, &s.base] {
        let url = format!("{base}/metrics");
        let r = s.http.get(&url).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "{url}");
        assert_eq!(r.headers()["www-authenticate"], "Bearer realm=\"metrics\"");
        assert!(!r.text().await.unwrap().contains("js7_status"));
        let r = s.http.get(&url).bearer_auth("metrics-token-012345678").send().await.unwrap();
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "a shorter token");
        let r = s.http.get(&url).bearer_auth(TOKEN).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        assert!(r.headers()["content-type"].to_str().unwrap().starts_with("text/plain; version=0.0.4"));
        assert!(r.text().await.unwrap().contains("# TYPE js7_status_uptime_seconds gauge"));
    }
    // Prometheus asks for OpenMetrics first.
    let r = s
        .http
        .get(format!("{}/metrics", s.metrics))
        .bearer_auth(TOKEN)
        .header("accept", "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5")
        .send()
        .await
        .unwrap();
    assert!(r.headers()["content-type"].to_str().unwrap().starts_with("application/openmetrics-text"));
    assert!(r.text().await.unwrap().ends_with("# EOF\n"));
}

#[tokio::test]
async fn without_a_token_the_metrics_stay_off_the_panels_address() {
    let s = serve(&[]).await;
    let r = s.http.get(format!("{}/metrics", s.base)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert!(!r.text().await.unwrap().contains("js7_status"));
    // Their own address (--metrics-listen) needs no token when none is configured.
    let r = s.http.get(format!("{}/metrics", s.metrics)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
}

#[tokio::test]
async fn the_gauges_follow_the_faults() {
    let s = serve(&["--metrics-token-file", token_file()]).await;
    let coupled = |t: &str| value(t, "js7_status_cluster_coupled", &[("installation", "JS7")]);
    let text = until(&s, "a coupled cluster", |t| coupled(t) == Some(1.0)).await;
    assert_eq!(value(&text, COLOUR, &[BACKUP]), Some(0.0));
    assert_eq!(value(&text, "js7_status_component_active", &[("js7_instance", "http://controller1:4444")]), Some(1.0));
    assert_eq!(value(&text, "js7_status_component_active", &[BACKUP]), Some(0.0));
    assert_eq!(value(&text, "js7_status_stale", &[("installation", "JS7")]), Some(0.0));
    assert!(value(&text, "js7_status_last_read_age_seconds", &[]).is_some_and(|a| a < 60.0));
    let reads = &[("endpoint", "controller/components"), ("outcome", "ok")];
    assert!(value(&text, "js7_status_upstream_request_duration_seconds_count", reads).is_some_and(|n| n >= 1.0));

    inject(&s.sim, json!({"type": "CouplingBroken", "broken": true})).await;
    until(&s, "the cluster not coupled, its line yellow", |t| {
        coupled(t) == Some(0.0) && value(t, COLOUR, &[("kind", "cluster")]) == Some(1.0)
    })
    .await;
    inject(&s.sim, json!({"type": "CouplingBroken", "broken": false})).await;
    until(&s, "coupled again", |t| coupled(t) == Some(1.0)).await;

    inject(&s.sim, json!({"type": "NodeReachable", "node": 1, "reachable": false})).await;
    until(&s, "the standby red and unreachable", |t| {
        value(t, COLOUR, &[BACKUP]) == Some(2.0)
            && value(t, "js7_status_component_connection", &[BACKUP, ("state", "unreachable")]) == Some(1.0)
    })
    .await;
    inject(&s.sim, json!({"type": "NodeReachable", "node": 1, "reachable": true})).await;
    until(&s, "the standby green again", |t| value(t, COLOUR, &[BACKUP]) == Some(0.0)).await;

    inject(&s.sim, json!({"type": "AgentShutDown", "agent": 0, "down": true})).await;
    until(&s, "an Agent red", |t| {
        t.lines().any(|l| l.starts_with(COLOUR) && l.contains("kind=\"agent\"") && l.ends_with(" 2"))
    })
    .await;

    inject(&s.sim, json!({"type": "CrashUnwitnessed"})).await;
    until(&s, "a loss to confirm", |t| {
        value(t, "js7_status_controller_loss_to_confirm", &[("js7_instance", "http://controller1:4444")]) == Some(1.0)
    })
    .await;

    // The second instance first: the first one answers the simulator's control path.
    for joc in [1, 0] {
        inject(&s.sim, json!({"type": "JocProcess", "joc": joc, "running": false})).await;
    }
    let text =
        until(&s, "the board stale", |t| value(t, "js7_status_stale", &[("installation", "JS7")]) == Some(1.0)).await;
    assert!(
        text.lines()
            .any(|l| l.starts_with("js7_status_upstream_request_duration_seconds_count")
                && !l.contains("outcome=\"ok\"")),
        "failed requests are counted by their outcome"
    );
    let age = |t: &str| value(t, "js7_status_last_read_age_seconds", &[("installation", "JS7")]).unwrap();
    let first = age(&text);
    until(&s, "the age of the last read growing", |t| age(t) > first + 1.0).await;
}

#[tokio::test]
async fn viewers_operations_and_log_bytes_are_counted() {
    let s = serve(&["--metrics-token-file", token_file()]).await;
    assert_eq!(s.log_in("operator").await.status(), StatusCode::OK);
    let viewers = |t: &str| value(t, "js7_status_viewers", &[("installation", "JS7"), ("stream", "panel")]);
    let mut feed = FeedReader::open(&s).await;
    feed.next().await;
    until(&s, "one viewer", |t| viewers(t) == Some(1.0)).await;
    drop(feed);
    until(&s, "no viewer once the browser left", |t| viewers(t) == Some(0.0)).await;

    let r = s.operate(json!("ClusterSwitchOver"), Some("planned")).await;
    assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
    let r = s.operate(json!("ClusterSwitchOver"), None).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "not coupled right after a switch-over");
    let text = scrape(&s).await;
    let ops = |outcome: &str| {
        value(&text, "js7_status_operations_total", &[("kind", "cluster-switch-over"), ("outcome", outcome)])
    };
    assert_eq!(ops("ok"), Some(1.0));
    assert_eq!(ops("JOC-400"), Some(1.0), "{text}");

    let body = s.http.get(format!("{}/api/logs/joc.log.gz", s.base)).send().await.unwrap().bytes().await.unwrap();
    assert!(!body.is_empty());
    let text = scrape(&s).await;
    assert_eq!(value(&text, "js7_status_log_bytes_total", &[("log", "joc")]), Some(body.len() as f64));
}

/// The repository's root.
fn repo() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The names the alert rules and the dashboard use.
fn names_in(path: &str) -> Vec<String> {
    let text = std::fs::read_to_string(repo().join(path)).unwrap();
    let mut names: Vec<String> = text
        .match_indices("js7_status_")
        .map(|(i, _)| text[i..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect::<String>())
        .map(|n| {
            ["_bucket", "_count", "_sum"]
                .iter()
                .fold(n, |n, suffix| n.strip_suffix(suffix).map(String::from).unwrap_or(n))
        })
        .collect();
    names.sort();
    names.dedup();
    names
}

#[tokio::test]
async fn the_rules_and_the_dashboard_use_metrics_the_board_serves_and_promtool_accepts_them() {
    let s = serve(&["--metrics-token-file", token_file(), "--sim-agents", "2"]).await;
    until(&s, "a coupled cluster", |t| value(t, "js7_status_cluster_coupled", &[]) == Some(1.0)).await;
    // A viewer, an operation and a download, so that their counters have samples.
    assert_eq!(s.log_in("operator").await.status(), StatusCode::OK);
    FeedReader::open(&s).await.next().await;
    assert_eq!(s.operate(json!("ClusterSwitchOver"), None).await.status(), StatusCode::OK);
    s.http.get(format!("{}/api/logs/joc.log.gz", s.base)).send().await.unwrap().bytes().await.unwrap();
    let text = scrape(&s).await;
    let mut promtool = Command::new("promtool")
        .args(["check", "metrics"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("promtool (Debian's prometheus package; scripts/setup installs it)");
    promtool.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    let out = promtool.wait_with_output().unwrap();
    let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "promtool check metrics: {said}\n{text}");
    for file in ["docs/prometheus/js7-status.rules.yml", "docs/prometheus/js7-status.dashboard.json"] {
        let names = names_in(file);
        assert!(names.len() >= 5, "{file}: {names:?}");
        for n in names {
            assert!(text.contains(&format!("# TYPE {n} ")), "{file} uses {n}, which /metrics does not serve");
        }
    }
}

/// `promtool check rules` and `promtool test rules` on the shipped rules.
#[test]
fn the_alert_rules_pass_promtool() {
    let dir = repo().join("docs/prometheus");
    for args in [["check", "rules", "js7-status.rules.yml"], ["test", "rules", "js7-status.rules.test.yml"]] {
        let out = Command::new("promtool")
            .args(args)
            .current_dir(&dir)
            .output()
            .expect("promtool (Debian's prometheus package; scripts/setup installs it)");
        let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert!(out.status.success(), "promtool {}: {said}", args.join(" "));
        assert!(said.contains("SUCCESS"), "{said}");
    }
}
