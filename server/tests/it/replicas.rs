//! Replicas of the board sharing Redis: real `redis-server` processes and replicas started as
//! processes of the built binary, reading one simulated JOC.

use crate::common::replicas::{Fleet, Nginx, Redis, Replica, write_key};
use crate::common::served::FeedReader;
use crate::common::{sim, truth};
use js7_status::simulator::{Sim, SimConfig};
use reqwest::{Client, StatusCode};
use std::time::{Duration, Instant};

/// A simulator, a Redis and a fleet description for replicas.
async fn setting() -> (Sim, Redis, Fleet) {
    let sim = sim(SimConfig { speed: 20.0, ..SimConfig::default() }).await;
    let redis = Redis::start();
    let fleet = Fleet::new(&sim.urls().join(","), &redis.url());
    (sim, redis, fleet)
}

/// A browser: one cookie jar for every replica (cookies do not depend on the port).
fn browser() -> Client {
    crate::common::http_builder().cookie_store(true).build().unwrap()
}

async fn log_in(http: &Client, base: &str, account: &str) {
    let r = http.post(format!("{base}/api/log_in")).form(&[("account", account), ("password", account)]).send().await;
    assert_eq!(r.unwrap().status(), StatusCode::OK, "login as {account} through {base}");
}

async fn current_user(http: &Client, base: &str) -> StatusCode {
    http.post(format!("{base}/api/current_user")).send().await.unwrap().status()
}

/// The monitoring account's open JOC sessions: one per reader of JOC.
async fn readers(sim: &Sim) -> u64 {
    truth(&sim.urls()[0]).await["sessionsByAccount"]["viewer"].as_u64().unwrap_or(0)
}

