//! Server functions: thin, one per operation, each turning its arguments into an
//! [`Operation`](crate::model::operations::Operation) and handing it to the [`Backend`] the
//! server provides. The browser calls them by stable endpoint names under `/api/`.
//!
//! - [`error`]: `AppError`, what the browser sees of a failure.
//! - [`auth`]: log in, log out, who am I.
//! - [`ops`]: the operations of the panel.

pub mod auth;
pub mod error;
pub mod ops;

#[cfg(feature = "ssr")]
pub mod backend;

pub use error::AppError;
