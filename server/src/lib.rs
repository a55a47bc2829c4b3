//! js7-status server: serves the Product Status panel and keeps it live.
//!
//! - [`config`]: flags and environment (`js7-status --help`).
//! - [`doctor`]: `js7-status doctor`, the checks of a JOC Cockpit before serving.
//! - [`hardening`]: cross-site refusal, security headers, the browser's address.
//! - [`joc`]: the typed JOC Cockpit client.
//! - [`metrics`]: `/metrics` for Prometheus.
//! - [`downloads`]: the log downloads, streamed.
//! - [`bundle`]: the browser bundle under `/pkg`, compressed once at build time.
//! - [`feed`]: the one upstream status loop per Controller ID and its SSE fan-out.
//! - [`fleet`]: the installations, and each user's sessions across them.
//! - [`replicas`]: several replicas sharing sessions and the live feed through Redis.
//! - [`session`]: user sessions, operations, the login limit (the server functions' backend).
//! - `routes`: the HTTP handlers of the feed, the server functions and readiness.
//! - [`serve`]: the accept loop (header time limit, connection cap, graceful shutdown).
//! - `startup`: each installation's simulator or JOC clients, the replicas' Redis.
//! - [`simulator`]: the embedded JS7 environment used when no JOC is configured.
//!
//! Error policy: failures at the JOC boundary are [`joc::JocError`]s; the browser sees stable
//! codes and messages, never upstream bodies or tokens; `anyhow` only in `main`.

#![recursion_limit = "256"]

pub mod bundle;
pub mod config;
pub mod doctor;
pub mod downloads;
pub mod feed;
pub mod fleet;
pub mod hardening;
pub mod joc;
pub mod metrics;
pub mod replicas;
mod routes;
pub mod serve;
pub mod session;
mod startup;
pub mod timeline;
/// The embedded JS7 environment (the `js7-sim` crate).
pub use js7_sim as simulator;

use axum::{Router, http::StatusCode, routing::get};
use config::{Cli, Command};
use leptos::prelude::*;
use std::sync::Arc;
use std::time::Duration;

/// What the routes share.
#[derive(Clone)]
pub struct AppState {
    pub leptos: LeptosOptions,
    /// Every installation: its feeds and its sessions.
    pub fleet: Arc<fleet::Fleet>,
    /// With replicas: the store they share.
    pub shared: Option<Arc<replicas::Shared>>,
    /// Cancelled when the server shuts down: the live feeds end, so that the browsers go to
    /// another replica at once instead of holding the shutdown.
    pub stopping: tokio_util::sync::CancellationToken,
    /// The counters kept as things happen (viewers, log bytes).
    pub metrics: metrics::Metrics,
    /// The timeline of every Controller.
    pub timelines: Arc<timeline::Timelines>,
}

impl axum::extract::FromRef<AppState> for LeptosOptions {
    fn from_ref(s: &AppState) -> LeptosOptions {
        s.leptos.clone()
    }
}

/// One installation as started: its name and JOC URLs.
pub struct Started {
    pub name: String,
    pub joc_urls: Vec<String>,
}

/// Everything `main` starts: the simulators, the feed loops and the router.
pub struct Server {
    pub router: Router,
    /// `/metrics` alone, for `--metrics-listen` (behind the token when one is configured).
    pub metrics: Router,
    /// The embedded simulators, by installation.
    pub sims: Vec<simulator::Sim>,
    /// The first installation's JOC URLs.
    pub joc_urls: Vec<String>,
    pub installations: Vec<Started>,
    /// With replicas: the store they share.
    pub shared: Option<Arc<replicas::Shared>>,
    /// Cancel it to end the live feeds (on shutdown).
    pub stopping: tokio_util::sync::CancellationToken,
}

