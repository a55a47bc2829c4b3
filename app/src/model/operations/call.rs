//! What the panel sends to JOC for each operation.

use super::Operation;
use crate::model::joc::{
    AuditParams, ClusterService, CockpitUri, ProxiesRestart, ServiceType, SwitchMember, UrlParameter,
};

/// What the panel sends to JOC for an operation: the path under `/joc/api/` and the body.
pub fn joc_call(op: &Operation, controller_id: &str, audit: Option<AuditParams>) -> (&'static str, serde_json::Value) {
    use serde_json::to_value;
    let url_param = |url: Option<&String>, switchover: Option<bool>| UrlParameter {
        controller_id: controller_id.to_string(),
        url: url.cloned(),
        with_switchover: switchover,
        audit_log: audit.clone(),
    };
    let (path, body) = match op {
        Operation::JocSwitchOver { member_id } => (
            "joc/cluster/switch_member",
            to_value(SwitchMember { member_id: member_id.clone(), audit_log: audit.clone() }),
        ),
        Operation::RemoveJocInstance { member_id } => (
            "joc/cluster/delete_member",
            to_value(SwitchMember { member_id: member_id.clone(), audit_log: audit.clone() }),
        ),
        // JOC's schema allows no other field here, so no audit log.
        Operation::UpdateUrl { instance_id, url } => {
            ("joc/url", to_value(CockpitUri { instance_id: Some(instance_id.clone()), url: url.clone() }))
        }
        Operation::RestartServices => (
            "joc/cluster/restart",
            to_value(ClusterService { service: ServiceType::Cluster, audit_log: audit.clone() }),
        ),
        Operation::RestartService { service } => match service.service_type() {
            Some(t) => ("joc/cluster/restart", to_value(ClusterService { service: t, audit_log: audit.clone() })),
            None => ("joc/proxies/restart", to_value(ProxiesRestart { audit_log: audit.clone() })),
        },
        Operation::RunService { service } => {
            ("joc/cluster/run", to_value(ClusterService { service: *service, audit_log: audit.clone() }))
        }
        Operation::Terminate { url, restart, switchover } => (
            if *restart { "controller/restart" } else { "controller/terminate" },
            to_value(url_param(Some(url), Some(*switchover))),
        ),
        Operation::Abort { url, restart } => (
            if *restart { "controller/abort_and_restart" } else { "controller/abort" },
            to_value(url_param(Some(url), Some(false))),
        ),
        Operation::ClusterSwitchOver => ("controller/cluster/switchover", to_value(url_param(None, None))),
        Operation::ConfirmNodeLoss => ("controller/cluster/confirm_node_loss", to_value(url_param(None, None))),
    };
    (path, body.expect("operation bodies serialise"))
}
