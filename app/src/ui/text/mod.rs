//! The words of the panel in English, French and German (JOC Cockpit's wording where JOC has
//! one). Every function takes the language; each text is given in all three at once, so none
//! can be missing.
//!
//! - [`ui`]: the fixed texts of the pages; [`drawing`]: the texts inside the drawing;
//!   [`ops`]: the operations' words (and their dialog's); [`errors`]: what a failure means.
//! - Here: the words of JOC's states, tones and changes.

pub mod availability;
pub mod drawing;
mod errors;
pub mod ops;
pub mod timeline;
pub mod ui;

pub use errors::error;

use super::i18n::{Lang, fill};
use crate::model::changes::{Change, State, Subject};
use crate::model::colours::Tone;
use crate::model::joc::{
    AgentState, AgentStateText, ClusterNodeState, ClusterNodeStateText, ClusterState, ClusterType, ComponentState,
    ComponentStateText, ConnectionStateText, SecurityLevel, Severe, StateText,
};

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

/// The name of a changed part: "Controller PRIMARY", "Agent agent-1".
pub fn subject(l: Lang, s: &Subject) -> String {
    match s {
        Subject::Joc(n) => format!("JOC Cockpit {n}"),
        Subject::Database => drawing::database(l).to_string(),
        Subject::Controller(n) => fill(l.pick("Controller {}", "Contrôleur {}", "Controller {}"), &[n]),
        Subject::Cluster => l.pick("Controller cluster", "Cluster Contrôleur", "Controller-Cluster").to_string(),
        Subject::Agent(n) => format!("Agent {n}"),
        Subject::Feed => l.pick("JOC Cockpit data", "Données de JOC Cockpit", "JOC-Cockpit-Daten").to_string(),
    }
}

/// One timeline entry: "Controller PRIMARY: active → standby".
pub fn change(l: Lang, c: &Change) -> String {
    let subject = subject(l, &c.subject);
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
        use crate::serverfns::{AppError, ErrorCode};
        let joc = AppError::new(ErrorCode::Joc("JOC-400".into()), "cluster not coupled");
        assert_eq!(error(Lang::Fr, &joc), "cluster not coupled");
        let busy = AppError::new(ErrorCode::Busy, "An operation on this target is still in progress.");
        assert_eq!(error(Lang::De, &busy), "Ein Vorgang auf diesem Ziel läuft noch.");
        let stranger =
            AppError::new(ErrorCode::UnknownTarget, "http://elsewhere:4444 is not a Controller instance JOC reports.");
        assert!(
            error(Lang::Fr, &stranger).starts_with("JOC Cockpit ne signale plus"),
            "the server's English is not shown"
        );
    }

    #[test]
    fn french_follows_jocs_wording() {
        assert_eq!(cluster(Lang::Fr, ClusterType::Coupled), "Couplé");
        assert_eq!(cluster_node(Lang::Fr, ClusterNodeStateText::Inactive), "passif");
        assert_eq!(connection(Lang::Fr, ConnectionStateText::Unstable), "défaillant");
        assert_eq!(connection(Lang::De, ConnectionStateText::Established), "", "a healthy line has no label");
    }
}
