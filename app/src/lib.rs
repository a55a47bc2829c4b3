//! js7-status: the Product Status panel of JS7 JobScheduler.
//!
//! Map of the crate:
//! - [`model`]: pure Rust, no Leptos. The JOC Cockpit JSON types (one definition, shared by the
//!   browser, the server's JOC client and the embedded simulator), the seed's colour rules,
//!   the panel's layout geometry and the rules for which operations are allowed.
//! - [`serverfns`]: one thin server function per operation, plus log in and out.
//! - [`ui`]: Leptos components, one per drawn thing, and the page shell.
//!
//! The `ssr` feature builds the server side (rendering, server functions), `hydrate` the wasm
//! bundle that takes over the server-rendered page in the browser.

#![recursion_limit = "256"]

pub mod model;
pub mod serverfns;
pub mod ui;

pub use ui::{App, shell};

/// Entry point of the wasm bundle: take over the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(App);
}
