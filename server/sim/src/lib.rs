//! The embedded JS7 simulator: a JOC Cockpit cluster, its database, a Controller cluster and
//! Agents, answering the real JOC Cockpit REST API (`POST /joc/api/...`) on loopback, one
//! listener per JOC instance as real cluster members do.
//!
//! - [`world`]: the state machine that owns the whole environment (pure, table-tested).
//! - [`clock`]: simulated time and the speed factor.
//! - [`http`]: the JOC REST API over the world, sessions, permissions, JOC's errors.
//! - [`control`]: fault injection under `/sim/...`, answered on loopback only.
//! - [`logs`]: deterministic `joc.log` and gzip `controller.log` of any size, streamed.
//! - [`accounts`]: accounts and permission profiles.

pub mod accounts;
pub mod clock;
pub mod control;
pub mod http;
pub mod logs;
pub mod scenarios;
pub mod world;

use accounts::Account;
use clock::Clock;
use parking_lot::Mutex;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::watch;
use tokio::task::JoinHandle;
use world::{SimEvent, World, WorldConfig};

/// Everything that shapes a simulator run.
#[derive(Clone, Debug)]
pub struct SimConfig {
    pub world: WorldConfig,
    /// Addresses the JOC instances listen on, by index (port 0: any free port).
    pub listen: Vec<SocketAddr>,
    /// Simulated seconds per real second.
    pub speed: f64,
    pub accounts: Vec<Account>,
    /// JOC's `force_comments_for_audit_log`.
    pub force_comments: bool,
    /// Idle session timeout (simulated).
    pub session_timeout: Duration,
    /// JOC's `max_response_duration` setting, from which it computes how long `events` holds a
    /// request without news (simulated; JOC's default 55 s, clamped to 30 s–3 min).
    pub max_response_duration: Duration,
    /// How long `events` waits after a first event to batch more (simulated; JOC: 2 s).
    pub events_batch: Duration,
    /// Size of the generated `joc.log` and `controller.log` (uncompressed bytes).
    pub log_bytes: u64,
    /// Events applied at start (a scenario).
    pub scenario: Vec<SimEvent>,
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            world: WorldConfig::default(),
            listen: vec![([127, 0, 0, 1], 0).into(), ([127, 0, 0, 1], 0).into()],
            speed: 1.0,
            accounts: accounts::default_accounts(),
            force_comments: false,
            session_timeout: Duration::from_secs(30 * 60),
            max_response_duration: Duration::from_secs(55),
            events_batch: Duration::from_secs(2),
            log_bytes: 4 << 20,
            scenario: Vec::new(),
        }
    }
}

/// What the `/sim/http` control sets: faults in how JOC itself answers.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct HttpFaults {
    /// Every answer is delayed this long (real milliseconds).
    pub delay_ms: u64,
    /// Every JSON answer is cut in half.
    pub malformed: bool,
    /// Every answer is this status with an HTML body (for example 502 from a proxy).
    pub status: Option<u16>,
}

/// A user session on one JOC instance.
#[derive(Clone, Debug)]
pub struct Session {
    pub account: Account,
    pub last_touch: Instant,
}

/// One operation as JOC's audit log records it.
#[derive(Clone, Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    pub account: String,
    pub request: String,
    pub comment: Option<String>,
    pub time_spent: Option<u32>,
    pub ticket_link: Option<String>,
}

/// State shared by every listener of one simulator.
pub struct Shared {
    pub cfg: SimConfig,
    pub clock: Clock,
    pub world: Mutex<World>,
    /// Bumped whenever the world changed; `events` waits on it.
    pub changes: watch::Sender<u64>,
    pub sessions: Mutex<HashMap<(usize, String), Session>>,
    pub http_faults: Mutex<HttpFaults>,
    pub audit: Mutex<Vec<AuditEntry>>,
    /// Service restarts and runs, by `restart:<type>` / `run:<type>` / `proxies`.
    pub services: Mutex<HashMap<String, u32>>,
    /// Requests received, by API path (to see what a client costs JOC).
    pub requests: Mutex<HashMap<String, u64>>,
    /// Reads of one Controller's status (`controller/components`, `agents`, `events`), by
    /// Controller ID (to see that each Controller costs JOC the same whoever watches).
    pub reads_by_controller: Mutex<HashMap<String, u64>>,
    /// Log downloads being streamed now (each ends when its reader goes away).
    pub open_logs: Arc<std::sync::atomic::AtomicUsize>,
    listeners: Mutex<Vec<Listener>>,
}

struct Listener {
    addr: SocketAddr,
    task: Option<JoinHandle<()>>,
}

/// A running simulator. Dropping it does not stop it; call [`Sim::shutdown`].
#[derive(Clone)]
pub struct Sim {
    pub shared: Arc<Shared>,
    ticker: Arc<JoinHandle<()>>,
}

impl Shared {
    /// The session idle timeout in real time.
    pub fn real_session_timeout(&self) -> Duration {
        self.clock.real(self.cfg.session_timeout)
    }

    /// Applies an event now and wakes the long-polls; one that concerns a Controller concerns
    /// the first.
    pub fn apply(self: &Arc<Self>, event: SimEvent) -> Result<(), world::Refusal> {
        self.apply_to(0, event)
    }

    /// Applies an event now and wakes the long-polls; one that concerns a Controller concerns
    /// Controller `c` (by index).
    pub fn apply_to(self: &Arc<Self>, c: usize, event: SimEvent) -> Result<(), world::Refusal> {
        let result = {
            let mut w = self.world.lock();
            w.apply_to(c, event, self.clock.now())
        };
        self.changed();
        result
    }

