//! Login answers and permissions.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// JOC's `SOSAuthCurrentAccountAnswer`: the body of login, logout, 401, 403 and 440 answers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AccountAnswer {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    pub is_permitted: bool,
    pub has_role: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_approver: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_approval_requestor: Option<bool>,
    pub is_authenticated: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub force_password_change: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub access_token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Idle timeout in milliseconds; −1 means unlimited.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session_timeout: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable_touch: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caller_ip_address: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caller_host_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identity_service: Option<String>,
}

/// `view`/`manage` pair used by several JOC permission groups.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ViewManage {
    pub view: bool,
    pub manage: bool,
}

/// `joc.cluster`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ManageOnly {
    pub manage: bool,
}

/// `joc.administration` (the groups this panel needs).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Administration {
    pub settings: ViewManage,
    pub controllers: ViewManage,
}

/// JOC-wide permissions (the ones this panel needs; others are ignored on reading).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct JocPermissions {
    pub get_log: bool,
    pub administration: Administration,
    pub cluster: ManageOnly,
}

/// Per-Controller permissions (`controllerPermissions-schema.json`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ControllerPermissions {
    pub view: bool,
    pub restart: bool,
    pub terminate: bool,
    pub get_log: bool,
    pub switch_over: bool,
}

/// Answer of `authentication/joc_cockpit_permissions`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Permissions {
    pub roles: Vec<String>,
    pub joc: JocPermissions,
    pub controller_defaults: ControllerPermissions,
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
    pub force_comments_for_audit_log: bool,
    /// Predefined audit reasons offered in the reason dialog.
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
