//! Leptos components. The tree mirrors the page: the shell, the app with its routes, the panel.
//!
//! - [`hooks`]: `use_feed` (the live SSE feed), `use_now` (a ticking clock).
//! - [`panel`]: the Product Status panel and one component per drawn thing.
//! - [`text`]: the panel's words.

pub mod hooks;
pub mod panel;
pub mod text;

use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::{
    StaticSegment,
    components::{Route, Router, Routes},
};

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The application: routes and document metadata.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Stylesheet id="leptos" href="/pkg/js7-status.css" />
        <Title text="Product Status · js7-status" />
        <Router>
            <Routes fallback=|| "Page not found.".into_view()>
                <Route path=StaticSegment("") view=PanelPage />
            </Routes>
        </Router>
    }
}

/// The Product Status page.
#[component]
fn PanelPage() -> impl IntoView {
    // Effects run only in the browser: the marker tells tests that hydration is complete.
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let feed = hooks::use_feed();
    view! {
        <main data-hydrated=move || hydrated.get().to_string()>
            <panel::Panel feed />
        </main>
    }
}
