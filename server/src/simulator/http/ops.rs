//! The operations: JOC cluster services, switch-over, display URL, Controller commands,
//! Controller cluster switch-over and node-loss confirmation, log downloads.

use super::{Ctx, Reply, now_stamp, ok, parse};
use crate::simulator::{accounts::Account, logs, world::SimEvent};
use app::model::joc::{
    ClusterResponse, ClusterService, CockpitUri, ControllerLogRequest, JocClusterState, JocLogRequest, ProxiesRestart,
    ServiceType, SwitchMember, UrlParameter, has_log_api_2_9,
};
use axum::{
    Json,
    body::Bytes,
    extract::State,
    http::HeaderMap,
    response::{IntoResponse, Response},
};

fn cluster_answer(service: ServiceType, state: JocClusterState) -> Response {
    Json(ClusterResponse { delivery_date: now_stamp(), service: Some(service), state: Some(state) }).into_response()
}

/// How long stopping (and starting) every JOC service takes, in real time.
fn services_stop(ctx: &Ctx) -> std::time::Duration {
    let secs = ctx.shared.world.lock().expect("world lock").services_stop_secs;
    ctx.shared.clock.real(std::time::Duration::from_secs(secs.into()))
}

/// `joc/cluster/switch_member`: as JOC 2.8.4 does it, a member that is unknown or whose
/// heartbeat is older than a minute is answered `SWITCH_MEMBER` and nothing happens; otherwise
/// this JOC stops all its services before it answers, and the named standby becomes active
/// 20 to 60 s later.
pub async fn switch_member(State(ctx): State<Ctx>, headers: HeaderMap, body: Bytes) -> Result<Response, Reply> {
    let account = ctx.account(&headers)?;
    let req: SwitchMember = parse(&body)?;
    ctx.require(&account, account.profile.permissions().joc.cluster.manage)?;
    ctx.audit(&account, "./joc/cluster/switch_member", &req.audit_log)?;
    let alive = {
        let w = ctx.shared.world.lock().expect("world lock");
        let now = ctx.shared.clock.now();
        w.joc_by_member(&req.member_id).filter(|&j| (now - w.last_heartbeat(j, now)).num_seconds() <= 60)
    };
    let Some(to) = alive else {
        return Ok(cluster_answer(ServiceType::Cluster, JocClusterState::SwitchMember));
    };
    if ctx.shared.world.lock().expect("world lock").is_active(to).0 {
        return Ok(cluster_answer(ServiceType::Cluster, JocClusterState::AlreadyStarted));
    }
    tokio::time::sleep(services_stop(&ctx)).await;
    match ctx.shared.apply(SimEvent::JocSwitchOver { to }) {
        Ok(()) => Ok(cluster_answer(ServiceType::Cluster, JocClusterState::SwitchMember)),
        Err(crate::simulator::world::Refusal::AlreadyActive(_)) => {
            Ok(cluster_answer(ServiceType::Cluster, JocClusterState::AlreadyStarted))
        }
        Err(r) => Err(r.into()),
    }
}

const INACTIVE: &str = "cluster inactive, the operation can't be performed on a standby JOC Cockpit instance";

/// `joc/cluster/restart`: restarts one service, or all (`cluster`, with the proxies). All of
/// them is allowed on a standby JOC too, and JOC answers only once every service has stopped
/// and started again.
pub async fn restart_service(State(ctx): State<Ctx>, headers: HeaderMap, body: Bytes) -> Result<Response, Reply> {
    let account = ctx.account(&headers)?;
    let req: ClusterService = parse(&body)?;
    ctx.require(&account, account.profile.permissions().joc.cluster.manage)?;
    if req.service != ServiceType::Cluster {
        ctx.require_active("JOC-503", INACTIVE)?;
    }
    ctx.audit(&account, "./joc/cluster/restart", &req.audit_log)?;
    if req.service == ServiceType::Cluster {
        tokio::time::sleep(services_stop(&ctx) * 2).await;
    }
    ctx.shared.count_service(format!("restart:{}", service_name(req.service)));
    if req.service == ServiceType::Cluster {
        ctx.shared.count_service("proxies".into());
    }
    Ok(cluster_answer(req.service, JocClusterState::Restarted))
}

