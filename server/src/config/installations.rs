//! The JS7 installations the board watches: one from the flags (today's simple case), several
//! from a TOML file (`--config`), or the embedded simulator's (two by default).
//!
//! ```toml
//! [[installation]]
//! name = "production"
//! joc_urls = ["https://joc-a.example:4443", "https://joc-b.example:4443"]
//! controller_id = "jobs"                  # optional: the Controller shown first
//! monitor_account = "js7-status"
//! monitor_password_file = "/etc/js7-status/production.password"
//! ca_bundle = "/etc/js7-status/production-ca.pem"
//!
//! [[installation]]
//! name = "test"
//! simulator = { jocs = 1, controllers = ["test:standalone:1"] }
//! ```

use super::{Cli, Secret, secret};
use crate::simulator::{
    SimConfig,
    accounts::Account,
    world::{ControllerConfig, WorldConfig},
};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// One installation, ready to be started.
#[derive(Debug, Clone)]
pub struct InstallationConfig {
    pub name: String,
    /// The Controller shown unless the user chooses another (None: the one JOC selects).
    pub controller_id: Option<String>,
    pub source: Source,
}

/// Where an installation's JOC Cockpit is.
#[derive(Debug, Clone)]
pub enum Source {
    /// A real JOC Cockpit: its members, the monitoring account, the CA.
    Joc {
        urls: Vec<String>,
        monitor_account: Option<String>,
        monitor_password: Option<Secret>,
        ca_bundle: Option<PathBuf>,
        danger_accept_invalid_certs: bool,
    },
    /// An embedded simulated JOC.
    Simulated(Box<SimConfig>),
}

/// The configuration file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(rename = "installation", default)]
    installations: Vec<FileInstallation>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileInstallation {
    name: String,
    #[serde(default)]
    joc_urls: Vec<String>,
    controller_id: Option<String>,
    monitor_account: Option<String>,
    /// A file holding the monitoring password (its first line).
    monitor_password_file: Option<PathBuf>,
    /// Else an environment variable holding it.
    monitor_password_env: Option<String>,
    ca_bundle: Option<PathBuf>,
    #[serde(default)]
    danger_accept_invalid_certs: bool,
    simulator: Option<FileSimulator>,
}

/// A simulated installation: the simulator flags (`--sim-speed`, `--sim-scenario`, ...) apply,
/// with these differences.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSimulator {
    /// JOC Cockpit instances (1 to 4).
    #[serde(default = "one")]
    jocs: usize,
    /// Its Controllers, `ID[:standalone][:agents]`; the first is JOC's selection.
    controllers: Vec<String>,
    /// Accounts, `name:password:profile[@ID+ID]` (default: `--sim-account`'s).
    accounts: Option<Vec<String>>,
    seed: Option<u64>,
    /// First port (default: any free one).
    port: Option<u16>,
}

fn one() -> usize {
    1
}

/// The longest installation name: it is shown on a tile and carried in addresses.
pub const NAME_MAX: usize = 64;

fn check_name(name: &str) -> Result<(), String> {
    if name.trim().is_empty() || name.trim() != name || name.chars().count() > NAME_MAX {
        return Err(format!("'{name}' is no installation name: 1 to {NAME_MAX} characters, no spaces around"));
    }
    if name.chars().any(char::is_control) {
        return Err(format!("the installation name {name:?} holds control characters"));
    }
    Ok(())
}

/// The installations from the command line: `--config`, else `--joc-url` (one installation
/// named `--installation-name`), else the embedded simulator (`--sim-installations`).
pub fn installations(cli: &Cli) -> Result<Vec<InstallationConfig>, String> {
    let serve = &cli.serve;
    let list = if let Some(path) = &serve.config {
        if !serve.joc_urls.is_empty() {
            return Err("give the JOC URLs either in --config or with --joc-url, not both".into());
        }
        from_file(cli, path)?
    } else if !serve.joc_urls.is_empty() {
        vec![InstallationConfig {
            name: serve.installation_name.clone(),
            controller_id: serve.controller_id.clone(),
            source: Source::Joc {
                urls: serve.joc_urls.clone(),
                monitor_account: serve.monitor_account.clone(),
                monitor_password: serve.monitor_password()?,
                ca_bundle: serve.ca_bundle.clone(),
                danger_accept_invalid_certs: serve.danger_accept_invalid_certs,
            },
        }]
    } else {
        simulated(cli)?
    };
    if list.is_empty() {
        return Err("the configuration names no installation".into());
    }
    for (i, inst) in list.iter().enumerate() {
        check_name(&inst.name)?;
        if list[..i].iter().any(|o| o.name == inst.name) {
            return Err(format!("the installation name '{}' is given twice", inst.name));
        }
    }
    Ok(list)
}

