//! The operations: JOC cluster services, switch-over, display URL, Controller commands,
//! Controller cluster switch-over and node-loss confirmation, log downloads.

use super::{Ctx, Reply, now_stamp, ok, parse};
use crate::simulator::{accounts::Account, logs, world::SimEvent};
use app::model::joc::{
    ClusterResponse, ClusterService, CockpitUri, JocClusterState, JocLogRequest, ProxiesRestart, ServiceType,
    SwitchMember, UrlParameter,
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

/// `joc/cluster/switch_member`: the named standby becomes active after 20 to 60 s.
pub async fn switch_member(State(ctx): State<Ctx>, headers: HeaderMap, body: Bytes) -> Result<Response, Reply> {
    let account = ctx.account(&headers)?;
    let req: SwitchMember = parse(&body)?;
    ctx.require(&account, account.profile.permissions().joc.cluster.manage)?;
    let target = ctx.shared.world.lock().expect("world lock").joc_by_member(&req.member_id);
    let to = target.ok_or_else(|| Reply::Invalid("JOC-400", format!("unknown memberId: {}", req.member_id)))?;
    ctx.audit(&account, "./joc/cluster/switch_member", &req.audit_log)?;
    match ctx.shared.apply(SimEvent::JocSwitchOver { to }) {
        Ok(()) => Ok(cluster_answer(ServiceType::Cluster, JocClusterState::SwitchMember)),
        Err(crate::simulator::world::Refusal::AlreadyActive(_)) => {
            Ok(cluster_answer(ServiceType::Cluster, JocClusterState::AlreadyStarted))
        }
        Err(r) => Err(r.into()),
    }
}

const INACTIVE: &str = "cluster inactive, the operation can't be performed on a standby JOC Cockpit instance";

/// `joc/cluster/restart`: restarts one service, or all (`cluster`, with the proxies).
pub async fn restart_service(State(ctx): State<Ctx>, headers: HeaderMap, body: Bytes) -> Result<Response, Reply> {
    let account = ctx.account(&headers)?;
    let req: ClusterService = parse(&body)?;
    ctx.require(&account, account.profile.permissions().joc.cluster.manage)?;
    ctx.require_active("JOC-503", INACTIVE)?;
    ctx.audit(&account, "./joc/cluster/restart", &req.audit_log)?;
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

/// `joc/proxies/restart`.
pub async fn restart_proxies(State(ctx): State<Ctx>, headers: HeaderMap, body: Bytes) -> Result<Response, Reply> {
    let account = ctx.account(&headers)?;
    let req: ProxiesRestart = parse(&body)?;
    let p = account.profile.permissions();
    ctx.require(&account, p.joc.cluster.manage || p.joc.administration.controllers.manage)?;
    ctx.require_active("JOC-503", INACTIVE)?;
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
    ctx.shared.apply(event)?;
    Ok(ok())
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
    ctx.shared.apply(event)?;
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
