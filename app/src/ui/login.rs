//! The login page and the user's bar above the panel.

use super::i18n::{LangSwitch, use_lang};
use super::text::{error as error_text, ui as words};
use super::use_hydrated;
use crate::model::session::UserInfo;
use crate::serverfns::auth::{LogIn, LogOut};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// Log in with a JOC Cockpit account.
#[component]
pub fn LoginPage() -> impl IntoView {
    let hydrated = use_hydrated();
    let lang = use_lang();
    let login = ServerAction::<LogIn>::new();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(())) = login.value().get() {
            navigate("/", Default::default());
        }
    });
    let query = leptos_router::hooks::use_query_map();
    let expired = move || query.with(|q| q.get("expired").is_some()) && login.value().get().is_none();
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
                    <label>{move || words::account(lang.get())} <input type="text" name="account" autocomplete="username" required /></label>
                    <label>{move || words::password(lang.get())} <input type="password" name="password" autocomplete="current-password" required /></label>
                    <button type="submit" disabled=move || login.pending().get()>
                        {move || if login.pending().get() { words::logging_in(lang.get()) } else { words::log_in(lang.get()) }}
                    </button>
                </ActionForm>
                <Show when=move || error().is_some()>
                    <p class="error" role="alert">{error}</p>
                </Show>
            </section>
        </main>
    }
}

/// Who is logged in, and the way out.
#[component]
pub fn UserBar(user: UserInfo) -> impl IntoView {
    let logout = ServerAction::<LogOut>::new();
    let lang = use_lang();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if logout.value().get().is_some() {
            navigate("/login", Default::default());
        }
    });
    view! {
        <nav class="user-bar" aria-label=move || words::session(lang.get())>
            <LangSwitch />
            <ThemeSwitch />
            <span class="account">{user.account}</span>
            <button type="button" class="logout" on:click=move |_| { logout.dispatch(LogOut {}); }>
                {move || words::log_out(lang.get())}
            </button>
        </nav>
    }
}

/// Switches between the light and the dark theme and remembers the choice in this browser.
#[component]
fn ThemeSwitch() -> impl IntoView {
    let lang = use_lang();
    let dark = RwSignal::new(false);
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        let now = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
            .and_then(|e| e.get_attribute("data-theme"));
        dark.set(now.as_deref() == Some("dark"));
    });
    let toggle = move |_| {
        let next = !dark.get_untracked();
        dark.set(next);
        #[cfg(feature = "hydrate")]
        {
            let theme = if next { "dark" } else { "light" };
            if let Some(w) = web_sys::window() {
                if let Some(e) = w.document().and_then(|d| d.document_element()) {
                    let _ = e.set_attribute("data-theme", theme);
                }
                if let Ok(Some(store)) = w.local_storage() {
                    let _ = store.set_item("js7-theme", theme);
                }
            }
        }
    };
    view! {
        <button type="button" class="theme" aria-pressed=move || dark.get().to_string() on:click=toggle>
            {move || words::theme(lang.get(), dark.get())}
        </button>
    }
}
