//! Login answers and permissions.

use super::lenient;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// JOC's `SOSAuthCurrentAccountAnswer`: the body of login, logout, 401, 403 and 440 answers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AccountAnswer {
    #[serde(deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    #[serde(deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(deserialize_with = "lenient::or_default")]
    pub is_permitted: bool,
    #[serde(deserialize_with = "lenient::or_default")]
    pub has_role: bool,
    #[serde(deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub is_approver: Option<bool>,
    #[serde(deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub is_approval_requestor: Option<bool>,
    #[serde(deserialize_with = "lenient::or_default")]
    pub is_authenticated: bool,
    #[serde(deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub force_password_change: Option<bool>,
    #[serde(deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub access_token: Option<String>,
    #[serde(deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Idle timeout in milliseconds; −1 means unlimited.
    #[serde(deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub session_timeout: Option<i64>,
    #[serde(deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub enable_touch: Option<bool>,
    #[serde(deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub caller_ip_address: Option<String>,
    #[serde(deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub caller_host_name: Option<String>,
    #[serde(deserialize_with = "lenient::opt", skip_serializing_if = "Option::is_none")]
    pub identity_service: Option<String>,
}

/// `view`/`manage` pair used by several JOC permission groups.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ViewManage {
    #[serde(deserialize_with = "lenient::or_default")]
    pub view: bool,
    #[serde(deserialize_with = "lenient::or_default")]
    pub manage: bool,
}

/// `joc.cluster`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ManageOnly {
    #[serde(deserialize_with = "lenient::or_default")]
    pub manage: bool,
}

/// `joc.administration` (the groups this panel needs).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Administration {
    #[serde(deserialize_with = "lenient::or_default")]
    pub settings: ViewManage,
    #[serde(deserialize_with = "lenient::or_default")]
    pub controllers: ViewManage,
}

/// JOC-wide permissions (the ones this panel needs; others are ignored on reading).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct JocPermissions {
    #[serde(deserialize_with = "lenient::or_default")]
    pub get_log: bool,
    #[serde(deserialize_with = "lenient::or_default")]
    pub administration: Administration,
    #[serde(deserialize_with = "lenient::or_default")]
    pub cluster: ManageOnly,
}

/// Per-Controller permissions (`controllerPermissions-schema.json`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ControllerPermissions {
    #[serde(deserialize_with = "lenient::or_default")]
    pub view: bool,
    #[serde(deserialize_with = "lenient::or_default")]
    pub restart: bool,
    #[serde(deserialize_with = "lenient::or_default")]
    pub terminate: bool,
    #[serde(deserialize_with = "lenient::or_default")]
    pub get_log: bool,
    #[serde(deserialize_with = "lenient::or_default")]
    pub switch_over: bool,
}

/// Answer of `authentication/joc_cockpit_permissions`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Permissions {
    #[serde(deserialize_with = "lenient::list")]
    pub roles: Vec<String>,
    #[serde(deserialize_with = "lenient::or_default")]
    pub joc: JocPermissions,
    #[serde(deserialize_with = "lenient::or_default")]
    pub controller_defaults: ControllerPermissions,
    #[serde(deserialize_with = "lenient::or_default")]
    pub controllers: BTreeMap<String, ControllerPermissions>,
}

impl Permissions {
    /// What the user may do on one Controller: its own entry, else the defaults (as JOC's GUI).
    pub fn for_controller(&self, controller_id: &str) -> ControllerPermissions {
        self.controllers.get(controller_id).copied().unwrap_or(self.controller_defaults)
    }
}

/// Answer of `joc/properties` (the fields this panel needs).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct JocProperties {
    #[serde(deserialize_with = "lenient::or_default")]
    pub force_comments_for_audit_log: bool,
    /// Predefined audit reasons offered in the reason dialog.
    #[serde(deserialize_with = "lenient::list")]
    pub comments: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn controller_permissions_fall_back_to_defaults() {
        let p: Permissions = serde_json::from_value(json!({
            "joc": {"getLog": true, "cluster": {"manage": true}, "inventory": {"view": true}},
            "controllerDefaults": {"view": true},
            "controllers": {"prod": {"view": true, "terminate": true}}
        }))
        .unwrap();
        assert!(p.joc.get_log && p.joc.cluster.manage);
        assert!(p.for_controller("prod").terminate);
        assert!(!p.for_controller("test").terminate);
        assert!(p.for_controller("test").view);
    }
}
