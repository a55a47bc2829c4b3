//! The state machine, transition by transition, and a property test over random sequences.

use super::*;
use app::model::joc::{ClusterNodeStateText, ClusterType as C, ComponentStateText, ConnectionStateText, EventType};
use chrono::TimeZone;

mod controllers;

fn t0() -> SimTime {
    Utc.with_ymd_and_hms(2026, 1, 15, 10, 0, 0).unwrap()
}

fn world() -> World {
    World::new(WorldConfig::default(), t0())
}

/// Lets simulated time run far enough for every scheduled consequence.
fn settle(w: &mut World, from: SimTime) -> SimTime {
    let mut now = from;
    for _ in 0..200 {
        match w.next_due() {
            Some(due) => {
                now = due.max(now);
                w.advance(now);
            }
            None => break,
        }
    }
    now
}

fn reported(w: &World, now: SimTime) -> (C, Vec<&'static str>) {
    let c = w.components(0, 0, now);
    let nodes = c
        .controllers
        .iter()
        .map(|k| match (k.connection_state.as_ref().unwrap().severity, k.cluster_node_state.as_ref().map(|s| s.text)) {
            (0, Some(ClusterNodeStateText::Active)) => "active",
            (0, Some(ClusterNodeStateText::Inactive)) => "standby",
            (0, None) => "standalone",
            _ => "down",
        })
        .collect();
    (c.cluster_state.unwrap().text, nodes)
}

