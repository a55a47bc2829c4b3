//! `monitoring/controllers` and `monitoring/agents`: the availability history, checked in
//! JOC's order (session 440, schema 420 `JOC-420`, permission 403, dates 420 `JOC-405`).

mod answers;
mod dates;

use super::{Ctx, Reply};
use crate::world::stamp;
use answers::ControllerRows;
use app::model::joc::{AgentsHistory, ControllerAgentsHistory, ControllersHistory, MonitoringFilter};
use axum::{
    Json,
    body::Bytes,
    extract::State,
    http::HeaderMap,
    response::{IntoResponse, Response},
};

/// The filter, checked as JOC's schema check does (`controllers-filter-schema.json`).
fn filter(body: &Bytes) -> Result<MonitoringFilter, Reply> {
    let invalid =
        |why: String| Reply::Invalid("JOC-420", format!("com.sos.schema.exception.SOSJsonSchemaException: {why}"));
    let raw: &[u8] = if body.iter().all(u8::is_ascii_whitespace) { b"{}" } else { body };
    let f: MonitoringFilter = serde_json::from_slice(raw).map_err(|e| invalid(format!("$: {e}")))?;
    if let Some(id) = &f.controller_id
        && !(id.is_empty() || app::model::joc::is_valid_controller_id(id))
    {
        return Err(invalid(format!("$.controllerId: does not match the regex pattern: '{id}'")));
    }
    for (name, value) in [("dateFrom", &f.date_from), ("dateTo", &f.date_to)] {
        if let Some(v) = value
            && !dates::matches_schema(v)
        {
            return Err(invalid(format!("$.{name}: does not match the regex pattern {}", dates::PATTERN)));
        }
    }
    Ok(f)
}

/// `monitoring/controllers`. Needs the view permission of the Controller asked for, or of one
/// registered Controller when none is named (no registered Controller: 403).
pub async fn controllers(State(ctx): State<Ctx>, headers: HeaderMap, body: Bytes) -> Result<Response, Reply> {
    let account = ctx.account(&headers)?;
    let f = filter(&body)?;
    let only = f.controller_id.as_deref().filter(|id| !id.is_empty());
    let permissions = account.permissions();
    let permitted = match only {
        Some(id) => permissions.for_controller(id).view,
        None => {
            let w = ctx.shared.world.lock();
            w.registered().any(|c| permissions.for_controller(&w.controllers[c].cfg.id).view)
        }
    };
    ctx.require(&account, permitted)?;
    let now = ctx.shared.clock.now();
    let from = dates::parse(f.date_from.as_deref(), false, now)?;
    let to = dates::parse(f.date_to.as_deref(), true, now)?;
    let w = ctx.shared.world.lock();
    let all: Vec<ControllerRows> =
        w.controllers.iter().map(|c| ControllerRows { id: &c.cfg.id, rows: &c.history }).collect();
    let controllers = answers::controllers(&all, only, from, to, now);
    Ok(Json(ControllersHistory { delivery_date: stamp(now), controllers }).into_response())
}

/// `monitoring/agents`. Needs the Agents' view permission of the Controller asked for, or of
/// any registered one when none is named; with no Controller registered it answers an empty
/// list. Without dates it covers everything up to now.
pub async fn agents(State(ctx): State<Ctx>, headers: HeaderMap, body: Bytes) -> Result<Response, Reply> {
    let account = ctx.account(&headers)?;
    let f = filter(&body)?;
    let permissions = account.permissions();
    let allowed: Vec<usize> = {
        let w = ctx.shared.world.lock();
        match f.controller_id.as_deref().filter(|id| !id.is_empty()) {
            Some(id) => {
                ctx.require(&account, permissions.for_controller(id).view)?;
                w.registered().filter(|&c| w.controllers[c].cfg.id == id).collect()
            }
            None => {
                let registered: Vec<usize> = w.registered().collect();
                let mine: Vec<usize> = registered
                    .iter()
                    .copied()
                    .filter(|&c| permissions.for_controller(&w.controllers[c].cfg.id).view)
                    .collect();
                ctx.require(&account, registered.is_empty() || !mine.is_empty())?;
                mine
            }
        }
    };
    let now = ctx.shared.clock.now();
    let from = dates::parse(f.date_from.as_deref(), false, now)?;
    let to = dates::parse(f.date_to.as_deref(), true, now)?.unwrap_or(now);
    let from = from.unwrap_or(chrono::DateTime::UNIX_EPOCH);
    let w = ctx.shared.world.lock();
    let controllers = if from > now {
        Vec::new()
    } else {
        allowed
            .iter()
            .map(|&c| ControllerAgentsHistory {
                controller_id: w.controllers[c].cfg.id.clone(),
                agents: w.controllers[c]
                    .agents
                    .iter()
                    .map(|a| answers::agent(&a.id, &a.url, &a.history, from, to, now))
                    .collect(),
            })
            .collect()
    };
    Ok(Json(AgentsHistory { delivery_date: stamp(now), controllers }).into_response())
}
