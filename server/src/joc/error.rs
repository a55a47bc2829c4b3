//! Errors of calls to JOC Cockpit, one variant per way JOC (or the network) answers.

use app::model::errors::ErrorCode;

/// What went wrong with a JOC call. JOC's own code and message are kept for 420 answers.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum JocError {
    /// 401: wrong account or password, or no session.
    #[error("JOC refused the credentials")]
    Unauthenticated,
    /// 403: the account lacks a permission.
    #[error("JOC denied the permission")]
    Forbidden,
    /// 440: the session is unknown or expired.
    #[error("the JOC session expired")]
    SessionExpired,
    /// 420: JOC refused the request (`JOC-300` missing comment, `JOC-409` conflict, ...).
    #[error("JOC refused the request: {code} {message}")]
    Refused { code: String, message: String },
    /// 433: four-eyes approval required.
    #[error("JOC requires an approval for this operation")]
    ApprovalRequired,
    /// 434: JOC cannot reach the Controller.
    #[error("JOC cannot reach the Controller")]
    ControllerUnreachable,
    /// No answer in time.
    #[error("JOC did not answer in time")]
    Timeout,
    /// No connection (refused, reset, DNS, TLS).
    #[error("cannot connect to JOC: {0}")]
    Connect(String),
    /// Another status (a proxy's 502, a 500).
    #[error("JOC answered with HTTP status {0}")]
    Status(u16),
    /// An answer that is not the JSON JOC sends.
    #[error("JOC's answer could not be read: {0}")]
    Malformed(String),
    /// JOC has no Controller registered, so there is nothing to show.
    #[error("JOC Cockpit has no Controller registered")]
    NoController,
}

impl JocError {
    /// Errors after which a new login may help.
    pub fn needs_login(&self) -> bool {
        matches!(self, JocError::SessionExpired | JocError::Unauthenticated)
    }

    /// Errors of the connection itself (the instance may be down: try another member).
    pub fn is_transport(&self) -> bool {
        matches!(self, JocError::Timeout | JocError::Connect(_) | JocError::Status(_) | JocError::Malformed(_))
    }

    /// Short words for anyone who may see them (the feed, `/readyz`): no URL, no parser
    /// message, no body of JOC's; the details go to the server's log. JOC's own refusal
    /// messages are JOC's words to its users and stay.
    pub fn short(&self) -> String {
        match self {
            JocError::Refused { code, message } => format!("{code}: {message}"),
            JocError::Connect(_) => "cannot connect to JOC".into(),
            JocError::Malformed(_) => "JOC's answer could not be read".into(),
            other => other.to_string(),
        }
    }

    /// A stable code the browser can translate.
    pub fn code(&self) -> ErrorCode {
        match self {
            JocError::Unauthenticated => ErrorCode::Unauthenticated,
            JocError::Forbidden => ErrorCode::Forbidden,
            JocError::SessionExpired => ErrorCode::SessionExpired,
            JocError::Refused { code, .. } => ErrorCode::Joc(code.clone()),
            JocError::ApprovalRequired => ErrorCode::ApprovalRequired,
            JocError::ControllerUnreachable => ErrorCode::ControllerUnreachable,
            JocError::Timeout => ErrorCode::Timeout,
            JocError::Connect(_) => ErrorCode::Unreachable,
            JocError::Status(_) => ErrorCode::BadStatus,
            JocError::Malformed(_) => ErrorCode::Malformed,
            JocError::NoController => ErrorCode::NoController,
        }
    }
}
