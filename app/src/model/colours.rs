//! The seed's colour rules: one pure function from JOC's answer to the colour of every tile and
//! line of the panel.
//!
//! JOC 2.8 itself colours by raw severity and cannot show some of the seed's colours (a yellow
//! Controller tile needs `limited`, which JOC never sends). The product follows the seed and
//! derives each colour from the same JSON, as `API.md` §10 lays out.

use super::joc::{
    AgentStateText, ClusterType, Cockpit, ComponentStateText, Components, ConnectionState, ConnectionStateText,
    Controller, Role,
};

/// A colour of the panel. Each maps to a CSS theme token (`var(--tone-ok)` ...) and to a word
/// and a shape, so the panel also reads in greyscale.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tone {
    /// Green: healthy.
    Ok,
    /// Yellow: running, but not healthy.
    Warn,
    /// Red: failed or unknown.
    Bad,
    /// Grey: nothing to say (no data).
    Idle,
}

impl Tone {
    /// The CSS class suffix and theme token name.
    pub fn token(self) -> &'static str {
        match self {
            Tone::Ok => "ok",
            Tone::Warn => "warn",
            Tone::Bad => "bad",
            Tone::Idle => "idle",
        }
    }
}

/// Colour of a JOC Cockpit instance and of its lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JocTones {
    pub tile: Tone,
    /// The line to the database.
    pub database_line: Tone,
    /// One line per Controller instance, in the order of `controllers`.
    pub controller_lines: Vec<Tone>,
}

/// Every colour of the panel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PanelTones {
    pub jocs: Vec<JocTones>,
    pub database: Tone,
    pub controllers: Vec<Tone>,
    /// The line between the two Controller instances; `None` when standalone.
    pub cluster_line: Option<Tone>,
}

/// JOC tile: green when operational, red when unknown (the seed's two colours); a JOC that
/// says it is limited is yellow, inoperable red.
pub fn joc_tile(joc: &Cockpit) -> Tone {
    component_tone(joc.component_state.text)
}

fn component_tone(text: ComponentStateText) -> Tone {
    match text {
        ComponentStateText::Operational => Tone::Ok,
        ComponentStateText::Limited => Tone::Warn,
        ComponentStateText::Inoperable | ComponentStateText::Unknown | ComponentStateText::Unrecognised => Tone::Bad,
    }
}

/// A connection line: green established, yellow unstable (missed heartbeats), red otherwise.
pub fn connection_tone(state: &ConnectionState) -> Tone {
    match state.text {
        ConnectionStateText::Established => Tone::Ok,
        ConnectionStateText::Unstable => Tone::Warn,
        ConnectionStateText::Unreachable | ConnectionStateText::Unknown | ConnectionStateText::Unrecognised => {
            Tone::Bad
        }
    }
}

/// Is a Controller instance reachable from JOC?
pub fn is_reachable(ctl: &Controller) -> bool {
    ctl.connection_state.as_ref().is_some_and(|c| c.text == ConnectionStateText::Established)
        && ctl.component_state.as_ref().is_some_and(|c| c.text != ComponentStateText::Unknown)
}

/// Controller tile: red when unknown or unreachable; yellow when running but not healthy
/// (limited or inoperable, or operational in a cluster that is not coupled); green otherwise.
pub fn controller_tile(ctl: &Controller, cluster: Option<ClusterType>) -> Tone {
    if !is_reachable(ctl) {
        return Tone::Bad;
    }
    let text = ctl.component_state.as_ref().map(|c| c.text);
    match text {
        Some(ComponentStateText::Operational) => {
            let coupled = cluster == Some(ClusterType::Coupled);
            if ctl.role != Role::Standalone && !coupled { Tone::Warn } else { Tone::Ok }
        }
        Some(ComponentStateText::Limited | ComponentStateText::Inoperable) => Tone::Warn,
        _ => Tone::Bad,
    }
}

/// Cluster line: green when both instances are reachable and coupled; yellow when both are
/// reachable without successful coupling; red when either is unreachable.
pub fn cluster_line(controllers: &[Controller], cluster: Option<ClusterType>) -> Option<Tone> {
    let members: Vec<&Controller> = controllers.iter().filter(|c| c.role != Role::Standalone).collect();
    if members.len() < 2 {
        return None;
    }
    Some(if !members.iter().all(|c| is_reachable(c)) {
        Tone::Bad
    } else if cluster == Some(ClusterType::Coupled) {
        Tone::Ok
    } else {
        Tone::Warn
    })
}

/// The line from a JOC instance to a Controller instance: what this JOC reports for the
/// Controller's role, else the Controller's own connection state.
pub fn joc_controller_line(joc: &Cockpit, ctl: &Controller) -> Tone {
    let seen = joc.controller_connection_states.iter().find(|s| s.role == ctl.role);
    match (seen, &ctl.connection_state) {
        (Some(s), _) => connection_tone(&s.state),
        (None, Some(c)) => connection_tone(c),
        (None, None) => Tone::Bad,
    }
}

/// An Agent's colour: coupled green, resetting or initialising yellow, shut down red,
/// unknown (no Controller to ask) grey.
pub fn agent_tone(t: AgentStateText) -> Tone {
    match t.severity() {
        0 => Tone::Ok,
        1 => Tone::Warn,
        2 => Tone::Bad,
        _ => Tone::Idle,
    }
}

/// All colours of the panel from one `controller/components` answer.
pub fn panel_tones(c: &Components) -> PanelTones {
    let cluster = c.cluster_state.as_ref().map(|s| s.text);
    PanelTones {
        jocs: c
            .jocs
            .iter()
            .map(|j| JocTones {
                tile: joc_tile(j),
                database_line: connection_tone(&j.connection_state),
                controller_lines: c.controllers.iter().map(|k| joc_controller_line(j, k)).collect(),
            })
            .collect(),
        database: component_tone(c.database.component_state.text),
        controllers: c.controllers.iter().map(|k| controller_tile(k, cluster)).collect(),
        cluster_line: cluster_line(&c.controllers, cluster),
    }
}

#[cfg(test)]
#[path = "colours_tests.rs"]
mod tests;
