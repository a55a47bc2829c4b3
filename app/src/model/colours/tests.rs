use super::*;
use crate::model::fixtures::*;
use crate::model::joc::*;
use Tone::*;

fn set_cluster(c: &mut Components, t: ClusterType) {
    c.cluster_state = Some(ClusterState::of(t));
    for k in &mut c.controllers {
        k.is_coupled = t == ClusterType::Coupled;
    }
}

fn sync_connections(c: &mut Components) {
    let states: Vec<_> = c
        .controllers
        .iter()
        .map(|k| ControllerConnectionState { role: k.role, state: k.connection_state.clone().unwrap() })
        .collect();
    for j in &mut c.jocs {
        if j.component_state.as_ref().is_some_and(|s| s.text != ComponentStateText::Unknown) {
            j.controller_connection_states = states.clone();
        }
    }
}

/// One row per situation of the seed: how JOC reports it, and the colours the panel shows.
#[test]
fn every_case_of_the_seed() {
    struct Case {
        name: &'static str,
        bend: fn(&mut Components),
        jocs: Vec<(Tone, Tone, Vec<Tone>)>,
        controllers: Vec<Tone>,
        cluster_line: Option<Tone>,
    }
    let cases = vec![
        Case {
            name: "healthy cluster",
            bend: |_| {},
            jocs: vec![(Ok, Ok, vec![Ok, Ok]), (Ok, Ok, vec![Ok, Ok])],
            controllers: vec![Ok, Ok],
            cluster_line: Some(Ok),
        },
        Case {
            name: "standby JOC stopped beating for over 61 s: red tile, lines unknown",
            bend: |c| {
                let j = &mut c.jocs[1];
                j.component_state = Some(ComponentStateText::Unknown.state());
                j.connection_state = Some(ConnectionStateText::Unknown.state());
                for s in &mut j.controller_connection_states {
                    s.state = ConnectionStateText::Unknown.state();
                }
            },
            jocs: vec![(Ok, Ok, vec![Ok, Ok]), (Bad, Bad, vec![Bad, Bad])],
            controllers: vec![Ok, Ok],
            cluster_line: Some(Ok),
        },
        Case {
            name: "database heartbeats late (31-61 s): yellow JOC → DB line",
            bend: |c| c.jocs[0].connection_state = Some(ConnectionStateText::Unstable.state()),
            jocs: vec![(Ok, Warn, vec![Ok, Ok]), (Ok, Ok, vec![Ok, Ok])],
            controllers: vec![Ok, Ok],
            cluster_line: Some(Ok),
        },
        Case {
            name: "backup unreachable: red backup, yellow primary, red cluster line",
            bend: |c| {
                make_unreachable(&mut c.controllers[1]);
                set_cluster(c, ClusterType::Unknown);
                sync_connections(c);
            },
            jocs: vec![(Ok, Ok, vec![Ok, Bad]), (Ok, Ok, vec![Ok, Bad])],
            controllers: vec![Warn, Bad],
            cluster_line: Some(Bad),
        },
        Case {
            name: "coupling failed while both run: yellow tiles, yellow cluster line",
            bend: |c| {
                set_cluster(c, ClusterType::PreparedToBeCoupled);
                c.controllers[1].component_state = Some(ComponentStateText::Inoperable.state());
            },
            jocs: vec![(Ok, Ok, vec![Ok, Ok]), (Ok, Ok, vec![Ok, Ok])],
            controllers: vec![Warn, Warn],
            cluster_line: Some(Warn),
        },
        Case {
            name: "passive lost after a restart, both reachable again: yellow",
            bend: |c| set_cluster(c, ClusterType::PassiveLost),
            jocs: vec![(Ok, Ok, vec![Ok, Ok]), (Ok, Ok, vec![Ok, Ok])],
            controllers: vec![Warn, Warn],
            cluster_line: Some(Warn),
        },
        Case {
            name: "primary lost, loss to be confirmed",
            bend: |c| {
                make_unreachable(&mut c.controllers[0]);
                set_cluster(c, ClusterType::NodeLossToBeConfirmed);
                c.cluster_state.as_mut().unwrap().loss_node = Some("Primary".into());
                sync_connections(c);
            },
            jocs: vec![(Ok, Ok, vec![Bad, Ok]), (Ok, Ok, vec![Bad, Ok])],
            controllers: vec![Bad, Warn],
            cluster_line: Some(Bad),
        },
        Case {
            name: "standalone: no cluster line, ClusterUnknown does not make it yellow",
            bend: |c| *c = standalone(),
            jocs: vec![(Ok, Ok, vec![Ok])],
            controllers: vec![Ok],
            cluster_line: None,
        },
        Case {
            name: "standalone Controller down",
            bend: |c| {
                *c = standalone();
                make_unreachable(&mut c.controllers[0]);
                sync_connections(c);
            },
            jocs: vec![(Ok, Ok, vec![Bad])],
            controllers: vec![Bad],
            cluster_line: None,
        },
    ];
    for case in cases {
        let mut c = healthy_cluster();
        (case.bend)(&mut c);
        let t = panel_tones(&c);
        let jocs: Vec<_> = t.jocs.iter().map(|j| (j.tile, j.database_line, j.controller_lines.clone())).collect();
        assert_eq!(jocs, case.jocs, "{}: JOC tiles and lines", case.name);
        assert_eq!(t.controllers, case.controllers, "{}: Controller tiles", case.name);
        assert_eq!(t.cluster_line, case.cluster_line, "{}: cluster line", case.name);
        assert_eq!(t.database, Ok, "{}", case.name);
    }
}

#[test]
fn every_connection_text_has_a_tone() {
    let table = [
        (ConnectionStateText::Established, Ok),
        (ConnectionStateText::Unstable, Warn),
        (ConnectionStateText::Unreachable, Bad),
        (ConnectionStateText::Unknown, Bad),
        (ConnectionStateText::Unrecognised, Bad),
    ];
    for (text, tone) in table {
        assert_eq!(connection_tone(&text.state()), tone, "{text:?}");
    }
}

#[test]
fn every_cluster_type_colours_a_reachable_pair() {
    for t in ClusterType::ALL {
        let mut c = healthy_cluster();
        set_cluster(&mut c, t);
        let tones = panel_tones(&c);
        let expected = if t == ClusterType::Coupled { Ok } else { Warn };
        assert_eq!(tones.cluster_line, Some(expected), "{t:?}");
        assert_eq!(tones.controllers, vec![expected, expected], "{t:?}");
    }
}
