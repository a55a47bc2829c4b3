//! The Controller's operations through JOC: terminate, restart, abort, the Controller cluster's
//! switch-over and node-loss confirmation, `controller.log` (2.8 and 2.9 shapes).

use super::{Ctx, Reply, ok, parse};
use crate::{accounts::Account, logs, world::SimEvent};
use app::model::joc::{ControllerLogRequest, UrlParameter, has_log_api_2_9};
use axum::{
    body::Bytes,
    extract::State,
    http::HeaderMap,
    response::{IntoResponse, Response},
};

/// The Controller (by index) and its node a Controller operation names: the node by URL in a
/// cluster (required there), the only one when standalone.
fn target(
    ctx: &Ctx,
    account: &Account,
    req: &UrlParameter,
    permitted: impl Fn(&app::model::joc::ControllerPermissions) -> bool,
) -> Result<(usize, usize), Reply> {
    let perms = account.permissions().for_controller(&req.controller_id);
    let c = ctx.known_controller(&req.controller_id)?;
    ctx.require(account, permitted(&perms))?;
    let w = ctx.shared.world.lock();
    let ctl = &w.controllers[c];
    if !ctl.is_cluster() {
        return Ok((c, 0));
    }
    let url = req.url.as_deref().ok_or_else(|| Reply::Invalid("JOC-406", "url: missing required parameter".into()))?;
    let shaped = (url.starts_with("http://") || url.starts_with("https://")) && !url.contains(char::is_whitespace);
    if !shaped || url.len() > 255 {
        return Err(Reply::Invalid("JOC-400", format!("url: '{url}' does not match ^https?://[^\\s]+$")));
    }
    let node = ctl
        .nodes
        .iter()
        .position(|n| n.url == url)
        .ok_or_else(|| Reply::Invalid("JOC-400", format!("No Controller instance with url '{url}'")))?;
    Ok((c, node))
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
    let (c, node) = target(&ctx, &account, &req, |p| if restart { p.restart } else { p.terminate })?;
    ctx.audit(&account, request, &req.audit_log)?;
    let event = if abort {
        SimEvent::Abort { node, restart }
    } else {
        // JOC asks for a switch-over only when `withSwitchover` is true; it ignores the field
        // for an abort.
        SimEvent::Terminate { node, restart, switchover: req.with_switchover == Some(true) }
    };
    match ctx.shared.apply_to(c, event) {
        // JOC swallows the connection errors of an abort: 200 whether or not it got through.
        Err(crate::world::Refusal::Unreachable(_)) if abort => Ok(ok()),
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
    let (c, node) = target(&ctx, &account, &req, |p| p.get_log)?;
    let reachable = {
        let w = ctx.shared.world.lock();
        let n = &w.controllers[c].nodes[node];
        n.running && n.reachable
    };
    if !reachable {
        return Err(Reply::Invalid("JOC-402", "Connection refused".into()));
    }
    let seed = log_seed(&ctx, c, node);
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
    let c = ctx.known_controller(&req.controller_id)?;
    ctx.require(&account, account.permissions().for_controller(&req.controller_id).get_log)?;
    let node = {
        let w = ctx.shared.world.lock();
        let ctl = &w.controllers[c];
        let node = match req.role.as_deref() {
            _ if !ctl.is_cluster() => 0,
            Some("PRIMARY") => 0,
            Some("BACKUP") => 1,
            _ => return Err(Reply::Invalid("JOC-400", "role: missing required parameter".into())),
        };
        if !(ctl.nodes[node].running && ctl.nodes[node].reachable) {
            return Err(Reply::Invalid("JOC-402", "Connection refused".into()));
        }
        node
    };
    let seed = log_seed(&ctx, c, node);
    Ok(logs::controller_log_plain(ctx.shared.cfg.log_bytes, seed, &ctx.shared.open_logs))
}

/// The seed of the log of a Controller's instance: each instance writes its own.
fn log_seed(ctx: &Ctx, c: usize, node: usize) -> u64 {
    ctx.shared.cfg.world.seed ^ (0x100 + node as u64) ^ ((c as u64) << 16)
}

/// The `controller/cluster/*` request and its Controller (by index): known Controller ID.
fn cluster_request(ctx: &Ctx, body: &Bytes) -> Result<(UrlParameter, usize), Reply> {
    let req: UrlParameter = parse(body)?;
    let c = ctx.known_controller(&req.controller_id)?;
    Ok((req, c))
}

/// `controller/cluster/switchover`, checked in JOC 2.8.4's order: permission; no cluster 420
/// JOC-400; a JOC switch-over under way 420 JOC-409; a standby JOC 420 JOC-400; audit; not
/// coupled 420 JOC-400. JOC then answers before the Controller acts; a refusal of the
/// Controller reaches the requester's session a moment later as a `ProblemEvent`.
pub async fn cluster_switchover(State(ctx): State<Ctx>, headers: HeaderMap, body: Bytes) -> Result<Response, Reply> {
    let account = ctx.account(&headers)?;
    let (req, c) = cluster_request(&ctx, &body)?;
    let id = req.controller_id.clone();
    ctx.require(&account, account.permissions().for_controller(&id).switch_over)?;
    let (cluster, joc_switching) = {
        let w = ctx.shared.world.lock();
        (w.controllers[c].is_cluster(), w.joc_switching_to.is_some())
    };
    if !cluster {
        return Err(Reply::Invalid("JOC-400", format!("There is no cluster with the Id: {id}")));
    }
    if joc_switching {
        return Err(Reply::Invalid(
            "JOC-409",
            format!(
                "JOC Cockpit cluster is just switching over. Switch-over of the Controller cluster '{id}' is not possible during a switch-over of the JOC Cockpit cluster"
            ),
        ));
    }
    ctx.require_active("JOC-400", "Switch-over is not available. It can only be called up in the active JOC Cockpit.")?;
    ctx.audit(&account, "./controller/cluster/switchover", &req.audit_log)?;
    let refusal = {
        let mut w = ctx.shared.world.lock();
        let ctl = &mut w.controllers[c];
        let coupled = ctl.cluster == app::model::joc::ClusterType::Coupled && ctl.watch.loss.is_none();
        if !coupled {
            return Err(Reply::Invalid(
                "JOC-400",
                "Switch-over is not available because the cluster is not coupled".into(),
            ));
        }
        ctl.switchover_refusal.take()
    };
    match refusal {
        Some(words) => {
            let token = headers.get("x-access-token").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
            let shared = ctx.shared.clone();
            tokio::spawn(async move {
                tokio::time::sleep(shared.clock.real(std::time::Duration::from_secs(1))).await;
                let now = shared.clock.now();
                shared.world.lock().events.push_problem(now, c, &token, words);
                shared.changed();
            });
        }
        None => ctx.shared.apply_to(c, SimEvent::ClusterSwitchOver)?,
    }
    Ok(ok())
}

/// `controller/cluster/confirm_node_loss`, checked in JOC 2.8.4's order: a standby JOC 420
/// JOC-503 before anything else (worded for a fail-over or a node loss); permission; audit;
/// no loss node 420 JOC-400.
pub async fn confirm_node_loss(State(ctx): State<Ctx>, headers: HeaderMap, body: Bytes) -> Result<Response, Reply> {
    let account = ctx.account(&headers)?;
    let (req, c) = cluster_request(&ctx, &body)?;
    let id = req.controller_id.clone();
    let failover = {
        let w = ctx.shared.world.lock();
        matches!(w.controllers[c].watch.loss, Some((_, crate::world::LossKind::Failover)))
    };
    let standby = if failover {
        "Confirming the Controller cluster fail-over is only possible in the active JOC node."
    } else {
        "Confirming the Controller cluster loss node is only possible in the active JOC node."
    };
    ctx.require_active("JOC-503", standby)?;
    ctx.require(&account, account.permissions().for_controller(&id).switch_over)?;
    ctx.audit(&account, "./controller/cluster/confirm_node_loss", &req.audit_log)?;
    ctx.shared.apply_to(c, SimEvent::ConfirmNodeLoss).map_err(|r| match r {
        crate::world::Refusal::NoLossNode => {
            Reply::Invalid("JOC-400", format!("Couldn't determine loss node of Controller cluster '{id}'."))
        }
        r => r.into(),
    })?;
    Ok(ok())
}
