//! Fault injection and inspection under `/sim/...`, answered to loopback callers only.
//!
//! - `POST /sim/event` `{"type":"JocHeartbeats","joc":1,"beating":false}`: inject a fault
//!   (see [`SimEvent::is_injectable`]); 409 with the reason if the world refuses it. A fault of
//!   a Controller concerns the first unless `"controller":"<ID>"` names another; naming one
//!   for a fault of JOC itself, or an ID JOC does not have, is 400.
//! - `POST /sim/http` `{"delayMs":3000,"malformed":true,"status":502}`: faults in how every
//!   JOC instance answers; `{}` clears them.
//! - `POST /sim/reset`: back to the configured healthy environment, as if JOC had just started;
//!   with `{"requireFailoverConfirmation":true}` a fail-over then awaits confirmation; with
//!   `{"events":[...]}` those faults hold from the start (before JOC reads anything).
//! - `GET /sim/state`: the simulator's truth (the first Controller's cluster type, active and
//!   other nodes, then `controllers` with each one's; audit log, services, requests received
//!   by path, status reads by Controller ID, JOC sessions open).

use super::{
    HttpFaults, Shared,
    world::{SimEvent, World},
};
use axum::{
    Json, Router,
    extract::{ConnectInfo, Request, State},
    http::StatusCode,
    middleware::{self, Next},
    response::{IntoResponse, Response},
    routing::{get, post},
};
use std::net::SocketAddr;
use std::sync::Arc;

async fn loopback_only(ConnectInfo(peer): ConnectInfo<SocketAddr>, req: Request, next: Next) -> Response {
    if peer.ip().is_loopback() {
        next.run(req).await
    } else {
        (StatusCode::FORBIDDEN, "the simulator's control path answers on loopback only").into_response()
    }
}

/// A fault to inject, for the Controller with this ID (None: the first).
#[derive(Clone, serde::Deserialize)]
struct Injected {
    #[serde(default)]
    controller: Option<String>,
    #[serde(flatten)]
    event: SimEvent,
}

impl Injected {
    /// The Controller the fault is for, by index, and the fault; or why it cannot be injected.
    fn resolve(self, world: &World) -> Result<(usize, SimEvent), String> {
        if !self.event.is_injectable() {
            return Err("operations go through the JOC API".into());
        }
        match self.controller {
            None => Ok((0, self.event)),
            Some(_) if self.event.joc_wide() => Err("a fault of JOC itself names no Controller".into()),
            Some(id) => match world.controller_index(&id) {
                Some(c) => Ok((c, self.event)),
                None => Err(format!("there is no Controller '{id}'")),
            },
        }
    }
}

async fn inject(State(shared): State<Arc<Shared>>, Json(injected): Json<Injected>) -> Response {
    let resolved = injected.resolve(&shared.world.lock());
    let (c, event) = match resolved {
        Ok(r) => r,
        Err(why) => return (StatusCode::BAD_REQUEST, why).into_response(),
    };
    match shared.apply_to(c, event) {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(refusal @ super::world::Refusal::NoSuch(_)) => {
            (StatusCode::BAD_REQUEST, refusal.to_string()).into_response()
        }
        Err(refusal) => (StatusCode::CONFLICT, refusal.to_string()).into_response(),
    }
}

async fn http_faults(State(shared): State<Arc<Shared>>, Json(faults): Json<HttpFaults>) -> StatusCode {
    *shared.http_faults.lock() = faults;
    StatusCode::NO_CONTENT
}

/// What a reset may change of the configured environment.
#[derive(Default, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ResetOptions {
    require_failover_confirmation: Option<bool>,
    #[serde(default)]
    events: Vec<Injected>,
}

