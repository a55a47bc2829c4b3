//! What `build` starts before the routes: each installation's simulator or JOC clients, and
//! the connection to the replicas' Redis.

use crate::config::{self, Cli};
use crate::{joc, metrics, replicas, simulator};
use std::sync::Arc;
use std::time::Duration;

/// The account the server gives itself on the embedded simulator for the shared feed.
pub(crate) const EMBEDDED_MONITOR: &str = "js7-status-monitor";

/// Gives a simulated JOC a viewer account `name` of the server's own, with a random
/// password, which it returns.
pub(crate) fn add_viewer(cfg: &mut simulator::SimConfig, name: &str) -> String {
    let password = format!("{:032x}", rand::random::<u128>());
    cfg.accounts.push(simulator::accounts::Account::new(name, &password, simulator::accounts::Profile::Viewer));
    password
}

/// Starts one installation's simulator (with the server's own monitoring account) or reads
/// its CA; returns its members and monitoring account.
pub(crate) async fn start_installation(
    cli: &Cli,
    metrics: &metrics::Metrics,
    inst: config::installations::InstallationConfig,
    sims: &mut Vec<simulator::Sim>,
) -> anyhow::Result<(Vec<joc::JocClient>, Vec<String>, String, config::Secret)> {
    use config::installations::Source;
    let timeout = Duration::from_secs(cli.serve.joc_timeout);
    let name = inst.name.clone();
    match inst.source {
        Source::Simulated(cfg) => {
            let mut cfg = *cfg;
            let password = add_viewer(&mut cfg, EMBEDDED_MONITOR);
            let sim = simulator::Sim::start(cfg).await?;
            let urls = sim.urls();
            sims.push(sim);
            let http = joc::client::http_client(None, false).map_err(anyhow::Error::msg)?;
            let members = urls
                .iter()
                .map(|u| joc::JocClient::new(http.clone(), u, timeout).timed(metrics.upstream(&name)))
                .collect();
            Ok((members, urls, EMBEDDED_MONITOR.into(), config::Secret::new(password)))
        }
        Source::Joc { urls, monitor_account, monitor_password, ca_bundle, danger_accept_invalid_certs } => {
            let ca = match &ca_bundle {
                Some(p) => Some(std::fs::read(p).map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))?),
                None => None,
            };
            if danger_accept_invalid_certs {
                tracing::warn!(installation = %name, "accepting ANY TLS certificate from JOC (--danger-accept-invalid-certs)");
            }
            let http =
                joc::client::http_client(ca.as_deref(), danger_accept_invalid_certs).map_err(anyhow::Error::msg)?;
            let members = urls
                .iter()
                .map(|u| joc::JocClient::new(http.clone(), u, timeout).timed(metrics.upstream(&name)))
                .collect();
            let (Some(account), Some(password)) = (monitor_account, monitor_password) else {
                anyhow::bail!(
                    "installation '{name}': set the monitoring account and its password (--monitor-account and \
                     --monitor-password-file or JS7_STATUS_MONITOR_PASSWORD; in --config, monitor_account and \
                     monitor_password_file or monitor_password_env) for the live feed of a real JOC"
                )
            };
            Ok((members, urls, account, password))
        }
    }
}

/// Connects to the replicas' Redis when `--redis-url` is given; the session key is then
/// required, and one that differs from the other replicas' stops the start.
pub(crate) async fn connect_replicas(cli: &Cli) -> anyhow::Result<Option<Arc<replicas::Shared>>> {
    let Some(url) = &cli.serve.redis_url else {
        if cli.serve.session_key_file.is_some() {
            tracing::warn!("--session-key-file is only used with --redis-url");
        }
        return Ok(None);
    };
    let Some(file) = &cli.serve.session_key_file else {
        anyhow::bail!(
            "--redis-url needs --session-key-file (or JS7_STATUS_SESSION_KEY_FILE): the key that seals JOC tokens in \
             Redis, the same file on every replica (create one with: head -c 32 /dev/urandom | base64 > session.key)"
        );
    };
    let key = replicas::seal::SessionKey::from_file(file).map_err(anyhow::Error::msg)?;
    let shared = replicas::Shared::connect(url, &cli.serve.redis_prefix, key).await.map_err(anyhow::Error::msg)?;
    tracing::info!(
        replica = shared.replica(),
        "sharing sessions and the live feed with the other replicas through Redis"
    );
    Ok(Some(shared))
}
