//! Words of the operations.

mod consequences;
pub mod dialog;

pub use consequences::consequence;

use super::{Lang, fill};
use crate::model::joc::ServiceType;
use crate::model::operations::{Action, JocService, Operation, Target, Why};

pub fn service(l: Lang, s: JocService) -> &'static str {
    match s {
        JocService::Cleanup => l.pick("Cleanup Service", "Service d'Assainissement", "Bereinigungsdienst"),
        JocService::DailyPlan => l.pick("Daily Plan Service", "Service du Plan Quotidien", "Tagesplandienst"),
        JocService::History => l.pick("History Service", "Service de l'Historique", "Historiendienst"),
        JocService::LogNotification => {
            l.pick("Log Notification Service", "Service de Notification des Journaux", "Log-Benachrichtigungsdienst")
        }
        JocService::Monitor => l.pick("Monitor Service", "Service de Surveillance", "Überwachungsdienst"),
        JocService::Proxy => l.pick("Proxy Service", "Service de Proxy", "Proxy-Dienst"),
    }
}

fn run_service(l: Lang, s: ServiceType) -> &'static str {
    match s {
        ServiceType::Dailyplan => service(l, JocService::DailyPlan),
        _ => service(l, JocService::Cleanup),
    }
}

/// The menu label of an action; `failover` says whether a confirmation awaits a fail-over
/// (rather than a node loss).
pub fn label(l: Lang, a: &Action, failover: bool) -> String {
    match a {
        Action::Run(op) => operation(l, op, failover),
        Action::EditUrl { .. } => l.pick("Update URL", "Mettre à jour l'URL", "URL aktualisieren").into(),
        Action::DownloadJocLog | Action::DownloadControllerLog { .. } => {
            l.pick("Download Log", "Télécharger le Journal", "Log herunterladen").into()
        }
    }
}

pub fn operation(l: Lang, op: &Operation, failover: bool) -> String {
    match op {
        Operation::JocSwitchOver { .. } | Operation::ClusterSwitchOver => {
            l.pick("Switch-over", "Bascule Manuelle", "Switch-over").into()
        }
        Operation::RemoveJocInstance { .. } => {
            l.pick("Remove from Inventory", "Supprimer de l'Inventaire", "Aus dem Inventar entfernen").into()
        }
        Operation::UpdateUrl { .. } => l.pick("Update URL", "Mettre à jour l'URL", "URL aktualisieren").into(),
        Operation::RestartServices => {
            l.pick("Restart Services", "Redémarrer les Services", "Dienste neu starten").into()
        }
        Operation::RestartService { service: s } => {
            let base = l.pick("Restart Service", "Redémarrer le Service", "Dienst neu starten");
            format!("{base} › {}", service(l, *s))
        }
        Operation::RunService { service: s } => {
            let base = l.pick("Run Service", "Démarrer Service", "Dienst ausführen");
            format!("{base} › {}", run_service(l, *s))
        }
        Operation::Terminate { restart, switchover, .. } => {
            let base = if *restart {
                l.pick("Terminate and Restart", "Terminer et Redémarrer", "Beenden und neu starten")
            } else {
                l.pick("Terminate", "Terminer", "Beenden")
            };
            let with = l.pick(" › With switch-over", " › Avec bascule manuelle", " › Mit Switch-over");
            base.to_string() + if *switchover { with } else { "" }
        }
        // JOC says "Cancel"; "Abort" keeps it apart from the dialogs' Cancel.
        Operation::Abort { restart, .. } => (if *restart {
            l.pick("Abort and Restart", "Interrompre et Redémarrer", "Abbrechen und neu starten")
        } else {
            l.pick("Abort", "Interrompre", "Abbrechen (sofort)")
        })
        .into(),
        Operation::ConfirmNodeLoss if failover => {
            l.pick("Confirm fail-over", "Confirmer le basculement", "Fail-over bestätigen").into()
        }
        Operation::ConfirmNodeLoss => l
            .pick(
                "Confirm loss of a Controller instance",
                "Confirmer la perte d'une Instance de Contrôleur",
                "Verlust einer Controller-Instanz bestätigen",
            )
            .into(),
    }
}

pub fn why(l: Lang, w: Why) -> &'static str {
    match w {
        Why::NotCoupled => {
            l.pick("The cluster is not coupled.", "Le cluster n'est pas couplé.", "Der Cluster ist nicht gekoppelt.")
        }
        Why::NotReachable => l.pick(
            "JOC Cockpit cannot reach this instance.",
            "JOC Cockpit ne peut pas joindre cette instance.",
            "JOC Cockpit erreicht diese Instanz nicht.",
        ),
        Why::NoLossToConfirm => l.pick(
            "No loss of an instance awaits confirmation.",
            "Aucune perte d'instance n'attend de confirmation.",
            "Kein Instanzverlust wartet auf Bestätigung.",
        ),
        Why::InstanceDown => {
            l.pick("This instance is not running.", "Cette instance ne fonctionne pas.", "Diese Instanz läuft nicht.")
        }
    }
}

/// The name of a target as the user knows it.
pub fn target_name(l: Lang, t: Target, c: &crate::model::joc::Components) -> String {
    match t {
        Target::Joc(i) => c.jocs.get(i).map_or(String::new(), |j| {
            let title = j.title.clone().unwrap_or_default();
            format!("JOC Cockpit {title} ({})", j.url.clone().unwrap_or_default())
        }),
        Target::Controller(k) => c.controllers.get(k).map_or(String::new(), |k| {
            fill(l.pick("Controller {} ({})", "Contrôleur {} ({})", "Controller {} ({})"), &[&k.title, &k.url])
        }),
        Target::Cluster => {
            let id = c.controllers.first().map(|k| k.controller_id.as_str()).unwrap_or("");
            fill(l.pick("Controller cluster '{}'", "Cluster Contrôleur '{}'", "Controller-Cluster '{}'"), &[id])
        }
    }
}

pub fn operations_of(l: Lang, name: &str) -> String {
    fill(l.pick("Operations of {}", "Opérations de {}", "Vorgänge von {}"), &[name])
}
pub fn none_open(l: Lang) -> &'static str {
    l.pick(
        "No operation is open to your account here.",
        "Aucune opération n'est ouverte à votre compte ici.",
        "Hier steht Ihrem Konto kein Vorgang offen.",
    )
}
pub fn done(l: Lang, label: &str) -> String {
    fill(l.pick("{}: done.", "{} : effectué.", "{}: erledigt."), &[label])
}
pub fn reported(l: Lang, label: &str) -> String {
    fill(
        l.pick(
            "{}: JOC Cockpit reports the change.",
            "{} : JOC Cockpit signale le changement.",
            "{}: JOC Cockpit meldet die Änderung.",
        ),
        &[label],
    )
}
pub fn unseen(l: Lang, label: &str) -> String {
    fill(
        l.pick(
            "{}: accepted, but no change seen after 3 minutes.",
            "{} : accepté, mais aucun changement après 3 minutes.",
            "{}: angenommen, aber nach 3 Minuten keine Änderung sichtbar.",
        ),
        &[label],
    )
}
pub fn refused(l: Lang, label: &str, why: &str, code: &str) -> String {
    fill(l.pick("{} refused: {} ({})", "{} refusé : {} ({})", "{} abgelehnt: {} ({})"), &[label, why, code])
}
