//! The typed client of the JOC Cockpit REST API (a real JOC or the embedded simulator).
//!
//! - [`error`]: what can go wrong, typed by JOC's status codes.
//! - [`client`]: the reqwest client, [`JocClient`], one per JOC instance.
//! - [`Joc`]: what the feed loop and the user sessions need of a JOC instance. The server uses
//!   [`JocClient`]; tests put scripted instances behind it.

mod answers;
pub mod client;
pub mod error;
#[cfg(test)]
pub mod scripted;

pub use answers::is_gzip;
pub use client::{JocClient, JocSession};
pub use error::JocError;

use app::model::joc::{
    AgentsAnswer, AgentsHistory, Components, ControllerIds, ControllersHistory, EventsAnswer, JocProperties,
    MonitoringFilter, Permissions, VersionAnswer,
};
use bytes::Bytes;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

/// The bytes of a download as they arrive.
pub type ByteStream = Pin<Box<dyn futures::Stream<Item = Result<Bytes, JocError>> + Send>>;

/// A download's answer: its bytes, and whether JOC sent them gzip-encoded
/// (`Content-Encoding: gzip`: then they are the `.gz` file as they are).
pub struct Download {
    pub gzip: bool,
    pub bytes: ByteStream,
}

impl std::fmt::Debug for Download {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Download").field("gzip", &self.gzip).finish_non_exhaustive()
    }
}

impl Download {
    /// A download of `chunks` (tests, the simulator).
    pub fn of(gzip: bool, chunks: Vec<Bytes>) -> Download {
        Download { gzip, bytes: Box::pin(futures::stream::iter(chunks.into_iter().map(Ok))) }
    }
}

/// One JOC Cockpit instance, as the server talks to it.
pub trait Joc: Clone + Send + Sync + 'static {
    /// `http(s)://host:port` of the instance, as configured.
    fn base(&self) -> &str;
    /// `authentication/login` with Basic credentials.
    fn login(&self, account: &str, password: &str) -> impl Future<Output = Result<JocSession, JocError>> + Send;
    /// `authentication/logout`.
    fn logout(&self, s: &JocSession) -> impl Future<Output = Result<(), JocError>> + Send;
    /// `touch`: keeps the session alive.
    fn touch(&self, s: &JocSession) -> impl Future<Output = Result<(), JocError>> + Send;
    /// `authentication/joc_cockpit_permissions`.
    fn permissions(&self, s: &JocSession) -> impl Future<Output = Result<Permissions, JocError>> + Send;
    /// `joc/properties`.
    fn properties(&self, s: &JocSession) -> impl Future<Output = Result<JocProperties, JocError>> + Send;
    /// `joc/version`: which JOC is talking, for the request shapes that changed.
    fn version(&self, s: &JocSession) -> impl Future<Output = Result<VersionAnswer, JocError>> + Send;
    /// `controller/ids`.
    fn controller_ids(&self, s: &JocSession) -> impl Future<Output = Result<ControllerIds, JocError>> + Send;
    /// `controller/components`.
    fn components(
        &self,
        s: &JocSession,
        controller_id: &str,
    ) -> impl Future<Output = Result<Components, JocError>> + Send;
    /// `agents` of one Controller.
    fn agents(
        &self,
        s: &JocSession,
        controller_id: &str,
    ) -> impl Future<Output = Result<AgentsAnswer, JocError>> + Send;
    /// `joc/is_active`.
    fn is_active(&self, s: &JocSession) -> impl Future<Output = Result<bool, JocError>> + Send;
    /// `monitoring/controllers`: the Controllers' availability history.
    fn controllers_history(
        &self,
        s: &JocSession,
        filter: &MonitoringFilter,
    ) -> impl Future<Output = Result<ControllersHistory, JocError>> + Send;
    /// `monitoring/agents`: the Agents' availability history.
    fn agents_history(
        &self,
        s: &JocSession,
        filter: &MonitoringFilter,
    ) -> impl Future<Output = Result<AgentsHistory, JocError>> + Send;
    /// `events`: waits up to `hold` for news after `event_id`.
    fn events(
        &self,
        s: &JocSession,
        controller_id: &str,
        event_id: Option<u64>,
        hold: Duration,
    ) -> impl Future<Output = Result<EventsAnswer, JocError>> + Send;
    /// An operation: `path` with its JSON body; JOC's answer only matters by its status. JOC
    /// may take up to `limit` to answer (None: the client's time limit).
    fn operate(
        &self,
        s: &JocSession,
        path: &str,
        body: &serde_json::Value,
        limit: Option<Duration>,
    ) -> impl Future<Output = Result<(), JocError>> + Send;
    /// A download (`joc/log`, `controller/log`): the answer, to be streamed.
    fn download(
        &self,
        s: &JocSession,
        path: &str,
        body: &serde_json::Value,
    ) -> impl Future<Output = Result<Download, JocError>> + Send;
}
