//! The JOC Cockpit's own operations: JOC cluster services, switch-over, removal of a member,
//! display URL, `joc.log`. The Controller's are in `controller_ops`.

use super::{Ctx, Reply, now_stamp, ok, parse};
use crate::{logs, world::SimEvent};
use app::model::joc::{
    ClusterResponse, ClusterService, CockpitUri, JocClusterState, JocLogRequest, ProxiesRestart, ServiceType,
    SwitchMember,
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
    let secs = ctx.shared.world.lock().services_stop_secs;
    ctx.shared.clock.real(std::time::Duration::from_secs(secs.into()))
}

/// `joc/cluster/switch_member`, checked in JOC 2.8.4's order: permission; a Controller
/// cluster switching over 420 JOC-409; audit; the active member itself `ALREADY_STARTED`; no
/// licence for a JOC cluster 420 JOC-503 `MISSING_LICENSE`; a member that is unknown or whose
/// heartbeat is older than a minute `SWITCH_MEMBER`, and nothing happens. Otherwise this JOC
/// stops all its services before it answers, and the named standby becomes active 20 to 60 s
/// later.
pub async fn switch_member(State(ctx): State<Ctx>, headers: HeaderMap, body: Bytes) -> Result<Response, Reply> {
    let account = ctx.account(&headers)?;
    let req: SwitchMember = parse(&body)?;
    ctx.require(&account, account.permissions().joc.cluster.manage)?;
    let switching = ctx.shared.world.lock().cluster_switching().map(|c| c.cfg.id.clone());
    if let Some(id) = switching {
        return Err(Reply::Invalid(
            "JOC-409",
            format!(
                "Controller cluster [{id}] is just switching over. Switch-over of the JOC Cockpit instances is not possible during a switch-over of a Controller cluster"
            ),
        ));
    }
    ctx.audit(&account, "./joc/cluster/switch_member", &req.audit_log)?;
    let (to, licensed) = {
        let w = ctx.shared.world.lock();
        let now = ctx.shared.clock.now();
        (w.joc_by_member(&req.member_id).map(|j| (j, w.heartbeat_age(j, now) <= 60)), w.cluster_licence)
    };
    if to.is_some_and(|(j, _)| ctx.shared.world.lock().is_active(j).0) {
        return Ok(cluster_answer(ServiceType::Cluster, JocClusterState::AlreadyStarted));
    }
    if !licensed {
        return Err(Reply::Invalid("JOC-503", "MISSING_LICENSE".into()));
    }
    let Some((to, true)) = to else {
        return Ok(cluster_answer(ServiceType::Cluster, JocClusterState::SwitchMember));
    };
    tokio::time::sleep(services_stop(&ctx)).await;
    match ctx.shared.apply(SimEvent::JocSwitchOver { to }) {
        Ok(()) => Ok(cluster_answer(ServiceType::Cluster, JocClusterState::SwitchMember)),
        Err(crate::world::Refusal::AlreadyActive(_)) => {
            Ok(cluster_answer(ServiceType::Cluster, JocClusterState::AlreadyStarted))
        }
        Err(r) => Err(r.into()),
    }
}

/// `joc/cluster/delete_member`, as JOC 2.8.4 checks it: permission, audit (before the
/// checks), an unknown member 420 JOC-408, the active member or one whose heartbeat is under a
/// minute old 420 JOC-400; allowed on a standby JOC. The instance leaves the inventory until
/// it beats again.
pub async fn delete_member(State(ctx): State<Ctx>, headers: HeaderMap, body: Bytes) -> Result<Response, Reply> {
    let account = ctx.account(&headers)?;
    let req: SwitchMember = parse(&body)?;
    ctx.require(&account, account.permissions().joc.cluster.manage)?;
    ctx.audit(&account, "./joc/cluster/delete_member", &req.audit_log)?;
    let joc = {
        let w = ctx.shared.world.lock();
        let now = ctx.shared.clock.now();
        let j = w
            .joc_by_member(&req.member_id)
            .ok_or_else(|| Reply::Invalid("JOC-408", format!("Couldn't find cluster member: {}", req.member_id)))?;
        if w.active_joc == Some(j) || w.heartbeat_age(j, now) <= 60 {
            return Err(Reply::Invalid(
                "JOC-400",
                format!(
                    "The cluster member '{}' is either active or its last heartbeat is younger than one minute.",
                    w.jocs[j].instance_id
                ),
            ));
        }
        j
    };
    ctx.shared.apply(SimEvent::JocRemoved { joc })?;
    Ok(ok())
}

const INACTIVE: &str = "cluster inactive, the operation can't be performed on a standby JOC Cockpit instance";

/// `joc/cluster/restart`: restarts one service, or all (`cluster`, with the proxies). All of
/// them is allowed on a standby JOC too, and JOC answers only once every service has stopped
/// and started again.
pub async fn restart_service(State(ctx): State<Ctx>, headers: HeaderMap, body: Bytes) -> Result<Response, Reply> {
    let account = ctx.account(&headers)?;
    let req: ClusterService = parse(&body)?;
    ctx.require(&account, account.permissions().joc.cluster.manage)?;
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
    ctx.require(&account, account.permissions().joc.cluster.manage)?;
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
    let p = account.permissions();
    ctx.require(&account, p.joc.cluster.manage || p.joc.administration.controllers.manage)?;
    ctx.audit(&account, "./joc/proxies/restart", &req.audit_log)?;
    ctx.shared.count_service("proxies".into());
    Ok(ok())
}

/// `joc/url`: changes the display URL only; takes no audit log (no extra fields at all).
pub async fn update_url(State(ctx): State<Ctx>, headers: HeaderMap, body: Bytes) -> Result<Response, Reply> {
    let account = ctx.account(&headers)?;
    let req: CockpitUri = parse(&body)?;
    ctx.require(&account, account.permissions().joc.administration.settings.manage)?;
    if req.url.trim().is_empty() || req.url.len() > 255 {
        return Err(Reply::Invalid("JOC-400", "url: must have 1 to 255 characters".into()));
    }
    let joc = match &req.instance_id {
        Some(id) => ctx.shared.world.lock().joc_by_instance(id),
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
        ctx.require(&account, account.permissions().joc.get_log)?;
        Ok(logs::joc_log(ctx.shared.cfg.log_bytes, ctx.shared.cfg.world.seed ^ ctx.me as u64, &ctx.shared.open_logs))
    };
    match log() {
        Ok(r) => r,
        Err(refusal) => logs::gzip_encoded(refusal.into_response()).await,
    }
}