/// Waits (at most `within`) until `f` holds; how long it took.
async fn within<F: AsyncFn() -> bool>(what: &str, limit: Duration, f: F) -> Duration {
    let start = Instant::now();
    while start.elapsed() < limit {
        if f().await {
            return start.elapsed();
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{what}: not within {limit:?}");
}

async fn ready(base: &str) -> StatusCode {
    reqwest::get(format!("{base}/readyz")).await.map(|r| r.status()).unwrap_or(StatusCode::BAD_GATEWAY)
}

/// Shuts Agent 0 down (or starts it again) in the simulator.
async fn agent_down(sim: &Sim, down: bool) {
    let change = serde_json::json!({"type": "AgentShutDown", "agent": 0, "down": down});
    crate::common::http().post(format!("{}/sim/event", sim.urls()[0])).json(&change).send().await.unwrap();
}

fn agent_is_down(s: &app::model::feed::Snapshot) -> bool {
    s.agents.first().is_some_and(|a| a.state.as_ref().is_some_and(|st| format!("{st:?}").contains("Shutdown")))
}

async fn replicas(fleet: &Fleet, n: usize) -> Vec<Replica> {
    let mut out = Vec::new();
    for _ in 0..n {
        out.push(fleet.replica(0, None).ready().await);
    }
    out
}

#[tokio::test]
async fn three_replicas_read_joc_through_one_loop_and_show_the_same_snapshots() {
    let (sim, _redis, fleet) = setting().await;
    let all = replicas(&fleet, 3).await;
    for r in &all {
        within("every replica ready", Duration::from_secs(20), async || ready(&r.base()).await == StatusCode::OK).await;
    }
    // Long enough for every replica to have tried the lease several times.
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(readers(&sim).await, 1, "one JOC session for the live feed, whatever the replicas");
    let http = browser();
    log_in(&http, &all[0].base(), "operator").await;
    let mut feeds = Vec::new();
    for r in &all {
        feeds.push(FeedReader::open_url(&http, &format!("{}/api/feed", r.base())).await);
    }
    agent_down(&sim, true).await;
    let mut seen = Vec::new();
    for f in &mut feeds {
        let mut s = f.next().await;
        for _ in 0..50 {
            if agent_is_down(&s) {
                break;
            }
            s = f.next().await;
        }
        assert!(agent_is_down(&s), "every replica shows the change");
        seen.push((s.epoch, s.seq));
    }
    assert!(seen.windows(2).all(|w| w[0] == w[1]), "one reader's numbering everywhere: {seen:?}");
    assert_eq!(readers(&sim).await, 1);
}

#[tokio::test]
async fn the_lease_moves_within_10_s_when_the_reader_dies_and_browsers_stay_live() {
    let (sim, _redis, fleet) = setting().await;
    let mut all = replicas(&fleet, 3).await;
    for r in &all {
        within("every replica ready", Duration::from_secs(20), async || ready(&r.base()).await == StatusCode::OK).await;
    }
    let reader = within("one replica reads JOC", Duration::from_secs(10), async || {
        all.iter().any(|r| r.log().contains("this replica reads JOC for the fleet"))
    })
    .await;
    let _ = reader;
    let k = all.iter().position(|r| r.log().contains("this replica reads JOC for the fleet")).unwrap();
    let http = browser();
    let other = (k + 1) % 3;
    log_in(&http, &all[other].base(), "operator").await;
    let mut feed = FeedReader::open_url(&http, &format!("{}/api/feed", all[other].base())).await;
    let before = feed.next().await;
    all[k].kill();
    let killed = Instant::now();
    agent_down(&sim, true).await;
    let mut after = feed.next().await;
    while !agent_is_down(&after) {
        after = feed.next().await;
    }
    let took = killed.elapsed();
    assert!(took < Duration::from_secs(10), "the fleet read JOC again after {took:?}");
    assert!(after.epoch > before.epoch, "a new reader numbers after the old one");
    assert!(after.components.is_some() && after.stale.is_none(), "live data, on the same open stream");
    assert_eq!(current_user(&http, &all[other].base()).await, StatusCode::OK, "still logged in");
}

#[tokio::test]
async fn a_user_stays_logged_in_across_replicas_and_a_replica_restart() {
    let (_sim, _redis, fleet) = setting().await;
    let mut all = replicas(&fleet, 2).await;
    let http = browser();
    assert_eq!(current_user(&http, &all[1].base()).await, StatusCode::UNAUTHORIZED);
    log_in(&http, &all[0].base(), "operator").await;
    for _ in 0..3 {
        for r in &all {
            assert_eq!(current_user(&http, &r.base()).await, StatusCode::OK, "any replica serves the user");
        }
    }
    let port = all[0].port;
    all[0].kill();
    all[0] = fleet.replica(port, None).ready().await;
    assert_eq!(current_user(&http, &all[0].base()).await, StatusCode::OK, "a restarted replica loses nobody");
    // Logging out through one replica ends the session on the other within seconds.
    http.post(format!("{}/api/log_out", all[0].base())).send().await.unwrap();
    within("the other replica forgets the session", Duration::from_secs(5), async || {
        current_user(&http, &all[1].base()).await == StatusCode::UNAUTHORIZED
    })
    .await;
}

#[tokio::test]
async fn an_operation_through_one_replica_cannot_be_started_twice_through_another() {
    let (sim, _redis, fleet) = setting().await;
    let all = replicas(&fleet, 2).await;
    for r in &all {
        within("every replica ready", Duration::from_secs(20), async || ready(&r.base()).await == StatusCode::OK).await;
    }
    let http = browser();
    log_in(&http, &all[0].base(), "root").await;
    assert_eq!(current_user(&http, &all[1].base()).await, StatusCode::OK);
    let slow = crate::common::http();
    slow.post(format!("{}/sim/http", sim.urls()[0])).json(&serde_json::json!({"delayMs": 1500})).send().await.unwrap();
    let operate = |base: String| {
        let http = http.clone();
        async move {
            let body = serde_json::json!({ "op": "ClusterSwitchOver", "audit": null });
            http.post(format!("{base}/api/ops/perform")).json(&body).send().await.unwrap()
        }
    };
    let first = operate(all[0].base());
    let second = async {
        tokio::time::sleep(Duration::from_millis(400)).await;
        operate(all[1].base()).await
    };
    let (a, b) = tokio::join!(first, second);
    slow.post(format!("{}/sim/http", sim.urls()[0])).json(&serde_json::json!({})).send().await.unwrap();
    assert_eq!(a.status(), StatusCode::OK);
    assert_eq!(b.status(), StatusCode::CONFLICT, "taken through the other replica");
    assert!(b.text().await.unwrap().contains("busy"));
    let audit = truth(&sim.urls()[0]).await["audit"].as_array().unwrap().len();
    assert_eq!(audit, 1, "JOC got one switch-over");
}

#[tokio::test]
async fn redis_stopped_and_restarted_mid_run() {
    let (sim, mut redis, fleet) = setting().await;
    let all = replicas(&fleet, 2).await;
    for r in &all {
        within("every replica ready", Duration::from_secs(20), async || ready(&r.base()).await == StatusCode::OK).await;
    }
    let http = browser();
    log_in(&http, &all[0].base(), "operator").await;
    assert_eq!(current_user(&http, &all[1].base()).await, StatusCode::OK);
    let mut feed = FeedReader::open_url(&http, &format!("{}/api/feed", all[1].base())).await;
    redis.stop();
    for r in &all {
        within("readiness says Redis is away", Duration::from_secs(5), async || {
            ready(&r.base()).await == StatusCode::SERVICE_UNAVAILABLE
        })
        .await;
        assert_eq!(current_user(&http, &r.base()).await, StatusCode::OK, "the sessions the replicas hold stay");
    }
    // The panel's status line learns it from the beats.
    let mut beat = feed.next_beat().await;
    while beat != "store-unavailable" {
        beat = feed.next_beat().await;
    }
    // Each replica reads JOC itself meanwhile: the browser stays live.
    agent_down(&sim, true).await;
    let mut s = feed.next().await;
    while !agent_is_down(&s) {
        s = feed.next().await;
    }
    redis.restart();
    for r in &all {
        within("ready again", Duration::from_secs(10), async || ready(&r.base()).await == StatusCode::OK).await;
    }
    // Redis came back empty: the replicas stored their sessions again, and one reads JOC.
    within("one reader again", Duration::from_secs(15), async || readers(&sim).await == 1).await;
    let late = fleet.replica(0, None).ready().await;
    within("a new replica knows the user", Duration::from_secs(5), async || {
        current_user(&http, &late.base()).await == StatusCode::OK
    })
    .await;
    agent_down(&sim, false).await;
    let mut s = feed.next().await;
    while agent_is_down(&s) {
        s = feed.next().await;
    }
    assert_eq!(feed.next_beat().await, "", "the status line is told Redis is back");
}

/// Failed logins count once for the fleet, through whichever replica they come.
#[tokio::test]
async fn failed_logins_count_across_replicas() {
    let (_sim, _redis, fleet) = setting().await;
    let all = replicas(&fleet, 2).await;
    let http = crate::common::http();
    let attempt = |base: String| {
        let http = http.clone();
        async move {
            let form = [("account", "root"), ("password", "wrong")];
            http.post(format!("{base}/api/log_in")).form(&form).send().await.unwrap().status()
        }
    };
    // Ten failures per client in a minute: five through each replica.
    for k in 0..10 {
        assert_eq!(attempt(all[k % 2].base()).await, StatusCode::UNAUTHORIZED, "attempt {k}");
    }
    for r in &all {
        assert_eq!(attempt(r.base()).await, StatusCode::TOO_MANY_REQUESTS, "the limit holds on every replica");
    }
}

#[tokio::test]
async fn a_replica_with_another_session_key_does_not_start_and_without_one_neither() {
    let (_sim, _redis, fleet) = setting().await;
    let _first = fleet.replica(0, None).ready().await;
    let other = fleet.dir.0.join("other.key");
    write_key(&other, 99);
    let (status, log) = fleet.replica(0, Some(&other)).exited();
    assert!(!status.success());
    assert!(log.contains("another key"), "{log}");
    let missing = fleet.dir.0.join("missing.key");
    let (status, log) = fleet.replica(0, Some(&missing)).exited();
    assert!(!status.success());
    assert!(log.contains("missing.key"), "{log}");
}

/// Behind Debian's nginx (round-robin): every request may land on another replica; the user
/// stays logged in and the feed streams unbuffered, while replicas die one by one.
#[tokio::test]
async fn behind_nginx_the_user_stays_logged_in_and_live_while_replicas_die() {
    let (sim, _redis, fleet) = setting().await;
    let mut all = replicas(&fleet, 3).await;
    for r in &all {
        within("every replica ready", Duration::from_secs(20), async || ready(&r.base()).await == StatusCode::OK).await;
    }
    let lb = Nginx::start(&all.iter().map(|r| r.port).collect::<Vec<_>>());
    let http = browser();
    log_in(&http, &lb.base(), "operator").await;
    for _ in 0..6 {
        assert_eq!(current_user(&http, &lb.base()).await, StatusCode::OK, "whichever replica answers");
    }
    for (k, down) in [(0, true), (1, false)] {
        let mut feed = FeedReader::open_url(&http, &format!("{}/api/feed", lb.base())).await;
        feed.next().await;
        all[k].kill();
        for _ in 0..4 {
            assert_eq!(current_user(&http, &lb.base()).await, StatusCode::OK, "after replica {k} died");
        }
        // A stream cut by the death is opened again by the browser; nginx sends it elsewhere.
        let mut feed = FeedReader::open_url(&http, &format!("{}/api/feed", lb.base())).await;
        agent_down(&sim, down).await;
        let mut s = feed.next().await;
        while agent_is_down(&s) != down {
            s = feed.next().await;
        }
    }
}

/// A reader stopped as systemd stops it, while a browser watches through it, ends the
/// browser's feed (which reconnects elsewhere) and gives its lease up: another replica reads at
/// once, and the stop is not held by the open feed.
#[tokio::test]
async fn a_reader_that_stops_gracefully_hands_over_at_once() {
    let (_sim, _redis, fleet) = setting().await;
    let mut all = replicas(&fleet, 2).await;
    let reads = |r: &Replica| r.log().matches("this replica reads JOC for the fleet").count();
    within("one replica reads JOC", Duration::from_secs(10), async || all.iter().any(|r| reads(r) > 0)).await;
    let k = all.iter().position(|r| reads(r) > 0).unwrap();
    let other = 1 - k;
    let http = browser();
    log_in(&http, &all[k].base(), "viewer").await;
    let mut feed = FeedReader::open_url(&http, &format!("{}/api/feed", all[k].base())).await;
    feed.next().await;
    let start = Instant::now();
    all[k].terminate();
    let stopped = start.elapsed();
    assert!(stopped < Duration::from_secs(5), "stopped in {stopped:?}: the open feed held the shutdown");
    tokio::time::timeout(Duration::from_secs(5), feed.ended()).await.expect("the feed ended with the replica");
    within("the other replica reads", Duration::from_secs(10), async || reads(&all[other]) > 0).await;
    let took = start.elapsed();
    assert!(took < Duration::from_secs(4), "handed over in {took:?}, not after the lease ran out");
    let mut again = FeedReader::open_url(&http, &format!("{}/api/feed", all[other].base())).await;
    again.next().await;
}