    /// Wakes the long-polls and brings listeners in line with the JOC processes.
    pub fn changed(self: &Arc<Self>) {
        self.changes.send_modify(|n| *n += 1);
        self.reconcile_listeners();
    }

    /// Starts the listener of a JOC instance whose process runs, stops the one that doesn't.
    fn reconcile_listeners(self: &Arc<Self>) {
        let running: Vec<bool> = self.world.lock().jocs.iter().map(|j| j.running).collect();
        let mut listeners = self.listeners.lock();
        for (i, l) in listeners.iter_mut().enumerate() {
            match (running.get(i).copied().unwrap_or(false), l.task.is_some()) {
                (false, true) => {
                    if let Some(t) = l.task.take() {
                        t.abort();
                    }
                }
                (true, false) => match bind(l.addr) {
                    Ok(listener) => l.task = Some(serve(self.clone(), i, listener)),
                    Err(e) => {
                        tracing::warn!("simulated JOC {i} cannot listen on {} again: {e}", l.addr)
                    }
                },
                _ => {}
            }
        }
    }

    /// Records a service restart or run.
    pub fn count_service(&self, key: String) {
        *self.services.lock().entry(key).or_default() += 1;
    }
}

/// Binds with SO_REUSEADDR, so a stopped JOC instance can listen on its port again at once.
fn bind(addr: SocketAddr) -> std::io::Result<tokio::net::TcpListener> {
    let socket = if addr.is_ipv4() { tokio::net::TcpSocket::new_v4()? } else { tokio::net::TcpSocket::new_v6()? };
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(1024)
}

/// Serves one JOC instance. Connections live in a `JoinSet` owned by this task, so aborting
/// the task (the JOC process stops) also drops every open keep-alive connection.
fn serve(shared: Arc<Shared>, me: usize, listener: tokio::net::TcpListener) -> JoinHandle<()> {
    use hyper_util::rt::{TokioExecutor, TokioIo};
    use hyper_util::service::TowerToHyperService;
    let router = http::router(shared, me);
    tokio::spawn(async move {
        let mut connections = tokio::task::JoinSet::new();
        loop {
            let (stream, peer) = match listener.accept().await {
                Ok(c) => c,
                Err(e) => {
                    tracing::warn!("simulated JOC {me}: accept failed: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            };
            // Small answers go out at once, as a JOC behind Jetty sends them.
            let _ = stream.set_nodelay(true);
            while connections.try_join_next().is_some() {}
            let service = router.clone().layer(axum::Extension(axum::extract::ConnectInfo(peer)));
            connections.spawn(async move {
                let builder = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new());
                let _ = builder.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service)).await;
            });
        }
    })
}

impl Sim {
    /// Binds one listener per JOC instance, applies the scenario and starts the clock.
    pub async fn start(mut cfg: SimConfig) -> std::io::Result<Sim> {
        cfg.world.jocs = cfg.world.jocs.clamp(1, 4);
        let mut bound = Vec::new();
        for i in 0..cfg.world.jocs {
            let addr = cfg.listen.get(i).copied().unwrap_or(([127, 0, 0, 1], 0).into());
            bound.push(bind(addr)?);
        }
        let addrs: Vec<SocketAddr> = bound.iter().map(|l| l.local_addr()).collect::<Result<_, _>>()?;
        cfg.world.joc_urls = addrs.iter().map(|a| format!("http://{a}")).collect();
        let clock = Clock::new(cfg.speed);
        let mut world = World::new(cfg.world.clone(), clock.now());
        for e in cfg.scenario.clone() {
            let _ = world.apply(e, clock.now());
        }
        let shared = Arc::new(Shared {
            world: Mutex::new(world),
            clock,
            changes: watch::channel(0).0,
            sessions: Mutex::default(),
            http_faults: Mutex::default(),
            audit: Mutex::default(),
            services: Mutex::default(),
            requests: Mutex::default(),
            reads_by_controller: Mutex::default(),
            open_logs: Arc::default(),
            listeners: Mutex::new(addrs.iter().map(|&addr| Listener { addr, task: None }).collect()),
            cfg,
        });
        {
            let mut listeners = shared.listeners.lock();
            for (i, (l, listener)) in listeners.iter_mut().zip(bound).enumerate() {
                l.task = Some(serve(shared.clone(), i, listener));
            }
        }
        shared.reconcile_listeners();
        let ticker = Arc::new(tokio::spawn(tick(shared.clone())));
        Ok(Sim { shared, ticker })
    }

    /// The base URLs (`http://127.0.0.1:port`) of the JOC instances, by index.
    pub fn urls(&self) -> Vec<String> {
        self.shared.listeners.lock().iter().map(|l| format!("http://{}", l.addr)).collect()
    }

    /// Stops every listener and the clock.
    pub fn shutdown(&self) {
        self.ticker.abort();
        for l in self.shared.listeners.lock().iter_mut() {
            if let Some(t) = l.task.take() {
                t.abort();
            }
        }
    }
}

/// Applies scheduled events when they fall due.
async fn tick(shared: Arc<Shared>) {
    loop {
        let wait = {
            let w = shared.world.lock();
            w.next_due().map(|d| shared.clock.real_until(d)).unwrap_or(Duration::MAX)
        };
        tokio::time::sleep(wait.min(Duration::from_millis(250))).await;
        let changed = shared.world.lock().advance(shared.clock.now());
        if changed {
            shared.changed();
        }
    }
}
