//! The component gauges: what one feed's snapshot says of each JOC instance, the database,
//! each Controller instance, the Controller cluster and each Agent, in the colours the panel
//! draws (the same functions as the drawing) and in JOC's own words.

use crate::fleet::Fleet;
use app::model::colours::{Tone, agent_group_tone, agent_tone, is_reachable, panel_tones};
use app::model::feed::Snapshot;
use app::model::joc::{ClusterNodeStateText, ClusterType, Controller, Role, Severe, StateText, group_agents};
use prometheus_client::collector::Collector;
use prometheus_client::encoding::{DescriptorEncoder, EncodeLabelSet, EncodeMetric};
use prometheus_client::metrics::MetricType;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::{ConstGauge, Gauge};
use prometheus_client::registry::Unit;
use std::sync::Arc;
use std::sync::atomic::AtomicU64;
use std::time::Instant;

/// What the board draws, as a number: 0 green, 1 yellow, 2 red, 3 grey (nothing known).
pub fn colour(t: Tone) -> i64 {
    match t {
        Tone::Ok => 0,
        Tone::Warn => 1,
        Tone::Bad => 2,
        Tone::Idle => 3,
    }
}

/// One component as the panel shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    /// `joc`, `database`, `controller`, `cluster`, `agent`, `subagent`.
    pub kind: &'static str,
    /// Which one: a JOC instance's or Controller's URL, the DBMS, the Controller ID for the
    /// cluster, the Agent's or Subagent's ID.
    pub instance: String,
    pub colour: i64,
    /// JOC's severity of its state, when JOC sent one.
    pub severity: Option<i64>,
    /// JOC's state text (`operational`, `ClusterCoupled`, `COUPLED`, ...).
    pub state: Option<String>,
    /// JOC's connection state text of the component (`established`, `unreachable`, ...).
    pub connection: Option<String>,
    /// Active in its cluster (JOC instances and Controller instances).
    pub active: Option<bool>,
    /// A member of a Controller cluster whose loss JOC waits for someone to confirm (Some for
    /// the members of a cluster).
    pub lost: Option<bool>,
}

/// One feed's readings.
#[derive(Clone, Debug, PartialEq)]
pub struct FeedReadings {
    pub controller_id: String,
    pub components: Vec<Reading>,
    /// Coupled or not; None for a standalone Controller.
    pub coupled: Option<bool>,
    /// JOC waits for someone to confirm the loss of a Controller instance.
    pub loss_to_confirm: bool,
    /// Seconds since JOC was last read; None before the first read.
    pub read_age: Option<f64>,
    pub stale: bool,
}

/// The text JOC sent: its own when this version does not know it.
fn text<T: StateText>(s: &Severe<T>) -> String {
    s.raw.clone().unwrap_or_else(|| {
        serde_json::to_value(s.text).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()
    })
}

