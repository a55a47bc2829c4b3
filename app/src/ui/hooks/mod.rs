//! Hooks: reactive glue to browser APIs, each SSR-safe (inert on the server).

mod distinct;
mod use_feed;
mod use_now;

pub use distinct::distinct;
pub use use_feed::{FeedState, use_feed, use_stream};
pub use use_now::use_now;