/// `joc/cluster/run`: runs the cleanup or daily plan service now.
pub async fn run_service(State(ctx): State<Ctx>, headers: HeaderMap, body: Bytes) -> Result<Response, Reply> {
    let account = ctx.account(&headers)?;
    let req: ClusterService = parse(&body)?;
    ctx.require(&account, account.profile.permissions().joc.cluster.manage)?;
    if !req.service.can_run() {
        return Err(Reply::Invalid("JOC-503", format!("run not yet supported for {}", service_name(req.service))));
    }
    ctx.require_active("JOC-503", INACTIVE)?;
    ctx.audit(&account, "./joc/cluster/run", &req.audit_log)?;
    ctx.shared.count_service(format!("run:{}", service_name(req.service)));
    Ok(cluster_answer(req.service, JocClusterState::Running))
}

fn service_name(s: ServiceType) -> String {
    serde_json::to_value(s).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()
}

/// `joc/proxies/restart`: allowed on a standby JOC too.
pub async fn restart_proxies(State(ctx): State<Ctx>, headers: HeaderMap, body: Bytes) -> Result<Response, Reply> {
    let account = ctx.account(&headers)?;
    let req: ProxiesRestart = parse(&body)?;
    let p = account.profile.permissions();
    ctx.require(&account, p.joc.cluster.manage || p.joc.administration.controllers.manage)?;
    ctx.audit(&account, "./joc/proxies/restart", &req.audit_log)?;
    ctx.shared.count_service("proxies".into());
    Ok(ok())
}

/// `joc/url`: changes the display URL only; takes no audit log (no extra fields at all).
pub async fn update_url(State(ctx): State<Ctx>, headers: HeaderMap, body: Bytes) -> Result<Response, Reply> {
    let account = ctx.account(&headers)?;
    let req: CockpitUri = parse(&body)?;
    ctx.require(&account, account.profile.permissions().joc.administration.settings.manage)?;
    if req.url.trim().is_empty() || req.url.len() > 255 {
        return Err(Reply::Invalid("JOC-400", "url: must have 1 to 255 characters".into()));
    }
    let joc = match &req.instance_id {
        Some(id) => ctx.shared.world.lock().expect("world lock").joc_by_instance(id),
        None => Some(ctx.me),
    };
    let joc = joc.ok_or_else(|| Reply::Invalid("JOC-400", "unknown instanceId".into()))?;
    ctx.shared.apply(SimEvent::JocUrlChanged { joc, url: req.url })?;
    Ok(ok())
}

/// `joc/log`: the plain `joc.log`, streamed.
pub async fn joc_log(State(ctx): State<Ctx>, headers: HeaderMap, body: Bytes) -> Response {
    let log = || -> Result<Response, Reply> {
        let account = ctx.account(&headers)?;
        let _req: JocLogRequest = parse(&body)?;
        ctx.require(&account, account.profile.permissions().joc.get_log)?;
        Ok(logs::joc_log(ctx.shared.cfg.log_bytes, ctx.shared.cfg.world.seed ^ ctx.me as u64, &ctx.shared.open_logs))
    };
    match log() {
        Ok(r) => r,
        Err(refusal) => logs::gzip_encoded(refusal.into_response()).await,
    }
}

/// The node a Controller operation names: by URL in a cluster (required there), the only one
/// when standalone.
fn target(
    ctx: &Ctx,
    account: &Account,
    req: &UrlParameter,
    permitted: impl Fn(&app::model::joc::ControllerPermissions) -> bool,
) -> Result<usize, Reply> {
    let perms = account.profile.permissions().for_controller(&req.controller_id);
    if req.controller_id != ctx.shared.cfg.world.controller_id {
        return Err(Reply::Invalid("JOC-400", format!("Unknown controllerId: '{}'", req.controller_id)));
    }
    ctx.require(account, permitted(&perms))?;
    let w = ctx.shared.world.lock().expect("world lock");
    if !w.is_cluster() {
        return Ok(0);
    }
    let url = req.url.as_deref().ok_or_else(|| Reply::Invalid("JOC-406", "url: missing required parameter".into()))?;
    let shaped = (url.starts_with("http://") || url.starts_with("https://")) && !url.contains(char::is_whitespace);
    if !shaped || url.len() > 255 {
        return Err(Reply::Invalid("JOC-400", format!("url: '{url}' does not match ^https?://[^\\s]+$")));
    }
    w.nodes
        .iter()
        .position(|n| n.url == url)
        .ok_or_else(|| Reply::Invalid("JOC-400", format!("No Controller instance with url '{url}'")))
}

