//! The words of the panel in English, French and German (JOC Cockpit's wording where JOC has
//! one). Every function takes the language; each text is given in all three at once, so none
//! can be missing.

use super::i18n::{Lang, fill};
use crate::model::changes::{Change, State, Subject};
use crate::model::colours::Tone;
use crate::model::joc::{
    AgentState, AgentStateText, ClusterNodeState, ClusterNodeStateText, ClusterState, ClusterType, ComponentState,
    ComponentStateText, ConnectionStateText, SecurityLevel, Severe, StateText,
};
use crate::serverfns::AppError;

pub fn component(l: Lang, t: ComponentStateText) -> &'static str {
    match t {
        ComponentStateText::Operational => l.pick("operational", "opérationnel", "betriebsbereit"),
        ComponentStateText::Limited => l.pick("limited", "limité", "eingeschränkt"),
        ComponentStateText::Inoperable => l.pick("inoperable", "inopérable", "nicht betriebsbereit"),
        ComponentStateText::Unknown | ComponentStateText::Unrecognised => l.pick("unknown", "inconnu", "unbekannt"),
    }
}

/// JOC labels a healthy line with nothing and an unstable one "unhealthy".
pub fn connection(l: Lang, t: ConnectionStateText) -> &'static str {
    match t {
        ConnectionStateText::Established => "",
        ConnectionStateText::Unstable => l.pick("unhealthy", "défaillant", "instabil"),
        ConnectionStateText::Unreachable => l.pick("unreachable", "inaccessible", "nicht erreichbar"),
        ConnectionStateText::Unknown | ConnectionStateText::Unrecognised => l.pick("unknown", "inconnu", "unbekannt"),
    }
}

pub fn cluster_node(l: Lang, t: ClusterNodeStateText) -> &'static str {
    match t {
        ClusterNodeStateText::Active => l.pick("active", "actif", "aktiv"),
        ClusterNodeStateText::Inactive => l.pick("standby", "passif", "Standby"),
        ClusterNodeStateText::ApiServer => l.pick("API server", "serveur API", "API-Server"),
        ClusterNodeStateText::Unknown | ClusterNodeStateText::Unrecognised => l.pick("unknown", "inconnu", "unbekannt"),
    }
}

pub fn cluster(l: Lang, t: ClusterType) -> &'static str {
    match t {
        ClusterType::Empty => l.pick("Empty", "Vide", "Leer"),
        ClusterType::NodesAppointed => l.pick("Nodes appointed", "Nœuds désignés", "Knoten ernannt"),
        ClusterType::PreparedToBeCoupled => {
            l.pick("Prepared to be coupled", "Prêt à être couplé", "Bereit zur Kopplung")
        }
        ClusterType::Coupled => l.pick("Coupled", "Couplé", "Gekoppelt"),
        ClusterType::ActiveShutDown => {
            l.pick("Active node shut down", "Nœud actif arrêté", "Aktiver Knoten heruntergefahren")
        }
        ClusterType::SwitchedOver => l.pick("Switched over", "Basculé manuellement", "Umgeschaltet"),
        ClusterType::PassiveLost => l.pick("Passive lost", "Nœud passif perdu", "Passiver Knoten verloren"),
        ClusterType::FailedOver => l.pick("Failed over", "Basculé automatiquement", "Fail-over erfolgt"),
        ClusterType::ActiveNodeIsNotReady => {
            l.pick("Active node is not ready", "Nœud actif non prêt", "Aktiver Knoten nicht bereit")
        }
        ClusterType::NodeLossToBeConfirmed => {
            l.pick("Node loss to be confirmed", "Perte de nœud à confirmer", "Knotenverlust zu bestätigen")
        }
        ClusterType::FailoverToBeConfirmed => {
            l.pick("Fail-over to be confirmed", "Bascule à confirmer", "Fail-over zu bestätigen")
        }
        ClusterType::Unknown => l.pick("Unknown", "Inconnu", "Unbekannt"),
    }
}

pub fn security(l: Lang, s: SecurityLevel) -> &'static str {
    match s {
        SecurityLevel::Low => l.pick("low", "bas", "niedrig"),
        SecurityLevel::Medium => l.pick("medium", "moyen", "mittel"),
        SecurityLevel::High => l.pick("high", "haut", "hoch"),
    }
}

