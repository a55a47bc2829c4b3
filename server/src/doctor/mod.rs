//! `js7-status doctor`: checks, before serving, that the board will work against a JOC
//! Cockpit, with the same flags as the server. Each line is ✓ (fine), ! (works, but worth
//! knowing) or ✗ (the board will not work) with what to do; the exit code is 0 only when no
//! line is ✗. Without `--joc-url` it checks the embedded simulator; with `--config`, every
//! installation of the file.

use crate::config::{Cli, Command};
use crate::joc::{Joc, JocClient, JocError, JocSession};
use std::io::Write;
use std::time::Duration;

/// One line of the report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Ok,
    Note,
    Fail,
}

/// The report as it is written.
pub struct Report<'a> {
    out: &'a mut dyn Write,
    failed: bool,
}

impl Report<'_> {
    fn line(&mut self, v: Verdict, what: &str, hint: Option<&str>) {
        let mark = match v {
            Verdict::Ok => "✓",
            Verdict::Note => "!",
            Verdict::Fail => "✗",
        };
        self.failed |= v == Verdict::Fail;
        let _ = writeln!(self.out, "{mark} {what}");
        if let Some(h) = hint {
            let _ = writeln!(self.out, "    → {h}");
        }
    }
    fn ok(&mut self, what: &str) {
        self.line(Verdict::Ok, what, None);
    }
    fn note(&mut self, what: &str, hint: &str) {
        self.line(Verdict::Note, what, Some(hint));
    }
    fn fail(&mut self, what: &str, hint: &str) {
        self.line(Verdict::Fail, what, Some(hint));
    }
}

/// What to do about a JOC error, in a few words.
fn advice(e: &JocError) -> &'static str {
    match e {
        JocError::Unauthenticated => "check the account and password (--monitor-account, JS7_STATUS_MONITOR_PASSWORD)",
        JocError::Forbidden => "give the account a role with the permission in JOC's identity service",
        JocError::Timeout => "JOC did not answer in time: is it overloaded, or --joc-timeout too short?",
        JocError::Connect(m) if is_certificate(m) => {
            "JOC's certificate is not trusted: give --ca-bundle the PEM of the CA that signed it"
        }
        JocError::Connect(_) => "is JOC running, and is its port open from here?",
        JocError::Status(_) => "something between here and JOC (a proxy) answered instead of JOC",
        _ => "see the message above",
    }
}

fn is_certificate(message: &str) -> bool {
    let m = message.to_ascii_lowercase();
    ["certificate", "unknownissuer", "self-signed", "self signed", "tls", "handshake"].iter().any(|w| m.contains(w))
}

/// Is this JOC version one the board reads? 2.8 fully; 2.9 and later with their log request.
fn supported(version: &str) -> Option<&'static str> {
    let mut parts = version.split(['.', '-']).map(|p| p.parse::<u32>().ok());
    match (parts.next().flatten(), parts.next().flatten()) {
        (Some(2), Some(8)) => Some("supported"),
        (Some(2), Some(m)) if m >= 9 => Some("supported (2.9 and later: the newer log request)"),
        (Some(v), _) if v > 2 => Some("newer than this board knows: the status will show, check the operations"),
        _ => None,
    }
}

/// Runs every check and writes the report; true when the board will work. With `--config`,
/// every installation of the file in turn.
pub async fn run(cli: &Cli, out: &mut dyn Write) -> anyhow::Result<bool> {
    let mut r = Report { out, failed: false };
    let (targets, sims) = targets::targets(cli, &mut r).await?;
    let mut all = true;
    for (name, target) in targets {
        if let Some(name) = name {
            let _ = writeln!(r.out, "installation {name}:");
        }
        all &= check(cli, target, &mut r).await.is_some();
    }
    for s in sims {
        s.shutdown();
    }
    Ok(all && !r.failed)
}

/// The checks; None once one fails so badly that the rest cannot run.
async fn check(cli: &Cli, target: Target, r: &mut Report<'_>) -> Option<()> {
    let Target { urls, monitor, ca_bundle, danger_accept_invalid_certs, controller_id } = target;
    let ca = match &ca_bundle {
        Some(p) => match std::fs::read(p) {
            Ok(pem) => Some(pem),
            Err(e) => {
                r.fail(&format!("CA bundle {}: {e}", p.display()), "give --ca-bundle a readable PEM file");
                return None;
            }
        },
        None => None,
    };
    let http = match crate::joc::client::http_client(ca.as_deref(), danger_accept_invalid_certs) {
        Ok(h) => h,
        Err(e) => {
            r.fail(&format!("HTTP client: {e}"), "check the CA bundle: it must hold PEM certificates");
            return None;
        }
    };
    if danger_accept_invalid_certs {
        r.note(
            "--danger-accept-invalid-certs: any certificate is accepted",
            "use --ca-bundle outside a test installation",
        );
    }
    let limit = Duration::from_secs(cli.serve.joc_timeout);
    let members: Vec<JocClient> = urls.iter().map(|u| JocClient::new(http.clone(), u, limit)).collect();
    let (Some(account), Some(password)) = monitor else {
        r.fail("no monitor account", "set --monitor-account and JS7_STATUS_MONITOR_PASSWORD (a read-only JOC account)");
        return None;
    };
    let mut sessions: Vec<Option<JocSession>> = Vec::new();
    for m in &members {
        if m.base().starts_with("http://") {
            r.note(
                &format!("{}: plain HTTP", m.base()),
                "passwords and tokens cross the network unencrypted: use https",
            );
        }
        match m.login(&account, &password).await {
            Ok(s) => {
                r.ok(&format!("{}: reachable, {account} logged in", m.base()));
                sessions.push(Some(s));
            }
            Err(e) => {
                r.line(Verdict::Note, &format!("{}: {e}", m.base()), Some(advice(&e)));
                sessions.push(None);
            }
        }
    }
    let Some(first) = sessions.iter().position(Option::is_some) else {
        r.fail("no JOC Cockpit instance could be logged in to", "see the lines above");
        return None;
    };
    let result = with_sessions(cli, controller_id, &members, &sessions, first, r).await;
    for (m, s) in members.iter().zip(&sessions) {
        if let Some(s) = s {
            let _ = m.logout(s).await;
        }
    }
    result
}

