//! The server watching several installations, over real HTTP: the embedded default (two
//! simulated installations), a login that opens the user's session wherever JOC accepts the
//! account, the overview, and feeds, operations and downloads addressed to an installation.

use crate::common::served::{FeedReader, Served, serve};
use crate::common::{inject, truth};
use app::model::colours::Tone;
use app::model::overview::{Access, Overview};
use reqwest::StatusCode;
use serde_json::{Value, json};

const TWO: &[&str] = &["--sim-installations", "2"];

fn sim_of<'a>(s: &'a Served, name: &str) -> &'a str {
    &s.installations.iter().find(|(n, _)| n == name).expect("an installation of that name").1
}

async fn user(s: &Served, installation: Option<&str>) -> (StatusCode, Value) {
    let form: Vec<(&str, &str)> = installation.map(|i| vec![("installation", i)]).unwrap_or_default();
    let r = s.post("/api/current_user", &form).await;
    let status = r.status();
    (status, r.json().await.unwrap_or(Value::Null))
}

async fn status(s: &Served, path: &str) -> StatusCode {
    s.http.get(format!("{}{path}", s.base)).send().await.unwrap().status()
}

fn line<'a>(o: &'a Overview, name: &str) -> &'a app::model::overview::Line {
    o.lines.iter().find(|l| l.installation == name).expect("a line per installation")
}

fn all_read(o: &Overview) -> bool {
    o.lines.iter().all(|l| l.tiles.iter().all(|t| !t.unread))
}

