//! A scripted JOC instance behind the [`Joc`] trait, for the feed's and the sessions' unit
//! tests: each test says what it answers, and reads back what it was asked.

use super::{Download, Joc, JocError, JocSession};
use app::model::fixtures;
use app::model::joc::*;
use bytes::Bytes;
use parking_lot::Mutex;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

/// What the scripted JOC does next, and what it was asked.
pub struct Script {
    /// Every call but login fails with this.
    pub fault: Option<JocError>,
    /// Logins fail with this.
    pub login_fault: Option<JocError>,
    /// Logins take this long.
    pub login_delay: Duration,
    /// Logouts take this long.
    pub logout_delay: Duration,
    /// The next `events` call answers that the session is unknown.
    pub expire_once: bool,
    /// `events` holds 2 s and answers nothing (a quiet JOC) instead of reporting a change.
    pub quiet: bool,
    /// `events` answers at once, empty (a JOC that does not hold the long-poll).
    pub events_at_once: bool,
    /// `controller/ids` has no `selected`: no Controller is registered.
    pub no_controller: bool,
    /// `agents` fails with this (the rest answers).
    pub agents_fault: Option<JocError>,
    /// What `controller/components` answers.
    pub components: Components,
    /// What `monitoring/controllers` and `monitoring/agents` answer.
    pub controllers_history: ControllersHistory,
    pub agents_history: AgentsHistory,
    /// Both history calls fail with this (the rest answers).
    pub history_fault: Option<JocError>,
    pub history_calls: u32,
    /// The permissions of each account (others have none).
    pub permissions: std::collections::HashMap<String, Permissions>,
    /// The idle timeout of the sessions it opens.
    pub session_timeout: Option<Duration>,
    /// Operations wait for a permit here (none: they wait until a test adds one).
    pub operations_gate: Option<Arc<Semaphore>>,
    pub logins: u32,
    pub logouts: u32,
    pub touches: u32,
    pub components_calls: u32,
    pub events_calls: u32,
    /// Each operation sent: its path and the token it came with.
    pub operations: Vec<(String, String)>,
    /// The time limit the loop gave its last `events` request.
    pub events_limit: Option<Duration>,
    /// Tokens handed out so far (each login gets a new one).
    pub sessions: u32,
}

impl Default for Script {
    fn default() -> Script {
        Script {
            fault: None,
            login_fault: None,
            login_delay: Duration::from_millis(20),
            logout_delay: Duration::ZERO,
            expire_once: false,
            quiet: false,
            events_at_once: false,
            no_controller: false,
            agents_fault: None,
            components: fixtures::healthy_cluster(),
            controllers_history: ControllersHistory { delivery_date: String::new(), controllers: vec![] },
            agents_history: AgentsHistory { delivery_date: String::new(), controllers: vec![] },
            history_fault: None,
            history_calls: 0,
            permissions: Default::default(),
            session_timeout: None,
            operations_gate: None,
            logins: 0,
            logouts: 0,
            touches: 0,
            components_calls: 0,
            events_calls: 0,
            operations: Vec::new(),
            events_limit: None,
            sessions: 0,
        }
    }
}

/// One scripted instance; clones share the script.
#[derive(Clone)]
pub struct ScriptedJoc {
    base: Arc<str>,
    script: Arc<Mutex<Script>>,
}

impl Default for ScriptedJoc {
    fn default() -> ScriptedJoc {
        ScriptedJoc::at("http://joc.test:4446")
    }
}

impl ScriptedJoc {
    /// An instance with base URL `base`.
    pub fn at(base: &str) -> ScriptedJoc {
        ScriptedJoc { base: Arc::from(base), script: Arc::default() }
    }

    pub fn with<T>(&self, f: impl FnOnce(&mut Script) -> T) -> T {
        f(&mut self.script.lock())
    }

    fn fault(&self) -> Result<(), JocError> {
        self.with(|s| s.fault.clone()).map_or(Ok(()), Err)
    }

    /// Holds every operation until the returned semaphore gets permits.
    pub fn hold_operations(&self) -> Arc<Semaphore> {
        let gate = Arc::new(Semaphore::new(0));
        self.with(|s| s.operations_gate = Some(gate.clone()));
        gate
    }
}

