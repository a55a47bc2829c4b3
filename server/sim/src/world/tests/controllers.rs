//! Several Controllers in one JOC: each its own cluster, Agents, events and faults; JOC's
//! instances, database and switch-overs shared.

use super::*;

/// The default world (Controller `controller`, a cluster with 3 Agents) plus `test`, a
/// standalone Controller with one Agent.
pub(super) fn two_controllers() -> World {
    let test = ControllerConfig { id: "test".into(), cluster: false, agents: 1, require_failover_confirmation: false };
    World::new(WorldConfig { more_controllers: vec![test], ..WorldConfig::default() }, t0())
}

fn cluster(w: &World, c: usize) -> C {
    w.components(0, c, t0()).cluster_state.unwrap().text
}

#[test]
fn each_controller_has_its_own_instances_and_agents() {
    let w = two_controllers();
    assert_eq!(w.controller_index("test"), Some(1));
    let first = w.components(0, 0, t0());
    let test = w.components(0, 1, t0());
    assert_eq!(first.controllers.len(), 2);
    assert_eq!(test.controllers.len(), 1);
    assert_eq!(test.controllers[0].controller_id, "test");
    assert_eq!(test.controllers[0].url, "http://test-1:4444");
    assert_eq!(cluster(&w, 1), C::Unknown, "a standalone Controller reports no cluster");
    let members = |c: &app::model::joc::Components| c.jocs.iter().map(|j| j.member_id.clone()).collect::<Vec<_>>();
    assert_eq!(members(&first), members(&test), "the same JOC instances");
    let roles = |c: &app::model::joc::Components| c.jocs[0].controller_connection_states.len();
    assert_eq!((roles(&first), roles(&test)), (2, 1), "each JOC's connections to this Controller's instances");
    let agents = w.agents(1, t0()).agents;
    assert_eq!(agents.len(), 1);
    assert_eq!((agents[0].agent_id.as_str(), agents[0].controller_id.as_deref()), ("test-agent-1", Some("test")));
    assert_eq!(w.agents(0, t0()).agents.len(), 3);
}

#[test]
fn a_fault_of_one_controller_leaves_the_other_alone() {
    let mut w = two_controllers();
    let before = w.components(0, 0, t0());
    w.apply_to(1, SimEvent::NodeReachable { node: 0, reachable: false }, t0()).unwrap();
    w.apply_to(1, SimEvent::AgentShutDown { agent: 0, down: true }, t0()).unwrap();
    assert_eq!(w.components(0, 0, t0()).controllers, before.controllers);
    assert!(!w.controllers[1].nodes[0].reachable);
    assert!(w.controllers[1].agents[0].shut_down && !w.controllers[0].agents[0].shut_down);
    // The second Controller has one instance and one Agent: naming more is refused.
    assert!(matches!(w.apply_to(1, SimEvent::NodeStarted { node: 1 }, t0()), Err(Refusal::NoSuch(_))));
    assert!(matches!(w.apply_to(1, SimEvent::AgentShutDown { agent: 2, down: true }, t0()), Err(Refusal::NoSuch(_))));
    assert!(matches!(w.apply_to(2, SimEvent::CrashUnwitnessed, t0()), Err(Refusal::NoSuch(_))));
}

#[test]
fn operations_and_their_consequences_reach_their_controller() {
    let test = ControllerConfig { id: "test".into(), cluster: true, agents: 0, require_failover_confirmation: false };
    let mut w = World::new(WorldConfig { more_controllers: vec![test], ..WorldConfig::default() }, t0());
    w.apply_to(1, SimEvent::ClusterSwitchOver, t0()).unwrap();
    assert_eq!((w.controllers[1].active_node, w.controllers[0].active_node), (1, 0));
    assert_eq!(cluster(&w, 1), C::SwitchedOver);
    assert_eq!(cluster(&w, 0), C::Coupled);
    // The re-coupling scheduled for the second Controller couples the second.
    settle(&mut w, t0());
    assert_eq!(w.controllers[1].cluster, C::Coupled);
    assert_eq!(w.controllers[0].active_node, 0);
}

#[test]
fn events_reach_the_pollers_of_their_controller_and_jocs_reach_all() {
    let mut w = two_controllers();
    let after = w.events.last_id();
    w.apply_to(1, SimEvent::AgentShutDown { agent: 0, down: true }, t0()).unwrap();
    let types = |w: &World, c: Option<usize>| -> Vec<EventType> {
        w.events.for_session(after, "", c).0.iter().map(|e| e.event_type).collect()
    };
    assert_eq!(types(&w, Some(1)), vec![EventType::AgentStateChanged]);
    assert!(types(&w, Some(0)).is_empty());
    w.apply(SimEvent::DatabaseVersion { version: None }, t0()).unwrap();
    for c in [Some(0), Some(1), None] {
        assert!(types(&w, c).contains(&EventType::JocStateChanged), "{c:?}");
    }
    assert!(!types(&w, None).contains(&EventType::AgentStateChanged), "a Controller JOC does not know");
}

#[test]
fn a_switching_controller_cluster_holds_off_a_joc_switchover() {
    let test = ControllerConfig { id: "test".into(), cluster: true, agents: 0, require_failover_confirmation: false };
    let mut w = World::new(WorldConfig { more_controllers: vec![test], ..WorldConfig::default() }, t0());
    w.apply_to(1, SimEvent::ClusterSwitchOver, t0()).unwrap();
    assert_eq!(w.cluster_switching().map(|c| c.cfg.id.as_str()), Some("test"));
    assert_eq!(w.apply(SimEvent::JocSwitchOver { to: 1 }, t0()), Err(Refusal::ClusterSwitchOverInProgress));
}

#[test]
fn a_loss_names_its_own_controller() {
    let test = ControllerConfig { id: "test".into(), cluster: true, agents: 0, require_failover_confirmation: true };
    let mut w = World::new(WorldConfig { more_controllers: vec![test], ..WorldConfig::default() }, t0());
    let after = w.events.last_id();
    w.apply_to(1, SimEvent::CrashUnwitnessed, t0()).unwrap();
    assert_eq!(cluster(&w, 1), C::FailoverToBeConfirmed);
    assert_eq!(cluster(&w, 0), C::Coupled);
    let (events, _) = w.events.for_session(after, "", Some(1));
    let problem = events.iter().find(|e| e.event_type == EventType::FailoverProblemEvent).unwrap();
    assert_eq!(problem.path.as_deref(), Some("test"));
    assert!(problem.message.as_deref().unwrap().contains("Controller Cluster 'test'"));
    w.apply_to(1, SimEvent::ConfirmNodeLoss, t0()).unwrap();
    assert_eq!(cluster(&w, 1), C::FailedOver);
}

#[test]
fn controllers_parse_from_the_command_line() {
    let parse = |s: &str| s.parse::<ControllerConfig>();
    let c = parse("test").unwrap();
    assert_eq!((c.id.as_str(), c.cluster, c.agents), ("test", true, 2));
    let c = parse("qa:standalone:0").unwrap();
    assert_eq!((c.id.as_str(), c.cluster, c.agents), ("qa", false, 0));
    assert_eq!(parse("qa:5").unwrap().agents, 5);
    for bad in ["", "a/b", "qa:11", "qa:standalone:standalone", "qa:many"] {
        assert!(parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn a_reset_marks_every_controller() {
    let mut w = two_controllers();
    let after = w.events.last_id();
    w.mark_reset(t0());
    for c in 0..2 {
        let (events, _) = w.events.for_session(after, "", Some(c));
        assert!(events.iter().any(|e| e.event_type == EventType::ControllerStateChanged), "{c}");
    }
}
