use super::*;
use app::model::feed::Staleness;
use app::model::fixtures::{healthy_cluster, make_unreachable, standalone};
use app::model::joc::{Agent, AgentStateText, ClusterState, ComponentStateText, Components};

const NOW: &str = "2026-01-15T10:00:30.000+00:00";

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339(NOW).unwrap().with_timezone(&chrono::Utc)
}

fn snapshot(c: Components) -> Snapshot {
    Snapshot {
        controller_id: "controller".into(),
        components: Some(c),
        read_at: Some("2026-01-15T10:00:00.000+00:00".into()),
        ..Snapshot::default()
    }
}

fn one<'a>(r: &'a FeedReadings, kind: &str, instance: &str) -> &'a Reading {
    r.components
        .iter()
        .find(|c| c.kind == kind && c.instance == instance)
        .unwrap_or_else(|| panic!("{kind} {instance}"))
}

#[test]
fn a_healthy_cluster_reads_green_coupled_with_one_active_of_each() {
    let r = readings(&snapshot(healthy_cluster()), now());
    assert!(r.components.iter().all(|c| c.colour == 0), "{r:#?}");
    assert_eq!(r.coupled, Some(true));
    assert!(!r.loss_to_confirm);
    assert!(!r.stale);
    assert_eq!(r.read_age, Some(30.0));
    let kinds: Vec<&str> = r.components.iter().map(|c| c.kind).collect();
    assert_eq!(kinds, ["joc", "joc", "database", "controller", "controller", "cluster"]);
    assert_eq!(one(&r, "joc", "http://jochost0:4446").active, Some(true));
    assert_eq!(one(&r, "joc", "http://jochost1:4446").active, Some(false));
    assert_eq!(one(&r, "controller", "http://ctl1:4444").active, Some(true));
    assert_eq!(one(&r, "controller", "http://ctl2:4444").active, Some(false));
    let db = one(&r, "database", "PostgreSQL");
    assert_eq!(
        (db.state.as_deref(), db.connection.as_deref(), db.severity),
        (Some("operational"), Some("established"), Some(0))
    );
    assert_eq!(one(&r, "cluster", "controller").state.as_deref(), Some("ClusterCoupled"));
}

#[test]
fn a_standalone_controller_has_no_coupling_and_is_active_while_reached() {
    let mut c = standalone();
    let r = readings(&snapshot(c.clone()), now());
    assert_eq!(r.coupled, None);
    assert!(r.components.iter().all(|c| c.kind != "cluster"));
    assert_eq!(one(&r, "joc", "http://jochost0:4446").active, Some(true), "a JOC without a cluster is active");
    assert_eq!(one(&r, "controller", "http://ctl1:4444").active, Some(true));
    make_unreachable(&mut c.controllers[0]);
    let r = readings(&snapshot(c), now());
    let ctl = one(&r, "controller", "http://ctl1:4444");
    assert_eq!((ctl.active, ctl.colour), (Some(false), 2));
    assert_eq!((ctl.state.as_deref(), ctl.connection.as_deref()), (Some("unknown"), Some("unreachable")));
}

#[test]
fn a_lost_instance_reads_red_not_coupled_and_waiting_for_confirmation() {
    let mut c = healthy_cluster();
    make_unreachable(&mut c.controllers[1]);
    c.cluster_state = Some(ClusterState::of(ClusterType::NodeLossToBeConfirmed));
    let r = readings(&snapshot(c), now());
    assert_eq!(r.coupled, Some(false));
    assert!(r.loss_to_confirm);
    assert_eq!(one(&r, "controller", "http://ctl2:4444").colour, 2);
    assert_eq!(one(&r, "controller", "http://ctl2:4444").lost, Some(true), "the unreachable one, JOC naming none");
    assert_eq!(one(&r, "controller", "http://ctl1:4444").lost, Some(false));
    assert_eq!(one(&r, "cluster", "controller").colour, 2);
    assert_eq!(one(&r, "cluster", "controller").state.as_deref(), Some("ClusterNodeLossToBeConfirmed"));
    assert_eq!(one(&r, "cluster", "controller").severity, Some(2));
}

#[test]
fn the_lost_instance_is_the_one_joc_names() {
    let mut c = healthy_cluster();
    let mut state = ClusterState::of(ClusterType::FailoverToBeConfirmed);
    state.loss_node = Some("Primary".into());
    c.cluster_state = Some(state);
    let r = readings(&snapshot(c), now());
    assert_eq!(one(&r, "controller", "http://ctl1:4444").lost, Some(true));
    assert_eq!(one(&r, "controller", "http://ctl2:4444").lost, Some(false));
    let r = readings(&snapshot(standalone()), now());
    assert_eq!(one(&r, "controller", "http://ctl1:4444").lost, None, "no cluster, nothing to confirm");
}

#[test]
fn a_limited_database_reads_yellow_and_an_unknown_text_is_kept_as_sent() {
    let mut c = healthy_cluster();
    c.database.component_state = Some(ComponentStateText::Limited.state());
    c.jocs[1].component_state = serde_json::from_str(r#"{"severity":2,"_text":"hibernating"}"#).unwrap();
    let r = readings(&snapshot(c), now());
    assert_eq!(one(&r, "database", "PostgreSQL").colour, 1);
    let joc = one(&r, "joc", "http://jochost1:4446");
    assert_eq!((joc.state.as_deref(), joc.colour), (Some("hibernating"), 2));
}

#[test]
fn agents_read_by_severity_with_their_subagents() {
    let mut dead = Agent::headless("agent-1");
    dead.state = Some(AgentStateText::Coupled.state().with_severity(2));
    let mut head = Agent::headless("cluster-1");
    head.state = Some(AgentStateText::Coupled.state());
    let mut sub = Agent::headless("cluster-1");
    sub.subagent_id = Some("sub-a".into());
    sub.state = Some(AgentStateText::Shutdown.state());
    let s = Snapshot { agents: vec![dead, head, sub], ..snapshot(healthy_cluster()) };
    let r = readings(&s, now());
    let a = one(&r, "agent", "agent-1");
    assert_eq!((a.colour, a.state.as_deref(), a.severity), (2, Some("COUPLED"), Some(2)), "a dead Agent is red");
    assert_eq!(one(&r, "agent", "cluster-1").colour, 1, "healthy head, a Subagent down: yellow");
    assert_eq!(one(&r, "subagent", "sub-a").colour, 2);
}

#[test]
fn stale_data_keeps_its_colours_and_its_age_grows() {
    let s = Snapshot {
        stale: Some(Staleness {
            since: "2026-01-15T10:00:10.000+00:00".into(),
            code: app::model::errors::ErrorCode::Unreachable,
            message: "cannot connect to JOC".into(),
            endpoint: Some("events".into()),
        }),
        ..snapshot(healthy_cluster())
    };
    let later = now() + chrono::Duration::seconds(90);
    let r = readings(&s, later);
    assert!(r.stale);
    assert_eq!(r.read_age, Some(120.0));
    assert!(r.components.iter().all(|c| c.colour == 0), "the last colours stay, marked stale");
}

#[test]
fn nothing_read_yet_says_nothing_of_components() {
    let r = readings(&Snapshot { controller_id: "controller".into(), ..Snapshot::default() }, now());
    assert!(r.components.is_empty());
    assert_eq!((r.coupled, r.read_age, r.stale), (None, None, false));
}

#[test]
fn colours_are_numbered_green_yellow_red_grey() {
    assert_eq!([Tone::Ok, Tone::Warn, Tone::Bad, Tone::Idle].map(colour), [0, 1, 2, 3]);
}
