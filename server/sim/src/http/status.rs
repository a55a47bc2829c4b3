//! The reading calls: version, controller IDs, components, is_active, agents and the events
//! long-poll.

use super::{Ctx, Reply, now_stamp, parse};
use crate::world::stamp;
use app::model::joc::{
    AgentsRequest, ControllerIdReq, ControllerIds, EventSnapshot, EventsAnswer, EventsRequest, OkAnswer, VersionAnswer,
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
    /// Counts a read of Controller `id`'s status.
    fn count_read(&self, id: &str) {
        *self.shared.reads_by_controller.lock().entry(id.to_string()).or_default() += 1;
    }

    /// The Controller JOC knows by this ID, by index: 420 for an invalid or unknown ID, 403
    /// without permission to view it.
    pub fn viewed_controller(&self, account: &crate::accounts::Account, id: &str) -> Result<usize, Reply> {
        let c = self.known_controller(id)?;
        self.require(account, account.permissions().for_controller(id).view)?;
        Ok(c)
    }

    /// The Controller JOC knows by this ID, by index: 420 for an invalid or unknown ID.
    pub fn known_controller(&self, id: &str) -> Result<usize, Reply> {
        if !is_valid_controller_id(id) {
            return Err(Reply::Invalid("JOC-400", format!("Invalid controllerId: '{id}'")));
        }
        let w = self.shared.world.lock();
        w.controller_index(id)
            .filter(|&c| w.controllers[c].registered)
            .ok_or_else(|| Reply::Invalid("JOC-400", format!("Unknown controllerId: '{id}'")))
    }
}

/// `joc/version`.
pub async fn version(State(ctx): State<Ctx>, headers: HeaderMap) -> Result<Response, Reply> {
    ctx.account(&headers)?;
    Ok(Json(VersionAnswer {
        version: ctx.shared.cfg.world.joc_version.clone(),
        git_hash: Some("2c0ddcef9f5c4b0a".into()),
        date: Some("2025-06-02T10:00:00.000Z".into()),
    })
    .into_response())
}

/// The snapshots as JOC sends them: without an `eventId` of their own (the answer's
/// `eventId` is the newest), each distinct snapshot once, in order.
fn as_joc_sends(snapshots: Vec<EventSnapshot>) -> Vec<EventSnapshot> {
    let mut out: Vec<EventSnapshot> = Vec::with_capacity(snapshots.len());
    for mut e in snapshots {
        e.event_id = None;
        if !out.contains(&e) {
            out.push(e);
        }
    }
    out
}

/// `controller/ids`: the registered Controllers the account may view, by ID. Without a
/// registered Controller JOC has nothing to select and leaves `selected` out; with some, none
/// of which the account may view, it answers 403. The IDs come as a set (sorted here); JOC
/// selects the user's last choice (`controller/switch`, which the simulator does not keep),
/// else the first viewable one in the database's order (here: as configured).
pub async fn controller_ids(State(ctx): State<Ctx>, headers: HeaderMap) -> Result<Response, Reply> {
    let account = ctx.account(&headers)?;
    let permissions = account.permissions();
    let registered: Vec<String> = {
        let w = ctx.shared.world.lock();
        w.registered().map(|c| w.controllers[c].cfg.id.clone()).collect()
    };
    let mut ids: Vec<String> = registered.iter().filter(|id| permissions.for_controller(id).view).cloned().collect();
    if ids.is_empty() && !registered.is_empty() {
        return Err(Reply::Forbidden(account.name));
    }
    let selected = ids.first().cloned();
    ids.sort();
    Ok(Json(ControllerIds { delivery_date: now_stamp(), controller_ids: ids, selected }).into_response())
}

/// `controller/components`.
pub async fn components(State(ctx): State<Ctx>, headers: HeaderMap, body: Bytes) -> Result<Response, Reply> {
    let account = ctx.account(&headers)?;
    let req: ControllerIdReq = parse(&body)?;
    let c = ctx.viewed_controller(&account, &req.controller_id)?;
    ctx.count_read(&req.controller_id);
    let now = ctx.shared.clock.now();
    let answer = {
        let mut w = ctx.shared.world.lock();
        w.note_seen(c);
        w.components(ctx.me, c, now)
    };
    Ok(Json(answer).into_response())
}

