//! Prometheus metrics: what the board draws, per component, and how it reads JOC.
//!
//! The component gauges are computed at each scrape from the snapshots the board already
//! holds ([`components`]): no second reader of JOC, and a scrape sees exactly what a browser
//! sees. The counters and histograms of the traffic (JOC requests, viewers, operations, log
//! bytes) are kept as it happens. Names, labels and the alert rules that use them are in
//! `docs/metrics.md`.

pub mod components;
pub mod endpoint;

use crate::fleet::Fleet;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::{Registry, Unit};
use std::sync::Arc;
use std::time::Instant;

/// The prefix of every metric of the board.
pub const PREFIX: &str = "js7_status";

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct UpstreamLabels {
    pub installation: String,
    /// The JOC API path (`controller/components`, `events`, ...).
    pub endpoint: String,
    /// `ok`, or the error code of the failure (`timeout`, `unreachable`, `JOC-401`, ...).
    pub outcome: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct ViewerLabels {
    pub installation: String,
    /// `panel` (one Controller's drawing) or `overview`.
    pub stream: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct OperationLabels {
    pub installation: String,
    /// The operation (`cluster-switch-over`, `terminate`, ...).
    pub kind: &'static str,
    /// `ok`, or the error code it was refused with.
    pub outcome: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct LogLabels {
    pub installation: String,
    /// `joc` or `controller`.
    pub log: &'static str,
}

/// A JOC request lasts from a few milliseconds to JOC's whole hold of `events` (up to 3 min).
fn upstream_histogram() -> Histogram {
    Histogram::new(exponential_buckets(0.005, 2.5, 13))
}

/// The metrics kept as things happen; cheap to clone (every family is shared).
#[derive(Clone, Debug)]
pub struct Metrics {
    upstream: Family<UpstreamLabels, Histogram, fn() -> Histogram>,
    viewers: Family<ViewerLabels, Gauge>,
    operations: Family<OperationLabels, Counter>,
    log_bytes: Family<LogLabels, Counter>,
    started: Instant,
}

impl Default for Metrics {
    fn default() -> Metrics {
        Metrics {
            upstream: Family::new_with_constructor(upstream_histogram as fn() -> Histogram),
            viewers: Family::default(),
            operations: Family::default(),
            log_bytes: Family::default(),
            started: Instant::now(),
        }
    }
}

impl Metrics {
    /// The handle one installation's JOC clients time their requests with.
    pub fn upstream(&self, installation: &str) -> Upstream {
        Upstream { family: self.upstream.clone(), installation: installation.to_string() }
    }

    /// Counts a live stream while the returned guard lives.
    pub fn viewer(&self, installation: &str, stream: &'static str) -> ViewerGuard {
        let gauge = self.viewers.get_or_create(&ViewerLabels { installation: installation.into(), stream }).clone();
        gauge.inc();
        ViewerGuard(gauge)
    }

    /// Counts an operation sent through the board and how it ended.
    pub fn operation(&self, installation: &str, kind: &'static str, outcome: &str) {
        self.operations
            .get_or_create(&OperationLabels { installation: installation.into(), kind, outcome: outcome.into() })
            .inc();
    }

    /// The counter of the bytes of one log sent to browsers.
    pub fn log_bytes(&self, installation: &str, log: &'static str) -> Counter {
        self.log_bytes.get_or_create(&LogLabels { installation: installation.into(), log }).clone()
    }

    /// The registry of a scrape: these families and the components of `fleet`'s feeds.
    pub fn registry(&self, fleet: Arc<Fleet>) -> Registry {
        let mut r = Registry::with_prefix(PREFIX);
        r.register_with_unit(
            "upstream_request_duration",
            "Time of one request to JOC Cockpit, by endpoint and outcome",
            Unit::Seconds,
            self.upstream.clone(),
        );
        r.register("viewers", "Browsers with a live stream open on this server", self.viewers.clone());
        r.register("operations", "Operations sent through the board, by kind and outcome", self.operations.clone());
        r.register_with_unit("log", "Log bytes sent to browsers", Unit::Bytes, self.log_bytes.clone());
        r.register_collector(Box::new(components::FleetCollector { fleet, started: self.started }));
        r
    }
}

/// Decrements the viewer gauge when the stream ends.
pub struct ViewerGuard(Gauge);

impl Drop for ViewerGuard {
    fn drop(&mut self) {
        self.0.dec();
    }
}

/// One installation's timing of its JOC requests.
#[derive(Clone, Debug)]
pub struct Upstream {
    family: Family<UpstreamLabels, Histogram, fn() -> Histogram>,
    installation: String,
}

impl Upstream {
    /// Records one request to `endpoint` that started at `since`.
    pub fn record(&self, endpoint: &str, outcome: &str, since: Instant) {
        let labels = UpstreamLabels {
            installation: self.installation.clone(),
            endpoint: endpoint.into(),
            outcome: outcome.into(),
        };
        self.family.get_or_create(&labels).observe(since.elapsed().as_secs_f64());
    }
}
