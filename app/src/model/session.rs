//! What the browser knows about the logged-in user: never a token, only what the UI needs to
//! decide which operations to offer.

use super::joc::Permissions;
use serde::{Deserialize, Serialize};

/// The logged-in user as the UI sees it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserInfo {
    pub account: String,
    pub permissions: Permissions,
    /// JOC requires a reason for every operation.
    pub force_comments: bool,
    /// Predefined reasons JOC offers.
    pub reasons: Vec<String>,
}
