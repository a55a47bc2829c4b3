//! The words of the operations' dialog.

use super::{Lang, fill};

pub fn url_field(l: Lang) -> &'static str {
    l.pick("URL shown for this instance", "URL affichée pour cette instance", "Angezeigte URL dieser Instanz")
}
pub fn verified(l: Lang, node: &str) -> String {
    fill(
        l.pick(
            "I have verified that Controller instance '{}' is not running.",
            "J'ai vérifié que l'Instance du Contrôleur '{}' est arrêtée.",
            "Ich habe geprüft, dass die Controller-Instanz '{}' nicht läuft.",
        ),
        &[node],
    )
}
pub fn reason_legend(l: Lang, forced: bool) -> &'static str {
    if forced {
        l.pick(
            "Reason (required by JOC Cockpit)",
            "Justification (exigée par JOC Cockpit)",
            "Begründung (von JOC Cockpit verlangt)",
        )
    } else {
        l.pick("Reason (optional)", "Justification (facultative)", "Begründung (optional)")
    }
}
pub fn reason(l: Lang) -> &'static str {
    l.pick("Reason", "Justification", "Begründung")
}
pub fn time_spent(l: Lang) -> &'static str {
    l.pick("Time spent (minutes)", "Temps passé (minutes)", "Aufgewendete Zeit (Minuten)")
}
pub fn ticket(l: Lang) -> &'static str {
    l.pick("Ticket link", "Lien vers le ticket", "Ticket-Link")
}
pub fn cancel(l: Lang) -> &'static str {
    l.pick("Cancel", "Annuler", "Abbrechen")
}
pub fn submit(l: Lang) -> &'static str {
    l.pick("Submit", "Soumettre", "Absenden")
}
pub fn confirm(l: Lang) -> &'static str {
    l.pick("Confirm", "Confirmer", "Bestätigen")
}
