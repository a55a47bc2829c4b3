//! `AppError`: what the browser sees when something fails, a stable code it can translate and
//! a message; never an upstream body, a token or a stack trace.

pub use crate::model::errors::ErrorCode;
use leptos::prelude::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// A failure as the UI shows it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[error("{message}")]
pub struct AppError {
    /// The stable code the browser translates.
    pub code: ErrorCode,
    /// Words for clients that do not translate (logs, scripts); JOC's own message for JOC's
    /// refusals, which the browser shows as they are.
    pub message: String,
}

impl AppError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> AppError {
        AppError { code, message: message.into() }
    }

    pub fn not_logged_in() -> AppError {
        AppError::new(ErrorCode::NotLoggedIn, "Please log in.")
    }

    /// The HTTP status that goes with the code.
    pub fn status(&self) -> u16 {
        self.code.status()
    }

    /// Does the UI have to send the user back to the login page?
    pub fn needs_login(&self) -> bool {
        self.code.needs_login()
    }
}

impl FromServerFnError for AppError {
    type Encoder = super::codec::BrowserJsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // The browser sent arguments no form of ours sends (on the server, an unreadable
            // request body is a `Deserialization` error too): a bad request, not our fault.
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => invalid(),
            #[cfg(feature = "ssr")]
            ServerFnErrorErr::Deserialization(_) => invalid(),
            other => AppError::new(ErrorCode::Server, other.to_string()),
        }
    }
}

/// A request whose arguments could not be read: 400.
fn invalid() -> AppError {
    let e = AppError::new(ErrorCode::Invalid, "The request's arguments could not be read.");
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
        for (code, status) in [
            (ErrorCode::NotLoggedIn, 401),
            (ErrorCode::Forbidden, 403),
            (ErrorCode::Busy, 409),
            (ErrorCode::Joc("JOC-300".into()), 422),
            (ErrorCode::Timeout, 504),
        ] {
            assert_eq!(AppError::new(code.clone(), "").status(), status, "{code}");
        }
        assert!(AppError::new(ErrorCode::SessionExpired, "").needs_login());
        assert!(!AppError::new(ErrorCode::Joc("JOC-409".into()), "").needs_login());
    }
}