/// Builds the server from the command line: starts the simulators when no JOC is configured,
/// and every installation's feed loop.
pub async fn build(cli: &Cli) -> anyhow::Result<Server> {
    let configured = config::installations::installations(cli).map_err(anyhow::Error::msg)?;
    let shared = startup::connect_replicas(cli).await?;
    let metrics = metrics::Metrics::default();
    let token = match &cli.serve.metrics_token_file {
        Some(f) => Some(metrics::endpoint::Token::from_file(f).map_err(anyhow::Error::msg)?),
        None => None,
    };
    let mut options = session::Options { secure_cookie: cli.serve.secure_cookie, ..session::Options::default() };
    if let Some(shared) = &shared {
        options.logins = session::limiter::LoginLimiter::shared_by(
            session::limiter::Bounds::default(),
            replicas::limiter::SharedLimiter { shared: shared.clone() },
        );
    }
    let timelines = match &shared {
        Some(s) => timeline::Timelines::redis(s.clone()),
        None => timeline::Timelines::memory(),
    };
    let mut sims = Vec::new();
    let mut started = Vec::new();
    let mut installations = Vec::new();
    for inst in configured {
        let name = inst.name.clone();
        let controller_id = inst.controller_id.clone();
        let (members, urls, account, password) = startup::start_installation(cli, &metrics, inst, &mut sims).await?;
        let feeds = feed::FeedConfig {
            members: members.clone(),
            account,
            password,
            controller_id,
            // JOC's hold, its 2 s of batching, and a margin for the network.
            events_timeout: Duration::from_secs(cli.serve.joc_events_hold + 7),
            reread_every: Duration::from_secs(30),
            max_backoff: Duration::from_secs(30),
            timeline: Some(timeline::Recorder { timelines: timelines.clone(), installation: name.clone() }),
        };
        let replication = shared.clone().map(|shared| replicas::feed::Replication { shared, scope: name.clone() });
        // A Controller nobody watches any more keeps its feed a minute, for a viewer who comes back.
        let hub = Arc::new(feed::hub::FeedHub::shared_by(feeds, Duration::from_secs(60), replication.clone()));
        tokio::spawn(hub.clone().sweep_every(Duration::from_secs(20)));
        let mut gateway = session::Gateway::new(members, hub.clone(), options.clone())
            .with_timeline(timeline::Recorder { timelines: timelines.clone(), installation: name.clone() });
        if let Some(r) = &replication {
            gateway = gateway.shared_by(r);
        }
        let gateway = Arc::new(gateway);
        tokio::spawn(gateway.clone().sweep_every(Duration::from_secs(60)));
        if replication.is_some() {
            tokio::spawn(gateway.clone().sync_every(Duration::from_secs(2)));
        }
        started.push(Started { name: name.clone(), joc_urls: urls });
        installations.push(fleet::Installation { name, hub, gateway });
    }
    let fleet = Arc::new(fleet::Fleet::new(installations, options.logins.clone(), metrics.clone()));
    let scrapes = Arc::new(metrics::endpoint::Endpoint { registry: metrics.registry(fleet.clone()), token });
    tokio::spawn(fleet.clone().sweep_every(Duration::from_secs(60)));
    let conf = get_configuration(None)?;
    let mut leptos = conf.leptos_options;
    leptos.site_root = Arc::from(cli.serve.site_root.as_str());
    // The bundle's name, whether this binary was built by cargo-leptos or by plain cargo.
    leptos.output_name = Arc::from("js7-status");
    leptos.site_addr = cli.serve.listen;
    let stopping = tokio_util::sync::CancellationToken::new();
    let state = AppState {
        leptos: leptos.clone(),
        fleet: fleet.clone(),
        shared: shared.clone(),
        stopping: stopping.clone(),
        metrics,
        timelines,
    };
    let backend: app::serverfns::backend::SharedBackend = fleet;
    let context = move || leptos::prelude::provide_context(backend.clone());
    // Rendering spawns its tasks (a page's resources) on tokio.
    let _ = any_spawner::Executor::init_tokio();
    let page = leptos_axum::render_app_to_stream_with_context(context, {
        let leptos = leptos.clone();
        move || app::shell(leptos.clone())
    });
    // Streams (the live feed, downloads) run as long as the browser wants: no time limit.
    let streams = Router::new()
        .route("/api/feed", get(routes::feed_route))
        .route("/api/overview", get(routes::overview_route))
        .route("/api/logs/joc.log.gz", get(downloads::joc_log))
        .route("/api/logs/controller.log.gz", get(downloads::controller_log));
    // Operations wait as long as JOC may take to answer: a JOC switch-over or a restart of all
    // services stops every JOC service first (`Operation::answer_within_secs`, up to 5 min).
    let operations = Router::new().route("/api/ops/{*op}", axum::routing::post(routes::server_fn_handler)).layer(
        tower_http::timeout::TimeoutLayer::with_status_code(StatusCode::GATEWAY_TIMEOUT, Duration::from_secs(330)),
    );
    let pages = Router::new()
        .route("/api/{*fn_name}", axum::routing::post(routes::server_fn_handler))
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(routes::ready))
        .nest_service("/pkg", bundle::service(&cli.serve.site_root))
        // The two pages, rendered with the backend at hand (the user's session, JOC).
        .route("/", get(page.clone()))
        .route("/login", get(page))
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(app::shell))
        // Outermost last: compression of pages, bundle and answers (brotli or gzip, as the
        // browser accepts; never the streams), a time limit.
        .layer(tower_http::compression::CompressionLayer::new())
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            StatusCode::GATEWAY_TIMEOUT,
            Duration::from_secs(90),
        ));
    let proxies = hardening::TrustedProxies::new(cli.serve.trusted_proxies.iter().copied());
    let mut router = streams.merge(operations).merge(pages).with_state(state);
    // The metrics on the panel's address only behind their token.
    if scrapes.token.is_some() {
        router = router.merge(metrics::endpoint::router(scrapes.clone()));
    }
    let router = router
        // Every route: 64 KB bodies at most, the browser's address known, no state change from
        // another site, security headers on every answer.
        .layer(tower_http::limit::RequestBodyLimitLayer::new(64 * 1024))
        .layer(axum::middleware::from_fn_with_state(proxies, hardening::client_address))
        .layer(axum::middleware::from_fn(hardening::same_site_only))
        .layer(axum::middleware::from_fn(hardening::security_headers))
        .layer(tower_http::trace::TraceLayer::new_for_http());
    let joc_urls = started[0].joc_urls.clone();
    let metrics = metrics::endpoint::router(scrapes);
    Ok(Server { router, metrics, sims, joc_urls, installations: started, shared, stopping })
}

