//! Configuration by flags and environment variables (`js7-status --help`), and the
//! installations' file ([`installations`]).

pub mod installations;

use crate::simulator::{
    SimConfig,
    accounts::Account,
    scenarios::Scenario,
    world::{ControllerConfig, WorldConfig},
};
use clap::{Args, Parser, Subcommand};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// js7-status: a live Product Status board for JS7 JobScheduler.
///
/// Without --joc-url it starts an embedded JS7 simulator that speaks the JOC Cockpit REST API.
#[derive(Parser, Debug, Clone)]
#[command(version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub serve: ServeArgs,
    #[command(flatten)]
    pub sim: SimArgs,
}

#[derive(Subcommand, Debug, Clone)]
pub enum Command {
    /// Serve the panel (the default).
    Serve,
    /// Run only the JS7 simulator, for other JS7 tools (JOC instances on --sim-port, +1, ...).
    Simulate,
    /// Check that the board will work against the JOC Cockpit given by the same flags as the
    /// server, each check with what to do; exit code 0 only when it will.
    Doctor(DoctorArgs),
}

/// What `doctor` checks besides the server's flags.
#[derive(Args, Debug, Clone, Default)]
pub struct DoctorArgs {
    /// Also log in as this user and say which operations the board will offer them.
    #[arg(long)]
    pub user: Option<String>,
    /// A file holding the user's password (or JS7_STATUS_DOCTOR_USER_PASSWORD): never a
    /// flag, so it stays out of the process list.
    #[arg(long, env = "JS7_STATUS_DOCTOR_USER_PASSWORD_FILE")]
    pub user_password_file: Option<PathBuf>,
}

impl DoctorArgs {
    /// The user's password, from its file or the environment.
    pub fn user_password(&self) -> Result<Option<Secret>, String> {
        secret(self.user_password_file.as_deref(), "JS7_STATUS_DOCTOR_USER_PASSWORD")
    }
}

/// A password: never printed, not even by `Debug`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(s: impl Into<String>) -> Secret {
        Secret(s.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(…)")
    }
}

/// A password from a file (its first line) or, without a file, from the environment variable
/// `var`. Never from a flag: the process list would show it.
pub fn secret(file: Option<&std::path::Path>, var: &str) -> Result<Option<Secret>, String> {
    match file {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let line = text.lines().next().unwrap_or_default().trim_end_matches('\r');
            if line.is_empty() {
                return Err(format!("{}: the file holds no password", path.display()));
            }
            Ok(Some(Secret::new(line)))
        }
        None => Ok(std::env::var(var).ok().filter(|p| !p.is_empty()).map(Secret::new)),
    }
}