async fn controller_command(
    ctx: Ctx,
    headers: HeaderMap,
    body: Bytes,
    request: &str,
    restart: bool,
    abort: bool,
) -> Result<Response, Reply> {
    let account = ctx.account(&headers)?;
    let req: UrlParameter = parse(&body)?;
    let node = target(&ctx, &account, &req, |p| if restart { p.restart } else { p.terminate })?;
    ctx.audit(&account, request, &req.audit_log)?;
    let event = if abort {
        SimEvent::Abort { node, restart }
    } else {
        SimEvent::Terminate { node, restart, switchover: req.with_switchover.unwrap_or(true) }
    };
    match ctx.shared.apply(event) {
        // JOC swallows the connection errors of an abort: 200 whether or not it got through.
        Err(crate::simulator::world::Refusal::Unreachable(_)) if abort => Ok(ok()),
        result => result.map(|()| ok()).map_err(Reply::from),
    }
}

/// `controller/terminate`.
pub async fn terminate(State(ctx): State<Ctx>, headers: HeaderMap, body: Bytes) -> Result<Response, Reply> {
    controller_command(ctx, headers, body, "./controller/terminate", false, false).await
}

/// `controller/restart`.
pub async fn restart(State(ctx): State<Ctx>, headers: HeaderMap, body: Bytes) -> Result<Response, Reply> {
    controller_command(ctx, headers, body, "./controller/restart", true, false).await
}

/// `controller/abort`.
pub async fn abort(State(ctx): State<Ctx>, headers: HeaderMap, body: Bytes) -> Result<Response, Reply> {
    controller_command(ctx, headers, body, "./controller/abort", false, true).await
}

/// `controller/abort_and_restart`.
pub async fn abort_and_restart(State(ctx): State<Ctx>, headers: HeaderMap, body: Bytes) -> Result<Response, Reply> {
    controller_command(ctx, headers, body, "./controller/abort_and_restart", true, true).await
}

/// `controller/log`: `controller.log` as the gzip bytes the Controller sends.
pub async fn controller_log(State(ctx): State<Ctx>, headers: HeaderMap, body: Bytes) -> Result<Response, Reply> {
    let account = ctx.account(&headers)?;
    if has_log_api_2_9(&ctx.shared.cfg.world.joc_version) {
        // JOC 2.9 answers this path with log lines as JSON and wants `dateFrom`; a 2.8 body is
        // refused for the missing field.
        let _: ControllerLogRequest =
            parse(&body).map_err(|_| Reply::Invalid("JOC-420", "$.dateFrom: is missing but it is required".into()))?;
        return Err(Reply::Invalid("JOC-400", "log lines as JSON are not simulated".into()));
    }
    let req: UrlParameter = parse(&body)?;
    let node = target(&ctx, &account, &req, |p| p.get_log)?;
    let reachable = {
        let w = ctx.shared.world.lock().expect("world lock");
        w.nodes[node].running && w.nodes[node].reachable
    };
    if !reachable {
        return Err(Reply::Invalid("JOC-402", "Connection refused".into()));
    }
    let seed = ctx.shared.cfg.world.seed ^ (0x100 + node as u64);
    Ok(logs::controller_log(ctx.shared.cfg.log_bytes, seed, &ctx.shared.open_logs))
}

