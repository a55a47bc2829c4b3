//! Leptos components. The tree mirrors the page: the shell, the app with its two pages, the panel.
//!
//! - [`address`]: the page's address and moves within the page (no router).
//! - [`hooks`]: `use_feed` (the live SSE feed), `use_now` (a ticking clock), `distinct` (a
//!   derived value that wakes its readers only when it changes).
//! - [`overview`]: every Controller of every installation, one tile each.
//! - [`login`]: the login page, and the login to one more installation; [`user_bar`]: the user's bar with the language and theme switches.
//! - [`panel`]: the Product Status panel and one component per drawn thing.
//! - [`i18n`]: the languages and the switch.
//! - [`text`]: the panel's words in each language.

pub mod address;
pub mod hooks;
pub mod i18n;
pub mod login;
pub mod overview;
pub mod panel;
pub mod text;
pub mod user_bar;

use address::{provide_address, use_address};
use leptos::prelude::*;

/// Sets the theme before the first paint: the user's choice, else the system's preference.
const THEME_SCRIPT: &str = "(function(){try{var t=localStorage.getItem('js7-theme');if(!t){t=matchMedia('(prefers-color-scheme: dark)').matches?'dark':'light'}document.documentElement.dataset.theme=t}catch(e){}})()";

/// The page's Content-Security-Policy: scripts only from this site or with the page's nonce
/// (the theme script, Leptos' hydration), WebAssembly compiled, styles from this site (and
/// the menu's position, an inline style), no framing, connections back here only.
pub fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// Gives the page a nonce and sends the Content-Security-Policy that allows it.
#[cfg(feature = "ssr")]
fn provide_csp() {
    leptos::nonce::provide_nonce();
    if let (Some(nonce), Some(response)) = (leptos::nonce::use_nonce(), use_context::<leptos_axum::ResponseOptions>())
        && let Ok(v) = http::HeaderValue::from_str(&content_security_policy(nonce.as_inner()))
    {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, v);
    }
}

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    provide_csp();
    let nonce = leptos::nonce::use_nonce();
    // The language of the request: the browser's switch sets `lang` and the title itself.
    let lang = i18n::request_lang();
    view! {
        <!DOCTYPE html>
        <html lang=lang.tag()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <title>{text::ui::page_title(lang)}</title>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <link rel="stylesheet" id="leptos" href="/pkg/js7-status.css" />
                <script nonce=nonce inner_html=THEME_SCRIPT></script>
                <AutoReload options=options.clone() />
                <HydrationScripts options />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The application: the page the address names (re-rendered when the path changes, not the
/// query).
#[component]
pub fn App() -> impl IntoView {
    let lang = i18n::provide_lang();
    let address = provide_address();
    move || match address.path().as_str() {
        "/" => view! { <PanelPage /> }.into_any(),
        "/login" => view! { <login::LoginPage /> }.into_any(),
        _ => {
            #[cfg(feature = "ssr")]
            if let Some(r) = use_context::<leptos_axum::ResponseOptions>() {
                r.set_status(http::StatusCode::NOT_FOUND);
            }
            view! { <main><p class="error">{move || text::ui::not_found(lang.get())}</p></main> }.into_any()
        }
    }
}

/// Sets `data-hydrated="true"` on the page's root once the wasm has taken over (effects run
/// only in the browser), so tests and scripts know when clicks will be handled.
pub fn use_hydrated() -> RwSignal<bool> {
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    hydrated
}

/// The Product Status page: the overview of every installation (when there are several and
/// the address names none), or the user's bar and the live panel of one Controller; a redirect
/// to the login page without a session.
#[component]
fn PanelPage() -> impl IntoView {
    let hydrated = use_hydrated();
    let lang = i18n::use_lang();
    let address = use_address();
    let asked = Memo::new(move |_| address.query("controller"));
    let installation = Memo::new(move |_| address.query("installation").filter(|i| !i.is_empty()));
    let user = Resource::<_, crate::serverfns::codec::BrowserJsonCodec>::new_with_options(
        move || installation.get(),
        crate::serverfns::auth::current_user,
        false,
    );
    view! {
        <main data-hydrated=move || hydrated.get().to_string()>
            <Suspense fallback=move || view! { <p class="status">{move || text::ui::loading(lang.get())}</p> }>
                {move || {
                    user.get()
                        .map(|r| match r {
                            Ok(u) if u.several_installations() && installation.get().is_none() && asked.get().is_none() => {
                                view! { <overview::OverviewPage user=u /> }.into_any()
                            }
                            Ok(u) => {
                                remembered_choice(&u, asked);
                                (move || {
                                    let chosen = crate::model::session::chosen_controller(asked.get().as_deref(), None, &u);
                                    view! { <LivePanel user=u.clone() chosen /> }
                                })
                                    .into_any()
                            }
                            Err(e) if e.needs_login() => {
                                address::redirect("/login");
                                ().into_any()
                            }
                            Err(e) if e.code == crate::model::errors::ErrorCode::OutsideInstallation => {
                                let name = installation.get().unwrap_or_default();
                                view! { <login::InstallationLogin installation=name on_done=move |_| user.refetch() /> }.into_any()
                            }
                            Err(e) => view! { <p class="error" role="alert">{move || text::error(lang.get(), &e)}</p> }.into_any(),
                        })
                }}
            </Suspense>
        </main>
    }
}

/// Without a Controller in the address, opens the one this browser remembers (once the page
/// runs in the browser, so that server and browser render the same first page).
fn remembered_choice(user: &crate::model::session::UserInfo, asked: Memo<Option<String>>) {
    let user = user.clone();
    let address = use_address();
    Effect::new(move |done: Option<()>| {
        if done.is_some() || asked.get_untracked().is_some() {
            return;
        }
        let installation = user.installation_in_address();
        let remembered = user_bar::remembered_controller(installation);
        if let Some(id) = crate::model::session::chosen_controller(None, remembered.as_deref(), &user) {
            address.replace(&crate::model::session::page_path(installation, &id));
        }
    });
}

/// The user's bar and the panel fed live with Controller `chosen` (None: the server's
/// default); subscribes only once the user is known, and again when the Controller changes.
#[component]
fn LivePanel(user: crate::model::session::UserInfo, chosen: Option<String>) -> impl IntoView {
    provide_context(user.clone());
    let installation = user.installation_in_address().map(str::to_string);
    let feed = hooks::use_feed(crate::model::session::feed_path(installation.as_deref(), chosen.as_deref()));
    provide_context(panel::ops::Chosen { installation: installation.clone(), controller: chosen.clone() });
    // The Controller shown: the chosen one, else the one the default feed shows.
    let shown = Signal::derive({
        let chosen = chosen.clone();
        move || chosen.clone().or_else(|| feed.snapshot.with(|s| s.as_ref().map(|s| s.controller_id.clone())))
    });
    go_to_login_when_closed(feed.closed, installation);
    #[cfg(feature = "hydrate")]
    keep_alive_while_active();
    view! {
        <user_bar::UserBar user shown />
        <panel::Panel feed />
    }
}

/// A feed was refused: if the session is gone, back to the login page.
pub(crate) fn go_to_login_when_closed(closed: ReadSignal<bool>, installation: Option<String>) {
    let address = use_address();
    Effect::new(move |_| {
        if closed.get() {
            let installation = installation.clone();
            leptos::task::spawn_local(async move {
                match crate::serverfns::auth::current_user(installation).await {
                    Err(e) if e.needs_login() => address.go("/login?expired=1"),
                    // The session ended in this installation only: the page offers to log in
                    // there again.
                    Err(e) if e.code == crate::model::errors::ErrorCode::OutsideInstallation => reload(),
                    _ => {}
                }
            });
        }
    });
}

/// Loads the page again.
fn reload() {
    #[cfg(feature = "hydrate")]
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}

/// Keeps the session alive while its user is active in the page: a pointer or key event
/// confirms the session with the server, at most once a minute, and the server touches the
/// JOC sessions. A user who walks away is logged out after JOC's idle timeout, as in JOC.
#[cfg(feature = "hydrate")]
pub(crate) fn keep_alive_while_active() {
    let address = use_address();
    let last = StoredValue::new(js_sys::Date::now());
    let ping = move || {
        let now = js_sys::Date::now();
        if now - last.get_value() < 60_000.0 {
            return;
        }
        last.set_value(now);
        leptos::task::spawn_local(async move {
            if let Err(e) = crate::serverfns::auth::current_user(None).await
                && e.needs_login()
            {
                address.go("/login?expired=1");
            }
        });
    };
    let handles = [
        window_event_listener(leptos::ev::pointermove, move |_| ping()),
        window_event_listener(leptos::ev::pointerdown, move |_| ping()),
        window_event_listener(leptos::ev::keydown, move |_| ping()),
    ];
    on_cleanup(move || handles.into_iter().for_each(|h| h.remove()));
}