/// The accept loop's bounds from the command line.
pub fn serve_limits(cli: &Cli) -> serve::Limits {
    serve::Limits {
        header_read_timeout: Duration::from_secs(cli.serve.header_read_timeout),
        max_connections: usize::try_from(cli.serve.max_connections).unwrap_or(usize::MAX),
        write_timeout: Duration::from_secs(cli.serve.write_timeout),
    }
}

/// Waits for ctrl-c or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}

/// Runs the simulator alone, on --sim-port (default 4446) and up.
pub async fn simulate(cli: &Cli) -> anyhow::Result<()> {
    let cfg = cli.sim.sim_config(4446).map_err(anyhow::Error::msg)?;
    let sim = simulator::Sim::start(cfg).await?;
    for (i, u) in sim.urls().iter().enumerate() {
        println!("JOC Cockpit instance {i}: {u}/joc/api  (fault injection: {u}/sim/...)");
    }
    println!("accounts: root/root (administrator), operator/operator, viewer/viewer");
    shutdown_signal().await;
    sim.shutdown();
    Ok(())
}

/// The binary's entry point.
pub fn main_entry() -> anyhow::Result<()> {
    use clap::Parser;
    let cli = Cli::parse();
    let quiet = matches!(cli.command, Some(Command::Doctor(_)));
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| if quiet { "warn".into() } else { "info,js7_status=info".into() }),
        )
        .init();
    let rt = tokio::runtime::Runtime::new()?;
    rt.block_on(async {
        match cli.command {
            Some(Command::Simulate) => return simulate(&cli).await,
            Some(Command::Doctor(_)) => {
                let ok = doctor::run(&cli, &mut std::io::stdout()).await?;
                std::process::exit(if ok { 0 } else { 1 });
            }
            _ => {}
        }
        for w in config::startup_warnings(&cli.serve) {
            tracing::warn!("{w}");
        }
        let server = build(&cli).await?;
        let listener = tokio::net::TcpListener::bind(cli.serve.listen).await?;
        let addr = listener.local_addr()?;
        println!("js7-status: Product Status on http://{addr}/");
        for i in &server.installations {
            println!("  installation {}: JOC Cockpit at {}", i.name, i.joc_urls.join(", "));
        }
        if !server.sims.is_empty() {
            println!(
                "  embedded JS7 simulator: log in as root/root (administrator), operator/operator or viewer/viewer"
            );
            if cli.serve.config.is_none() && cli.sim.sim_installations == 2 && cli.sim.sim_accounts.is_empty() {
                println!("  (tester/tester is known to the installation \"test\" only)");
            }
        }
        if let Some(at) = cli.serve.metrics_listen {
            let listener = tokio::net::TcpListener::bind(at).await?;
            println!("  metrics for Prometheus on http://{}/metrics", listener.local_addr()?);
            let stopping = server.stopping.clone();
            let metrics = server.metrics.clone();
            tokio::spawn(async move {
                let stopped = stopping.cancelled_owned();
                if let Err(e) = axum::serve(listener, metrics).with_graceful_shutdown(stopped).await {
                    tracing::error!(error = %e, "the metrics listener stopped");
                }
            });
        }
        let (shared, stopping) = (server.shared.clone(), server.stopping.clone());
        let leaving = async move {
            shutdown_signal().await;
            // Another replica reads JOC at once; the browsers reconnect to the others.
            if let Some(shared) = shared {
                shared.leave().await;
            }
            stopping.cancel();
        };
        serve::serve(listener, server.router, serve_limits(&cli), leaving).await;
        for sim in &server.sims {
            sim.shutdown();
        }
        Ok(())
    })
}
