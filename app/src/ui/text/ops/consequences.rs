//! What an operation does, said in its confirmation.

use super::super::Lang;
use crate::model::operations::Operation;

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
