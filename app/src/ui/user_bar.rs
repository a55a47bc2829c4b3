//! The user's bar above the panel: who is logged in, the languages, the theme, the way out.

use super::i18n::{LangSwitch, use_lang};
use super::text::ui as words;
use crate::model::session::UserInfo;
use crate::serverfns::auth::LogOut;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

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
