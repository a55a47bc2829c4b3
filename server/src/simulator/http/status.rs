//! The reading calls: version, controller IDs, components, is_active, agents and the events
//! long-poll.

use super::{Ctx, Reply, now_stamp, parse};
use crate::simulator::world::stamp;
use app::model::joc::{
    AgentsRequest, ControllerIdReq, ControllerIds, EventsAnswer, EventsRequest, OkAnswer, VersionAnswer,
    is_valid_controller_id,
};
use axum::{
    Json,
    body::Bytes,
    extract::State,
    http::HeaderMap,
    response::{IntoResponse, Response},
};

impl Ctx {
    /// 420 unless the controller ID is the simulated one; 403 without view permission.
    fn check_controller(&self, account: &crate::simulator::accounts::Account, id: &str) -> Result<(), Reply> {
        if !is_valid_controller_id(id) {
            return Err(Reply::Invalid("JOC-400", format!("Invalid controllerId: '{id}'")));
        }
        if id != self.shared.cfg.world.controller_id {
            return Err(Reply::Invalid("JOC-400", format!("Unknown controllerId: '{id}'")));
        }
        self.require(account, account.profile.permissions().for_controller(id).view)
    }
}

/// `joc/version`.
pub async fn version(State(ctx): State<Ctx>, headers: HeaderMap) -> Result<Response, Reply> {
    ctx.account(&headers)?;
    Ok(Json(VersionAnswer {
        version: "2.8.4".into(),
        git_hash: Some("2c0ddcef9f5c4b0a".into()),
        date: Some("2025-06-02T10:00:00.000Z".into()),
    })
    .into_response())
}

/// `controller/ids`.
pub async fn controller_ids(State(ctx): State<Ctx>, headers: HeaderMap) -> Result<Response, Reply> {
    ctx.account(&headers)?;
    let id = ctx.shared.cfg.world.controller_id.clone();
    Ok(Json(ControllerIds { delivery_date: now_stamp(), controller_ids: vec![id.clone()], selected: id })
        .into_response())
}

/// `controller/components`.
pub async fn components(State(ctx): State<Ctx>, headers: HeaderMap, body: Bytes) -> Result<Response, Reply> {
    let account = ctx.account(&headers)?;
    let req: ControllerIdReq = parse(&body)?;
    ctx.check_controller(&account, &req.controller_id)?;
    let now = ctx.shared.clock.now();
    let answer = ctx.shared.world.lock().expect("world lock").components(ctx.me, now);
    Ok(Json(answer).into_response())
}

/// `joc/is_active`.
pub async fn is_active(State(ctx): State<Ctx>, headers: HeaderMap) -> Result<Response, Reply> {
    ctx.account(&headers)?;
    let active = ctx.shared.world.lock().expect("world lock").is_active(ctx.me).0;
    Ok(Json(OkAnswer { delivery_date: now_stamp(), survey_date: Some(now_stamp()), ok: active }).into_response())
}

/// `agents`.
pub async fn agents(State(ctx): State<Ctx>, headers: HeaderMap, body: Bytes) -> Result<Response, Reply> {
    let account = ctx.account(&headers)?;
    let req: AgentsRequest = parse(&body)?;
    ctx.check_controller(&account, &req.controller_id)?;
    let now = ctx.shared.clock.now();
    let mut answer = ctx.shared.world.lock().expect("world lock").agents(now);
    if let Some(ids) = &req.agent_ids {
        answer.agents.retain(|a| ids.contains(&a.agent_id));
    }
    Ok(Json(answer).into_response())
}

/// `events`: held until an event newer than `eventId` arrives (then 2 s more to batch), or
/// until the hold time (55 s, capped by the session's remaining idle time) passes.
pub async fn events(State(ctx): State<Ctx>, headers: HeaderMap, body: Bytes) -> Result<Response, Reply> {
    ctx.account(&headers)?;
    let req: EventsRequest = parse(&body)?;
    if !is_valid_controller_id(&req.controller_id) {
        return Err(Reply::Invalid("JOC-400", format!("Invalid controllerId: '{}'", req.controller_id)));
    }
    let shared = &ctx.shared;
    let after = req.event_id.unwrap_or_else(|| (shared.clock.now().timestamp() - 1).max(0) as u64);
    let hold = shared.clock.real(shared.cfg.events_hold).min(shared.real_session_timeout());
    let deadline = tokio::time::Instant::now() + hold;
    let mut changes = shared.changes.subscribe();
    let has_news = || !shared.world.lock().expect("world lock").events.since(after).is_empty();
    loop {
        if has_news() {
            tokio::time::sleep(shared.clock.real(shared.cfg.events_batch)).await;
            break;
        }
        match tokio::time::timeout_at(deadline, changes.changed()).await {
            Ok(Ok(())) => continue,
            _ => break,
        }
    }
    let now = shared.clock.now();
    let (snapshots, last) = {
        let w = shared.world.lock().expect("world lock");
        let snapshots = w.events.since(after);
        let last = snapshots.iter().filter_map(|e| e.event_id).max().unwrap_or(after);
        (snapshots, last)
    };
    Ok(Json(EventsAnswer {
        controller_id: Some(req.controller_id),
        error: None,
        event_id: last,
        event_snapshots: Some(snapshots),
        events_from_system_monitoring: vec![],
        events_from_order_monitoring: vec![],
        events_from_approval_requests: vec![],
        events_from_notes: vec![],
        delivery_date: stamp(now),
        survey_date: stamp(now),
    })
    .into_response())
}
