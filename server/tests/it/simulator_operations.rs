//! Every operation of the panel against the simulator over real HTTP: the answer (validated
//! against its schema), the state change it causes, and JOC's refusals.

use crate::common::{Caller, inject, schemas, sim, truth, wait_for_cluster};
use js7_status::simulator::SimConfig;
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::io::Read;

fn fast() -> SimConfig {
    SimConfig { speed: 60.0, log_bytes: 300_000, ..SimConfig::default() }
}

fn ctl(url: &str, switchover: bool) -> Value {
    json!({"controllerId": "controller", "url": url, "withSwitchover": switchover, "auditLog": {"comment": "test", "timeSpent": 5, "ticketLink": "https://tickets/42"}})
}

const PRIMARY: &str = "http://controller1:4444";
const BACKUP: &str = "http://controller2:4444";

/// Terminate and restart with switch-over hands the active role over, then re-couples.
#[tokio::test]
async fn controller_commands_change_the_cluster() {
    let cases: [(&str, &str, bool, &str, &str); 5] = [
        ("controller/restart", PRIMARY, true, "ClusterCoupled", "inactive"),
        ("controller/terminate", PRIMARY, false, "ClusterActiveShutDown", "unknown"),
        ("controller/abort_and_restart", PRIMARY, true, "ClusterCoupled", "inactive"),
        ("controller/abort", PRIMARY, true, "ClusterFailedOver", "unknown"),
        ("controller/terminate", BACKUP, false, "ClusterPassiveLost", "active"),
    ];
    for (path, url, switchover, settles_in, primary_node) in cases {
        let s = sim(fast()).await;
        let base = &s.urls()[0];
        let c = Caller::login(base, "operator").await;
        schemas::check("common/ok-schema.json", &c.ok(path, ctl(url, switchover)).await);
        let answer = wait_for_cluster(&c, settles_in).await;
        assert_eq!(answer["controllers"][0]["clusterNodeState"]["_text"], primary_node, "{path} {url}");
        let audit = &truth(base).await["audit"][0];
        assert_eq!(audit["comment"], "test");
        assert_eq!(audit["ticketLink"], "https://tickets/42");
        s.shutdown();
    }
}

/// Cluster switch-over only when coupled and only on the active JOC; confirm node loss only
/// with a loss node.
#[tokio::test]
async fn cluster_operations_follow_joc_preconditions() {
    let s = sim(fast()).await;
    let (active, standby) = (&s.urls()[0], &s.urls()[1]);
    let on_standby = Caller::login(standby, "root").await;
    let (status, err) = on_standby.post("controller/cluster/switchover", json!({"controllerId": "controller"})).await;
    assert_eq!(status.as_u16(), 420);
    assert!(err["error"]["message"].as_str().unwrap().contains("active JOC"));
    let c = Caller::login(active, "root").await;
    let (status, err) = c.post("controller/cluster/confirm_node_loss", json!({"controllerId": "controller"})).await;
    assert_eq!((status.as_u16(), err["error"]["code"].as_str()), (420, Some("JOC-400")));
    c.ok("controller/cluster/switchover", json!({"controllerId": "controller"})).await;
    let answer = wait_for_cluster(&c, "ClusterCoupled").await;
    assert_eq!(answer["controllers"][1]["clusterNodeState"]["_text"], "active");

    inject(active, json!({"type": "CouplingBroken", "broken": true})).await;
    let (status, err) = c.post("controller/cluster/switchover", json!({"controllerId": "controller"})).await;
    assert_eq!(status.as_u16(), 420, "{err}");
    inject(active, json!({"type": "CouplingBroken", "broken": false})).await;
    wait_for_cluster(&c, "ClusterCoupled").await;

    inject(active, json!({"type": "CrashUnwitnessed"})).await;
    let lost = wait_for_cluster(&c, "ClusterNodeLossToBeConfirmed").await;
    assert_eq!(lost["clusterState"]["lossNode"], "Backup");
    let (status, _) =
        on_standby.post("controller/cluster/confirm_node_loss", json!({"controllerId": "controller"})).await;
    assert_eq!(status.as_u16(), 420);
    c.ok(
        "controller/cluster/confirm_node_loss",
        json!({"controllerId": "controller", "auditLog": {"comment": "verified down"}}),
    )
    .await;
    wait_for_cluster(&c, "ClusterFailedOver").await;
    s.shutdown();
}

/// JOC switch-over: answered at once, effective after 20 to 60 simulated seconds.
#[tokio::test]
async fn joc_switchover_moves_the_active_role() {
    let s = sim(fast()).await;
    let base = &s.urls()[0];
    let c = Caller::login(base, "root").await;
    let comps = c.ok("controller/components", json!({"controllerId": "controller"})).await;
    let member = comps["jocs"][1]["memberId"].as_str().unwrap().to_string();
    let answer =
        c.ok("joc/cluster/switch_member", json!({"memberId": member, "auditLog": {"comment": "maintenance"}})).await;
    schemas::check("cluster/joc-cluster-response-schema.json", &answer);
    assert_eq!(answer["state"], "SWITCH_MEMBER");
    assert_eq!(c.ok("joc/is_active", json!({})).await["ok"], true);
    for _ in 0..100 {
        if c.ok("joc/is_active", json!({})).await["ok"] == false {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(30)).await;
    }
    assert_eq!(c.ok("joc/is_active", json!({})).await["ok"], false);
    let other = Caller::login(&s.urls()[1], "root").await;
    assert_eq!(other.ok("joc/is_active", json!({})).await["ok"], true);
    s.shutdown();
}

