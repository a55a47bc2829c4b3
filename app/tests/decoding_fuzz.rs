//! Fuzzing the decoding of JOC's answers: random bytes, and valid answers with bytes flipped,
//! cut or spliced, must decode or fail cleanly, never panic, and what the panel computes from
//! whatever decodes must not panic either. Each target runs `FUZZ_CASES` inputs (default 2,000)
//! or, with `FUZZ_SECONDS`, for that long.

use app::model::feed::Snapshot;
use app::model::fixtures;
use app::model::joc::*;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use std::time::{Duration, Instant};

/// Valid answers to mutate.
fn seeds() -> Vec<Vec<u8>> {
    let agents = serde_json::json!({"deliveryDate": "2026-11-29T00:00:00Z", "surveyDate": "2026-11-29T00:00:00Z", "agents": [
        {"agentId": "a1", "agentName": "agent-1", "url": "http://a:4445", "state": {"severity": 0, "_text": "COUPLED"}}
    ]});
    let snapshot = Snapshot {
        seq: 42,
        epoch: 7,
        controller_id: "controller".into(),
        components: Some(fixtures::healthy_cluster()),
        agents: Vec::new(),
        read_at: Some("2026-11-29T00:00:00Z".into()),
        stale: Some(app::model::feed::Staleness {
            since: "2026-11-29T00:00:00Z".into(),
            code: app::model::errors::ErrorCode::Unreachable,
            message: "JOC Cockpit cannot be reached".into(),
            endpoint: Some("controller/components".into()),
        }),
        joc_url: Some("http://joc1:4446".into()),
        availability: None,
    };
    vec![
        serde_json::to_vec(&fixtures::healthy_cluster()).unwrap(),
        serde_json::to_vec(&fixtures::standalone()).unwrap(),
        serde_json::to_vec(&agents).unwrap(),
        br#"{"deliveryDate":"2026-11-29T00:00:00Z","surveyDate":"2026-11-29T00:00:00Z","eventId":17,"eventSnapshots":[{"eventId":17,"eventType":"ControllerStateChanged","objectType":"CONTROLLER"}]}"#.to_vec(),
        br#"{"isAuthenticated":true,"accessToken":"0123456789abcdef0123456789abcdef","sessionTimeout":1800000,"role":"all"}"#.to_vec(),
        br#"{"controllerDefaults":{"view":true,"terminate":true},"joc":{"getLog":true,"cluster":{"manage":true}}}"#.to_vec(),
        br#"{"deliveryDate":"2026-11-29T00:00:00Z","error":{"code":"JOC-300","message":"reason required"}}"#.to_vec(),
        serde_json::to_vec(&JocProperties {
            force_comments_for_audit_log: true,
            comments: vec!["System maintenance".into(), "Configuration change".into()],
        })
        .unwrap(),
        br#"{"deliveryDate":"2026-11-29T00:00:00Z","controllerIds":["controller","testing"],"selected":"controller"}"#.to_vec(),
        serde_json::to_vec(&snapshot).unwrap(),
    ]
}

/// Decodes `bytes` as every answer type the client reads, and feeds what decodes to the model.
fn decode_all(bytes: &[u8]) {
    let _ = serde_json::from_slice::<AgentsAnswer>(bytes);
    let _ = serde_json::from_slice::<EventsAnswer>(bytes);
    let _ = serde_json::from_slice::<AccountAnswer>(bytes);
    let _ = serde_json::from_slice::<Permissions>(bytes);
    let _ = serde_json::from_slice::<JocProperties>(bytes);
    let _ = serde_json::from_slice::<ControllerIds>(bytes);
    let _ = serde_json::from_slice::<Err420>(bytes);
    let _ = serde_json::from_slice::<Snapshot>(bytes);
    if let Ok(c) = serde_json::from_slice::<Components>(bytes) {
        let _ = app::model::colours::panel_tones(&c);
        let _ = app::model::changes::diff(&c, &fixtures::healthy_cluster());
        let _ = app::model::changes::diff(&fixtures::standalone(), &c);
    }
}

/// A mutated seed: some bytes replaced, then kept whole, cut, or spliced with another seed.
fn mutated() -> impl Strategy<Value = Vec<u8>> {
    let seeds = seeds();
    let n = seeds.len();
    let flips = proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..8);
    (0..n, 0..n, flips, any::<prop::sample::Index>(), any::<prop::sample::Index>(), 0..3u8).prop_map(
        move |(a, b, flips, cut, from, how)| {
            let mut s = seeds[a].clone();
            for (i, byte) in flips {
                let at = i.index(s.len());
                s[at] = byte;
            }
            match how {
                0 => s,
                1 => s[..cut.index(s.len() + 1)].to_vec(),
                _ => {
                    let mut out = s[..cut.index(s.len() + 1)].to_vec();
                    out.extend_from_slice(&seeds[b][from.index(seeds[b].len() + 1)..]);
                    out
                }
            }
        },
    )
}

fn run(name: &str, strategy: impl Strategy<Value = Vec<u8>>) {
    let cases: u64 = std::env::var("FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(2000);
    let deadline = std::env::var("FUZZ_SECONDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map(|s: u64| Instant::now() + Duration::from_secs(s));
    let mut runner = TestRunner::deterministic();
    let mut done = 0u64;
    loop {
        let input = strategy.new_tree(&mut runner).expect("an input").current();
        decode_all(&input);
        done += 1;
        let enough = match deadline {
            Some(d) => Instant::now() >= d,
            None => done >= cases,
        };
        if enough {
            break;
        }
    }
    println!("FUZZ {name}: {done} inputs, no panic");
}

#[test]
fn random_bytes_never_panic() {
    run("random bytes", proptest::collection::vec(any::<u8>(), 0..2048));
}

#[test]
fn mutated_answers_never_panic() {
    run("mutated answers", mutated());
}

#[test]
fn every_seed_decodes_as_its_type() {
    let s = seeds();
    assert!(serde_json::from_slice::<Components>(&s[0]).is_ok());
    assert!(serde_json::from_slice::<Components>(&s[1]).is_ok());
    assert!(serde_json::from_slice::<AgentsAnswer>(&s[2]).is_ok());
    assert!(serde_json::from_slice::<EventsAnswer>(&s[3]).is_ok());
    assert!(serde_json::from_slice::<AccountAnswer>(&s[4]).is_ok());
    assert!(serde_json::from_slice::<Permissions>(&s[5]).is_ok());
    assert!(serde_json::from_slice::<Err420>(&s[6]).is_ok());
    assert!(serde_json::from_slice::<JocProperties>(&s[7]).is_ok());
    assert!(serde_json::from_slice::<ControllerIds>(&s[8]).is_ok());
    assert!(serde_json::from_slice::<Snapshot>(&s[9]).is_ok());
    assert_eq!(s.len(), 10, "every seed is checked above");
}
