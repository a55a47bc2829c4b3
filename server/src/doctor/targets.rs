//! What the doctor checks: the installations of `--config`, else the one of the flags, else
//! the embedded simulator (started here, stopped by the caller).

use super::Report;
use crate::config::Cli;
use crate::simulator::Sim;

/// What one installation's checks need: its members, monitoring account, CA, Controller.
pub(super) struct Target {
    pub(super) urls: Vec<String>,
    pub(super) monitor: (Option<String>, Option<String>),
    pub(super) ca_bundle: Option<std::path::PathBuf>,
    pub(super) danger_accept_invalid_certs: bool,
    pub(super) controller_id: Option<String>,
}

/// Each installation to check (named when from `--config`), and the simulators started for it.
pub(super) async fn targets(
    cli: &Cli,
    r: &mut Report<'_>,
) -> anyhow::Result<(Vec<(Option<String>, Target)>, Vec<Sim>)> {
    use crate::config::installations::{Source, installations};
    let mut sims = Vec::new();
    let mut targets = Vec::new();
    if cli.serve.config.is_some() {
        for inst in installations(cli).map_err(anyhow::Error::msg)? {
            let target = match inst.source {
                Source::Joc { urls, monitor_account, monitor_password, ca_bundle, danger_accept_invalid_certs } => {
                    Target {
                        urls,
                        monitor: (monitor_account, monitor_password.map(|p| p.expose().to_string())),
                        ca_bundle,
                        danger_accept_invalid_certs,
                        controller_id: inst.controller_id,
                    }
                }
                Source::Simulated(cfg) => {
                    let mut cfg = *cfg;
                    let password = crate::startup::add_viewer(&mut cfg, "js7-status-doctor");
                    let s = crate::simulator::Sim::start(cfg).await?;
                    let urls = s.urls();
                    sims.push(s);
                    Target {
                        urls,
                        monitor: (Some("js7-status-doctor".into()), Some(password)),
                        ca_bundle: None,
                        danger_accept_invalid_certs: false,
                        controller_id: inst.controller_id,
                    }
                }
            };
            targets.push((Some(inst.name), target));
        }
    } else {
        let password = cli.serve.monitor_password().map_err(anyhow::Error::msg)?;
        let mut monitor = (cli.serve.monitor_account.clone(), password.map(|p| p.expose().to_string()));
        let urls = if cli.serve.joc_urls.is_empty() {
            r.note("no --joc-url: checking the embedded simulator", "give --joc-url to check a real JOC Cockpit");
            let s = crate::simulator::Sim::start(cli.sim.sim_config(0).map_err(anyhow::Error::msg)?).await?;
            if monitor.0.is_none() {
                monitor = (Some("viewer".into()), Some("viewer".into()));
            }
            let urls = s.urls();
            sims.push(s);
            urls
        } else {
            cli.serve.joc_urls.clone()
        };
        let target = Target {
            urls,
            monitor,
            ca_bundle: cli.serve.ca_bundle.clone(),
            danger_accept_invalid_certs: cli.serve.danger_accept_invalid_certs,
            controller_id: cli.serve.controller_id.clone(),
        };
        targets.push((None, target));
    }
    Ok((targets, sims))
}