pub fn agent(l: Lang, s: AgentStateText) -> &'static str {
    match s {
        AgentStateText::Coupled => l.pick("coupled", "couplé", "gekoppelt"),
        AgentStateText::Resetting => l.pick("resetting", "réinitialisation", "wird zurückgesetzt"),
        AgentStateText::Reset => l.pick("reset", "réinitialisé", "zurückgesetzt"),
        AgentStateText::Initialised => l.pick("initialised", "initialisé", "initialisiert"),
        AgentStateText::Couplingfailed => l.pick("coupling failed", "couplage échoué", "Kopplung fehlgeschlagen"),
        AgentStateText::Shutdown => l.pick("shut down", "arrêté", "heruntergefahren"),
        AgentStateText::Unknown | AgentStateText::Unrecognised => l.pick("unknown", "inconnu", "unbekannt"),
    }
}

/// A state as JOC wrote it when this version does not know the text, else in the user's words.
fn shown<T: StateText>(s: &Severe<T>, word: impl Fn(T) -> &'static str) -> String {
    s.raw.clone().unwrap_or_else(|| word(s.text).to_string())
}

/// A component's status; JOC leaving it out reads "unknown".
pub fn component_state(l: Lang, s: Option<&ComponentState>) -> String {
    s.map_or_else(|| component(l, ComponentStateText::Unknown).to_string(), |s| shown(s, |t| component(l, t)))
}

/// A cluster node's role; empty when JOC reports none (a standalone instance).
pub fn cluster_node_state(l: Lang, s: Option<&ClusterNodeState>) -> String {
    s.map(|s| shown(s, |t| cluster_node(l, t))).unwrap_or_default()
}

/// The Controller cluster's state; JOC leaving it out reads as `ClusterUnknown`.
pub fn cluster_state(l: Lang, s: Option<&ClusterState>) -> String {
    match s {
        Some(s) => s.raw.clone().unwrap_or_else(|| cluster(l, s.text).to_string()),
        None => cluster(l, ClusterType::Unknown).to_string(),
    }
}

/// An Agent's state: its text, and when JOC's severity says worse than the text (an Agent
/// JOC cannot reach stays `COUPLED` with severity 2) what the severity means.
pub fn agent_state(l: Lang, s: Option<&AgentState>) -> String {
    let Some(s) = s else { return "-".into() };
    let word = shown(s, |t| agent(l, t));
    if s.severity == s.text.severity() || s.text == AgentStateText::Unrecognised {
        return word;
    }
    let why = match s.severity {
        0 => return word,
        1 => l.pick("not healthy", "pas sain", "nicht gesund"),
        2 => l.pick("connection failed", "connexion en échec", "Verbindung fehlgeschlagen"),
        5 => l.pick("not dedicated", "non dédié", "nicht zugeordnet"),
        8 => l.pick(
            "connection error, retrying",
            "erreur de connexion, nouvel essai",
            "Verbindungsfehler, neuer Versuch",
        ),
        _ => l.pick("problem", "problème", "Problem"),
    };
    format!("{word}, {why}")
}

/// The word that goes with a colour, so the panel reads without colour.
pub fn tone(l: Lang, t: Tone) -> &'static str {
    match t {
        Tone::Ok => l.pick("healthy", "sain", "gesund"),
        Tone::Warn => l.pick("not healthy", "pas sain", "nicht gesund"),
        Tone::Bad => l.pick("failed or unknown", "en échec ou inconnu", "ausgefallen oder unbekannt"),
        Tone::Idle => l.pick("no data", "pas de données", "keine Daten"),
    }
}

/// The glyph drawn in a tile, so the panel reads in greyscale.
pub fn glyph(t: Tone) -> &'static str {
    match t {
        Tone::Ok => "✓",
        Tone::Warn => "!",
        Tone::Bad => "✕",
        Tone::Idle => "?",
    }
}