/// `joc/is_active`.
pub async fn is_active(State(ctx): State<Ctx>, headers: HeaderMap) -> Result<Response, Reply> {
    ctx.account(&headers)?;
    let active = ctx.shared.world.lock().is_active(ctx.me).0;
    Ok(Json(OkAnswer { delivery_date: now_stamp(), survey_date: Some(now_stamp()), ok: active }).into_response())
}

/// `agents`.
pub async fn agents(State(ctx): State<Ctx>, headers: HeaderMap, body: Bytes) -> Result<Response, Reply> {
    let account = ctx.account(&headers)?;
    let req: AgentsRequest = parse(&body)?;
    let c = ctx.viewed_controller(&account, &req.controller_id)?;
    ctx.count_read(&req.controller_id);
    let now = ctx.shared.clock.now();
    let mut answer = ctx.shared.world.lock().agents(c, now);
    if let Some(ids) = &req.agent_ids {
        answer.agents.retain(|a| ids.contains(&a.agent_id));
    }
    Ok(Json(answer).into_response())
}

/// How long JOC holds an `events` request without news before its 2 s of batching: its
/// `max_response_duration` clamped to 30 s–3 min, minus about 2 s (simulated time).
pub fn events_hold(max_response_duration: std::time::Duration) -> std::time::Duration {
    use std::time::Duration;
    max_response_duration.clamp(Duration::from_secs(30), Duration::from_secs(180)) - Duration::from_secs(2)
}

/// `events`: with events already newer than `eventId` JOC does not hold the request; otherwise
/// it holds it until one arrives or the hold passes (capped by the session's remaining idle
/// time less 1 s). Either way it then waits 2 s to batch before answering, as JOC 2.8.4 does
/// for every answer. `surveyDate` is left out while JOC's proxy has never coupled with the
/// Controller since JOC started.
pub async fn events(State(ctx): State<Ctx>, headers: HeaderMap, body: Bytes) -> Result<Response, Reply> {
    let (_, idle_left) = ctx.session(&headers)?;
    let token = headers.get("x-access-token").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    let req: EventsRequest = parse(&body)?;
    if !is_valid_controller_id(&req.controller_id) {
        return Err(Reply::Invalid("JOC-400", format!("Invalid controllerId: '{}'", req.controller_id)));
    }
    // Another Controller's events do not reach this poll; one JOC does not know gets JOC's own.
    let c = ctx.shared.world.lock().controller_index(&req.controller_id);
    if c.is_some() {
        ctx.count_read(&req.controller_id);
    }
    let shared = &ctx.shared;
    let after = req.event_id.unwrap_or_else(|| (shared.clock.now().timestamp() - 1).max(0) as u64);
    let idle_left = idle_left.saturating_sub(std::time::Duration::from_secs(1));
    let hold = shared.clock.real(events_hold(shared.cfg.max_response_duration)).min(idle_left);
    let deadline = tokio::time::Instant::now() + hold;
    let mut changes = shared.changes.subscribe();
    let has_news = || !shared.world.lock().events.for_session(after, &token, c).0.is_empty();
    while !has_news() {
        match tokio::time::timeout_at(deadline, changes.changed()).await {
            Ok(Ok(())) => continue,
            _ => break,
        }
    }
    tokio::time::sleep(shared.clock.real(shared.cfg.events_batch).min(idle_left)).await;
    let now = shared.clock.now();
    let (snapshots, last, coupled) = {
        let mut w = shared.world.lock();
        let coupled = c.is_some_and(|c| {
            w.note_seen(c);
            w.controllers[c].proxy_coupled
        });
        let (snapshots, last) = w.events.for_session(after, &token, c);
        (as_joc_sends(snapshots), last, coupled)
    };
    Ok(Json(EventsAnswer {
        controller_id: Some(req.controller_id),
        error: None,
        event_id: Some(last),
        event_snapshots: Some(snapshots),
        events_from_system_monitoring: vec![],
        events_from_order_monitoring: vec![],
        events_from_approval_requests: vec![],
        events_from_notes: vec![],
        delivery_date: stamp(now),
        survey_date: coupled.then(|| stamp(now)),
    })
    .into_response())
}