/// Each operation from a healthy coupled cluster: the state right after it, then once all
/// scheduled consequences have happened.
#[test]
fn controller_operations_from_a_coupled_cluster() {
    use SimEvent::*;
    type Seen = (C, Vec<&'static str>);
    let table: Vec<(SimEvent, Seen, Seen)> = vec![
        (ClusterSwitchOver, (C::SwitchedOver, vec!["standby", "active"]), (C::Coupled, vec!["standby", "active"])),
        (
            Terminate { node: 0, restart: false, switchover: true },
            (C::SwitchedOver, vec!["down", "active"]),
            (C::SwitchedOver, vec!["down", "active"]),
        ),
        (
            Terminate { node: 0, restart: true, switchover: true },
            (C::SwitchedOver, vec!["down", "active"]),
            (C::Coupled, vec!["standby", "active"]),
        ),
        (
            Terminate { node: 0, restart: false, switchover: false },
            (C::ActiveShutDown, vec!["down", "standby"]),
            (C::ActiveShutDown, vec!["down", "standby"]),
        ),
        (
            Terminate { node: 0, restart: true, switchover: false },
            (C::ActiveShutDown, vec!["down", "standby"]),
            (C::Coupled, vec!["active", "standby"]),
        ),
        (
            Terminate { node: 1, restart: false, switchover: false },
            (C::PassiveLost, vec!["active", "down"]),
            (C::PassiveLost, vec!["active", "down"]),
        ),
        (
            Abort { node: 0, restart: false },
            (C::FailedOver, vec!["down", "active"]),
            (C::FailedOver, vec!["down", "active"]),
        ),
        (
            Abort { node: 0, restart: true },
            (C::FailedOver, vec!["down", "active"]),
            (C::Coupled, vec!["standby", "active"]),
        ),
        (
            Abort { node: 1, restart: true },
            (C::PassiveLost, vec!["active", "down"]),
            (C::Coupled, vec!["active", "standby"]),
        ),
        (
            NodeReachable { node: 1, reachable: false },
            (C::Unknown, vec!["active", "down"]),
            (C::Unknown, vec!["active", "down"]),
        ),
        (
            CouplingBroken { broken: true },
            (C::PassiveLost, vec!["active", "standby"]),
            (C::PreparedToBeCoupled, vec!["active", "standby"]),
        ),
        (
            CrashUnwitnessed,
            (C::NodeLossToBeConfirmed, vec!["down", "standby"]),
            (C::NodeLossToBeConfirmed, vec!["down", "standby"]),
        ),
    ];
    for (event, right_after, settled) in table {
        let mut w = world();
        let now = t0();
        w.apply(event.clone(), now).unwrap_or_else(|e| panic!("{event:?}: {e}"));
        assert_eq!(reported(&w, now), right_after, "{event:?} right after");
        let later = settle(&mut w, now);
        assert_eq!(reported(&w, later), settled, "{event:?} settled");
    }
}

#[test]
fn refusals_are_those_of_joc() {
    let mut w = world();
    let now = t0();
    assert_eq!(w.apply(SimEvent::ConfirmNodeLoss, now), Err(Refusal::NoLossNode));
    w.apply(SimEvent::CouplingBroken { broken: true }, now).unwrap();
    assert_eq!(w.apply(SimEvent::ClusterSwitchOver, now), Err(Refusal::NotCoupled));
    assert_eq!(
        w.apply(SimEvent::Terminate { node: 0, restart: false, switchover: true }, now),
        Err(Refusal::NotCoupled)
    );
    let mut w = world();
    w.apply(SimEvent::Terminate { node: 1, restart: false, switchover: false }, now).unwrap();
    assert!(matches!(w.apply(SimEvent::Abort { node: 1, restart: false }, now), Err(Refusal::Unreachable(_))));
    let mut w = world();
    w.apply(SimEvent::JocSwitchOver { to: 1 }, now).unwrap();
    assert_eq!(w.apply(SimEvent::ClusterSwitchOver, now), Err(Refusal::JocSwitchOverInProgress));
    assert!(matches!(w.apply(SimEvent::JocSwitchOver { to: 0 }, now), Err(Refusal::AlreadyActive(_))));
    let mut w = world();
    w.apply(SimEvent::ClusterSwitchOver, now).unwrap();
    assert_eq!(w.apply(SimEvent::JocSwitchOver { to: 1 }, now), Err(Refusal::ClusterSwitchOverInProgress));
}

#[test]
fn confirming_a_lost_active_node_fails_over_and_recouples_when_it_returns() {
    let mut w = world();
    let now = t0();
    w.apply(SimEvent::CrashUnwitnessed, now).unwrap();
    let c = w.components(0, 0, now);
    assert_eq!(c.cluster_state.as_ref().unwrap().loss_node.as_deref(), Some("Primary"));
    assert!(w.events.since(0).iter().any(|e| e.event_type == EventType::NodeLossProblemEvent));
    w.apply(SimEvent::ConfirmNodeLoss, now).unwrap();
    assert_eq!(reported(&w, now), (C::FailedOver, vec!["down", "active"]));
    w.apply(SimEvent::NodeStarted { node: 0 }, now).unwrap();
    let later = settle(&mut w, now);
    assert_eq!(reported(&w, later), (C::Coupled, vec!["standby", "active"]));
}

#[test]
fn failover_confirmation_when_the_cluster_requires_it() {
    let cfg = WorldConfig { require_failover_confirmation: true, ..WorldConfig::default() };
    let mut w = World::new(cfg, t0());
    w.apply(SimEvent::CrashUnwitnessed, t0()).unwrap();
    assert_eq!(reported(&w, t0()).0, C::FailoverToBeConfirmed);
    assert!(w.events.since(0).iter().any(|e| e.event_type == EventType::FailoverProblemEvent));
}

#[test]
fn a_restarting_active_node_is_not_ready_at_first() {
    let mut w = World::new(WorldConfig { controller_cluster: false, ..WorldConfig::default() }, t0());
    w.apply(SimEvent::Terminate { node: 0, restart: true, switchover: false }, t0()).unwrap();
    assert_eq!(reported(&w, t0()), (C::Unknown, vec!["down"]));
    w.apply(SimEvent::NodeStarted { node: 0 }, t0()).unwrap();
    // It answers 503 while starting: JOC calls it inoperable (a yellow tile) until it is ready.
    let c = w.components(0, 0, t0());
    assert_eq!(c.controllers[0].component_state.as_ref().unwrap().text, ComponentStateText::Inoperable);
    let later = settle(&mut w, t0());
    assert_eq!(reported(&w, later), (C::Unknown, vec!["standalone"]));
}

#[test]
fn joc_heartbeats_age_into_unstable_then_unknown_and_the_standby_takes_over() {
    let mut w = world();
    let now = t0();
    w.apply(SimEvent::JocHeartbeats { joc: 0, beating: false }, now).unwrap();
    let seen_by_1 = |w: &World, s: i64| {
        let c = w.components(1, 0, now + Duration::seconds(s));
        (c.jocs[0].component_state.as_ref().unwrap().text, c.jocs[0].connection_state.as_ref().unwrap().text)
    };
    assert_eq!(seen_by_1(&w, 31), (ComponentStateText::Operational, ConnectionStateText::Established));
    assert_eq!(seen_by_1(&w, 45), (ComponentStateText::Operational, ConnectionStateText::Unstable));
    assert_eq!(seen_by_1(&w, 62), (ComponentStateText::Unknown, ConnectionStateText::Unknown));
    // The instance that answers never calls itself unknown.
    let c = w.components(0, 0, now + Duration::seconds(90));
    assert_eq!(c.jocs[0].component_state.as_ref().unwrap().text, ComponentStateText::Operational);
    assert!(w.advance(now + Duration::seconds(62)));
    assert_eq!(w.active_joc, Some(1));
}

#[test]
fn db_delay_makes_every_line_unstable_without_a_failover() {
    let mut w = world();
    let now = t0();
    w.apply(SimEvent::DbDelay { seconds: 45 }, now).unwrap();
    let c = w.components(0, 0, now);
    assert!(c.jocs.iter().all(|j| j.connection_state.as_ref().unwrap().text == ConnectionStateText::Unstable));
    w.apply(SimEvent::DbDelay { seconds: 90 }, now).unwrap();
    assert!(!w.advance(now + Duration::seconds(1)));
    assert_eq!(w.active_joc, Some(0));
}

#[test]
fn joc_switchover_takes_20_to_60_seconds() {
    let mut w = world();
    let now = t0();
    w.apply(SimEvent::JocSwitchOver { to: 1 }, now).unwrap();
    let due = w.next_due().unwrap();
    let secs = (due - now).num_seconds();
    assert!((20..=60).contains(&secs), "{secs}");
    assert!(!w.advance(due - Duration::seconds(1)));
    assert_eq!(w.active_joc, Some(0));
    assert!(w.advance(due));
    assert_eq!(w.active_joc, Some(1));
    assert!(w.is_active(1).0 && !w.is_active(0).0);
    assert_eq!(w.events.since(0).last().unwrap().event_type, EventType::JocStateChanged);
}

#[test]
fn event_ids_increase_strictly_even_within_a_second() {
    let mut w = world();
    for _ in 0..3 {
        w.apply(SimEvent::JocUrlChanged { joc: 0, url: "http://x".into() }, t0()).unwrap();
    }
    let ids: Vec<u64> = w.events.since(0).iter().map(|e| e.event_id.unwrap()).collect();
    assert_eq!(ids.len(), 3);
    assert!(ids.windows(2).all(|p| p[0] < p[1]));
    assert_eq!(w.events.since(ids[1]).len(), 1);
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn any_event() -> impl Strategy<Value = SimEvent> {
        use SimEvent::*;
        prop_oneof![
            (0..5usize, any::<bool>(), any::<bool>())
                .prop_map(|(node, restart, switchover)| { Terminate { node, restart, switchover } }),
            (0..5usize, any::<bool>()).prop_map(|(node, restart)| Abort { node, restart }),
            Just(ClusterSwitchOver),
            Just(ConfirmNodeLoss),
            (0..5usize).prop_map(|node| NodeStarted { node }),
            (0..5usize).prop_map(|to| JocSwitchOver { to }),
            (0..5usize, any::<bool>()).prop_map(|(joc, beating)| JocHeartbeats { joc, beating }),
            (0..5usize, any::<bool>()).prop_map(|(node, reachable)| NodeReachable { node, reachable }),
            any::<bool>().prop_map(|broken| CouplingBroken { broken }),
            Just(CrashUnwitnessed),
            (0u32..100).prop_map(|seconds| DbDelay { seconds }),
            (0..5usize, 0..12usize).prop_map(|(agent, subagents)| AgentCluster { agent, subagents }),
            (0..5usize, 0..12usize, any::<bool>()).prop_map(|(agent, subagent, down)| SubagentShutDown {
                agent,
                subagent,
                down
            }),
        ]
    }

    proptest! {
        /// Whatever happens to either Controller (instances and Controllers that do not exist
        /// included: they are refused), JOC never reports two active instances of one
        /// Controller, and once a JOC switch-over completes exactly one JOC instance is active.
        #[test]
        fn state_stays_consistent(steps in proptest::collection::vec((any_event(), 0..3usize, 0i64..90), 1..40)) {
            let mut w = controllers::two_controllers();
            let mut now = t0();
            for (event, controller, wait) in steps {
                let _ = w.apply_to(controller, event, now);
                now += Duration::seconds(wait);
                w.advance(now);
                for c in 0..w.controllers.len() {
                    consistent(&w.components(0, c, now))?;
                }
            }
        }
    }

    fn consistent(c: &app::model::joc::Components) -> Result<(), TestCaseError> {
        let active = |s: &Option<app::model::joc::ClusterNodeState>| {
            s.as_ref().is_some_and(|s| s.text == ClusterNodeStateText::Active)
        };
        let controllers = c.controllers.iter().filter(|k| active(&k.cluster_node_state)).count();
        prop_assert!(controllers <= 1, "{} active Controller instances", controllers);
        prop_assert_eq!(c.jocs.iter().filter(|j| active(&j.cluster_node_state)).count(), 1);
        let coupled = c.cluster_state.as_ref().unwrap().text == C::Coupled;
        prop_assert!(!coupled || c.controllers.iter().all(|k| k.is_coupled));
        Ok(())
    }
}