/// The embedded default: one installation shaped by the simulator flags, or two: "production"
/// (shaped by the flags; with a second Controller unless `--sim-controller` names others) and
/// "test" (one JOC, a standalone Controller with one Agent).
fn simulated(cli: &Cli) -> Result<Vec<InstallationConfig>, String> {
    let sim = &cli.sim;
    let mut first = sim.sim_config(0)?;
    if sim.sim_installations == 1 {
        return Ok(vec![InstallationConfig {
            name: cli.serve.installation_name.clone(),
            controller_id: cli.serve.controller_id.clone(),
            source: Source::Simulated(Box::new(first)),
        }]);
    }
    first.world.controller_id = "jobs".into();
    if sim.sim_controllers.is_empty() {
        first.world.more_controllers.push(ControllerConfig {
            id: "reports".into(),
            cluster: true,
            agents: 2,
            require_failover_confirmation: sim.sim_require_failover_confirmation,
        });
    }
    let mut test = sim.sim_config(0)?;
    test.world = WorldConfig {
        jocs: 1,
        controller_cluster: false,
        controller_id: "test".into(),
        agents: 1,
        seed: sim.sim_seed.wrapping_add(1),
        more_controllers: Vec::new(),
        ..test.world
    };
    // The simulator's ports, one block of ten per installation.
    if let Some(port) = sim.sim_port.filter(|p| *p != 0) {
        test.listen = vec![([127, 0, 0, 1], port.saturating_add(10)).into()];
    } else {
        test.listen.truncate(1);
    }
    // An account of the test installation only, to show a user let into one installation.
    if sim.sim_accounts.is_empty() {
        test.accounts.push(Account::new("tester", "tester", crate::simulator::accounts::Profile::Operator));
    }
    Ok(vec![
        InstallationConfig {
            name: "production".into(),
            controller_id: cli.serve.controller_id.clone(),
            source: Source::Simulated(Box::new(first)),
        },
        InstallationConfig { name: "test".into(), controller_id: None, source: Source::Simulated(Box::new(test)) },
    ])
}

fn from_file(cli: &Cli, path: &Path) -> Result<Vec<InstallationConfig>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let file: File = toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    file.installations.into_iter().map(|i| from_entry(cli, path, i)).collect()
}

fn from_entry(cli: &Cli, path: &Path, i: FileInstallation) -> Result<InstallationConfig, String> {
    let at = |what: String| format!("{}, installation '{}': {what}", path.display(), i.name);
    // Relative files are read from the configuration file's folder.
    let near = |p: &PathBuf| path.parent().map_or_else(|| p.clone(), |d| d.join(p));
    let source = match (&i.simulator, i.joc_urls.is_empty()) {
        (Some(_), false) => return Err(at("give joc_urls or simulator, not both".into())),
        (None, true) => return Err(at("give joc_urls (or simulator)".into())),
        (None, false) => {
            let monitor_password = match (&i.monitor_password_file, &i.monitor_password_env) {
                (Some(_), Some(_)) => {
                    return Err(at("give monitor_password_file or monitor_password_env, not both".into()));
                }
                (Some(f), None) => secret(Some(&near(f)), "").map_err(at)?,
                (None, Some(var)) => std::env::var(var).ok().filter(|p| !p.is_empty()).map(Secret::new),
                (None, None) => None,
            };
            Source::Joc {
                urls: i.joc_urls.clone(),
                monitor_account: i.monitor_account.clone(),
                monitor_password,
                ca_bundle: i.ca_bundle.as_ref().map(near),
                danger_accept_invalid_certs: i.danger_accept_invalid_certs,
            }
        }
        (Some(s), true) => Source::Simulated(Box::new(simulator(cli, s).map_err(at)?)),
    };
    Ok(InstallationConfig { name: i.name, controller_id: i.controller_id, source })
}

fn simulator(cli: &Cli, s: &FileSimulator) -> Result<SimConfig, String> {
    if !(1..=4).contains(&s.jocs) {
        return Err("jocs is 1 to 4".into());
    }
    let mut cfg = cli.sim.sim_config(0)?;
    let controllers: Vec<ControllerConfig> =
        s.controllers.iter().map(|c| c.parse::<ControllerConfig>()).collect::<Result<_, _>>()?;
    let Some((main, more)) = controllers.split_first() else {
        return Err("a simulator needs at least one Controller".into());
    };
    if let Some(twice) =
        controllers.iter().enumerate().find_map(|(k, c)| controllers[..k].iter().any(|o| o.id == c.id).then_some(&c.id))
    {
        return Err(format!("the Controller ID '{twice}' is given twice"));
    }
    cfg.world = WorldConfig {
        jocs: s.jocs,
        controller_cluster: main.cluster,
        controller_id: main.id.clone(),
        agents: main.agents,
        seed: s.seed.unwrap_or(cfg.world.seed),
        more_controllers: more.to_vec(),
        ..cfg.world
    };
    let port = s.port.unwrap_or(0);
    cfg.listen = (0..s.jocs)
        .map(|k| {
            std::net::SocketAddr::from(([127, 0, 0, 1], if port == 0 { 0 } else { port.saturating_add(k as u16) }))
        })
        .collect();
    if let Some(accounts) = &s.accounts {
        cfg.accounts = accounts.iter().map(|a| a.parse::<Account>()).collect::<Result<_, _>>()?;
    }
    Ok(cfg)
}
