//! The stable code of every failure the browser may see, one type from the JOC client to the
//! page: serialised as a kebab-case string (`busy`, `session-expired`, ...), JOC's own codes
//! (`JOC-300`, `JOC-409`, ...) kept as JOC sent them. The browser translates by code.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Why something failed.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// No session: log in.
    NotLoggedIn,
    /// The session (ours or JOC's) ended: log in again.
    SessionExpired,
    /// JOC refused the account or password.
    Unauthenticated,
    /// The account lacks the permission.
    Forbidden,
    /// The user is not logged in to that installation (JOC refused the account there, or
    /// could not be asked).
    OutsideInstallation,
    /// An operation on the same target is under way.
    Busy,
    /// The request could not be read, or is not one the panel sends.
    Invalid,
    /// The operation names a target JOC does not report (any more).
    UnknownTarget,
    /// The audit reason is not one JOC stores: too long, or a ticket link that is no web address.
    BadReason,
    /// The URL to show for a JOC instance is no web address of at most 255 characters.
    BadUrl,
    /// The account name is empty or one JOC cannot be sent (a colon, a control character).
    BadAccount,
    /// Too many failed logins for the account or the client.
    TooManyLogins,
    /// JOC cannot be reached.
    Unreachable,
    /// JOC did not answer in time.
    Timeout,
    /// JOC (or a proxy before it) answered with an unexpected HTTP status.
    BadStatus,
    /// JOC's answer could not be read.
    Malformed,
    /// JOC requires a four-eyes approval.
    ApprovalRequired,
    /// JOC cannot reach the Controller.
    ControllerUnreachable,
    /// The Controller refused an operation JOC had accepted.
    ControllerRefused,
    /// JOC has no Controller registered.
    NoController,
    /// A failure of this server.
    Server,
    /// The store the board's replicas share (Redis) cannot be reached: the session is kept
    /// there, the request is to be tried again.
    StoreUnavailable,
    /// JOC's own code of a refusal, as JOC sent it.
    Joc(String),
}

const OURS: [(ErrorCode, &str); 22] = [
    (ErrorCode::NotLoggedIn, "not-logged-in"),
    (ErrorCode::SessionExpired, "session-expired"),
    (ErrorCode::Unauthenticated, "unauthenticated"),
    (ErrorCode::Forbidden, "forbidden"),
    (ErrorCode::OutsideInstallation, "outside-installation"),
    (ErrorCode::Busy, "busy"),
    (ErrorCode::Invalid, "invalid"),
    (ErrorCode::UnknownTarget, "unknown-target"),
    (ErrorCode::BadReason, "bad-reason"),
    (ErrorCode::BadUrl, "bad-url"),
    (ErrorCode::BadAccount, "bad-account"),
    (ErrorCode::TooManyLogins, "too-many-logins"),
    (ErrorCode::Unreachable, "unreachable"),
    (ErrorCode::Timeout, "timeout"),
    (ErrorCode::BadStatus, "bad-status"),
    (ErrorCode::Malformed, "malformed"),
    (ErrorCode::ApprovalRequired, "approval-required"),
    (ErrorCode::ControllerUnreachable, "controller-unreachable"),
    (ErrorCode::ControllerRefused, "controller-refused"),
    (ErrorCode::NoController, "no-controller"),
    (ErrorCode::Server, "server"),
    (ErrorCode::StoreUnavailable, "store-unavailable"),
];

impl ErrorCode {
    /// The code as sent.
    pub fn as_str(&self) -> &str {
        match self {
            ErrorCode::Joc(code) => code,
            ours => OURS.iter().find(|(c, _)| c == ours).map_or("server", |(_, s)| s),
        }
    }

    /// The code of a string as sent; an unknown one is JOC's.
    pub fn parse(s: &str) -> ErrorCode {
        OURS.iter().find(|(_, name)| *name == s).map_or_else(|| ErrorCode::Joc(s.to_string()), |(c, _)| c.clone())
    }

    /// The HTTP status that goes with the code.
    pub fn status(&self) -> u16 {
        match self {
            ErrorCode::NotLoggedIn | ErrorCode::Unauthenticated | ErrorCode::SessionExpired => 401,
            ErrorCode::Forbidden | ErrorCode::OutsideInstallation => 403,
            ErrorCode::Busy => 409,
            ErrorCode::TooManyLogins => 429,
            ErrorCode::Invalid
            | ErrorCode::UnknownTarget
            | ErrorCode::BadReason
            | ErrorCode::BadUrl
            | ErrorCode::BadAccount => 400,
            ErrorCode::Unreachable | ErrorCode::BadStatus | ErrorCode::Malformed => 502,
            ErrorCode::Timeout => 504,
            ErrorCode::Server => 500,
            ErrorCode::StoreUnavailable => 503,
            // JOC refused (JOC-300 missing reason, JOC-409 conflict, ...), or the Controller
            // did: the request was understood and refused.
            ErrorCode::ApprovalRequired
            | ErrorCode::ControllerUnreachable
            | ErrorCode::ControllerRefused
            | ErrorCode::NoController
            | ErrorCode::Joc(_) => 422,
        }
    }

    /// Does the user have to log in (again)?
    pub fn needs_login(&self) -> bool {
        matches!(self, ErrorCode::NotLoggedIn | ErrorCode::SessionExpired)
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for ErrorCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ErrorCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<ErrorCode, D::Error> {
        Ok(ErrorCode::parse(&String::deserialize(d)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_travel_as_strings_and_come_back() {
        for (code, s) in OURS.iter().cloned().chain([(ErrorCode::Joc("JOC-409".into()), "JOC-409")]) {
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{s}\""));
            assert_eq!(serde_json::from_str::<ErrorCode>(&json).unwrap(), code);
        }
    }

    #[test]
    fn statuses_and_logins() {
        assert_eq!(ErrorCode::TooManyLogins.status(), 429);
        assert_eq!(ErrorCode::Joc("JOC-300".into()).status(), 422);
        assert!(ErrorCode::SessionExpired.needs_login() && !ErrorCode::Forbidden.needs_login());
    }
}