/// Everything `s` says, `now` being the server's clock.
pub fn readings(s: &Snapshot, now: chrono::DateTime<chrono::Utc>) -> FeedReadings {
    let read_age = s
        .read_at
        .as_deref()
        .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
        .map(|t| (now - t.with_timezone(&chrono::Utc)).num_milliseconds().max(0) as f64 / 1000.0);
    let mut out = FeedReadings {
        controller_id: s.controller_id.clone(),
        components: Vec::new(),
        coupled: None,
        loss_to_confirm: false,
        read_age,
        stale: s.stale.is_some(),
    };
    let Some(c) = &s.components else { return out };
    let tones = panel_tones(c);
    for (j, t) in c.jocs.iter().zip(&tones.jocs) {
        out.components.push(Reading {
            kind: "joc",
            instance: j.url.clone().filter(|u| !u.is_empty()).unwrap_or_else(|| j.member_id.clone()),
            colour: colour(t.tile),
            severity: j.component_state.as_ref().map(|s| i64::from(s.severity)),
            state: j.component_state.as_ref().map(text),
            connection: j.connection_state.as_ref().map(text),
            // A JOC without a cluster is the active one.
            active: Some(
                j.cluster_node_state.as_ref().map_or(c.jocs.len() == 1, |n| n.text == ClusterNodeStateText::Active),
            ),
            lost: None,
        });
    }
    out.components.push(Reading {
        kind: "database",
        instance: c.database.dbms.clone().unwrap_or_else(|| "database".into()),
        colour: colour(tones.database),
        severity: c.database.component_state.as_ref().map(|s| i64::from(s.severity)),
        state: c.database.component_state.as_ref().map(text),
        connection: c.database.connection_state.as_ref().map(text),
        active: None,
        lost: None,
    });
    let cluster = c.cluster_state.as_ref();
    let to_confirm = cluster
        .is_some_and(|s| matches!(s.text, ClusterType::NodeLossToBeConfirmed | ClusterType::FailoverToBeConfirmed));
    // The lost instance: the one JOC names, else the members JOC cannot reach.
    let lost = |k: &Controller| {
        to_confirm
            && match cluster.and_then(|s| s.loss_node.as_deref()) {
                Some(node) => node.eq_ignore_ascii_case(k.role.node_id()),
                None => !is_reachable(k),
            }
    };
    for (k, t) in c.controllers.iter().zip(&tones.controllers) {
        out.components.push(Reading {
            kind: "controller",
            instance: k.url.clone(),
            colour: colour(*t),
            severity: k.component_state.as_ref().map(|s| i64::from(s.severity)),
            state: k.component_state.as_ref().map(text),
            connection: k.connection_state.as_ref().map(text),
            // A standalone Controller is active while JOC reaches it.
            active: Some(match &k.cluster_node_state {
                Some(n) => n.text == ClusterNodeStateText::Active,
                None => k.role == Role::Standalone && is_reachable(k),
            }),
            lost: (k.role != Role::Standalone).then(|| lost(k)),
        });
    }
    out.loss_to_confirm = to_confirm;
    if let Some(line) = tones.cluster_line {
        out.coupled = Some(cluster.is_some_and(|s| s.text == ClusterType::Coupled));
        out.components.push(Reading {
            kind: "cluster",
            instance: s.controller_id.clone(),
            colour: colour(line),
            severity: cluster.map(|s| i64::from(s.severity)),
            state: cluster.map(|s| s.raw.clone().unwrap_or_else(|| text(&Severe::of(s.text)))),
            connection: None,
            active: None,
            lost: None,
        });
    } else if c.controllers.iter().any(|k| k.role != Role::Standalone) {
        // A cluster of which JOC reports one instance only: not coupled.
        out.coupled = Some(false);
    }
    for g in group_agents(&s.agents) {
        out.components.push(Reading {
            kind: "agent",
            instance: g.agent.agent_id.clone(),
            colour: colour(agent_group_tone(&g)),
            severity: g.agent.state.as_ref().map(|s| i64::from(s.severity)),
            state: g.agent.state.as_ref().map(text),
            connection: None,
            active: None,
            lost: None,
        });
        for sub in &g.subagents {
            out.components.push(Reading {
                kind: "subagent",
                instance: sub.subagent_id.clone().unwrap_or_else(|| sub.agent_id.clone()),
                colour: colour(agent_tone(sub.state.as_ref())),
                severity: sub.state.as_ref().map(|s| i64::from(s.severity)),
                state: sub.state.as_ref().map(text),
                connection: None,
                active: None,
                lost: None,
            });
        }
    }
    out
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct FeedLabels {
    installation: String,
    controller_id: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ComponentLabels {
    installation: String,
    controller_id: String,
    kind: &'static str,
    /// Not `instance`: Prometheus sets that label to the scraped target.
    js7_instance: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct StateLabels {
    installation: String,
    controller_id: String,
    kind: &'static str,
    js7_instance: String,
    state: String,
}

/// Encodes the gauges of every running feed at each scrape.
pub struct FleetCollector {
    pub fleet: Arc<Fleet>,
    pub started: Instant,
}

impl std::fmt::Debug for FleetCollector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FleetCollector").finish_non_exhaustive()
    }
}

/// The families of one scrape.
#[derive(Default)]
struct Scrape {
    colour: Family<ComponentLabels, Gauge>,
    severity: Family<ComponentLabels, Gauge>,
    state: Family<StateLabels, Gauge>,
    connection: Family<StateLabels, Gauge>,
    active: Family<ComponentLabels, Gauge>,
    coupled: Family<FeedLabels, Gauge>,
    lost: Family<ComponentLabels, Gauge>,
    age: Family<FeedLabels, Gauge<f64, AtomicU64>>,
    stale: Family<FeedLabels, Gauge>,
}

impl Scrape {
    fn add(&self, installation: &str, r: &FeedReadings) {
        let feed = FeedLabels { installation: installation.into(), controller_id: r.controller_id.clone() };
        if let Some(coupled) = r.coupled {
            self.coupled.get_or_create(&feed).set(i64::from(coupled));
        }
        if let Some(age) = r.read_age {
            self.age.get_or_create(&feed).set(age);
        }
        self.stale.get_or_create(&feed).set(i64::from(r.stale));
        for c in &r.components {
            let labels = ComponentLabels {
                installation: installation.into(),
                controller_id: r.controller_id.clone(),
                kind: c.kind,
                js7_instance: c.instance.clone(),
            };
            self.colour.get_or_create(&labels).set(c.colour);
            if let Some(s) = c.severity {
                self.severity.get_or_create(&labels).set(s);
            }
            if let Some(a) = c.active {
                self.active.get_or_create(&labels).set(i64::from(a));
            }
            if let Some(l) = c.lost {
                self.lost.get_or_create(&labels).set(i64::from(l));
            }
            let with = |state: &String| StateLabels {
                installation: installation.into(),
                controller_id: r.controller_id.clone(),
                kind: c.kind,
                js7_instance: c.instance.clone(),
                state: state.clone(),
            };
            if let Some(s) = &c.state {
                self.state.get_or_create(&with(s)).set(1);
            }
            if let Some(s) = &c.connection {
                self.connection.get_or_create(&with(s)).set(1);
            }
        }
    }
}

fn gauge(encoder: &mut DescriptorEncoder, name: &str, help: &str, metric: &impl EncodeMetric) -> std::fmt::Result {
    metric.encode(encoder.encode_descriptor(name, help, None, MetricType::Gauge)?)
}

fn seconds(encoder: &mut DescriptorEncoder, name: &str, help: &str, metric: &impl EncodeMetric) -> std::fmt::Result {
    metric.encode(encoder.encode_descriptor(name, help, Some(&Unit::Seconds), MetricType::Gauge)?)
}

impl Collector for FleetCollector {
    /// The registry's prefix (`js7_status_`) comes before each name.
    fn encode(&self, mut encoder: DescriptorEncoder) -> std::fmt::Result {
        let scrape = Scrape::default();
        let now = chrono::Utc::now();
        for i in self.fleet.installations() {
            for snapshot in i.hub.running() {
                if snapshot.controller_id.is_empty() && snapshot.components.is_none() && snapshot.stale.is_none() {
                    continue; // not read yet: nothing to say
                }
                scrape.add(&i.name, &readings(&snapshot, now));
            }
        }
        let e = &mut encoder;
        gauge(
            e,
            "component_colour",
            "The colour the board draws: 0 green, 1 yellow, 2 red, 3 grey (unknown).",
            &scrape.colour,
        )?;
        gauge(e, "component_severity", "JOC's severity of the component's state.", &scrape.severity)?;
        gauge(e, "component_state", "JOC's state text of the component (1 for the current one).", &scrape.state)?;
        gauge(
            e,
            "component_connection",
            "JOC's connection state of the component (1 for the current one).",
            &scrape.connection,
        )?;
        gauge(e, "component_active", "1 for the active instance of a JOC or Controller cluster.", &scrape.active)?;
        gauge(e, "cluster_coupled", "1 when the Controller cluster is coupled (clusters only).", &scrape.coupled)?;
        gauge(
            e,
            "controller_loss_to_confirm",
            "1 for the Controller instance whose loss JOC waits for someone to confirm.",
            &scrape.lost,
        )?;
        seconds(e, "last_read_age", "Time since JOC was last read.", &scrape.age)?;
        gauge(e, "stale", "1 while JOC cannot be read and the board shows the last data as stale.", &scrape.stale)?;
        seconds(e, "uptime", "Time since this server started.", &ConstGauge::new(self.started.elapsed().as_secs_f64()))
    }
}

#[cfg(test)]
mod tests;