/// Shortens `s` to at most `max` characters with an ellipsis.
pub fn ellipsis(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

/// What a failure means, by its stable code; JOC's own refusals keep JOC's message.
pub fn error(l: Lang, e: &AppError) -> String {
    let known = match e.code.as_str() {
        "not-logged-in" => l.pick("Please log in.", "Veuillez vous connecter.", "Bitte melden Sie sich an."),
        "unauthenticated" => l.pick(
            "JOC Cockpit refused the account or password.",
            "JOC Cockpit a refusé le compte ou le mot de passe.",
            "JOC Cockpit hat Konto oder Kennwort abgelehnt.",
        ),
        "session-expired" => l.pick(
            "Your session has ended; the operation was not performed. Please log in again.",
            "Votre séance a expiré ; l'opération n'a pas été effectuée. Veuillez vous reconnecter.",
            "Ihre Sitzung ist abgelaufen; der Vorgang wurde nicht ausgeführt. Bitte melden Sie sich erneut an.",
        ),
        "forbidden" => l.pick(
            "Your JOC Cockpit account lacks the permission for this.",
            "Votre compte JOC Cockpit n'a pas la permission requise.",
            "Ihrem JOC-Cockpit-Konto fehlt die Berechtigung dafür.",
        ),
        "busy" => l.pick(
            "An operation on this target is still in progress.",
            "Une opération sur cette cible est encore en cours.",
            "Ein Vorgang auf diesem Ziel läuft noch.",
        ),
        "too-many-logins" => l.pick(
            "Too many failed logins; please wait a minute.",
            "Trop d'échecs de connexion ; veuillez patienter une minute.",
            "Zu viele fehlgeschlagene Anmeldungen; bitte warten Sie eine Minute.",
        ),
        "approval-required" => l.pick(
            "JOC Cockpit requires an approval for this operation.",
            "JOC Cockpit exige une approbation pour cette opération.",
            "JOC Cockpit verlangt eine Freigabe für diesen Vorgang.",
        ),
        "controller-unreachable" => l.pick(
            "JOC Cockpit cannot reach the Controller.",
            "JOC Cockpit ne peut pas joindre le Contrôleur.",
            "JOC Cockpit erreicht den Controller nicht.",
        ),
        "timeout" => l.pick(
            "JOC Cockpit did not answer in time.",
            "JOC Cockpit n'a pas répondu à temps.",
            "JOC Cockpit hat nicht rechtzeitig geantwortet.",
        ),
        "unreachable" => l.pick(
            "JOC Cockpit cannot be reached.",
            "JOC Cockpit est injoignable.",
            "JOC Cockpit ist nicht erreichbar.",
        ),
        "no-controller" => l.pick(
            "JOC Cockpit has no Controller registered yet.",
            "JOC Cockpit n'a encore aucun Contrôleur enregistré.",
            "In JOC Cockpit ist noch kein Controller registriert.",
        ),
        "bad-status" | "malformed" => l.pick(
            "JOC Cockpit's answer could not be used.",
            "La réponse de JOC Cockpit est inutilisable.",
            "Die Antwort von JOC Cockpit ist unbrauchbar.",
        ),
        _ => return e.message.clone(),
    };
    known.to_string()
}

/// One timeline entry: "Controller PRIMARY: active → standby".
pub fn change(l: Lang, c: &Change) -> String {
    let subject = match &c.subject {
        Subject::Joc(n) => format!("JOC Cockpit {n}"),
        Subject::Database => drawing::database(l).to_string(),
        Subject::Controller(n) => fill(l.pick("Controller {}", "Contrôleur {}", "Controller {}"), &[n]),
        Subject::Cluster => l.pick("Controller cluster", "Cluster Contrôleur", "Controller-Cluster").to_string(),
        Subject::Agent(n) => format!("Agent {n}"),
        Subject::Feed => l.pick("JOC Cockpit data", "Données de JOC Cockpit", "JOC-Cockpit-Daten").to_string(),
    };
    fill(l.pick("{}: {} → {}", "{} : {} → {}", "{}: {} → {}"), &[&subject, &state(l, &c.from), &state(l, &c.to)])
}

fn state(l: Lang, s: &State) -> String {
    let word = match s {
        State::Status(Some(t)) => component(l, *t),
        State::Node(Some(t)) => cluster_node(l, *t),
        State::Connection(Some(ConnectionStateText::Established)) => l.pick("connected", "connecté", "verbunden"),
        State::Connection(Some(t)) => connection(l, *t),
        State::Cluster(Some(t)) => cluster(l, *t),
        State::Agent(a) => return agent_state(l, a.as_ref()),
        State::Feed(None) => l.pick("live", "en direct", "live"),
        State::Feed(Some(_)) => l.pick("stale", "périmées", "veraltet"),
        State::Status(None) | State::Node(None) | State::Connection(None) | State::Cluster(None) => "-",
    };
    word.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_reads_as_subject_from_to() {
        let c = Change {
            subject: Subject::Controller("PRIMARY".into()),
            from: State::Node(Some(ClusterNodeStateText::Active)),
            to: State::Node(Some(ClusterNodeStateText::Inactive)),
        };
        assert_eq!(change(Lang::En, &c), "Controller PRIMARY: active → standby");
        assert_eq!(change(Lang::Fr, &c), "Contrôleur PRIMARY : actif → passif");
    }

    #[test]
    fn ellipsis_keeps_short_texts_and_cuts_long_ones() {
        assert_eq!(ellipsis("http://a:1", 20), "http://a:1");
        let long = "https://joc-primary.example.com:4443/very/long";
        let cut = ellipsis(long, 20);
        assert_eq!(cut.chars().count(), 20);
        assert!(cut.ends_with('…'));
    }

    #[test]
    fn jocs_refusals_keep_jocs_message_and_ours_are_translated() {
        let joc = AppError::new("JOC-400", "cluster not coupled");
        assert_eq!(error(Lang::Fr, &joc), "cluster not coupled");
        let busy = AppError::new("busy", "An operation on this target is still in progress.");
        assert_eq!(error(Lang::De, &busy), "Ein Vorgang auf diesem Ziel läuft noch.");
    }

    #[test]
    fn french_follows_jocs_wording() {
        assert_eq!(cluster(Lang::Fr, ClusterType::Coupled), "Couplé");
        assert_eq!(cluster_node(Lang::Fr, ClusterNodeStateText::Inactive), "passif");
        assert_eq!(connection(Lang::Fr, ConnectionStateText::Unstable), "défaillant");
        assert_eq!(connection(Lang::De, ConnectionStateText::Established), "", "a healthy line has no label");
    }
}

/// The fixed texts of the pages.
pub mod ui {
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
        l.pick(
            "No change since the panel opened.",
            "Aucun changement depuis l'ouverture du panneau.",
            "Keine Änderung seit dem Öffnen.",
        )
    }
}

