//! The texts inside the drawing.

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
        out.push_str(&fill(l.pick("\nSubagent {}: {}", "\nSous-agent {} : {}", "\nSubagent {}: {}"), &[name, state]));
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
        l.pick("Controller {}: {}, status {}{}", "Contrôleur {} : {}, statut {}{}", "Controller {}: {}, Status {}{}"),
        &[title, tone, status, &node],
    )
}
pub fn cluster_label(l: Lang, state: &str, loss: Option<&str>) -> String {
    let loss = loss
        .map_or(String::new(), |n| fill(l.pick(", lost node {}", ", nœud perdu {}", ", verlorener Knoten {}"), &[n]));
    fill(l.pick("Controller cluster: {}{}", "Cluster Contrôleur : {}{}", "Controller-Cluster: {}{}"), &[state, &loss])
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
        l.pick("JOC Cockpit {} → Controller {}", "JOC Cockpit {} → Contrôleur {}", "JOC Cockpit {} → Controller {}"),
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
