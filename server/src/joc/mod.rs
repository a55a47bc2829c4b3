//! The typed client of the JOC Cockpit REST API (a real JOC or the embedded simulator).
//!
//! - [`error`]: what can go wrong, typed by JOC's status codes.
//! - [`client`]: the reqwest client behind the [`Joc`] trait.

pub mod client;
pub mod error;

pub use client::{JocClient, JocSession};
pub use error::JocError;
