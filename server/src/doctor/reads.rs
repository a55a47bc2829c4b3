//! The doctor's reads as the monitor account, and what a given user may do.

use super::{Report, advice};
use crate::config::Cli;
use crate::joc::{Joc, JocClient, JocSession};
use app::model::joc::{JocLogRequest, Permissions};
use std::time::{Duration, Instant};

/// Logs in as a user and says what the board will let them do on the shown Controller.
pub(super) async fn user_check(joc: &JocClient, user: &str, password: &str, controller_id: &str, r: &mut Report<'_>) {
    let s = match joc.login(user, password).await {
        Ok(s) => s,
        Err(e) => return r.fail(&format!("user {user}: {e}"), advice(&e)),
    };
    match joc.permissions(&s).await {
        Ok(p) => {
            let c = p.for_controller(controller_id);
            let yes = |b: bool| if b { "yes" } else { "no" };
            let what = format!(
                "user {user}: view {}, switch-over {}, terminate {}, restart {}, logs {}, JOC cluster {}",
                yes(c.view),
                yes(c.switch_over),
                yes(c.terminate),
                yes(c.restart),
                yes(c.get_log),
                yes(p.joc.cluster.manage)
            );
            if c.view {
                r.ok(&what)
            } else {
                r.fail(&what, "the user will not see this Controller: give them sos:products:controller:view")
            }
        }
        Err(e) => r.fail(&format!("user {user}: permissions: {e}"), advice(&e)),
    }
    let _ = joc.logout(&s).await;
}

/// The reads the live board makes, and the log endpoints.
pub(super) async fn reads(
    cli: &Cli,
    joc: &JocClient,
    s: &JocSession,
    controller_id: &str,
    permissions: &Permissions,
    r: &mut Report<'_>,
) -> Option<()> {
    match joc.components(s, controller_id).await {
        Ok(c) => r.ok(&format!(
            "controller/components: {} JOC instance(s), {} Controller instance(s), cluster {}",
            c.jocs.len(),
            c.controllers.len(),
            c.cluster_state.as_ref().map_or("-".to_string(), |st| st.raw.clone().unwrap_or(format!("{:?}", st.text)))
        )),
        Err(e) => r.fail(&format!("controller/components: {e}"), advice(&e)),
    }
    match joc.agents(s, controller_id).await {
        Ok(a) => r.ok(&format!("agents: {} entries", a.agents.len())),
        Err(e) => r.fail(&format!("agents: {e}"), advice(&e)),
    }
    let hold = Duration::from_secs(cli.serve.joc_events_hold + 7);
    match joc.events(s, controller_id, None, hold).await {
        Ok(first) => {
            let t = Instant::now();
            match joc.events(s, controller_id, first.event_id, hold).await {
                Ok(_) => r.ok(&format!(
                    "events: answered after {:.1} s; the board waits up to {} s (--joc-events-hold)",
                    t.elapsed().as_secs_f64(),
                    hold.as_secs()
                )),
                Err(e) => r.fail(&format!("events: {e}"), "raise --joc-events-hold to JOC's max_response_duration"),
            }
        }
        Err(e) => r.fail(&format!("events: {e}"), advice(&e)),
    }
    if permissions.joc.get_log {
        match joc.send_download(s, "joc/log", &JocLogRequest::default()).await {
            Ok(resp) if crate::joc::is_gzip(&resp) => r.ok("joc/log: gzip-encoded, passed through as joc.log.gz"),
            Ok(_) => r.ok("joc/log: plain, compressed on the way as joc.log.gz"),
            Err(e) => r.fail(&format!("joc/log: {e}"), advice(&e)),
        }
    } else {
        r.note("joc/log: the monitor account may not read it", "users download logs with their own permission");
    }
    Some(())
}
