//! Transitions of the JOC Cockpit cluster: switch-over, display URL, heartbeats, fail-over.

use super::{Refusal, SimEvent, SimTime, World};
use app::model::joc::{EventType, ObjectType};
use chrono::Duration;

/// A JOC instance whose heartbeat is older than this loses the active role to a beating one.
const FAILOVER_AFTER: i64 = 61;

impl World {
    fn joc_changed(&mut self, now: SimTime) {
        self.emit(now, EventType::JocStateChanged, ObjectType::Joccluster);
    }

    /// The simulated time of a JOC instance's last heartbeat as the database has it.
    pub fn last_heartbeat(&self, joc: usize, now: SimTime) -> SimTime {
        let beat = self.jocs[joc].beats_stopped_at.unwrap_or(now);
        beat - Duration::seconds(self.db_delay as i64)
    }

    /// Does a JOC instance witness the Controller cluster (active, running, beating)?
    pub fn witness_alive(&self) -> bool {
        self.active_joc.is_some_and(|j| self.jocs[j].running && self.jocs[j].beats_stopped_at.is_none())
    }

    /// Index of the JOC instance with this memberId, while JOC's inventory has it.
    pub fn joc_by_member(&self, member_id: &str) -> Option<usize> {
        self.jocs.iter().position(|j| j.member_id == member_id && !j.removed)
    }

    /// Seconds since a JOC instance's last heartbeat as the database has it.
    pub fn heartbeat_age(&self, joc: usize, now: SimTime) -> i64 {
        (now - self.last_heartbeat(joc, now)).num_seconds()
    }

    /// Index of the JOC instance with this instanceId.
    pub fn joc_by_instance(&self, instance_id: &str) -> Option<usize> {
        self.jocs.iter().position(|j| j.instance_id == instance_id)
    }

    /// The Controller whose cluster switch-over is still settling (switched, not yet
    /// re-coupled), if any.
    pub fn cluster_switching(&self) -> Option<&super::ControllerWorld> {
        self.controllers.iter().find(|c| c.switching())
    }

    pub(super) fn joc_switchover(&mut self, to: usize, now: SimTime) -> Result<(), Refusal> {
        let j = self.jocs.get(to).ok_or_else(|| Refusal::UnknownMember(to.to_string()))?;
        if self.active_joc == Some(to) {
            return Err(Refusal::AlreadyActive(j.member_id.clone()));
        }
        if !j.running {
            return Err(Refusal::Unreachable(j.display_url.clone()));
        }
        if self.joc_switching_to.is_some() {
            return Err(Refusal::JocSwitchOverInProgress);
        }
        if self.cluster_switching().is_some() {
            return Err(Refusal::ClusterSwitchOverInProgress);
        }
        self.joc_switching_to = Some(to);
        let due = now + self.delay(20, 60);
        self.schedule(due, SimEvent::JocSwitchOverDone { to });
        Ok(())
    }

    pub(super) fn joc_switchover_done(&mut self, to: usize, now: SimTime) -> Result<(), Refusal> {
        self.joc_switching_to = None;
        let j = &self.jocs[to];
        if !j.running || j.beats_stopped_at.is_some() {
            return Err(Refusal::Unreachable(j.display_url.clone()));
        }
        self.active_joc = Some(to);
        self.joc_changed(now);
        Ok(())
    }

    pub(super) fn joc_url(&mut self, joc: usize, url: String, now: SimTime) -> Result<(), Refusal> {
        let j = self.jocs.get_mut(joc).ok_or_else(|| Refusal::UnknownInstance(joc.to_string()))?;
        j.display_url = url;
        self.joc_changed(now);
        Ok(())
    }

    /// Deletes a JOC instance from the inventory: only one that is neither active nor has
    /// beaten within the last minute (checked by the caller, as JOC does).
    pub(super) fn joc_removed(&mut self, joc: usize, now: SimTime) -> Result<(), Refusal> {
        let j = self.jocs.get_mut(joc).ok_or_else(|| Refusal::UnknownInstance(joc.to_string()))?;
        j.removed = true;
        self.joc_changed(now);
        Ok(())
    }

    pub(super) fn joc_heartbeats(&mut self, joc: usize, beating: bool, now: SimTime) -> Result<(), Refusal> {
        let j = self.jocs.get_mut(joc).ok_or_else(|| Refusal::UnknownInstance(joc.to_string()))?;
        match (beating, j.beats_stopped_at) {
            (true, Some(_)) => {
                j.beats_stopped_at = None;
                j.removed = false;
            }
            (false, None) => j.beats_stopped_at = Some(now),
            _ => {}
        }
        Ok(())
    }

    pub(super) fn joc_process(&mut self, joc: usize, running: bool, now: SimTime) -> Result<(), Refusal> {
        let j = self.jocs.get_mut(joc).ok_or_else(|| Refusal::UnknownInstance(joc.to_string()))?;
        if j.running == running {
            return Ok(());
        }
        j.running = running;
        if running {
            j.started_at = now;
            j.beats_stopped_at = None;
            j.removed = false;
            if self.active_joc.is_none() {
                self.active_joc = Some(joc);
                self.joc_changed(now);
            }
        } else if j.beats_stopped_at.is_none() {
            j.beats_stopped_at = Some(now);
        }
        Ok(())
    }

    /// The active JOC stopped beating for over a minute: a beating standby takes over.
    pub(super) fn joc_failover(&mut self, now: SimTime) -> bool {
        let Some(active) = self.active_joc else {
            return false;
        };
        let stale = (now - self.last_heartbeat(active, now)).num_seconds() > FAILOVER_AFTER;
        if !stale {
            return false;
        }
        let heir = (0..self.jocs.len()).find(|&j| {
            j != active && self.jocs[j].running && (now - self.last_heartbeat(j, now)).num_seconds() <= FAILOVER_AFTER
        });
        match heir {
            Some(h) => {
                self.active_joc = Some(h);
                self.joc_switching_to = None;
                self.joc_changed(now);
                true
            }
            None => false,
        }
    }
}
