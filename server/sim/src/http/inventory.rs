//! `joc/versions`, `controller` and `controller/test`, answered as JOC 2.8.4 answers them
//! (`docs/joc-conformance.md`, "The other calls JOC's tools make", says where JOC does each).

use super::{Ctx, Reply, now_stamp, parse};
use app::model::joc::{
    AgentVersion, ConnectionStateText, ControllerAnswer, ControllerVersion, TestAnswer, TestConnect, TestedController,
    UrlParameter, VersionsAnswer, VersionsRequest,
};
use axum::{
    Json,
    body::Bytes,
    extract::State,
    http::HeaderMap,
    response::{IntoResponse, Response},
};

fn url_shaped(url: &str) -> bool {
    (url.starts_with("http://") || url.starts_with("https://")) && !url.contains(char::is_whitespace) && url.len() > 8
}

/// `joc/versions`: every Controller instance and every Agent and Subagent the user may see
/// (of the Controllers `controllerIds` names, or of all), with versions where JOC knows them;
/// no permission of its own, no `deliveryDate`.
pub async fn versions(State(ctx): State<Ctx>, headers: HeaderMap, body: Bytes) -> Result<Response, Reply> {
    let account = ctx.account(&headers)?;
    let req: VersionsRequest = parse(&body)?;
    let version = ctx.shared.cfg.world.joc_version.clone();
    let compatible = || Some("COMPATIBLE".to_string());
    let permissions = account.permissions();
    let w = ctx.shared.world.lock();
    let asked = |id: &str| req.controller_ids.as_ref().is_none_or(|ids| ids.is_empty() || ids.iter().any(|i| i == id));
    let mut answer = VersionsAnswer { joc_version: Some(version.clone()), ..VersionsAnswer::default() };
    for c in w.registered().map(|c| &w.controllers[c]) {
        let id = &c.cfg.id;
        if !permissions.for_controller(id).view || !asked(id) {
            continue;
        }
        answer.controller_versions.extend(c.nodes.iter().map(|n| ControllerVersion {
            controller_id: id.clone(),
            uri: n.url.clone(),
            version: n.seen.then(|| version.clone()),
            compatibility: n.seen.then(compatible).flatten(),
        }));
        for a in &c.agents {
            let entry = |subagent_id: Option<String>, uri: &str| AgentVersion {
                agent_id: a.id.clone(),
                subagent_id,
                uri: uri.to_string(),
                version: Some(version.clone()),
                compatibility: compatible(),
            };
            answer.agent_versions.push(entry(None, &a.url));
            answer.agent_versions.extend(a.subagents.iter().map(|s| entry(Some(s.id.clone()), &s.url)));
        }
    }
    Ok(Json(answer).into_response())
}

/// `controller`: one instance's state, the one at `url` or the active one. Without `url` it
/// needs JOC's proxy to have coupled once (else 434 JOC-402); an unreachable instance is 200
/// with connection `unreachable`; an unknown ID or URL is 420 JOC-408.
pub async fn controller(State(ctx): State<Ctx>, headers: HeaderMap, body: Bytes) -> Result<Response, Reply> {
    let account = ctx.account(&headers)?;
    let req: UrlParameter = parse(&body)?;
    ctx.require(&account, account.permissions().for_controller(&req.controller_id).view)?;
    let now = ctx.shared.clock.now();
    let mut w = ctx.shared.world.lock();
    let Some(c) = w.controller_index(&req.controller_id).filter(|&c| w.controllers[c].registered) else {
        let message = format!("DBMissingDataException: Couldn't find Controller with id {}", req.controller_id);
        return Err(Reply::Invalid("JOC-408", message));
    };
    w.note_seen(c);
    let components = w.components(ctx.me, c, now);
    let index = match &req.url {
        Some(url) if !url_shaped(url) => {
            return Err(Reply::Invalid("JOC-400", format!("$.url: does not match the url pattern: {url}")));
        }
        Some(url) => components.controllers.iter().position(|k| k.url.eq_ignore_ascii_case(url)).ok_or_else(|| {
            Reply::Invalid("JOC-408", format!("DBMissingDataException: Couldn't find Controller with url {url}"))
        })?,
        None if !w.controllers[c].proxy_coupled => return Err(Reply::ControllerUnreachable),
        None => components.active_controller().unwrap_or(0),
    };
    let controller = components.controllers[index].clone();
    Ok(Json(ControllerAnswer { delivery_date: now_stamp(), controller }).into_response())
}

/// `controller/test`: JOC's connection test to a URL. The URL's shape is checked before the
/// permission (`joc.administration.controllers.view`); a failed connection is a 420 (JOC-400
/// refused, JOC-402 no connection in time), another Controller's ID at the URL 420 JOC-405.
pub async fn test(State(ctx): State<Ctx>, headers: HeaderMap, body: Bytes) -> Result<Response, Reply> {
    let account = ctx.account(&headers)?;
    let req: TestConnect = parse(&body)?;
    if !url_shaped(&req.url) {
        return Err(Reply::Invalid("JOC-400", format!("$.url: does not match the url pattern: {}", req.url)));
    }
    ctx.require(&account, account.permissions().joc.administration.controllers.view)?;
    let w = ctx.shared.world.lock();
    let found = w.controllers.iter().find_map(|c| {
        let node = c.nodes.iter().find(|n| n.url.eq_ignore_ascii_case(&req.url))?;
        Some((c.cfg.id.clone(), node))
    });
    let (id, node) = match found {
        Some((id, n)) => (id, Some(n)),
        None => (String::new(), None),
    };
    let node = match node {
        Some(n) if n.running && n.reachable => n,
        Some(n) if n.running => {
            return Err(Reply::Invalid("JOC-402", format!("ControllerConnectionRefusedException: {}", n.url)));
        }
        _ => return Err(Reply::Invalid("JOC-400", "JocBadRequestException: Connection refused".into())),
    };
    if let Some(expected) = req.controller_id.as_deref().filter(|e| !e.is_empty() && *e != id) {
        let message = format!(
            "Connection was successful but Controller ID '{id}' of URL '{}' is not the expected Controller ID '{expected}'",
            node.url
        );
        return Err(Reply::Invalid("JOC-405", message));
    }
    let controller = TestedController {
        url: node.url.clone(),
        controller_id: Some(id),
        connection_state: Some(ConnectionStateText::Established.state()),
    };
    Ok(Json(TestAnswer { delivery_date: now_stamp(), controller }).into_response())
}
