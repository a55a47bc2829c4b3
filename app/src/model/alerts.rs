//! What a browser notification says: a part of the watched Controller's drawing that turns
//! red, or the board's data going stale, each once per change.

use super::changes::{Change, Subject, snapshot_diff};
use super::colours::{Tone, agent_group_tone, panel_tones};
use super::feed::Snapshot;
use super::joc::group_agents;

/// One notification.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Alert {
    /// A part turned red; the changes that made it so.
    Red { subject: Subject, changes: Vec<Change> },
    /// JOC cannot be read any more (the board shows the last data, stale).
    Stale { message: String },
}

impl Alert {
    /// A tag that lets the browser replace an older notification of the same part.
    pub fn tag(&self, controller_id: &str) -> String {
        match self {
            Alert::Red { subject, .. } => format!("js7-status:{controller_id}:{subject:?}"),
            Alert::Stale { .. } => format!("js7-status:{controller_id}:stale"),
        }
    }
}

/// The colour of each part of a snapshot's drawing, by the name the timeline uses.
fn tones(s: &Snapshot) -> Vec<(Subject, Tone)> {
    let Some(c) = &s.components else { return Vec::new() };
    let t = panel_tones(c);
    let mut out = Vec::new();
    for (j, tones) in c.jocs.iter().zip(&t.jocs) {
        let name = j.title.clone().or(j.host.clone()).unwrap_or_else(|| j.instance_id.clone());
        out.push((Subject::Joc(name), tones.tile));
    }
    out.push((Subject::Database, t.database));
    for (k, tone) in c.controllers.iter().zip(&t.controllers) {
        out.push((Subject::Controller(k.title.clone()), *tone));
    }
    if let Some(line) = t.cluster_line {
        out.push((Subject::Cluster, line));
    }
    for g in group_agents(&s.agents) {
        out.push((Subject::Agent(g.agent.name().to_string()), agent_group_tone(&g)));
    }
    out
}

/// The notifications from `before` to `after` of the same Controller: each part that was
/// drawn and not red before and is red now, and the data going stale. Nothing for the first
/// snapshot, another Controller or an older snapshot.
pub fn alerts(before: &Snapshot, after: &Snapshot) -> Vec<Alert> {
    if before.controller_id != after.controller_id || !after.is_newer_than(before) {
        return Vec::new();
    }
    let mut out = Vec::new();
    if before.stale.is_none()
        && let Some(st) = &after.stale
    {
        out.push(Alert::Stale { message: st.message.clone() });
    }
    let was = tones(before);
    let changes = snapshot_diff(before, after);
    for (subject, tone) in tones(after) {
        let earlier = was.iter().find(|(s, _)| *s == subject).map(|(_, t)| *t);
        if tone == Tone::Bad && earlier.is_some_and(|t| t != Tone::Bad) {
            let mine: Vec<Change> = changes.iter().filter(|c| c.subject == subject).cloned().collect();
            out.push(Alert::Red { subject, changes: mine });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::errors::ErrorCode;
    use crate::model::feed::Staleness;
    use crate::model::fixtures::{healthy_cluster, make_unreachable};

    fn snap(seq: u64) -> Snapshot {
        Snapshot { seq, controller_id: "controller".into(), components: Some(healthy_cluster()), ..Snapshot::default() }
    }

    #[test]
    fn a_controller_turning_red_is_an_alert_with_its_changes() {
        let a = snap(1);
        let mut b = snap(2);
        let c = b.components.as_mut().unwrap();
        make_unreachable(&mut c.controllers[0]);
        let got = alerts(&a, &b);
        // The instance, and the cluster's line to it.
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(matches!(&got[1], Alert::Red { subject: Subject::Cluster, .. }));
        let Alert::Red { subject, changes } = &got[0] else { panic!("{got:?}") };
        assert_eq!(*subject, Subject::Controller(a.components.as_ref().unwrap().controllers[0].title.clone()));
        assert!(!changes.is_empty());
        // Still red in the next snapshot: no second alert.
        let mut c2 = b.clone();
        c2.seq = 3;
        assert!(alerts(&b, &c2).is_empty());
        // An older snapshot or another Controller says nothing.
        assert!(alerts(&b, &a).is_empty());
        let other = Snapshot { controller_id: "other".into(), seq: 9, ..b.clone() };
        assert!(alerts(&a, &other).is_empty());
    }

    #[test]
    fn going_stale_is_one_alert() {
        let a = snap(1);
        let stale = Staleness {
            since: "t".into(),
            code: ErrorCode::Unreachable,
            message: "cannot connect to JOC".into(),
            endpoint: None,
        };
        let b = Snapshot { seq: 2, stale: Some(stale.clone()), ..snap(2) };
        assert_eq!(alerts(&a, &b), vec![Alert::Stale { message: "cannot connect to JOC".into() }]);
        let c = Snapshot { seq: 3, stale: Some(stale), ..snap(3) };
        assert!(alerts(&b, &c).is_empty(), "once per change");
    }
}
