//! The overview: every Controller of every installation as one tile, with the worst colour of
//! its drawing and how many of its parts are not green.

use super::colours::{Tone, agent_group_tone, panel_tones};
use super::feed::Snapshot;
use super::joc::group_agents;
use serde::{Deserialize, Serialize};

/// One Controller ID, summed up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tile {
    pub controller_id: String,
    /// The worst colour of the drawing; grey before the first read.
    pub tone: Tone,
    /// Parts not green: each JOC instance (with its lines), the database, each Controller
    /// instance, the cluster, each Agent.
    pub not_green: u32,
    /// The parts drawn.
    pub parts: u32,
    /// JOC cannot be read: the colours are the last known (since when, RFC 3339).
    #[serde(default)]
    pub stale_since: Option<String>,
    /// JOC was never read.
    #[serde(default)]
    pub unread: bool,
    /// The Controller's share up over the last 7 days, in tenths of a percent (rounded down,
    /// so that a week with downtime never shows 100 %); None without a history.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub up_tenths: Option<u16>,
}

/// The Controller's share up over the last 7 days, in tenths of a percent.
fn up_tenths(s: &Snapshot) -> Option<u16> {
    use super::availability::{DAY_MS, STRIP_DAYS, percent_up};
    let a = s.availability.as_ref()?;
    let pct = percent_up(a.controller.as_ref()?, a.from, a.as_of, STRIP_DAYS as i64 * DAY_MS)?;
    Some((pct * 10.0).floor().clamp(0.0, 1000.0) as u16)
}

/// The tile of one Controller's snapshot.
pub fn tile(s: &Snapshot) -> Tile {
    let stale_since = s.stale.as_ref().map(|st| st.since.clone());
    let Some(c) = &s.components else {
        return Tile {
            controller_id: s.controller_id.clone(),
            tone: if s.stale.is_some() { Tone::Bad } else { Tone::Idle },
            not_green: 0,
            parts: 0,
            stale_since,
            unread: true,
            up_tenths: up_tenths(s),
        };
    };
    let t = panel_tones(c);
    let jocs = t.jocs.iter().map(|j| {
        Tone::worst([j.tile, j.database_line].into_iter().chain(j.controller_lines.iter().copied())).unwrap_or(j.tile)
    });
    let agents = group_agents(&s.agents).iter().map(agent_group_tone).collect::<Vec<_>>();
    let parts: Vec<Tone> =
        jocs.chain([t.database]).chain(t.controllers.iter().copied()).chain(t.cluster_line).chain(agents).collect();
    Tile {
        controller_id: s.controller_id.clone(),
        tone: Tone::worst(parts.iter().copied()).unwrap_or(Tone::Idle),
        not_green: parts.iter().filter(|p| **p != Tone::Ok).count() as u32,
        parts: parts.len() as u32,
        stale_since,
        unread: false,
        up_tenths: up_tenths(s),
    }
}

/// Whether the user is in an installation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Access {
    /// Logged in: its Controllers are shown.
    Open,
    /// JOC refused the account: the user may log in there with another one.
    Refused,
    /// JOC could not be asked at login.
    Unreachable,
    /// Not logged in there (the session ended there).
    LoggedOut,
}

/// One installation's line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    pub installation: String,
    pub access: Access,
    /// The Controllers the user may see, sorted by ID.
    pub tiles: Vec<Tile>,
}

/// The whole overview, as the server pushes it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overview {
    /// Increases with every overview of one stream.
    pub seq: u64,
    /// Identifies the stream, so a new connection's first overview is accepted.
    pub epoch: u64,
    pub lines: Vec<Line>,
}

impl Overview {
    /// Should a browser that shows `shown` replace it with `self`?
    pub fn is_newer_than(&self, shown: &Overview) -> bool {
        self.epoch != shown.epoch || self.seq > shown.seq
    }

    /// The worst colour of all tiles (grey without any).
    pub fn worst(&self) -> Tone {
        Tone::worst(self.lines.iter().flat_map(|l| l.tiles.iter().map(|t| t.tone))).unwrap_or(Tone::Idle)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixtures;

    fn snapshot(c: Option<crate::model::joc::Components>) -> Snapshot {
        Snapshot { controller_id: "jobs".into(), components: c, ..Snapshot::default() }
    }

    #[test]
    fn a_healthy_cluster_is_green_with_nothing_counted() {
        let s = snapshot(Some(fixtures::healthy_cluster()));
        let t = tile(&s);
        assert_eq!((t.tone, t.not_green, t.unread, t.stale_since.as_deref()), (Tone::Ok, 0, false, None));
        // Two JOC instances, the database, two Controller instances, the cluster.
        assert_eq!(t.parts, 6);
    }

    #[test]
    fn the_worst_part_colours_the_tile_and_each_bad_part_counts() {
        let mut c = fixtures::healthy_cluster();
        fixtures::make_unreachable(&mut c.controllers[1]);
        let t = tile(&snapshot(Some(c)));
        assert_eq!(t.tone, Tone::Bad);
        // The Controller, the cluster, each JOC's line to it.
        assert!(t.not_green >= 2, "{t:?}");
        assert!(t.not_green <= t.parts);
    }

    #[test]
    fn never_read_is_grey_and_failed_before_the_first_read_is_red() {
        let t = tile(&snapshot(None));
        assert_eq!((t.tone, t.unread, t.parts), (Tone::Idle, true, 0));
        let mut s = snapshot(None);
        s.stale = Some(crate::model::feed::Staleness {
            since: "2026-12-03T10:00:00Z".into(),
            code: crate::model::errors::ErrorCode::Unreachable,
            message: String::new(),
            endpoint: None,
        });
        let t = tile(&s);
        assert_eq!((t.tone, t.unread, t.stale_since.as_deref()), (Tone::Bad, true, Some("2026-12-03T10:00:00Z")));
    }

    #[test]
    fn a_stale_tile_keeps_its_last_colours_and_says_since_when() {
        let mut s = snapshot(Some(fixtures::healthy_cluster()));
        s.stale = Some(crate::model::feed::Staleness {
            since: "2026-12-03T10:00:00Z".into(),
            code: crate::model::errors::ErrorCode::Timeout,
            message: String::new(),
            endpoint: Some("events".into()),
        });
        let t = tile(&s);
        assert_eq!((t.tone, t.stale_since.is_some(), t.unread), (Tone::Ok, true, false));
    }

    #[test]
    fn newer_overviews_replace_older_ones() {
        let a = Overview { seq: 3, epoch: 1, lines: vec![] };
        assert!(Overview { seq: 4, ..a.clone() }.is_newer_than(&a));
        assert!(!Overview { seq: 2, ..a.clone() }.is_newer_than(&a));
        assert!(Overview { seq: 1, epoch: 2, lines: vec![] }.is_newer_than(&a), "a new stream");
        assert_eq!(a.worst(), Tone::Idle);
    }
}