/// `controller/log/download` (JOC 2.9 and later): the log of the instance with `role`
/// (required for a cluster) from `dateFrom`, as plain text. A JOC 2.8 has no such path.
pub async fn controller_log_download(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, Reply> {
    if !has_log_api_2_9(&ctx.shared.cfg.world.joc_version) {
        return Ok(axum::http::StatusCode::NOT_FOUND.into_response());
    }
    let account = ctx.account(&headers)?;
    let req: ControllerLogRequest =
        parse(&body).map_err(|_| Reply::Invalid("JOC-420", "$.dateFrom: is missing but it is required".into()))?;
    if req.controller_id != ctx.shared.cfg.world.controller_id {
        return Err(Reply::Invalid("JOC-400", format!("Unknown controllerId: '{}'", req.controller_id)));
    }
    ctx.require(&account, account.profile.permissions().for_controller(&req.controller_id).get_log)?;
    let node = {
        let w = ctx.shared.world.lock().expect("world lock");
        let node = match req.role.as_deref() {
            _ if !w.is_cluster() => 0,
            Some("PRIMARY") => 0,
            Some("BACKUP") => 1,
            _ => return Err(Reply::Invalid("JOC-400", "role: missing required parameter".into())),
        };
        if !(w.nodes[node].running && w.nodes[node].reachable) {
            return Err(Reply::Invalid("JOC-402", "Connection refused".into()));
        }
        node
    };
    let seed = ctx.shared.cfg.world.seed ^ (0x100 + node as u64);
    Ok(logs::controller_log_plain(ctx.shared.cfg.log_bytes, seed, &ctx.shared.open_logs))
}

/// A Controller cluster operation: switch-over permission, only on the active JOC (refused with
/// `code` and `standby` otherwise), audited, then applied to the world.
async fn cluster_operation(
    ctx: Ctx,
    headers: HeaderMap,
    body: Bytes,
    request: &str,
    (code, standby): (&'static str, &str),
    event: SimEvent,
) -> Result<Response, Reply> {
    let account = ctx.account(&headers)?;
    let req: UrlParameter = parse(&body)?;
    if req.controller_id != ctx.shared.cfg.world.controller_id {
        return Err(Reply::Invalid("JOC-400", format!("Unknown controllerId: '{}'", req.controller_id)));
    }
    ctx.require(&account, account.profile.permissions().for_controller(&req.controller_id).switch_over)?;
    ctx.require_active(code, standby)?;
    ctx.audit(&account, request, &req.audit_log)?;
    let refusal = match event {
        SimEvent::ClusterSwitchOver => ctx.shared.world.lock().expect("world lock").switchover_refusal.take(),
        _ => None,
    };
    match refusal {
        // JOC answers before the Controller acts; the Controller's refusal reaches the
        // requester's session a moment later as a `ProblemEvent`.
        Some(words) => {
            let token = headers.get("x-access-token").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
            let shared = ctx.shared.clone();
            tokio::spawn(async move {
                tokio::time::sleep(shared.clock.real(std::time::Duration::from_secs(1))).await;
                let now = shared.clock.now();
                shared.world.lock().expect("world lock").events.push_problem(now, &token, words);
                shared.changed();
            });
        }
        None => ctx.shared.apply(event)?,
    }
    Ok(ok())
}

/// `controller/cluster/switchover`: only on the active JOC, only when coupled.
pub async fn cluster_switchover(State(ctx): State<Ctx>, headers: HeaderMap, body: Bytes) -> Result<Response, Reply> {
    let standby = ("JOC-400", "It can only be called up in the active JOC Cockpit");
    cluster_operation(ctx, headers, body, "./controller/cluster/switchover", standby, SimEvent::ClusterSwitchOver).await
}

/// `controller/cluster/confirm_node_loss`: only on the active JOC, only with a loss node.
pub async fn confirm_node_loss(State(ctx): State<Ctx>, headers: HeaderMap, body: Bytes) -> Result<Response, Reply> {
    let standby = ("JOC-503", "The node loss can only be confirmed in the active JOC Cockpit");
    cluster_operation(ctx, headers, body, "./controller/cluster/confirm_node_loss", standby, SimEvent::ConfirmNodeLoss)
        .await
}
