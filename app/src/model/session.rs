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
    /// JOC requires a reason for every operation.
    pub force_comments: bool,
    /// Predefined reasons JOC offers.
    pub reasons: Vec<String>,
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

#[cfg(test)]
mod tests {
    use super::*;

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