/// The texts inside the drawing.
pub mod drawing {
    use super::{Lang, fill};

    pub fn database(l: Lang) -> &'static str {
        l.pick("Database", "Base de données", "Datenbank")
    }
    pub fn security_level(l: Lang, v: &str) -> String {
        fill(l.pick("Security Level: {}", "Niveau de Sécurité : {}", "Sicherheitsstufe: {}"), &[v])
    }
    pub fn status(l: Lang, v: &str) -> String {
        fill(l.pick("Status: {}", "Statut : {}", "Status: {}"), &[v])
    }
    pub fn cluster_node(l: Lang, v: &str) -> String {
        fill(l.pick("Cluster Node: {}", "Nœud Cluster : {}", "Cluster-Knoten: {}"), &[v])
    }
    pub fn controller_id(l: Lang, v: &str) -> String {
        fill(l.pick("Controller ID: {}", "ID Contrôleur : {}", "Controller-ID: {}"), &[v])
    }
    pub fn cluster(l: Lang) -> &'static str {
        l.pick("Cluster", "Cluster", "Cluster")
    }
    /// The hover details of a JOC Cockpit instance.
    pub fn joc_details(l: Lang, version: &str, started: &str, beat: &str, os: &str) -> String {
        fill(
            l.pick(
                "Version: {}\nStarted at: {}\nLast heartbeat: {}\nOperating system: {}",
                "Version : {}\nDémarré : {}\nDernier battement : {}\nSystème d'exploitation : {}",
                "Version: {}\nGestartet: {}\nLetzter Herzschlag: {}\nBetriebssystem: {}",
            ),
            &[version, started, beat, os],
        )
    }
    /// The hover details of a Controller instance.
    pub fn controller_details(l: Lang, url: &str, version: &str, started: &str, survey: &str, os: &str) -> String {
        fill(
            l.pick(
                "URL: {}\nVersion: {}\nStarted at: {}\nSurvey date: {}\nOperating system: {}",
                "URL : {}\nVersion : {}\nDémarré : {}\nDate de l'enquête : {}\nSystème d'exploitation : {}",
                "URL: {}\nVersion: {}\nGestartet: {}\nErhebungszeitpunkt: {}\nBetriebssystem: {}",
            ),
            &[url, version, started, survey, os],
        )
    }
    /// The hover details of an Agent: its URL, and each Subagent of an Agent cluster.
    pub fn agent_details(l: Lang, url: &str, subagents: &[(String, String)]) -> String {
        let mut out = fill(l.pick("URL: {}", "URL : {}", "URL: {}"), &[url]);
        for (name, state) in subagents {
            out.push_str(&fill(
                l.pick("\nSubagent {}: {}", "\nSous-agent {} : {}", "\nSubagent {}: {}"),
                &[name, state],
            ));
        }
        out
    }
    pub fn database_label(l: Lang, dbms: &str, version: &str) -> String {
        fill(
            l.pick("Database {}, version {}", "Base de données {}, version {}", "Datenbank {}, Version {}"),
            &[dbms, version],
        )
    }
    /// The accessible name of the link to a JOC instance.
    pub fn open_joc(l: Lang, url: &str) -> String {
        fill(
            l.pick(
                "Open JOC Cockpit at {} in a new tab",
                "Ouvrir JOC Cockpit à {} dans un nouvel onglet",
                "JOC Cockpit unter {} in einem neuen Tab öffnen",
            ),
            &[url],
        )
    }

    pub fn joc_label(l: Lang, title: &str, current: bool, tone: &str, status: &str, node: &str) -> String {
        let current = if current { l.pick(" (current)", " (courante)", " (aktuell)") } else { "" };
        fill(
            l.pick(
                "JOC Cockpit {}{}: {}, status {}, cluster node {}",
                "JOC Cockpit {}{} : {}, statut {}, nœud cluster {}",
                "JOC Cockpit {}{}: {}, Status {}, Cluster-Knoten {}",
            ),
            &[title, current, tone, status, node],
        )
    }
    pub fn controller_label(l: Lang, title: &str, tone: &str, status: &str, node: &str) -> String {
        let node = if node.is_empty() {
            String::new()
        } else {
            fill(l.pick(", cluster node {}", ", nœud cluster {}", ", Cluster-Knoten {}"), &[node])
        };
        fill(
            l.pick(
                "Controller {}: {}, status {}{}",
                "Contrôleur {} : {}, statut {}{}",
                "Controller {}: {}, Status {}{}",
            ),
            &[title, tone, status, &node],
        )
    }
    pub fn cluster_label(l: Lang, state: &str, loss: Option<&str>) -> String {
        let loss = loss.map_or(String::new(), |n| {
            fill(l.pick(", lost node {}", ", nœud perdu {}", ", verlorener Knoten {}"), &[n])
        });
        fill(
            l.pick("Controller cluster: {}{}", "Cluster Contrôleur : {}{}", "Controller-Cluster: {}{}"),
            &[state, &loss],
        )
    }
    pub fn agent_label(l: Lang, name: &str, state: &str) -> String {
        fill(l.pick("Agent {}: {}", "Agent {} : {}", "Agent {}: {}"), &[name, state])
    }
    /// Added to an Agent cluster's label for each of its Subagents.
    pub fn subagent_label(l: Lang, name: &str, state: &str) -> String {
        fill(l.pick("; Subagent {}: {}", " ; sous-agent {} : {}", "; Subagent {}: {}"), &[name, state])
    }
    pub fn line_joc_db(l: Lang, i: usize) -> String {
        fill(
            l.pick("JOC Cockpit {} → database", "JOC Cockpit {} → base de données", "JOC Cockpit {} → Datenbank"),
            &[&i.to_string()],
        )
    }
    pub fn line_joc_controller(l: Lang, i: usize, k: usize) -> String {
        fill(
            l.pick(
                "JOC Cockpit {} → Controller {}",
                "JOC Cockpit {} → Contrôleur {}",
                "JOC Cockpit {} → Controller {}",
            ),
            &[&i.to_string(), &k.to_string()],
        )
    }
    pub fn line_cluster(l: Lang) -> &'static str {
        l.pick("Controller cluster connection", "Connexion du cluster Contrôleur", "Verbindung im Controller-Cluster")
    }
    pub fn line_agent(l: Lang, a: usize) -> String {
        fill(l.pick("Controller → Agent {}", "Contrôleur → Agent {}", "Controller → Agent {}"), &[&a.to_string()])
    }
    pub fn busy(l: Lang, label: &str, accepted: bool, secs: u64) -> String {
        // JOC answers a switch-over or a restart of all services only after it stopped every
        // service: the first phase can last minutes.
        let phase = if accepted {
            l.pick("accepted", "acceptée", "angenommen")
        } else {
            l.pick("awaiting JOC", "attente de JOC", "warten auf JOC")
        };
        format!("⏳ {label} · {phase} · {secs} s")
    }
}

