//! The login page, and the login to one more installation.

use super::address::use_address;
use super::i18n::{LangSwitch, use_lang};
use super::text::{error as error_text, ui as words};
use super::use_hydrated;
use crate::serverfns::auth::{LogIn, LogInInstallation};
use leptos::form::ActionForm;
use leptos::prelude::*;

/// Log in with a JOC Cockpit account.
#[component]
pub fn LoginPage() -> impl IntoView {
    let hydrated = use_hydrated();
    let lang = use_lang();
    let login = ServerAction::<LogIn>::new();
    let address = use_address();
    Effect::new(move |_| {
        if let Some(Ok(())) = login.value().get() {
            address.go("/");
        }
    });
    let expired = move || address.query("expired").is_some() && login.value().get().is_none();
    let error = move || login.value().get().and_then(Result::err).map(|e| error_text(lang.get(), &e));
    view! {
        <main class="login" data-hydrated=move || hydrated.get().to_string()>
            <section class="login-card" aria-labelledby="login-title">
                <div class="login-head">
                    <h1 id="login-title">{move || words::product_status(lang.get())}</h1>
                    <LangSwitch />
                </div>
                <Show when=expired>
                    <p class="error" role="alert">{move || words::session_ended(lang.get())}</p>
                </Show>
                <p class="hint">{move || words::login_hint(lang.get())}</p>
                <ActionForm action=login>
                    <Credentials pending=login.pending() />
                </ActionForm>
                <Show when=move || error().is_some()>
                    <p class="error" role="alert">{error}</p>
                </Show>
            </section>
        </main>
    }
}

/// Logs the session in to one more installation: one whose JOC refused the account the user
/// logged in with, or could not be asked then.
#[component]
pub fn InstallationLogin(installation: String, #[prop(into)] on_done: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let login = ServerAction::<LogInInstallation>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = login.value().get() {
            on_done.run(());
        }
    });
    let error = move || login.value().get().and_then(Result::err).map(|e| error_text(lang.get(), &e));
    let title = {
        let installation = installation.clone();
        move || words::log_in_to(lang.get(), &installation)
    };
    view! {
        <section class="login-card installation-login" aria-labelledby="installation-login-title">
            <p><a class="to-overview" href="/">{move || words::overview(lang.get())}</a></p>
            <h1 id="installation-login-title">{title}</h1>
            <p class="hint">{move || words::log_in_to_hint(lang.get())}</p>
            <ActionForm action=login>
                <input type="hidden" name="installation" value=installation />
                <Credentials pending=login.pending() />
            </ActionForm>
            <Show when=move || error().is_some()>
                <p class="error" role="alert">{error}</p>
            </Show>
        </section>
    }
}

/// The account, the password and the button of a login form.
#[component]
fn Credentials(#[prop(into)] pending: Signal<bool>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <label>{move || words::account(lang.get())} <input type="text" name="account" autocomplete="username" required /></label>
        <label>{move || words::password(lang.get())} <input type="password" name="password" autocomplete="current-password" required /></label>
        <button type="submit" disabled=move || pending.get()>
            {move || if pending.get() { words::logging_in(lang.get()) } else { words::log_in(lang.get()) }}
        </button>
    }
}
