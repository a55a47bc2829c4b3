//! The seed's colour rules: one pure function from JOC's answer to the colour of every tile and
//! line of the panel.
//!
//! JOC 2.8 itself colours by raw severity and cannot show some of the seed's colours (a yellow
//! Controller tile needs `limited`, which JOC never sends). The product follows the seed and
//! derives each colour from the same JSON, rule by rule below.

use super::joc::{
    AgentGroup, AgentState, ClusterType, Cockpit, ComponentState, ComponentStateText, Components, ConnectionState,
    ConnectionStateText, Controller, Role,
};

/// A colour of the panel. Each maps to a CSS theme token (`var(--tone-ok)` ...) and to a word
/// and a shape, so the panel also reads in greyscale.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
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
    /// How bad it is, for choosing the worst of several: green, grey, yellow, red.
    pub fn rank(self) -> u8 {
        match self {
            Tone::Ok => 0,
            Tone::Idle => 1,
            Tone::Warn => 2,
            Tone::Bad => 3,
        }
    }

    /// The worse of the colours, `None` for none.
    pub fn worst(tones: impl IntoIterator<Item = Tone>) -> Option<Tone> {
        tones.into_iter().max_by_key(|t| t.rank())
    }

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
/// says it is limited is yellow, inoperable red; one whose state JOC left out is unknown, red.
pub fn joc_tile(joc: &Cockpit) -> Tone {
    component_tone(joc.component_state.as_ref())
}

/// A component's state; a text this version does not know is coloured by JOC's severity.
fn component_tone(state: Option<&ComponentState>) -> Tone {
    match state.map(|s| (s.text, s.severity)) {
        Some((ComponentStateText::Operational, _)) => Tone::Ok,
        Some((ComponentStateText::Limited, _)) => Tone::Warn,
        Some((ComponentStateText::Unrecognised, severity)) => severity_tone(severity),
        Some((ComponentStateText::Inoperable | ComponentStateText::Unknown, _)) | None => Tone::Bad,
    }
}

/// A connection line: green established, yellow unstable (missed heartbeats), red otherwise;
/// a text this version does not know is coloured by JOC's severity.
pub fn connection_tone(state: &ConnectionState) -> Tone {
    match state.text {
        ConnectionStateText::Established => Tone::Ok,
        ConnectionStateText::Unstable => Tone::Warn,
        ConnectionStateText::Unrecognised => severity_tone(state.severity),
        ConnectionStateText::Unreachable | ConnectionStateText::Unknown => Tone::Bad,
    }
}

/// A connection whose state JOC left out is unknown: red.
fn maybe_connection_tone(state: Option<&ConnectionState>) -> Tone {
    state.map_or(Tone::Bad, connection_tone)
}

/// JOC's severity as a colour, as JOC's own widgets paint it: 0 green, 1 yellow, 2 red, 3 and
/// 4 (pending, unknown) grey; the Agents' connection-problem severities 5 (not dedicated) and
/// 8 (temporary error) yellow; anything else red, so that a state never reads healthier than
/// JOC says.
pub fn severity_tone(severity: i32) -> Tone {
    match severity {
        0 => Tone::Ok,
        1 | 5 | 8 => Tone::Warn,
        3 | 4 => Tone::Idle,
        _ => Tone::Bad,
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

/// An Agent's or Subagent's colour, by JOC's severity and never by its text: JOC reports an
/// Agent it cannot reach as `COUPLED` with severity 2, red. No state at all (no Controller to
/// ask) is grey.
pub fn agent_tone(state: Option<&AgentState>) -> Tone {
    state.map_or(Tone::Idle, |s| severity_tone(s.severity))
}

/// An Agent cluster's colour: its own state, but yellow (running, not healthy) when it says
/// healthy while one of its Subagents is not; when JOC reports no state for the cluster, the
/// worst of its Subagents'.
pub fn agent_group_tone(g: &AgentGroup) -> Tone {
    let subagents = Tone::worst(g.subagents.iter().map(|s| agent_tone(s.state.as_ref())));
    match (g.agent.state.as_ref().map(|s| severity_tone(s.severity)), subagents) {
        (Some(Tone::Ok), Some(worst)) if worst != Tone::Ok => Tone::Warn,
        (Some(own), _) => own,
        (None, worst) => worst.unwrap_or(Tone::Idle),
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
                database_line: maybe_connection_tone(j.connection_state.as_ref()),
                controller_lines: c.controllers.iter().map(|k| joc_controller_line(j, k)).collect(),
            })
            .collect(),
        database: component_tone(c.database.component_state.as_ref()),
        controllers: c.controllers.iter().map(|k| controller_tile(k, cluster)).collect(),
        cluster_line: cluster_line(&c.controllers, cluster),
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod agent_tests {
    use super::*;
    use crate::model::joc::{Agent, AgentStateText, group_agents};

    #[test]
    fn agents_are_coloured_by_severity_never_by_text() {
        let table = [
            (AgentStateText::Coupled, 0, Tone::Ok),
            (AgentStateText::Coupled, 2, Tone::Bad),
            (AgentStateText::Coupled, 5, Tone::Warn),
            (AgentStateText::Coupled, 8, Tone::Warn),
            (AgentStateText::Resetting, 1, Tone::Warn),
            (AgentStateText::Shutdown, 2, Tone::Bad),
            (AgentStateText::Unknown, 4, Tone::Idle),
            (AgentStateText::Unrecognised, 9, Tone::Bad),
        ];
        for (text, severity, tone) in table {
            assert_eq!(agent_tone(Some(&text.state().with_severity(severity))), tone, "{text:?} {severity}");
        }
        assert_eq!(agent_tone(None), Tone::Idle);
    }

    #[test]
    fn an_agent_cluster_is_coloured_by_its_state_and_its_subagents() {
        let mut head = Agent::headless("c");
        head.agent_name = Some("c".into());
        let sub = |id: &str, sev: i32| {
            let mut s = Agent::headless("c");
            s.subagent_id = Some(id.into());
            s.state = Some(AgentStateText::Coupled.state().with_severity(sev));
            s
        };
        let g = &group_agents(&[head.clone(), sub("c1", 0), sub("c2", 2)])[0];
        assert_eq!(agent_group_tone(g), Tone::Bad);
        head.state = Some(AgentStateText::Coupled.state());
        assert_eq!(
            agent_group_tone(&group_agents(&[head.clone(), sub("c1", 2)])[0]),
            Tone::Warn,
            "running, not healthy"
        );
        assert_eq!(agent_group_tone(&group_agents(&[head.clone(), sub("c1", 0)])[0]), Tone::Ok);
        head.state = Some(AgentStateText::Coupled.state().with_severity(2));
        assert_eq!(agent_group_tone(&group_agents(&[head, sub("c1", 0)])[0]), Tone::Bad, "JOC's own verdict first");
    }

    #[test]
    fn worst_ranks_red_over_yellow_over_grey_over_green() {
        assert_eq!(Tone::worst([Tone::Ok, Tone::Idle, Tone::Warn]), Some(Tone::Warn));
        assert_eq!(Tone::worst([Tone::Idle, Tone::Ok]), Some(Tone::Idle));
        assert_eq!(Tone::worst([Tone::Bad, Tone::Warn]), Some(Tone::Bad));
        assert_eq!(Tone::worst([]), None);
    }
}
