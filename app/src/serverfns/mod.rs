//! Server functions: thin, each handing its arguments to the [`Backend`] the server provides
//! (operations as one [`Operation`](crate::model::operations::Operation)). The browser calls
//! them by stable endpoint names under `/api/`.
//!
//! - [`codec`]: JSON read by the browser's own parser in the wasm.
//! - [`error`]: `AppError`, what the browser sees of a failure.
//! - [`auth`]: log in, log out, who am I.
//! - [`ops`]: the operations of the panel, one server function.

pub mod auth;
pub mod codec;
pub mod error;
pub mod ops;

#[cfg(feature = "ssr")]
pub mod backend;

pub use error::{AppError, ErrorCode};
