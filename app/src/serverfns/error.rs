//! `AppError`: what the browser sees when something fails, a stable code it can translate and
//! a message; never an upstream body, a token or a stack trace.

use leptos::prelude::{FromServerFnError, ServerFnErrorErr};
use leptos::server_fn::codec::JsonEncoding;
use serde::{Deserialize, Serialize};

/// A failure as the UI shows it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[error("{message}")]
pub struct AppError {
    /// Stable code: `not-logged-in`, `forbidden`, `busy`, `invalid`, `unreachable`, `timeout`,
    /// JOC's own code (`JOC-300`, `JOC-409`, ...), or `server` for a transport failure.
    pub code: String,
    pub message: String,
}

impl AppError {
    pub fn new(code: &str, message: impl Into<String>) -> AppError {
        AppError { code: code.into(), message: message.into() }
    }

    pub fn not_logged_in() -> AppError {
        AppError::new("not-logged-in", "Please log in.")
    }

    /// The HTTP status that goes with the code.
    pub fn status(&self) -> u16 {
        match self.code.as_str() {
            "not-logged-in" | "unauthenticated" | "session-expired" => 401,
            "forbidden" => 403,
            "busy" => 409,
            "too-many-logins" => 429,
            "invalid" => 400,
            "unreachable" | "bad-status" | "malformed" => 502,
            "timeout" => 504,
            "server" => 500,
            // JOC refused (JOC-300 missing reason, JOC-409 conflict, ...): the request was
            // understood and refused.
            _ => 422,
        }
    }

    /// Does the UI have to send the user back to the login page?
    pub fn needs_login(&self) -> bool {
        matches!(self.code.as_str(), "not-logged-in" | "session-expired")
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // The browser sent arguments no form of ours sends (on the server, an unreadable
            // request body is a `Deserialization` error too): a bad request, not our fault.
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => invalid(),
            #[cfg(feature = "ssr")]
            ServerFnErrorErr::Deserialization(_) => invalid(),
            other => AppError::new("server", other.to_string()),
        }
    }
}

/// A request whose arguments could not be read: 400.
fn invalid() -> AppError {
    let e = AppError::new("invalid", "The request's arguments could not be read.");
    #[cfg(feature = "ssr")]
    let _ = with_status::<()>(Err(e.clone()));
    e
}

/// Sets the response status for a failing server function, so the browser and proxies see a
/// 4xx for a refusal instead of 500.
#[cfg(feature = "ssr")]
pub fn with_status<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(e) = &result
        && let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>()
        && let Ok(status) = http::StatusCode::from_u16(e.status())
    {
        response.set_status(status);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_map_to_statuses() {
        for (code, status) in
            [("not-logged-in", 401), ("forbidden", 403), ("busy", 409), ("JOC-300", 422), ("timeout", 504)]
        {
            assert_eq!(AppError::new(code, "").status(), status, "{code}");
        }
        assert!(AppError::new("session-expired", "").needs_login());
        assert!(!AppError::new("JOC-409", "").needs_login());
    }
}
