//! Log in, log out, and who is logged in.

use super::AppError;
use super::codec::BrowserJson;
use crate::model::session::UserInfo;
use leptos::prelude::*;

/// Logs in with a JOC account: the server opens the JOC sessions and keeps their tokens; the
/// browser gets an HttpOnly cookie.
#[server(endpoint = "log_in", output = BrowserJson)]
pub async fn log_in(account: String, password: String) -> Result<(), AppError> {
    super::error::with_status(ssr::log_in(account, password).await)
}

/// Logs out here and in JOC.
#[server(endpoint = "log_out", output = BrowserJson)]
pub async fn log_out() -> Result<(), AppError> {
    super::error::with_status(ssr::log_out().await)
}

/// Logs the session in to one more installation, perhaps with another account.
#[server(endpoint = "log_in_installation", output = BrowserJson)]
pub async fn log_in_installation(installation: String, account: String, password: String) -> Result<(), AppError> {
    super::error::with_status(ssr::log_in_installation(installation, account, password).await)
}

/// The logged-in user in `installation` (None: the first one the user is in), or
/// `not-logged-in`.
#[server(endpoint = "current_user", output = BrowserJson)]
pub async fn current_user(installation: Option<String>) -> Result<UserInfo, AppError> {
    use super::backend::{backend, session_id};
    super::error::with_status(
        async {
            let sid = session_id().await?;
            backend()?.user(&sid, installation.as_deref()).await
        }
        .await,
    )
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::*;
    use crate::serverfns::backend::{backend, client_addr, session_id, set_cookie};

    fn checked<'a>(account: &'a str, password: &str) -> Result<&'a str, AppError> {
        crate::model::session::login_account(account, password).map_err(|code| {
            AppError::new(code, "Enter your JOC Cockpit account and password; an account name has no colon (:) and at most 255 characters.")
        })
    }

    pub async fn log_in_installation(installation: String, account: String, password: String) -> Result<(), AppError> {
        let account = checked(&account, &password)?;
        let sid = session_id().await?;
        let backend = backend()?;
        let renewed = backend.log_in_to(&sid, &installation, account, &password, client_addr().await).await?;
        let response = expect_context::<leptos_axum::ResponseOptions>();
        if let Ok(v) = http::HeaderValue::from_str(&set_cookie(&renewed, backend.secure_cookie())) {
            response.append_header(http::header::SET_COOKIE, v);
        }
        Ok(())
    }

    pub async fn log_in(account: String, password: String) -> Result<(), AppError> {
        let account = checked(&account, &password)?;
        let backend = backend()?;
        let sid = backend.log_in(account, &password, client_addr().await).await?;
        let response = expect_context::<leptos_axum::ResponseOptions>();
        let cookie = set_cookie(&sid, backend.secure_cookie());
        if let Ok(v) = http::HeaderValue::from_str(&cookie) {
            response.append_header(http::header::SET_COOKIE, v);
        }
        Ok(())
    }

    pub async fn log_out() -> Result<(), AppError> {
        let backend = backend()?;
        if let Ok(sid) = session_id().await {
            backend.log_out(&sid).await;
        }
        let response = expect_context::<leptos_axum::ResponseOptions>();
        if let Ok(v) = http::HeaderValue::from_str(&set_cookie("", backend.secure_cookie())) {
            response.append_header(http::header::SET_COOKIE, v);
        }
        Ok(())
    }
}
