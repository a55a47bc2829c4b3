//! What the browser knows about the logged-in user: never a token, only what the UI needs to
//! decide which operations to offer.

use super::errors::ErrorCode;
use super::joc::Permissions;
use serde::{Deserialize, Serialize};

/// The logged-in user as the UI sees it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserInfo {
    pub account: String,
    pub permissions: Permissions,
    /// The Controller IDs JOC lets the user see (`controller/ids`), sorted.
    #[serde(default)]
    pub controllers: Vec<String>,
    /// The Controller the board shows unless another is chosen (`--controller-id`, else JOC's
    /// selection), when known.
    #[serde(default)]
    pub default_controller: Option<String>,
    /// JOC requires a reason for every operation.
    pub force_comments: bool,
    /// Predefined reasons JOC offers.
    pub reasons: Vec<String>,
    /// The installation this describes (empty: the only one).
    #[serde(default)]
    pub installation: String,
    /// Every installation the board watches, in the configured order, and whether the user is
    /// in it.
    #[serde(default)]
    pub installations: Vec<InstallationAccess>,
}

/// Whether the user is in one installation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstallationAccess {
    pub name: String,
    pub access: super::overview::Access,
    /// The account the user is in it with.
    pub account: Option<String>,
}

impl UserInfo {
    /// Does the board watch several installations?
    pub fn several_installations(&self) -> bool {
        self.installations.len() > 1
    }

    /// The installation to name in addresses: this one when there are several.
    pub fn installation_in_address(&self) -> Option<&str> {
        self.several_installations().then_some(self.installation.as_str())
    }
}

/// The longest account name a login sends: a bound of the board's own, so that the login
/// limit counts no unbounded names; directory account names stay far below it.
pub const ACCOUNT_MAX: usize = 255;

/// The account name a login sends to JOC: trimmed, not empty, at most [`ACCOUNT_MAX`]
/// characters, with a password, and free of what HTTP Basic authentication cannot carry (a
/// colon ends the account name there; control characters break the header).
pub fn login_account<'a>(account: &'a str, password: &str) -> Result<&'a str, ErrorCode> {
    let account = account.trim();
    if account.is_empty()
        || password.is_empty()
        || account.chars().count() > ACCOUNT_MAX
        || account.contains(':')
        || account.chars().any(char::is_control)
    {
        return Err(ErrorCode::BadAccount);
    }
    Ok(account)
}

/// The Controller the board shows: the one the address asks for (`?controller=ID`), else the
/// one this browser remembers, each only if JOC lets the user see it; else, for a user who may
/// not see the server's default, the first one the user may see; None: the server's default
/// (`--controller-id`, else JOC's selection).
pub fn chosen_controller(asked: Option<&str>, remembered: Option<&str>, user: &UserInfo) -> Option<String> {
    let seen = |id: &&str| user.controllers.iter().any(|c| c == id);
    let default_unseen = user.default_controller.as_deref().is_some_and(|d| !seen(&d));
    let first = user.controllers.first().map(String::as_str).filter(|_| default_unseen);
    asked.filter(seen).or_else(|| remembered.filter(seen)).or(first).map(str::to_string)
}

/// `?installation=NAME&controller=ID`, each when given.
fn query(installation: Option<&str>, controller: Option<&str>) -> String {
    let pairs: Vec<String> = [("installation", installation), ("controller", controller)]
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| format!("{k}={}", super::links::query_escape(v))))
        .collect();
    if pairs.is_empty() { String::new() } else { format!("?{}", pairs.join("&")) }
}

/// The live feed's address for Controller `controller` of `installation` (None: the default
/// one, the first installation).
pub fn feed_path(installation: Option<&str>, controller: Option<&str>) -> String {
    format!("/api/feed{}", query(installation, controller))
}

/// The page's address showing Controller `id` of `installation`.
pub fn page_path(installation: Option<&str>, id: &str) -> String {
    format!("/{}", query(installation, Some(id)))
}

/// The page of an installation, its default Controller.
pub fn installation_path(installation: &str) -> String {
    format!("/{}", query(Some(installation), None))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chosen_controller_is_one_the_user_may_see() {
        let user = UserInfo { controllers: vec!["production".into(), "test one".into()], ..UserInfo::default() };
        assert_eq!(chosen_controller(Some("test one"), Some("production"), &user).as_deref(), Some("test one"));
        assert_eq!(chosen_controller(Some("elsewhere"), Some("production"), &user).as_deref(), Some("production"));
        assert_eq!(chosen_controller(None, Some("gone"), &user), None);
        assert_eq!(chosen_controller(None, None, &user), None);
        // A user who may not see the default Controller gets the first one the user may see.
        let tess = UserInfo {
            controllers: vec!["test".into()],
            default_controller: Some("production".into()),
            ..UserInfo::default()
        };
        assert_eq!(chosen_controller(None, None, &tess).as_deref(), Some("test"));
        assert_eq!(chosen_controller(Some("production"), None, &tess).as_deref(), Some("test"));
        assert_eq!(feed_path(None, Some("test one")), "/api/feed?controller=test%20one");
        assert_eq!(feed_path(None, None), "/api/feed");
        assert_eq!(feed_path(Some("prod"), None), "/api/feed?installation=prod");
        assert_eq!(page_path(None, "a&b"), "/?controller=a%26b");
        assert_eq!(page_path(Some("a b"), "c"), "/?installation=a%20b&controller=c");
        assert_eq!(installation_path("test"), "/?installation=test");
    }

    #[test]
    fn login_accounts_are_ones_joc_can_be_sent() {
        assert_eq!(login_account("  root ", "pw").unwrap(), "root");
        assert_eq!(login_account("Jürgen Müller", "pw").unwrap(), "Jürgen Müller");
        assert!(login_account(&"a".repeat(ACCOUNT_MAX), "pw").is_ok());
        let long = "a".repeat(ACCOUNT_MAX + 1);
        for (account, password) in
            [("", "pw"), ("  ", "pw"), ("root", ""), ("a:b", "pw"), ("ro\not", "pw"), (&long, "pw")]
        {
            assert_eq!(login_account(account, password), Err(ErrorCode::BadAccount), "{account:?}");
        }
    }
}