/// Service restarts and runs on the active JOC; refused on the standby and for types JOC
/// cannot run.
#[tokio::test]
async fn joc_services_restart_and_run() {
    let s = sim(fast()).await;
    let base = &s.urls()[0];
    let c = Caller::login(base, "root").await;
    for t in ["cluster", "history", "dailyplan", "cleanup", "monitor", "lognotification"] {
        let a = c.ok("joc/cluster/restart", json!({"type": t, "auditLog": {"comment": "x"}})).await;
        schemas::check("cluster/joc-cluster-response-schema.json", &a);
        assert_eq!(a["state"], "RESTARTED");
    }
    for t in ["cleanup", "dailyplan"] {
        assert_eq!(c.ok("joc/cluster/run", json!({"type": t})).await["state"], "RUNNING");
    }
    assert_eq!(c.post("joc/cluster/run", json!({"type": "history"})).await.0.as_u16(), 420);
    c.ok("joc/proxies/restart", json!({})).await;
    let services = &truth(base).await["services"];
    assert_eq!(services["restart:history"], 1);
    assert_eq!(services["run:dailyplan"], 1);
    assert_eq!(services["proxies"], 2, "restart of all services restarts the proxies too");
    let standby = Caller::login(&s.urls()[1], "root").await;
    let (status, err) = standby.post("joc/cluster/restart", json!({"type": "history"})).await;
    assert_eq!((status.as_u16(), err["error"]["code"].as_str()), (420, Some("JOC-503")));
    s.shutdown();
}

/// With forced audit comments an operation without a reason is 420 JOC-300 and changes nothing.
#[tokio::test]
async fn forced_comments_are_enforced() {
    let s = sim(SimConfig { force_comments: true, ..fast() }).await;
    let base = &s.urls()[0];
    let c = Caller::login(base, "root").await;
    assert_eq!(c.ok("joc/properties", json!({})).await["forceCommentsForAuditLog"], true);
    let (status, err) = c.post("controller/cluster/switchover", json!({"controllerId": "controller"})).await;
    assert_eq!((status.as_u16(), err["error"]["code"].as_str()), (420, Some("JOC-300")));
    assert_eq!(truth(base).await["engineCluster"], "ClusterCoupled");
    c.ok("controller/cluster/switchover", json!({"controllerId": "controller", "auditLog": {"comment": "planned"}}))
        .await;
    // The display URL takes no audit log at all.
    c.ok("joc/url", json!({"instanceId": "joc#1", "url": "https://joc2.example.com"})).await;
    let comps = c.ok("controller/components", json!({"controllerId": "controller"})).await;
    assert_eq!(comps["jocs"][1]["url"], "https://joc2.example.com");
    s.shutdown();
}

/// `joc/log` streams plain text named joc.log; `controller/log` gzip named controller.log.gz.
#[tokio::test]
async fn logs_download_as_joc_serves_them() {
    let s = sim(fast()).await;
    let c = Caller::login(&s.urls()[0], "root").await;
    let get = |path: &'static str, body: Value| {
        let c = &c;
        async move {
            let r = c
                .http
                .post(format!("{}/joc/api/{path}", c.base))
                .header("x-access-token", &c.token)
                .json(&body)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::OK);
            let disposition = r.headers()["content-disposition"].to_str().unwrap().to_string();
            (disposition, r.bytes().await.unwrap())
        }
    };
    let (d, joc) = get("joc/log", json!({})).await;
    assert!(d.ends_with("joc.log"), "{d}");
    // JOC sends joc.log gzip-encoded (docs/joc-conformance.md, "Transport").
    let mut plain = Vec::new();
    flate2::read::GzDecoder::new(&joc[..]).read_to_end(&mut plain).unwrap();
    assert_eq!(plain.len(), 300_000);
    let (d, gz) = get("controller/log", json!({"controllerId": "controller", "url": PRIMARY})).await;
    assert!(d.ends_with("controller.log.gz"), "{d}");
    let mut text = Vec::new();
    flate2::read::GzDecoder::new(&gz[..]).read_to_end(&mut text).unwrap();
    assert_eq!(text.len(), 300_000);
    inject(&s.urls()[0], json!({"type": "NodeReachable", "node": 1, "reachable": false})).await;
    let (status, _) = c.post("controller/log", json!({"controllerId": "controller", "url": BACKUP})).await;
    assert_eq!(status.as_u16(), 420);
    s.shutdown();
}