async fn reset(State(shared): State<Arc<Shared>>, body: axum::body::Bytes) -> Response {
    let options: ResetOptions = if body.is_empty() {
        ResetOptions::default()
    } else {
        match serde_json::from_slice(&body) {
            Ok(o) => o,
            Err(e) => return (StatusCode::BAD_REQUEST, e.to_string()).into_response(),
        }
    };
    let mut cfg = shared.cfg.world.clone();
    if let Some(r) = options.require_failover_confirmation {
        cfg.require_failover_confirmation = r;
        cfg.more_controllers.iter_mut().for_each(|c| c.require_failover_confirmation = r);
    }
    {
        let mut w = shared.world.lock();
        let fresh = World::new(cfg, shared.clock.now());
        let faults: Result<Vec<_>, String> = options.events.into_iter().map(|e| e.resolve(&fresh)).collect();
        let faults = match faults {
            Ok(f) => f,
            Err(why) => return (StatusCode::BAD_REQUEST, why).into_response(),
        };
        let events = w.events.clone();
        *w = fresh;
        for (c, e) in faults {
            let _ = w.apply_to(c, e, shared.clock.now());
        }
        // Event ids keep increasing across a reset, so long-polls see it as news.
        w.events = events;
        w.mark_reset(shared.clock.now());
    }
    *shared.http_faults.lock() = HttpFaults::default();
    shared.changed();
    StatusCode::NO_CONTENT.into_response()
}

async fn state(State(shared): State<Arc<Shared>>) -> Json<serde_json::Value> {
    let now = shared.clock.now();
    let w = shared.world.lock();
    let controllers: Vec<serde_json::Value> = w
        .controllers
        .iter()
        .map(|c| {
            let (_, cluster) = c.controllers(now);
            serde_json::json!({
                "id": c.cfg.id,
                "registered": c.registered,
                "cluster": cluster,
                "engineCluster": c.cluster,
                "activeNode": c.active_node,
                "nodes": c.nodes.iter().map(|n| serde_json::json!({"url": n.url, "running": n.running, "ready": n.ready, "reachable": n.reachable})).collect::<Vec<_>>(),
                "agents": c.agents.iter().map(|a| serde_json::json!({"id": a.id, "shutDown": a.shut_down, "problem": a.problem, "history": history(&a.history)})).collect::<Vec<_>>(),
                "history": history(&c.history),
            })
        })
        .collect();
    let first = &controllers[0];
    Json(serde_json::json!({
        "simTime": super::world::stamp(now),
        "speed": shared.clock.speed(),
        "cluster": first["cluster"],
        "engineCluster": first["engineCluster"],
        "activeNode": first["activeNode"],
        "activeJoc": w.active_joc,
        "jocSwitchingTo": w.joc_switching_to,
        "nodes": first["nodes"],
        "controllers": controllers,
        "jocs": w.jocs.iter().map(|j| serde_json::json!({"url": j.display_url, "running": j.running, "beating": j.beats_stopped_at.is_none(), "removed": j.removed})).collect::<Vec<_>>(),
        "lastEventId": w.events.last_id(),
        "audit": *shared.audit.lock(),
        "services": *shared.services.lock(),
        "requests": *shared.requests.lock(),
        "readsByController": *shared.reads_by_controller.lock(),
        "openLogStreams": shared.open_logs.load(std::sync::atomic::Ordering::SeqCst),
        "openSessions": shared.sessions.lock().len(),
        "sessionsByAccount": sessions_by_account(&shared),
    }))
}

/// History rows as `{ready, url, shutdown}` with JOC's timestamps (the truth the
/// availability tests compare with).
fn history(rows: &[super::world::HistoryRow]) -> Vec<serde_json::Value> {
    use super::world::stamp;
    rows.iter()
        .map(|r| serde_json::json!({"ready": stamp(r.ready), "url": r.url, "shutdown": r.shutdown.map(stamp)}))
        .collect()
}

/// How many JOC sessions each account has open, on every instance together.
fn sessions_by_account(shared: &Shared) -> std::collections::BTreeMap<String, usize> {
    let mut by = std::collections::BTreeMap::new();
    for s in shared.sessions.lock().values() {
        *by.entry(s.account.name.clone()).or_default() += 1;
    }
    by
}

pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/event", post(inject))
        .route("/http", post(http_faults))
        .route("/reset", post(reset))
        .route("/state", get(state))
        .layer(middleware::from_fn(loopback_only))
        .with_state(shared)
}
