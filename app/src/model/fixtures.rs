//! Sample `controller/components` answers for tests and documentation: a healthy JOC cluster
//! with a coupled Controller cluster, and a standalone installation, which tests then bend.

use super::joc::*;

const T: &str = "2026-01-15T10:00:00.000+00:00";

fn os() -> Os {
    Os { name: Some("Linux".into()), architecture: Some("amd64".into()), distribution: Some("Debian 12".into()) }
}

/// A JOC instance in good health; `active` picks its cluster node state (None: no JOC cluster).
pub fn joc(n: u64, current: bool, active: Option<bool>) -> Cockpit {
    Cockpit {
        id: n + 1,
        instance_id: format!("joc#{n}"),
        member_id: format!("jochost{n}:{n:064x}"),
        title: Some(format!("JOC {n}")),
        current,
        host: Some(format!("jochost{n}")),
        url: Some(format!("http://jochost{n}:4446")),
        started_at: Some(T.into()),
        version: Some("2.8.4".into()),
        is_api_server: false,
        connection_state: Some(ConnectionStateText::Established.state()),
        component_state: Some(ComponentStateText::Operational.state()),
        cluster_node_state: active
            .map(|a| if a { ClusterNodeStateText::Active.state() } else { ClusterNodeStateText::Inactive.state() }),
        controller_connection_states: vec![],
        os: Some(os()),
        security_level: Some(SecurityLevel::Low),
        last_heartbeat: Some(T.into()),
    }
}

/// A reachable Controller instance; `active` picks its cluster node state (None: standalone).
pub fn controller(role: Role, active: Option<bool>) -> Controller {
    let n = match role {
        Role::Backup => 2,
        _ => 1,
    };
    Controller {
        id: n,
        survey_date: Some(T.into()),
        controller_id: "controller".into(),
        title: format!("{role:?} Controller").to_uppercase(),
        host: Some(format!("ctl{n}")),
        url: format!("http://ctl{n}:4444"),
        cluster_url: active.map(|_| format!("http://ctl{n}:4444")),
        role,
        is_coupled: active.is_some(),
        started_at: Some(T.into()),
        version: Some("2.8.4".into()),
        java_version: Some("17.0.12".into()),
        os: Some(os()),
        security_level: Some(SecurityLevel::Low),
        component_state: Some(ComponentStateText::Operational.state()),
        connection_state: Some(ConnectionStateText::Established.state()),
        cluster_node_state: active
            .map(|a| if a { ClusterNodeStateText::Active.state() } else { ClusterNodeStateText::Inactive.state() }),
        force_failover_confirmation: active.map(|_| false),
    }
}

fn with_connections(mut jocs: Vec<Cockpit>, controllers: &[Controller]) -> Vec<Cockpit> {
    for j in &mut jocs {
        j.controller_connection_states = controllers
            .iter()
            .map(|c| ControllerConnectionState {
                role: c.role,
                state: c.connection_state.clone().unwrap_or(ConnectionStateText::Unknown.state()),
            })
            .collect();
    }
    jocs
}

fn database() -> Database {
    Database {
        dbms: Some("PostgreSQL".into()),
        version: Some("15.4".into()),
        component_state: Some(ComponentStateText::Operational.state()),
        connection_state: Some(ConnectionStateText::Established.state()),
    }
}

/// Two JOC instances (the first current and active) and a coupled PRIMARY + BACKUP cluster.
pub fn healthy_cluster() -> Components {
    let controllers = vec![controller(Role::Primary, Some(true)), controller(Role::Backup, Some(false))];
    Components {
        delivery_date: T.into(),
        jocs: with_connections(vec![joc(0, true, Some(true)), joc(1, false, Some(false))], &controllers),
        database: database(),
        controllers,
        cluster_state: Some(ClusterState::of(ClusterType::Coupled)),
    }
}

/// One JOC instance and one standalone Controller.
pub fn standalone() -> Components {
    let controllers = vec![controller(Role::Standalone, None)];
    Components {
        delivery_date: T.into(),
        jocs: with_connections(vec![joc(0, true, None)], &controllers),
        database: database(),
        controllers,
        cluster_state: Some(ClusterState::of(ClusterType::Unknown)),
    }
}

/// Makes a Controller instance unreachable, as JOC reports it.
pub fn make_unreachable(c: &mut Controller) {
    c.component_state = Some(ComponentStateText::Unknown.state());
    c.connection_state = Some(ConnectionStateText::Unreachable.state());
    if c.cluster_node_state.is_some() {
        c.cluster_node_state = Some(ClusterNodeStateText::Unknown.state());
    }
    c.is_coupled = false;
}
