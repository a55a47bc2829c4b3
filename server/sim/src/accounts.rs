//! Accounts of the simulated JOC and the permissions each profile grants.

use app::model::joc::{ControllerPermissions, JocPermissions, Permissions};
use std::str::FromStr;

/// What an account may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Profile {
    /// Everything.
    Administrator,
    /// Controller operations and logs; no JOC cluster management.
    Operator,
    /// View only.
    Viewer,
    /// Authenticated, without any role: may see nothing.
    NoRole,
}

impl FromStr for Profile {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "administrator" | "admin" | "all" => Ok(Profile::Administrator),
            "operator" => Ok(Profile::Operator),
            "viewer" | "view" => Ok(Profile::Viewer),
            "none" => Ok(Profile::NoRole),
            other => Err(format!("unknown profile '{other}' (administrator, operator, viewer, none)")),
        }
    }
}

impl Profile {
    /// JOC's role name for the profile.
    pub fn role(self) -> &'static str {
        match self {
            Profile::Administrator => "all",
            Profile::Operator => "business_user",
            Profile::Viewer => "api_user",
            Profile::NoRole => "",
        }
    }

    pub fn permissions(self) -> Permissions {
        if self == Profile::NoRole {
            return Permissions::default();
        }
        let all = Profile::Administrator == self;
        let ops = all || Profile::Operator == self;
        let mut joc = JocPermissions { get_log: ops, ..JocPermissions::default() };
        joc.cluster.manage = all;
        joc.administration.settings = app::model::joc::ViewManage { view: true, manage: all };
        joc.administration.controllers = app::model::joc::ViewManage { view: true, manage: all };
        Permissions {
            roles: vec![self.role().into()],
            joc,
            controller_defaults: ControllerPermissions {
                view: true,
                restart: ops,
                terminate: ops,
                get_log: ops,
                switch_over: ops,
            },
            controllers: Default::default(),
        }
    }
}

/// An account: `name:password:profile` on the command line, or
/// `name:password:profile@id1+id2` for a role that holds for those Controller IDs only.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Account {
    pub name: String,
    pub password: String,
    pub profile: Profile,
    /// The Controllers its role holds for (None: every Controller, JOC's controller defaults).
    pub controllers: Option<Vec<String>>,
}

impl Account {
    /// An account whose role holds for every Controller.
    pub fn new(name: &str, password: &str, profile: Profile) -> Account {
        Account { name: name.into(), password: password.into(), profile, controllers: None }
    }

    /// What the account may do, as `joc_cockpit_permissions` answers: with a role for some
    /// Controllers only, the defaults grant nothing and each of them has its own entry.
    pub fn permissions(&self) -> Permissions {
        let mut p = self.profile.permissions();
        if let Some(ids) = &self.controllers {
            let granted = std::mem::take(&mut p.controller_defaults);
            p.controllers = ids.iter().map(|id| (id.clone(), granted)).collect();
        }
        p
    }
}

impl FromStr for Account {
    type Err = String;
    /// The name ends at the first colon and the profile starts after the last, so a password
    /// may contain colons.
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("'{s}' is not name:password:profile or name:password:profile@id1+id2");
        let (name, rest) = s.split_once(':').ok_or_else(bad)?;
        let (password, role) = rest.rsplit_once(':').ok_or_else(bad)?;
        if name.is_empty() {
            return Err(bad());
        }
        let (profile, controllers) = match role.split_once('@') {
            Some((profile, ids)) => {
                let ids: Vec<String> = ids.split('+').map(str::to_string).collect();
                if ids.iter().any(|id| !app::model::joc::is_valid_controller_id(id)) {
                    return Err(format!("'{s}': '{role}' does not name valid Controller IDs"));
                }
                (profile, Some(ids))
            }
            None => (role, None),
        };
        Ok(Account { controllers, ..Account::new(name, password, profile.parse()?) })
    }
}

/// The default accounts: `root` (administrator), `operator`, `viewer`; passwords as names.
pub fn default_accounts() -> Vec<Account> {
    [("root", Profile::Administrator), ("operator", Profile::Operator), ("viewer", Profile::Viewer)]
        .into_iter()
        .map(|(n, profile)| Account::new(n, n, profile))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accounts_parse_from_the_command_line() {
        let a: Account = "alice:s3:cr:et:operator".parse().unwrap();
        assert_eq!((a.name.as_str(), a.password.as_str(), a.profile), ("alice", "s3:cr:et", Profile::Operator));
        assert!("bob:pw".parse::<Account>().is_err());
        assert!("bob:pw:king".parse::<Account>().is_err());
        assert!(":pw:viewer".parse::<Account>().is_err());
        let t: Account = "tess:pw:operator@test+qa".parse().unwrap();
        assert_eq!(t.controllers, Some(vec!["test".to_string(), "qa".to_string()]));
        assert!("tess:pw:operator@".parse::<Account>().is_err(), "an empty ID");
        assert!("tess:pw:operator@a/b".parse::<Account>().is_err(), "an invalid ID");
    }

    /// A role for some Controllers grants nothing by default and the profile on each of them.
    #[test]
    fn a_role_for_some_controllers_holds_for_them_only() {
        let t: Account = "tess:pw:operator@test".parse().unwrap();
        let p = t.permissions();
        assert!(p.for_controller("test").terminate && p.for_controller("test").view);
        assert!(!p.for_controller("production").view);
        let everywhere = Account::new("o", "o", Profile::Operator).permissions();
        assert!(everywhere.for_controller("production").view && everywhere.controllers.is_empty());
    }

    #[test]
    fn profiles_grant_what_their_names_say() {
        let op = Profile::Operator.permissions();
        assert!(op.controller_defaults.terminate && !op.joc.cluster.manage);
        let v = Profile::Viewer.permissions();
        assert!(v.controller_defaults.view && !v.controller_defaults.terminate && !v.joc.get_log);
        assert!(Profile::Administrator.permissions().joc.cluster.manage);
    }
}