#[tokio::test]
async fn the_default_start_has_two_installations_and_a_login_opens_both() {
    let s = serve(TWO).await;
    let names: Vec<&str> = s.installations.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["production", "test"]);
    assert!(s.log_in("root").await.status().is_success());
    let (code, first) = user(&s, None).await;
    assert_eq!(code, StatusCode::OK, "{first}");
    assert_eq!(first["installation"], "production");
    assert_eq!(first["controllers"], json!(["jobs", "reports"]));
    let access: Vec<(&str, &str)> = first["installations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["name"].as_str().unwrap(), i["access"].as_str().unwrap()))
        .collect();
    assert_eq!(access, [("production", "open"), ("test", "open")]);
    let (_, test) = user(&s, Some("test")).await;
    assert_eq!((&test["installation"], &test["controllers"]), (&json!("test"), &json!(["test"])));
    let (code, _) = user(&s, Some("elsewhere")).await;
    assert_eq!(code, StatusCode::BAD_REQUEST, "no installation of that name");
    // Each installation's feeds.
    let mut feed = FeedReader::open_at(&s, "/api/feed?installation=test&controller=test").await;
    let snapshot = feed.until(|s| s.components.is_some()).await;
    assert_eq!(snapshot.controller_id, "test");
    assert_eq!(snapshot.components.unwrap().controllers.len(), 1, "a standalone Controller");
    let mut reports = FeedReader::open_at(&s, "/api/feed?installation=production&controller=reports").await;
    assert_eq!(reports.until(|s| s.components.is_some()).await.controller_id, "reports");
    assert_eq!(status(&s, "/api/feed?installation=elsewhere").await, StatusCode::NOT_FOUND);
    assert_eq!(status(&s, "/api/feed?installation=test&controller=jobs").await, StatusCode::FORBIDDEN);
    // Logging out ends the sessions everywhere.
    assert!(s.post("/api/log_out", &[]).await.status().is_success());
    assert_eq!(user(&s, Some("test")).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(status(&s, "/api/overview").await, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_user_let_into_one_installation_sees_only_it_and_may_log_in_to_the_other() {
    let s = serve(TWO).await;
    assert!(s.log_in("tester").await.status().is_success(), "the test installation accepts tester");
    let (_, u) = user(&s, None).await;
    assert_eq!(u["installation"], "test", "the first installation the user is in");
    assert_eq!(u["installations"][0]["access"], "refused");
    assert_eq!(u["installations"][0]["account"], Value::Null);
    let (code, refused) = user(&s, Some("production")).await;
    assert_eq!(code, StatusCode::FORBIDDEN);
    assert!(refused.to_string().contains("outside-installation"), "{refused}");
    assert_eq!(status(&s, "/api/feed?installation=production&controller=jobs").await, StatusCode::FORBIDDEN);
    assert_eq!(status(&s, "/api/feed?installation=production").await, StatusCode::FORBIDDEN);
    assert_eq!(status(&s, "/api/logs/joc.log.gz?installation=production").await, StatusCode::FORBIDDEN);
    let mut overview = FeedReader::open_at(&s, "/api/overview").await;
    let o = overview.overview_until(all_read).await;
    assert_eq!(line(&o, "production").access, Access::Refused);
    assert!(line(&o, "production").tiles.is_empty(), "nothing of an installation the user is not in");
    assert_eq!(line(&o, "test").tiles.iter().map(|t| t.controller_id.as_str()).collect::<Vec<_>>(), ["test"]);
    // A wrong password there changes nothing; the right account opens it.
    let wrong = s
        .post("/api/log_in_installation", &[("installation", "production"), ("account", "root"), ("password", "x")])
        .await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(user(&s, Some("test")).await.0, StatusCode::OK, "still in test");
    let right = s
        .post("/api/log_in_installation", &[("installation", "production"), ("account", "root"), ("password", "root")])
        .await;
    assert!(right.status().is_success(), "{}", right.text().await.unwrap());
    let (code, prod) = user(&s, Some("production")).await;
    assert_eq!((code, &prod["account"]), (StatusCode::OK, &json!("root")));
    assert_eq!(prod["installations"][0]["access"], "open");
    let mut overview = FeedReader::open_at(&s, "/api/overview").await;
    let o = overview.overview_until(all_read).await;
    assert_eq!(line(&o, "production").tiles.len(), 2);
    let unknown = s
        .post("/api/log_in_installation", &[("installation", "nowhere"), ("account", "root"), ("password", "root")])
        .await;
    assert_eq!(unknown.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_overview_follows_a_fault_in_one_controller_of_one_installation() {
    let s = serve(TWO).await;
    assert!(s.log_in("root").await.status().is_success());
    let mut overview = FeedReader::open_at(&s, "/api/overview").await;
    let healthy = overview.overview_until(|o| all_read(o) && o.worst() == Tone::Ok).await;
    let tiles = |o: &Overview| -> Vec<(String, Tone)> {
        o.lines
            .iter()
            .flat_map(|l| l.tiles.iter().map(move |t| (format!("{}/{}", l.installation, t.controller_id), t.tone)))
            .collect()
    };
    assert_eq!(tiles(&healthy).len(), 3);
    // Yellow: one Subagent of an Agent cluster down would do; here an Agent shuts down (red).
    inject(
        sim_of(&s, "production"),
        json!({"type": "AgentShutDown", "agent": 0, "down": true, "controller": "reports"}),
    )
    .await;
    let hurt = overview.overview_until(|o| line(o, "production").tiles[1].tone != Tone::Ok).await;
    assert_eq!(line(&hurt, "production").tiles[1].controller_id, "reports");
    assert!(line(&hurt, "production").tiles[1].not_green >= 1);
    assert_eq!(line(&hurt, "production").tiles[0].tone, Tone::Ok, "jobs unchanged");
    assert_eq!(line(&hurt, "test").tiles[0].tone, Tone::Ok, "the other installation unchanged");
    // The whole test installation's JOC stops answering: its tile turns stale.
    let fault = json!({"status": 503});
    let r = crate::common::http().post(format!("{}/sim/http", sim_of(&s, "test"))).json(&fault).send().await.unwrap();
    assert!(r.status().is_success());
    let stale = overview.overview_until(|o| line(o, "test").tiles[0].stale_since.is_some()).await;
    assert!(line(&stale, "production").tiles.iter().all(|t| t.stale_since.is_none()));
}

#[tokio::test]
async fn operations_and_downloads_go_to_the_installation_they_name() {
    let s = serve(TWO).await;
    assert!(s.log_in("root").await.status().is_success());
    let mut feed = FeedReader::open_at(&s, "/api/feed?installation=test&controller=test").await;
    feed.until(|s| s.components.is_some()).await;
    // Each simulated installation names its first Controller's instances `controller1`, ...
    let terminate = json!({"Terminate": {"url": "http://controller1:4444", "restart": false, "switchover": false}});
    let body = json!({ "op": terminate, "audit": null, "installation": "test", "controller": "test" });
    let done = s.http.post(format!("{}/api/ops/perform", s.base)).json(&body).send().await.unwrap();
    assert!(done.status().is_success(), "{}", done.text().await.unwrap());
    let test = truth(sim_of(&s, "test")).await;
    assert_eq!(test["controllers"][0]["nodes"][0]["running"], false, "{test}");
    let production = truth(sim_of(&s, "production")).await;
    assert!(production["audit"].as_array().unwrap().is_empty(), "nothing sent to production: {production}");
    assert!(production["nodes"].as_array().unwrap().iter().all(|n| n["running"] == true), "{production}");
    // A target of test named in production is refused there, unperformed.
    let test_only = json!({"Terminate": {"url": "http://reports-2:4444", "restart": false, "switchover": false}});
    let body = json!({ "op": test_only, "audit": null, "installation": "test", "controller": "test" });
    let wrong = s.http.post(format!("{}/api/ops/perform", s.base)).json(&body).send().await.unwrap();
    assert_eq!(wrong.status(), StatusCode::BAD_REQUEST, "reports-2 is production's");
    let log = s.http.get(format!("{}/api/logs/joc.log.gz?installation=test", s.base)).send().await.unwrap();
    assert_eq!(log.status(), StatusCode::OK);
    assert!(!log.bytes().await.unwrap().is_empty());
    assert_eq!(truth(sim_of(&s, "test")).await["openLogStreams"].as_u64(), Some(0));
}

#[tokio::test]
async fn overview_viewers_add_no_upstream_calls() {
    let s = serve(TWO).await;
    assert!(s.log_in("root").await.status().is_success());
    let mut first = FeedReader::open_at(&s, "/api/overview").await;
    first.overview_until(all_read).await;
    let sessions = |name: &'static str| {
        let s = &s;
        async move { truth(sim_of(s, name)).await["openSessions"].as_u64().unwrap() }
    };
    // Per installation: each watched Controller's feed and the user's own session.
    let before = (sessions("production").await, sessions("test").await);
    let mut more = Vec::new();
    for _ in 0..10 {
        let mut r = FeedReader::open_at(&s, "/api/overview").await;
        r.overview_until(all_read).await;
        more.push(r);
    }
    assert_eq!(
        (sessions("production").await, sessions("test").await),
        before,
        "ten more overviews, no more JOC sessions"
    );
}

/// The session cookie of a response (its `js7s` value).
fn session_cookie(r: &reqwest::Response) -> Option<String> {
    r.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| v.strip_prefix("js7s=").map(|v| v.split(';').next().unwrap_or_default().to_string()))
}

#[tokio::test]
async fn logging_in_to_one_more_installation_renews_the_session_id() {
    let s = serve(TWO).await;
    let first = s.log_in("tester").await;
    let old = session_cookie(&first).expect("a session cookie");
    let mut overview = FeedReader::open_at(&s, "/api/overview").await;
    overview.overview_until(all_read).await;
    let form = [("installation", "production"), ("account", "root"), ("password", "root")];
    let more = s.post("/api/log_in_installation", &form).await;
    assert!(more.status().is_success());
    let renewed = session_cookie(&more).expect("a new session cookie");
    assert_ne!(renewed, old, "an id the browser had before never gains a login");
    // The old id is gone everywhere: a browser that planted it has nothing.
    let planted = crate::common::http();
    let r = planted
        .post(format!("{}/api/current_user", s.base))
        .header("cookie", format!("js7s={old}"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    // The overview of the old id ends; the browser's new one shows both installations.
    tokio::time::timeout(std::time::Duration::from_secs(15), overview.ended()).await.expect("the old overview ends");
    let (code, u) = user(&s, Some("test")).await;
    assert_eq!((code, &u["account"]), (StatusCode::OK, &json!("tester")), "still in test, as tester");
    let mut overview = FeedReader::open_at(&s, "/api/overview").await;
    let o = overview.overview_until(all_read).await;
    assert_eq!(o.lines.iter().map(|l| l.access).collect::<Vec<_>>(), [Access::Open, Access::Open]);
    // Not logged in: names are not told apart.
    let stranger = crate::common::http();
    for path in ["/api/feed?installation=nowhere", "/api/feed?installation=test", "/api/overview"] {
        let r = stranger.get(format!("{}{path}", s.base)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "{path}");
    }
    let empty =
        s.post("/api/log_in_installation", &[("installation", ""), ("account", "root"), ("password", "root")]).await;
    assert_eq!(empty.status(), StatusCode::BAD_REQUEST, "no installation without a name");
}

#[tokio::test]
async fn readiness_names_an_installation_that_cannot_be_read() {
    let s = serve(TWO).await;
    let ready = || async { s.http.get(format!("{}/readyz", s.base)).send().await.unwrap() };
    assert_eq!(ready().await.text().await.unwrap(), "ready");
    let fault = json!({"status": 503});
    let r = crate::common::http().post(format!("{}/sim/http", sim_of(&s, "test"))).json(&fault).send().await.unwrap();
    assert!(r.status().is_success());
    // The board still serves production: ready, naming test.
    for _ in 0..600 {
        let r = ready().await;
        let status = r.status();
        let text = r.text().await.unwrap();
        if text != "ready" {
            assert_eq!(status, StatusCode::OK, "{text}");
            assert!(text.starts_with("ready; not read: test: JOC cannot be read since"), "{text}");
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("readiness never named the installation that cannot be read");
}
