//! The user's bar above the panel: who is logged in, the languages, the theme, the way out.

use super::address::use_address;
use super::i18n::{LangSwitch, use_lang};
use super::text::ui as words;
use crate::model::session::UserInfo;
use crate::serverfns::auth::LogOut;
use leptos::prelude::*;

/// Who is logged in, the installation and the Controller shown (and the choice of another),
/// and the way out. On the overview (`shown` None), no Controller switch.
#[component]
pub fn UserBar(user: UserInfo, #[prop(into, optional)] shown: Option<Signal<Option<String>>>) -> impl IntoView {
    let logout = ServerAction::<LogOut>::new();
    let lang = use_lang();
    let address = use_address();
    Effect::new(move |_| {
        if logout.value().get().is_some() {
            address.go("/login");
        }
    });
    view! {
        <nav class="user-bar" aria-label=move || words::session(lang.get())>
            <div class="where">
                <InstallationLink user=user.clone() on_drawing=shown.is_some() />
                {shown.map(|shown| {
                    let installation = user.installation_in_address().map(str::to_string);
                    view! { <ControllerSwitch installation controllers=user.controllers.clone() shown /> }
                })}
            </div>
            <LangSwitch />
            <ThemeSwitch />
            <span class="account">{user.account}</span>
            <button type="button" class="logout" on:click=move |_| { logout.dispatch(LogOut {}); }>
                {move || words::log_out(lang.get())}
            </button>
        </nav>
    }
}

/// Chooses the Controller shown among those JOC lets the user see (shown with two or more):
/// the choice goes into the address (`?controller=ID`, so that a bookmark opens it) and is
/// remembered in this browser.
#[component]
fn ControllerSwitch(
    installation: Option<String>,
    controllers: Vec<String>,
    shown: Signal<Option<String>>,
) -> impl IntoView {
    let lang = use_lang();
    let address = use_address();
    if controllers.len() < 2 {
        return None;
    }
    let on_change = move |e: leptos::ev::Event| {
        let id = event_target_value(&e);
        remember_controller(installation.as_deref(), &id);
        address.go(&crate::model::session::page_path(installation.as_deref(), &id));
    };
    let options = controllers
        .into_iter()
        .map(|id| {
            let value = id.clone();
            let is = move || shown.with(|s| s.as_deref() == Some(value.as_str()));
            let value = id.clone();
            view! { <option value=value selected=is>{id}</option> }
        })
        .collect_view();
    Some(view! {
        <label class="controller-switch">
            <span>{move || words::controller_id(lang.get())}</span>
            <select on:change=on_change prop:value=move || shown.get().unwrap_or_default()>
                {options}
            </select>
        </label>
    })
}

/// On a board of several installations: the way to the overview, and the installation shown.
#[component]
fn InstallationLink(user: UserInfo, on_drawing: bool) -> impl IntoView {
    let lang = use_lang();
    if !user.several_installations() {
        return None;
    }
    // On the overview itself, no way to it.
    on_drawing.then(|| {
        view! {
            <a class="to-overview" href="/">{move || words::overview(lang.get())}</a>
            <span class="installation-name" title=move || words::installation(lang.get())>
                {user.installation.clone()}
            </span>
        }
    })
}

/// The key under which this browser remembers the chosen Controller (of `installation`, on a
/// board of several).
pub fn controller_key(installation: Option<&str>) -> String {
    match installation {
        Some(i) => format!("js7-controller@{i}"),
        None => "js7-controller".into(),
    }
}

/// Remembers the chosen Controller in this browser.
fn remember_controller(installation: Option<&str>, id: &str) {
    #[cfg(feature = "hydrate")]
    if let Some(Ok(Some(store))) = web_sys::window().map(|w| w.local_storage()) {
        let _ = store.set_item(&controller_key(installation), id);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (installation, id);
}

/// The Controller this browser remembers, if any.
pub fn remembered_controller(installation: Option<&str>) -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        web_sys::window()?.local_storage().ok()??.get_item(&controller_key(installation)).ok()?
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = installation;
        None
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