#[derive(Args, Debug, Clone)]
pub struct ServeArgs {
    /// Address the panel listens on.
    #[arg(global = true, long, env = "JS7_STATUS_LISTEN", default_value = "127.0.0.1:3000")]
    pub listen: SocketAddr,
    /// Base URL of a JOC Cockpit instance (http(s)://host:port); repeat, or separate with
    /// commas, for every member of a JOC cluster. Absent: the embedded simulator.
    #[arg(global = true, long = "joc-url", env = "JS7_STATUS_JOC_URL", value_delimiter = ',')]
    pub joc_urls: Vec<String>,
    /// A TOML file naming several JS7 installations (see docs/configuration.md); instead of
    /// --joc-url and the monitoring account's flags.
    #[arg(global = true, long, env = "JS7_STATUS_CONFIG")]
    pub config: Option<PathBuf>,
    /// The name the installation given by --joc-url (or the one simulated installation) is
    /// shown with.
    #[arg(global = true, long, env = "JS7_STATUS_INSTALLATION_NAME", default_value = "JS7")]
    pub installation_name: String,
    /// Controller ID to show (default: the one JOC selects).
    #[arg(global = true, long, env = "JS7_STATUS_CONTROLLER_ID")]
    pub controller_id: Option<String>,
    /// Read-only JOC account used for the shared live feed.
    #[arg(global = true, long, env = "JS7_STATUS_MONITOR_ACCOUNT")]
    pub monitor_account: Option<String>,
    /// A file holding the monitoring account's password (its first line). Without it, the
    /// password comes from JS7_STATUS_MONITOR_PASSWORD; never from a flag.
    #[arg(global = true, long, env = "JS7_STATUS_MONITOR_PASSWORD_FILE")]
    pub monitor_password_file: Option<PathBuf>,
    /// PEM bundle of the certificate authorities that signed the JOC certificate.
    #[arg(global = true, long, env = "JS7_STATUS_CA_BUNDLE")]
    pub ca_bundle: Option<PathBuf>,
    /// Accept any TLS certificate from JOC. Dangerous: only for a test installation.
    #[arg(global = true, long, env = "JS7_STATUS_DANGER_ACCEPT_INVALID_CERTS")]
    pub danger_accept_invalid_certs: bool,
    /// Timeout of one JOC request, in seconds (the events long-poll adds JOC's hold time).
    #[arg(global = true, long, env = "JS7_STATUS_JOC_TIMEOUT", default_value_t = 20)]
    pub joc_timeout: u64,
    /// The longest time JOC may hold an `events` request, in seconds: JOC's
    /// `max_response_duration` (55 s unless changed in joc.properties; JOC allows up to 180 s).
    #[arg(global = true, long, env = "JS7_STATUS_JOC_EVENTS_HOLD", default_value_t = 180, value_parser = clap::value_parser!(u64).range(30..=180))]
    pub joc_events_hold: u64,
    /// Mark the session cookie Secure and name it `__Host-js7s` (set this when users reach the
    /// board over https, through a reverse proxy that ends TLS).
    #[arg(global = true, long, env = "JS7_STATUS_SECURE_COOKIE")]
    pub secure_cookie: bool,
    /// Address of a reverse proxy whose `X-Forwarded-For` names the browser (for the limit on
    /// failed logins); repeat, or separate with commas. Other peers' headers are ignored.
    #[arg(global = true, long = "trusted-proxy", env = "JS7_STATUS_TRUSTED_PROXIES", value_delimiter = ',')]
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Seconds a client may take to send a request's headers, or keep its connection idle
    /// between requests, before the connection is closed.
    #[arg(global = true, long, env = "JS7_STATUS_HEADER_READ_TIMEOUT", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=300))]
    pub header_read_timeout: u64,
    /// Seconds a write to a client may stay blocked (the client reads nothing) before the
    /// connection is closed.
    #[arg(global = true, long, env = "JS7_STATUS_WRITE_TIMEOUT", default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub write_timeout: u64,
    /// Connections served at once; further ones wait to be accepted.
    #[arg(global = true, long, env = "JS7_STATUS_MAX_CONNECTIONS", default_value_t = 2048, value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    pub max_connections: u64,
    /// Redis shared by the board's replicas (redis://host:port/db, rediss:// for TLS): user
    /// sessions, one JOC reader per Controller for all replicas, the operation guard and the
    /// login limit live there. Absent: one process keeps them in memory.
    #[arg(global = true, long, env = "JS7_STATUS_REDIS_URL")]
    pub redis_url: Option<String>,
    /// The key that seals JOC tokens in Redis: 32 random bytes, as base64 or hex (e.g.
    /// `head -c 32 /dev/urandom | base64`); the same file on every replica. Required with
    /// --redis-url.
    #[arg(global = true, long, env = "JS7_STATUS_SESSION_KEY_FILE")]
    pub session_key_file: Option<PathBuf>,
    /// The prefix of every Redis key of this board (several boards may share one Redis).
    #[arg(global = true, long, env = "JS7_STATUS_REDIS_PREFIX", default_value = "js7s:")]
    pub redis_prefix: String,
    /// Address of a listener that serves only `/metrics` (Prometheus), e.g. 127.0.0.1:9464.
    /// Without it and without --metrics-token-file, no metrics are served.
    #[arg(global = true, long, env = "JS7_STATUS_METRICS_LISTEN")]
    pub metrics_listen: Option<SocketAddr>,
    /// A file holding the bearer token a scrape of `/metrics` must send (its first line, at
    /// least 16 characters). With it, `/metrics` is also served on the panel's address; every
    /// address that serves the metrics then asks for the token.
    #[arg(global = true, long, env = "JS7_STATUS_METRICS_TOKEN_FILE")]
    pub metrics_token_file: Option<PathBuf>,
    /// Where the built site (pkg/, favicon) is.
    #[arg(global = true, long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: String,
}

