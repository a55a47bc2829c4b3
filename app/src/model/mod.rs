//! The pure model: data shapes and rules with no rendering and no I/O, so that all of it is
//! unit-tested on the host and shared unchanged by the server and the wasm bundle.
//!
//! - [`joc`]: the JOC Cockpit REST API's JSON.
//! - [`alerts`]: what a browser notification says (a part turning red, the data going stale).
//! - [`availability`]: up, down and unknown time per day of each Controller and Agent.
//! - [`changes`]: what changed between two snapshots (the timeline).
//! - [`colours`]: the seed's colour rules.
//! - [`errors`]: the stable codes of failures.
//! - [`feed`]: the snapshots the server pushes to browsers.
//! - [`links`]: which texts may become links.
//! - [`layout`]: where each rectangle and line goes.
//! - [`overview`]: every Controller of every installation as one tile.
//! - [`operations`]: what each operation sends to JOC and when a menu offers it.
//! - [`timeline`]: the changes and operations under the drawing, kept by the server.
//! - [`session`]: what the browser knows about the logged-in user.
//! - [`fixtures`]: sample answers for tests and documentation.

pub mod alerts;
pub mod availability;
pub mod changes;
pub mod colours;
pub mod errors;
pub mod feed;
pub mod fixtures;
pub mod joc;
pub mod layout;
pub mod links;
pub mod operations;
pub mod overview;
pub mod session;
pub mod timeline;
