//! What a failure means, by its stable code.

use super::Lang;
use crate::serverfns::{AppError, ErrorCode};

/// What a failure means, by its stable code; JOC's own refusals keep JOC's message.
pub fn error(l: Lang, e: &AppError) -> String {
    let known = match &e.code {
        ErrorCode::NotLoggedIn => l.pick("Please log in.", "Veuillez vous connecter.", "Bitte melden Sie sich an."),
        ErrorCode::Unauthenticated => l.pick(
            "JOC Cockpit refused the account or password.",
            "JOC Cockpit a refusé le compte ou le mot de passe.",
            "JOC Cockpit hat Konto oder Kennwort abgelehnt.",
        ),
        ErrorCode::SessionExpired => l.pick(
            "Your session has ended; the operation was not performed. Please log in again.",
            "Votre séance a expiré ; l'opération n'a pas été effectuée. Veuillez vous reconnecter.",
            "Ihre Sitzung ist abgelaufen; der Vorgang wurde nicht ausgeführt. Bitte melden Sie sich erneut an.",
        ),
        ErrorCode::Forbidden => l.pick(
            "Your JOC Cockpit account lacks the permission for this.",
            "Votre compte JOC Cockpit n'a pas la permission requise.",
            "Ihrem JOC-Cockpit-Konto fehlt die Berechtigung dafür.",
        ),
        ErrorCode::OutsideInstallation => l.pick(
            "You are not logged in to this installation; log in to it with an account its JOC Cockpit accepts.",
            "Vous n'êtes pas connecté à cette installation ; connectez-vous avec un compte accepté par son JOC Cockpit.",
            "Sie sind bei dieser Installation nicht angemeldet; melden Sie sich mit einem Konto an, das ihr JOC Cockpit annimmt.",
        ),
        ErrorCode::Busy => l.pick(
            "An operation on this target is still in progress.",
            "Une opération sur cette cible est encore en cours.",
            "Ein Vorgang auf diesem Ziel läuft noch.",
        ),
        ErrorCode::TooManyLogins => l.pick(
            "Too many failed logins; please wait a minute.",
            "Trop d'échecs de connexion ; veuillez patienter une minute.",
            "Zu viele fehlgeschlagene Anmeldungen; bitte warten Sie eine Minute.",
        ),
        ErrorCode::ApprovalRequired => l.pick(
            "JOC Cockpit requires an approval for this operation.",
            "JOC Cockpit exige une approbation pour cette opération.",
            "JOC Cockpit verlangt eine Freigabe für diesen Vorgang.",
        ),
        ErrorCode::ControllerUnreachable => l.pick(
            "JOC Cockpit cannot reach the Controller.",
            "JOC Cockpit ne peut pas joindre le Contrôleur.",
            "JOC Cockpit erreicht den Controller nicht.",
        ),
        ErrorCode::Timeout => l.pick(
            "JOC Cockpit did not answer in time.",
            "JOC Cockpit n'a pas répondu à temps.",
            "JOC Cockpit hat nicht rechtzeitig geantwortet.",
        ),
        ErrorCode::Unreachable => l.pick(
            "JOC Cockpit cannot be reached.",
            "JOC Cockpit est injoignable.",
            "JOC Cockpit ist nicht erreichbar.",
        ),
        ErrorCode::NoController => l.pick(
            "JOC Cockpit has no Controller registered yet.",
            "JOC Cockpit n'a encore aucun Contrôleur enregistré.",
            "In JOC Cockpit ist noch kein Controller registriert.",
        ),
        ErrorCode::BadStatus | ErrorCode::Malformed => l.pick(
            "JOC Cockpit's answer could not be used.",
            "La réponse de JOC Cockpit est inutilisable.",
            "Die Antwort von JOC Cockpit ist unbrauchbar.",
        ),
        ErrorCode::Invalid => l.pick(
            "The request could not be read.",
            "La requête n'a pas pu être lue.",
            "Die Anfrage konnte nicht gelesen werden.",
        ),
        ErrorCode::BadAccount => l.pick(
            "Enter your JOC Cockpit account and password; an account name has no colon (:) and at most 255 characters.",
            "Saisissez votre compte JOC Cockpit et votre mot de passe ; un nom de compte ne contient pas de deux-points (:) et a 255 caractères au plus.",
            "Geben Sie Ihr JOC-Cockpit-Konto und Ihr Passwort ein; ein Kontoname enthält keinen Doppelpunkt (:) und höchstens 255 Zeichen.",
        ),
        ErrorCode::UnknownTarget => l.pick(
            "JOC Cockpit does not report this target any more; the panel shows what it reports now.",
            "JOC Cockpit ne signale plus cette cible ; le panneau montre ce qu'il signale maintenant.",
            "JOC Cockpit meldet dieses Ziel nicht mehr; das Panel zeigt, was es jetzt meldet.",
        ),
        ErrorCode::BadReason => l.pick(
            "Reason and ticket link may have at most 255 characters each; the ticket link must start with http:// or https://.",
            "La raison et le lien du ticket ont chacun 255 caractères au plus ; le lien doit commencer par http:// ou https://.",
            "Grund und Ticket-Link haben je höchstens 255 Zeichen; der Link muss mit http:// oder https:// beginnen.",
        ),
        ErrorCode::BadUrl => l.pick(
            "Enter a URL starting with http:// or https://, at most 255 characters.",
            "Saisissez une URL commençant par http:// ou https://, 255 caractères au plus.",
            "Geben Sie eine URL ein, die mit http:// oder https:// beginnt, höchstens 255 Zeichen.",
        ),
        ErrorCode::Server => l.pick(
            "The board's server failed; please try again.",
            "Le serveur du tableau a échoué ; veuillez réessayer.",
            "Der Server der Anzeige ist fehlgeschlagen; bitte erneut versuchen.",
        ),
        ErrorCode::StoreUnavailable => l.pick(
            "The board cannot reach its shared store just now; your session is kept. Please try again in a moment.",
            "Le tableau ne joint pas son stockage partagé pour l'instant ; votre séance est conservée. Veuillez réessayer dans un instant.",
            "Die Anzeige erreicht ihren gemeinsamen Speicher gerade nicht; Ihre Sitzung bleibt erhalten. Bitte versuchen Sie es gleich erneut.",
        ),
        // JOC's own refusals and the Controller's: JOC's words, as JOC shows them.
        ErrorCode::Joc(_) | ErrorCode::ControllerRefused => return e.message.clone(),
    };
    known.to_string()
}