#[derive(Args, Debug, Clone)]
pub struct SimArgs {
    /// Simulated seconds per real second (20 makes a 40 s switch-over take 2 s).
    #[arg(global = true, long, env = "JS7_SIM_SPEED", default_value_t = 1.0)]
    pub sim_speed: f64,
    /// Number of JOC Cockpit instances (1 to 4).
    #[arg(global = true, long, env = "JS7_SIM_JOCS", default_value_t = 2, value_parser = clap::value_parser!(u8).range(1..=4))]
    pub sim_jocs: u8,
    /// A standalone Controller instead of a PRIMARY + BACKUP cluster.
    #[arg(global = true, long, env = "JS7_SIM_STANDALONE")]
    pub sim_standalone: bool,
    /// Number of Agents (0 to 10).
    #[arg(global = true, long, env = "JS7_SIM_AGENTS", default_value_t = 3, value_parser = clap::value_parser!(u8).range(0..=10))]
    pub sim_agents: u8,
    /// A further Controller registered in the simulated JOC: ID[:standalone][:agents] (a
    /// cluster with 2 Agents unless said); repeatable.
    #[arg(global = true, long = "sim-controller", env = "JS7_SIM_CONTROLLERS", value_delimiter = ',')]
    pub sim_controllers: Vec<ControllerConfig>,
    /// Simulated installations without --config: 1 (shaped by these flags) or 2 ("production",
    /// shaped by these flags with a second Controller, and "test" with one JOC and a standalone
    /// Controller, its simulated JOC ten ports up).
    #[arg(global = true, long, env = "JS7_SIM_INSTALLATIONS", default_value_t = 2, value_parser = clap::value_parser!(u8).range(1..=2))]
    pub sim_installations: u8,
    /// Seed of every random choice.
    #[arg(global = true, long, env = "JS7_SIM_SEED", default_value_t = 7)]
    pub sim_seed: u64,
    /// An account, name:password:profile (administrator, operator, viewer); repeatable.
    /// Default: root:root, operator:operator, viewer:viewer.
    #[arg(global = true, long = "sim-account", env = "JS7_SIM_ACCOUNTS", value_delimiter = ',')]
    pub sim_accounts: Vec<Account>,
    /// JOC forces a reason (audit comment) on every operation.
    #[arg(global = true, long, env = "JS7_SIM_FORCE_COMMENTS")]
    pub sim_force_comments: bool,
    /// The Controller cluster requires fail-over confirmation.
    #[arg(global = true, long, env = "JS7_SIM_REQUIRE_FAILOVER_CONFIRMATION")]
    pub sim_require_failover_confirmation: bool,
    /// Start in a scenario.
    #[arg(global = true, long, env = "JS7_SIM_SCENARIO", value_enum, default_value = "healthy")]
    pub sim_scenario: Scenario,
    /// Size of the simulated joc.log and controller.log in bytes.
    #[arg(global = true, long, env = "JS7_SIM_LOG_BYTES", default_value_t = 4 << 20)]
    pub sim_log_bytes: u64,
    /// The JOC Cockpit version the simulator reports (2.9 and later take the newer
    /// `controller/log` request).
    #[arg(global = true, long, env = "JS7_SIM_JOC_VERSION", default_value = "2.8.4")]
    pub sim_joc_version: String,
    /// JOC's `max_response_duration` in seconds: how long `events` holds a request without news
    /// (JOC clamps it to 30–180 s).
    #[arg(global = true, long, env = "JS7_SIM_MAX_RESPONSE_DURATION", default_value_t = 55)]
    pub sim_max_response_duration: u64,
    /// First port of the simulated JOC instances (0: any free port; `simulate` uses 4446).
    #[arg(global = true, long, env = "JS7_SIM_PORT")]
    pub sim_port: Option<u16>,
}

impl ServeArgs {
    /// The monitoring account's password, from its file or the environment.
    pub fn monitor_password(&self) -> Result<Option<Secret>, String> {
        secret(self.monitor_password_file.as_deref(), "JS7_STATUS_MONITOR_PASSWORD")
    }
}

/// What the server warns about at start-up: ways the set-up exposes passwords or sessions.
pub fn startup_warnings(serve: &ServeArgs) -> Vec<String> {
    let mut w = Vec::new();
    if !serve.listen.ip().is_loopback() && !serve.secure_cookie {
        w.push(format!(
            "listening on {} beyond loopback without --secure-cookie: passwords and session cookies cross the \
             network in clear unless a reverse proxy ends TLS in front of the board (see the README)",
            serve.listen
        ));
    }
    for u in &serve.joc_urls {
        if u.trim().to_ascii_lowercase().starts_with("http://") {
            w.push(format!("the JOC URL {u} is plain http: passwords and access tokens cross the network in clear"));
        }
    }
    w
}

impl SimArgs {
    /// The simulator configuration; `default_port` applies when --sim-port is absent.
    pub fn sim_config(&self, default_port: u16) -> Result<SimConfig, String> {
        let jocs = self.sim_jocs as usize;
        let port = self.sim_port.unwrap_or(default_port);
        let mut cfg = SimConfig {
            world: WorldConfig {
                jocs,
                controller_cluster: !self.sim_standalone,
                agents: self.sim_agents as usize,
                require_failover_confirmation: self.sim_require_failover_confirmation,
                seed: self.sim_seed,
                joc_version: self.sim_joc_version.clone(),
                more_controllers: self
                    .sim_controllers
                    .iter()
                    .map(|c| ControllerConfig {
                        require_failover_confirmation: self.sim_require_failover_confirmation,
                        ..c.clone()
                    })
                    .collect(),
                ..WorldConfig::default()
            },
            listen: (0..jocs)
                .map(|i| SocketAddr::from(([127, 0, 0, 1], if port == 0 { 0 } else { port + i as u16 })))
                .collect(),
            speed: self.sim_speed,
            force_comments: self.sim_force_comments,
            log_bytes: self.sim_log_bytes,
            scenario: self.sim_scenario.events(),
            session_timeout: Duration::from_secs(30 * 60),
            max_response_duration: Duration::from_secs(self.sim_max_response_duration),
            ..SimConfig::default()
        };
        if !self.sim_accounts.is_empty() {
            cfg.accounts = self.sim_accounts.clone();
        }
        let ids: Vec<String> = cfg.world.controllers().into_iter().map(|c| c.id).collect();
        if let Some(twice) = ids.iter().enumerate().find_map(|(i, id)| ids[..i].contains(id).then_some(id)) {
            return Err(format!("the simulated JOC has the Controller ID '{twice}' twice"));
        }
        Ok(cfg)
    }
}

#[cfg(test)]
mod tests;