async fn with_sessions(
    cli: &Cli,
    controller_id: Option<String>,
    members: &[JocClient],
    sessions: &[Option<JocSession>],
    first: usize,
    r: &mut Report<'_>,
) -> Option<()> {
    let (joc, s) = (&members[first], sessions[first].as_ref()?);
    let version: Result<app::model::joc::VersionAnswer, _> = joc.call(s, "joc/version", &serde_json::json!({})).await;
    match version {
        Ok(v) => match supported(&v.version) {
            Some(how) => r.ok(&format!("JOC Cockpit {}: {how}", v.version)),
            None => r.fail(
                &format!("JOC Cockpit {}: not supported", v.version),
                "the board reads JOC Cockpit 2.8 and later",
            ),
        },
        Err(e) => r.fail(&format!("joc/version: {e}"), advice(&e)),
    }
    let mut active = Vec::new();
    for (m, s) in members.iter().zip(sessions) {
        if let Some(s) = s
            && m.is_active(s).await.unwrap_or(false)
        {
            active.push(m.base().to_string());
        }
    }
    match active.as_slice() {
        [one] => r.ok(&format!("active JOC Cockpit instance: {one}")),
        [] => {
            r.fail("no JOC Cockpit instance says it is active", "is the JOC cluster's active member among --joc-url?")
        }
        many => r.note(&format!("several instances say they are active: {}", many.join(", ")), "check the JOC cluster"),
    }
    let i = members.iter().position(|m| active.first().is_some_and(|a| a == m.base())).unwrap_or(first);
    let (joc, s) = (&members[i], sessions[i].as_ref()?);
    let permissions = match joc.permissions(s).await {
        Ok(p) => p,
        Err(e) => {
            r.fail(&format!("permissions: {e}"), advice(&e));
            return None;
        }
    };
    let ids = match joc.controller_ids(s).await {
        Ok(ids) => ids,
        // JOC refuses the list when Controllers are registered but the account may view none.
        Err(JocError::Forbidden) => {
            r.fail(
                "the monitor account may not view any Controller registered in JOC",
                "give it a role with sos:products:controller:view",
            );
            return None;
        }
        Err(e) => {
            r.fail(&format!("controller/ids: {e}"), advice(&e));
            return None;
        }
    };
    let shown = controller_id.or(ids.selected.clone());
    let Some(controller_id) = shown.filter(|id| ids.controller_ids.contains(id)) else {
        r.fail(
            &format!("Controller IDs: [{}]; none to show", ids.controller_ids.join(", ")),
            "register a Controller in JOC, or give --controller-id one of those",
        );
        return None;
    };
    r.ok(&format!("Controller IDs: [{}]; showing {controller_id}", ids.controller_ids.join(", ")));
    if !permissions.for_controller(&controller_id).view {
        r.fail(
            &format!("the monitor account may not view Controller {controller_id}"),
            "give it a role with sos:products:controller:view",
        );
        return None;
    }
    r.ok(&format!("the monitor account may view Controller {controller_id}"));
    reads(cli, joc, s, &controller_id, &permissions, r).await?;
    if let Some(Command::Doctor(d)) = &cli.command
        && let Some(user) = &d.user
    {
        let password = match d.user_password() {
            Ok(p) => p.map(|p| p.expose().to_string()).unwrap_or_default(),
            Err(e) => {
                r.fail(
                    &format!("the password of {user}: {e}"),
                    "give --user-password-file or JS7_STATUS_DOCTOR_USER_PASSWORD",
                );
                return Some(());
            }
        };
        user_check(joc, user, &password, &controller_id, r).await;
    }
    Some(())
}

mod reads;
mod targets;
use reads::{reads, user_check};
use targets::Target;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_the_board_reads() {
        assert_eq!(supported("2.8.4"), Some("supported"));
        assert!(supported("2.9.0").unwrap().contains("2.9"));
        assert!(supported("2.10.1-SNAPSHOT").unwrap().contains("2.9"));
        assert!(supported("3.0.0").is_some());
        assert_eq!(supported("2.7.3"), None);
        assert_eq!(supported("garbage"), None);
    }

    #[test]
    fn certificate_failures_are_told_apart() {
        assert!(advice(&JocError::Connect("invalid peer certificate: UnknownIssuer".into())).contains("--ca-bundle"));
        assert!(advice(&JocError::Connect("connection refused".into())).contains("running"));
    }
}