/// Words of the operations.
pub mod ops {
    use super::{Lang, fill};
    use crate::model::joc::ServiceType;
    use crate::model::operations::{Action, JocService, Operation, Target, Why};

    pub fn service(l: Lang, s: JocService) -> &'static str {
        match s {
            JocService::Cleanup => l.pick("Cleanup Service", "Service d'Assainissement", "Bereinigungsdienst"),
            JocService::DailyPlan => l.pick("Daily Plan Service", "Service du Plan Quotidien", "Tagesplandienst"),
            JocService::History => l.pick("History Service", "Service de l'Historique", "Historiendienst"),
            JocService::LogNotification => l.pick(
                "Log Notification Service",
                "Service de Notification des Journaux",
                "Log-Benachrichtigungsdienst",
            ),
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
            Why::NotCoupled => l.pick(
                "The cluster is not coupled.",
                "Le cluster n'est pas couplé.",
                "Der Cluster ist nicht gekoppelt.",
            ),
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
            Why::InstanceDown => l.pick(
                "This instance is not running.",
                "Cette instance ne fonctionne pas.",
                "Diese Instanz läuft nicht.",
            ),
        }
    }

    /// What happens, said in the confirmation. `coupled`: the Controller cluster is coupled.
    pub fn consequence(l: Lang, op: &Operation, coupled: bool, active: bool) -> String {
        let restart = |r: bool| {
            if r {
                l.pick(" It is then started again.", " Elle redémarre ensuite.", " Danach startet sie neu.")
            } else {
                ""
            }
        };
        match op {
            Operation::JocSwitchOver { .. } => l
                .pick(
                    "The active role passes to this JOC Cockpit instance. This takes 20 to 60 seconds.",
                    "Le rôle actif passe à cette instance de JOC Cockpit. Cela prend de 20 à 60 secondes.",
                    "Die aktive Rolle geht an diese JOC-Cockpit-Instanz über. Das dauert 20 bis 60 Sekunden.",
                )
                .into(),
            Operation::RemoveJocInstance { .. } => l
                .pick(
                    "JOC Cockpit forgets this instance, which has sent no heartbeat for over a minute; it leaves the drawing. When it starts again, it registers itself again.",
                    "JOC Cockpit oublie cette instance, qui n'a plus envoyé de signal de vie depuis plus d'une minute ; elle quitte le dessin. Si elle redémarre, elle s'enregistre de nouveau.",
                    "JOC Cockpit vergisst diese Instanz, die seit über einer Minute keinen Heartbeat gesendet hat; sie verschwindet aus der Zeichnung. Startet sie wieder, meldet sie sich erneut an.",
                )
                .into(),
            Operation::UpdateUrl { .. } => l
                .pick(
                    "Only the URL shown changes.",
                    "Seule l'URL affichée change.",
                    "Nur die angezeigte URL ändert sich.",
                )
                .into(),
            Operation::RestartServices => l
                .pick(
                    "All JOC Cockpit services and the proxies restart; they pause briefly.",
                    "Tous les services de JOC Cockpit et les proxys redémarrent ; ils s'interrompent brièvement.",
                    "Alle Dienste von JOC Cockpit und die Proxys starten neu; sie pausieren kurz.",
                )
                .into(),
            Operation::RestartService { .. } => l
                .pick(
                    "The service restarts; it pauses briefly.",
                    "Le service redémarre ; il s'interrompt brièvement.",
                    "Der Dienst startet neu; er pausiert kurz.",
                )
                .into(),
            Operation::RunService { .. } => l
                .pick(
                    "The service runs now, besides its schedule.",
                    "Le service s'exécute maintenant, en plus de sa planification.",
                    "Der Dienst läuft jetzt, zusätzlich zu seinem Zeitplan.",
                )
                .into(),
            Operation::Terminate { restart: r, switchover: true, .. } => {
                l.pick(
                    "The standby instance takes over the active role, then this instance stops.",
                    "L'instance passive prend le rôle actif, puis cette instance s'arrête.",
                    "Die Standby-Instanz übernimmt die aktive Rolle, dann stoppt diese Instanz.",
                )
                .to_string()
                    + restart(*r)
            }
            Operation::Terminate { restart: r, .. } if active => {
                if *r {
                    l.pick(
                        "This instance stops without handing over: no Controller instance will be active until it is back.",
                        "Cette instance s'arrête sans passer la main : aucune instance de Contrôleur ne sera active jusqu'à son retour.",
                        "Diese Instanz stoppt ohne Übergabe: Bis sie zurück ist, ist keine Controller-Instanz aktiv.",
                    )
                } else {
                    l.pick(
                        "This instance stops without handing over: no Controller instance will be active until someone starts one.",
                        "Cette instance s'arrête sans passer la main : aucune instance de Contrôleur ne sera active tant que personne n'en démarre une.",
                        "Diese Instanz stoppt ohne Übergabe: Keine Controller-Instanz ist aktiv, bis jemand eine startet.",
                    )
                }
                .into()
            }
            Operation::Terminate { restart: r, .. } => {
                l.pick("This instance stops.", "Cette instance s'arrête.", "Diese Instanz stoppt.").to_string()
                    + restart(*r)
            }
            Operation::Abort { restart: r, .. } if active && coupled => {
                l.pick(
                    "The instance is killed at once; the standby instance fails over.",
                    "L'instance est tuée sur-le-champ ; l'instance passive bascule automatiquement.",
                    "Die Instanz wird sofort beendet; die Standby-Instanz übernimmt per Fail-over.",
                )
                .to_string()
                    + restart(*r)
            }
            Operation::Abort { restart: r, .. } if active => {
                l.pick(
                    "The instance is killed at once; no Controller instance will be active.",
                    "L'instance est tuée sur-le-champ ; aucune instance de Contrôleur ne sera active.",
                    "Die Instanz wird sofort beendet; keine Controller-Instanz wird aktiv sein.",
                )
                .to_string()
                    + restart(*r)
            }
            Operation::Abort { restart: r, .. } => {
                l.pick(
                    "The instance is killed at once.",
                    "L'instance est tuée sur-le-champ.",
                    "Die Instanz wird sofort beendet.",
                )
                .to_string()
                    + restart(*r)
            }
            Operation::ClusterSwitchOver => l
                .pick(
                    "The standby Controller instance becomes the active one.",
                    "L'instance passive du Contrôleur devient l'instance active.",
                    "Die Standby-Controller-Instanz wird zur aktiven.",
                )
                .into(),
            Operation::ConfirmNodeLoss => l
                .pick(
                    "If the lost instance is in fact still running, two instances could act as active.",
                    "Si l'instance perdue fonctionne encore, deux instances pourraient agir comme actives.",
                    "Läuft die verlorene Instanz doch noch, könnten zwei Instanzen als aktiv handeln.",
                )
                .into(),
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

    /// The dialog's words.
    pub mod dialog {
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
    }
}
