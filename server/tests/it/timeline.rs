//! The timeline: the changes the board saw and the operations made through it, kept by the
//! server, so that a reload finds them (in memory) and a restart too (in Redis).

use crate::common::replicas::{Fleet, Redis};
use crate::common::served::{FeedReader, serve};
use crate::common::sim;
use app::model::timeline::{Entry, Outcome, What};
use js7_status::simulator::SimConfig;
use reqwest::StatusCode;
use serde_json::json;

fn agent_change(e: &Entry) -> bool {
    matches!(&e.what, What::Change { change } if format!("{:?}", change.subject).contains("agent-1"))
}

fn switch_over_by(account: &'static str) -> impl Fn(&Entry) -> bool {
    move |e| {
        matches!(&e.what, What::Operation { account: a, outcome: Outcome::Accepted, comment: Some(c), .. }
            if a == account && c == "planned maintenance")
    }
}

async fn agent_down(sim: &str, down: bool) {
    let change = json!({"type": "AgentShutDown", "agent": 0, "down": down});
    let r = crate::common::http().post(format!("{sim}/sim/event")).json(&change).send().await.unwrap();
    assert!(r.status().is_success());
}

#[tokio::test]
async fn changes_and_operations_outlive_a_reload() {
    let s = serve(&[]).await;
    assert_eq!(s.log_in("root").await.status(), StatusCode::OK);
    let mut feed = FeedReader::open(&s).await;
    let mut seen = feed.next_timeline().await;
    agent_down(&s.sim, true).await;
    feed.timeline_until(&mut seen, |t| t.iter().any(agent_change)).await;
    assert_eq!(s.operate(json!("ClusterSwitchOver"), Some("planned maintenance")).await.status(), StatusCode::OK);
    feed.timeline_until(&mut seen, |t| t.iter().any(switch_over_by("root"))).await;
    // Refused by the board: not made, not listed; refused by JOC: listed with JOC's words.
    let refused = s
        .operate(json!({"Terminate": {"url": "http://nowhere:4444", "restart": false, "switchover": false}}), None)
        .await;
    assert_ne!(refused.status(), StatusCode::OK);

    // A reload: the timeline comes first, newest first, with both.
    let mut again = FeedReader::open(&s).await;
    let first = again.next_timeline().await;
    assert!(first.iter().any(agent_change) && first.iter().any(switch_over_by("root")), "{first:?}");
    assert!(first.windows(2).all(|w| w[0].at >= w[1].at), "newest first");
    assert!(!first.iter().any(|e| format!("{e:?}").contains("nowhere")), "a refused target was never sent");
}

#[tokio::test]
async fn with_redis_the_timeline_outlives_a_restart() {
    let sim = sim(SimConfig { speed: 20.0, ..SimConfig::default() }).await;
    let redis = Redis::start();
    let fleet = Fleet::new(&sim.urls().join(","), &redis.url());
    let mut first = fleet.replica(0, None).ready().await;
    let http = crate::common::http_builder().cookie_store(true).build().unwrap();
    let log_in = http.post(format!("{}/api/log_in", first.base())).form(&[("account", "root"), ("password", "root")]);
    assert_eq!(log_in.send().await.unwrap().status(), StatusCode::OK);
    let mut feed = FeedReader::open_url(&http, &format!("{}/api/feed", first.base())).await;
    let mut seen = feed.next_timeline().await;
    agent_down(&sim.urls()[0], true).await;
    feed.timeline_until(&mut seen, |t| t.iter().any(agent_change)).await;
    let body = json!({"op": "ClusterSwitchOver", "audit": {"comment": "planned maintenance"}});
    let r = http.post(format!("{}/api/ops/perform", first.base())).json(&body).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    feed.timeline_until(&mut seen, |t| t.iter().any(switch_over_by("root"))).await;
    drop(feed);

    // The board restarts (another process, the same Redis): the session and the timeline stay.
    first.terminate();
    let second = fleet.replica(0, None).ready().await;
    let mut feed = FeedReader::open_url(&http, &format!("{}/api/feed", second.base())).await;
    let after = feed.next_timeline().await;
    assert!(after.iter().any(agent_change) && after.iter().any(switch_over_by("root")), "{after:?}");
    drop(sim);
}