impl Joc for ScriptedJoc {
    fn base(&self) -> &str {
        &self.base
    }
    async fn login(&self, account: &str, _: &str) -> Result<JocSession, JocError> {
        let delay = self.with(|s| s.login_delay);
        tokio::time::sleep(delay).await;
        let base = self.base.clone();
        self.with(|s| {
            s.logins += 1;
            if let Some(e) = s.login_fault.clone() {
                return Err(e);
            }
            s.sessions += 1;
            let token = format!("{base}#{}", s.sessions);
            Ok(JocSession { token, timeout: s.session_timeout, account: account.into() })
        })
    }
    async fn logout(&self, _: &JocSession) -> Result<(), JocError> {
        let delay = self.with(|s| s.logout_delay);
        tokio::time::sleep(delay).await;
        self.with(|s| s.logouts += 1);
        Ok(())
    }
    async fn touch(&self, _: &JocSession) -> Result<(), JocError> {
        self.fault()?;
        self.with(|s| s.touches += 1);
        Ok(())
    }
    async fn permissions(&self, session: &JocSession) -> Result<Permissions, JocError> {
        self.fault()?;
        Ok(self.with(|s| s.permissions.get(&session.account).cloned().unwrap_or_default()))
    }
    async fn properties(&self, _: &JocSession) -> Result<JocProperties, JocError> {
        self.fault().map(|()| JocProperties::default())
    }
    async fn version(&self, _: &JocSession) -> Result<VersionAnswer, JocError> {
        self.fault()?;
        Ok(VersionAnswer { version: "2.8.4".into(), git_hash: None, date: None })
    }
    async fn controller_ids(&self, _: &JocSession) -> Result<ControllerIds, JocError> {
        self.fault()?;
        let registered = !self.with(|s| s.no_controller);
        Ok(ControllerIds {
            delivery_date: String::new(),
            controller_ids: if registered { vec!["controller".into()] } else { vec![] },
            selected: registered.then(|| "controller".into()),
        })
    }
    async fn components(&self, _: &JocSession, _: &str) -> Result<Components, JocError> {
        self.fault()?;
        Ok(self.with(|s| {
            s.components_calls += 1;
            s.components.clone()
        }))
    }
    async fn agents(&self, _: &JocSession, _: &str) -> Result<AgentsAnswer, JocError> {
        self.fault()?;
        if let Some(e) = self.with(|s| s.agents_fault.clone()) {
            return Err(e);
        }
        Ok(AgentsAnswer { delivery_date: String::new(), survey_date: None, agents: vec![] })
    }
    async fn controllers_history(&self, _: &JocSession, _: &MonitoringFilter) -> Result<ControllersHistory, JocError> {
        self.fault()?;
        self.with(|s| {
            s.history_calls += 1;
            s.history_fault.clone().map_or_else(|| Ok(s.controllers_history.clone()), Err)
        })
    }
    async fn agents_history(&self, _: &JocSession, _: &MonitoringFilter) -> Result<AgentsHistory, JocError> {
        self.fault()?;
        self.with(|s| s.history_fault.clone().map_or_else(|| Ok(s.agents_history.clone()), Err))
    }
    async fn is_active(&self, _: &JocSession) -> Result<bool, JocError> {
        self.fault().map(|()| true)
    }
    async fn events(
        &self,
        _: &JocSession,
        _: &str,
        id: Option<u64>,
        limit: Duration,
    ) -> Result<EventsAnswer, JocError> {
        let (quiet, at_once) = self.with(|s| {
            s.events_limit = Some(limit);
            s.events_calls += 1;
            (s.quiet, s.events_at_once)
        });
        let hold = if at_once {
            0
        } else if quiet {
            2000
        } else {
            10
        };
        tokio::time::sleep(Duration::from_millis(hold)).await;
        self.fault()?;
        if self.with(|s| std::mem::take(&mut s.expire_once)) {
            return Err(JocError::SessionExpired);
        }
        let news = if quiet || at_once {
            serde_json::json!([])
        } else {
            serde_json::json!([{"eventType": "ControllerStateChanged", "objectType": "CONTROLLER"}])
        };
        let answer = serde_json::json!({"deliveryDate": "2026-11-29T00:00:00Z", "surveyDate": "2026-11-29T00:00:00Z", "eventId": id.unwrap_or(0) + 1, "eventSnapshots": news});
        Ok(serde_json::from_value(answer).expect("an events answer"))
    }
    async fn operate(
        &self,
        s: &JocSession,
        path: &str,
        _: &serde_json::Value,
        _: Option<Duration>,
    ) -> Result<(), JocError> {
        let gate = self.with(|sc| {
            sc.operations.push((path.to_string(), s.token.clone()));
            sc.operations_gate.clone()
        });
        if let Some(gate) = gate {
            gate.acquire().await.expect("the gate stays open").forget();
        }
        self.fault()
    }
    async fn download(&self, _: &JocSession, _: &str, _: &serde_json::Value) -> Result<Download, JocError> {
        self.fault()?;
        Ok(Download::of(false, vec![Bytes::from_static(b"log")]))
    }
}
