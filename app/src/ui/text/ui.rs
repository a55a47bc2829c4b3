//! The fixed texts of the pages.

use super::Lang;

pub fn product_status(l: Lang) -> &'static str {
    l.pick("Product Status", "Statut du Produit", "Produktstatus")
}
pub fn page_title(l: Lang) -> &'static str {
    l.pick("Product Status · js7-status", "Statut du Produit · js7-status", "Produktstatus · js7-status")
}
pub fn loading(l: Lang) -> &'static str {
    l.pick("Loading…", "Chargement…", "Wird geladen…")
}
pub fn not_found(l: Lang) -> &'static str {
    l.pick("Page not found.", "Page introuvable.", "Seite nicht gefunden.")
}
pub fn session_ended(l: Lang) -> &'static str {
    l.pick(
        "Your session has ended. Please log in again.",
        "Votre séance a expiré, vous devez vous reconnecter.",
        "Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.",
    )
}
pub fn login_hint(l: Lang) -> &'static str {
    l.pick(
        "Log in with your JOC Cockpit account.",
        "Connectez-vous avec votre compte JOC Cockpit.",
        "Melden Sie sich mit Ihrem JOC-Cockpit-Konto an.",
    )
}
pub fn account(l: Lang) -> &'static str {
    l.pick("Account", "Compte", "Konto")
}
pub fn password(l: Lang) -> &'static str {
    l.pick("Password", "Mot de passe", "Kennwort")
}
pub fn log_in(l: Lang) -> &'static str {
    l.pick("Log in", "Se connecter", "Anmelden")
}
pub fn logging_in(l: Lang) -> &'static str {
    l.pick("Logging in…", "Connexion…", "Anmeldung…")
}
pub fn log_out(l: Lang) -> &'static str {
    l.pick("Log out", "Se déconnecter", "Abmelden")
}
/// The label of the Controller switch (JOC's `label.controllerId`).
pub fn controller_id(l: Lang) -> &'static str {
    l.pick("Controller ID", "ID Contrôleur", "Controller-ID")
}
pub fn session(l: Lang) -> &'static str {
    l.pick("Session", "Séance", "Sitzung")
}
pub fn theme(l: Lang, dark: bool) -> &'static str {
    if dark {
        l.pick("Light theme", "Thème clair", "Helles Design")
    } else {
        l.pick("Dark theme", "Thème sombre", "Dunkles Design")
    }
}
pub fn dismiss(l: Lang) -> &'static str {
    l.pick("Dismiss", "Fermer", "Schließen")
}
pub fn close(l: Lang) -> &'static str {
    l.pick("Close", "Fermer", "Schließen")
}
pub fn connecting(l: Lang) -> &'static str {
    l.pick("Connecting…", "Connexion…", "Verbindung wird aufgebaut…")
}
pub fn connecting_joc(l: Lang) -> &'static str {
    l.pick("Connecting to JOC Cockpit…", "Connexion à JOC Cockpit…", "Verbindung zu JOC Cockpit…")
}
pub fn waiting_joc(l: Lang) -> &'static str {
    l.pick("Waiting for JOC Cockpit…", "En attente de JOC Cockpit…", "Warten auf JOC Cockpit…")
}
pub fn reconnecting(l: Lang) -> &'static str {
    l.pick("Reconnecting to the server…", "Reconnexion au serveur…", "Neue Verbindung zum Server…")
}
pub fn store_unavailable(l: Lang) -> &'static str {
    l.pick(
        "the shared store is unreachable: this server reads JOC itself; logins elsewhere and operations wait",
        "le stockage partagé est injoignable : ce serveur lit JOC lui-même ; les connexions ailleurs et les opérations attendent",
        "der gemeinsame Speicher ist nicht erreichbar: dieser Server liest JOC selbst; Anmeldungen anderswo und Vorgänge warten",
    )
}
pub fn stale_since(l: Lang, since: &str, why: &str) -> String {
    super::fill(l.pick("Stale since {} · {}", "Périmé depuis {} · {}", "Veraltet seit {} · {}"), &[since, why])
}
pub fn live(l: Lang, age: &str) -> String {
    super::fill(l.pick("Live · read {}", "En direct · lu {}", "Live · gelesen {}"), &[age])
}
/// "just now", "12 s ago", "3 min ago".
pub fn age(l: Lang, secs: u64) -> String {
    match secs {
        0..=1 => l.pick("just now", "à l'instant", "gerade eben").into(),
        2..=119 => super::fill(l.pick("{} s ago", "il y a {} s", "vor {} s"), &[&secs.to_string()]),
        _ => super::fill(l.pick("{} min ago", "il y a {} min", "vor {} min"), &[&(secs / 60).to_string()]),
    }
}
pub fn recent_changes(l: Lang) -> &'static str {
    l.pick("Recent changes", "Changements récents", "Letzte Änderungen")
}
pub fn no_changes(l: Lang) -> &'static str {
    l.pick("No change recorded yet.", "Aucun changement enregistré pour l'instant.", "Noch keine Änderung verzeichnet.")
}
pub fn overview(l: Lang) -> &'static str {
    l.pick("All installations", "Toutes les installations", "Alle Installationen")
}
pub fn installation(l: Lang) -> &'static str {
    l.pick("Installation", "Installation", "Installation")
}
/// "2 of 9 not healthy", "all 9 healthy".
pub fn not_green(l: Lang, n: u32, parts: u32) -> String {
    if n == 0 {
        super::fill(l.pick("all {} healthy", "les {} sains", "alle {} gesund"), &[&parts.to_string()])
    } else {
        super::fill(
            l.pick("{} of {} not healthy", "{} sur {} non sains", "{} von {} nicht gesund"),
            &[&n.to_string(), &parts.to_string()],
        )
    }
}
pub fn not_read_yet(l: Lang) -> &'static str {
    l.pick("not read yet", "pas encore lu", "noch nicht gelesen")
}
pub fn cannot_read(l: Lang) -> &'static str {
    l.pick("JOC cannot be read", "JOC ne peut être lu", "JOC nicht lesbar")
}
pub fn stale_tile(l: Lang, since: &str) -> String {
    super::fill(l.pick("stale since {}", "périmé depuis {}", "veraltet seit {}"), &[since])
}
pub fn no_controller_visible(l: Lang) -> &'static str {
    l.pick(
        "Your account may see no Controller here.",
        "Votre compte ne voit aucun Controller ici.",
        "Ihr Konto sieht hier keinen Controller.",
    )
}
pub fn refused_here(l: Lang) -> &'static str {
    l.pick(
        "JOC Cockpit refused your account here.",
        "JOC Cockpit a refusé votre compte ici.",
        "JOC Cockpit hat Ihr Konto hier abgelehnt.",
    )
}
pub fn unreachable_here(l: Lang) -> &'static str {
    l.pick(
        "JOC Cockpit could not be asked when you logged in.",
        "JOC Cockpit n'a pu être interrogé lors de votre connexion.",
        "JOC Cockpit war bei Ihrer Anmeldung nicht erreichbar.",
    )
}
pub fn logged_out_here(l: Lang) -> &'static str {
    l.pick("Your session here has ended.", "Votre séance ici a pris fin.", "Ihre Sitzung hier ist beendet.")
}
pub fn log_in_to(l: Lang, installation: &str) -> String {
    super::fill(l.pick("Log in to {}", "Se connecter à {}", "Bei {} anmelden"), &[installation])
}
pub fn log_in_to_hint(l: Lang) -> &'static str {
    l.pick(
        "Log in with an account this installation's JOC Cockpit accepts.",
        "Connectez-vous avec un compte accepté par le JOC Cockpit de cette installation.",
        "Melden Sie sich mit einem Konto an, das das JOC Cockpit dieser Installation annimmt.",
    )
}
pub fn not_connected(l: Lang) -> &'static str {
    l.pick(
        "Not connected to the server: these colours may be out of date.",
        "Pas de connexion au serveur : ces couleurs peuvent être périmées.",
        "Keine Verbindung zum Server: diese Farben können veraltet sein.",
    )
}
pub fn notify_toggle(l: Lang, on: bool) -> &'static str {
    if on {
        l.pick("Notifications: on", "Notifications : activées", "Benachrichtigungen: an")
    } else {
        l.pick("Notifications: off", "Notifications : désactivées", "Benachrichtigungen: aus")
    }
}
pub fn notify_blocked(l: Lang) -> &'static str {
    l.pick(
        "The browser blocks notifications for this site.",
        "Le navigateur bloque les notifications de ce site.",
        "Der Browser blockiert Benachrichtigungen dieser Seite.",
    )
}
/// A notification's title: "controller: Controller PRIMARY is red".
pub fn notify_title(l: Lang, controller_id: &str, subject: &str) -> String {
    super::fill(l.pick("{}: {} is red", "{} : {} est rouge", "{}: {} ist rot"), &[controller_id, subject])
}
pub fn notify_red(l: Lang) -> &'static str {
    l.pick("Failed or unknown.", "En échec ou inconnu.", "Ausgefallen oder unbekannt.")
}
pub fn notify_stale(l: Lang, controller_id: &str) -> String {
    super::fill(
        l.pick("{}: the status is out of date", "{} : l'état n'est plus à jour", "{}: der Status ist veraltet"),
        &[controller_id],
    )
}
