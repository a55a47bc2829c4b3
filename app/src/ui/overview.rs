//! The overview: one line per installation, one tile per Controller ID the user may see, each
//! with the worst colour of its drawing, a glyph and words (readable without colour), and how
//! many parts are not healthy. A tile is a link: a click, a tap or Enter opens the drawing.
//! Live like the drawing: the server pushes a new overview on every change of any of them.

use super::hooks::use_stream;
use super::i18n::use_lang;
use super::text::{self, ui as words};
use super::user_bar::UserBar;
use crate::model::overview::{Access, Line, Overview, Tile};
use crate::model::session::{UserInfo, installation_path, page_path};
use leptos::prelude::*;

/// The page: the user's bar and every installation's line.
#[component]
pub fn OverviewPage(user: UserInfo) -> impl IntoView {
    let lang = use_lang();
    let feed = use_stream::<Overview>("/api/overview".into());
    super::go_to_login_when_closed(feed.closed, None);
    #[cfg(feature = "hydrate")]
    super::keep_alive_while_active();
    let names: Vec<String> = user.installations.iter().map(|i| i.name.clone()).collect();
    let line_of = move |name: &str| {
        feed.snapshot.with(|o| o.as_ref().and_then(|o| o.lines.iter().find(|l| l.installation == name).cloned()))
    };
    let disconnected = move || !feed.connected.get() && feed.snapshot.with(Option::is_some);
    view! {
        <UserBar user />
        <section class="overview" class:disconnected=disconnected aria-labelledby="overview-title">
            <h1 id="overview-title">{move || words::overview(lang.get())}</h1>
            <Show when=disconnected>
                <p class="overview-warning" role="status">{move || words::not_connected(lang.get())}</p>
            </Show>
            {names
                .into_iter()
                .map(|name| {
                    let line = Memo::new({
                        let name = name.clone();
                        move |_| line_of(&name)
                    });
                    view! { <InstallationLine name line /> }
                })
                .collect_view()}
        </section>
    }
}

/// One installation: its tiles, or why there are none and the way to log in there.
#[component]
fn InstallationLine(name: String, line: Memo<Option<Line>>) -> impl IntoView {
    let lang = use_lang();
    let access = Memo::new(move |_| line.with(|l| l.as_ref().map(|l| l.access)));
    let tiles = Memo::new(move |_| line.with(|l| l.as_ref().map(|l| l.tiles.clone()).unwrap_or_default()));
    let heading = format!("installation-{}", slug(&name));
    let body = {
        let name = name.clone();
        move || match access.get() {
            None => view! { <p class="status">{move || words::loading(lang.get())}</p> }.into_any(),
            Some(Access::Open) => {
                let name = name.clone();
                view! {
                    <Show
                        when=move || tiles.with(|t| !t.is_empty())
                        fallback=move || view! { <p class="status">{move || words::no_controller_visible(lang.get())}</p> }
                    >
                        <ul class="tiles">
                            <For
                                each=move || tiles.get()
                                key=|t| format!("{t:?}")
                                children={
                                    let name = name.clone();
                                    move |t| view! { <TileView installation=name.clone() tile=t /> }
                                }
                            />
                        </ul>
                    </Show>
                }
                .into_any()
            }
            Some(other) => {
                let why = move || match other {
                    Access::Refused => words::refused_here(lang.get()),
                    Access::Unreachable => words::unreachable_here(lang.get()),
                    _ => words::logged_out_here(lang.get()),
                };
                let href = installation_path(&name);
                let name = name.clone();
                view! {
                    <p class="outside">
                        <span>{why}</span>
                        " "
                        <a class="log-in-to" href=href>{move || words::log_in_to(lang.get(), &name)}</a>
                    </p>
                }
                .into_any()
            }
        }
    };
    let outside = move || access.get().is_some_and(|a| a != Access::Open);
    let labelled = heading.clone();
    view! {
        <section class="installation" class:outside=outside aria-labelledby=labelled>
            <h2 id=heading>{name}</h2>
            {body}
        </section>
    }
}

/// One Controller's tile: a link to its drawing.
#[component]
fn TileView(installation: String, tile: Tile) -> impl IntoView {
    let lang = use_lang();
    let href = page_path(Some(&installation), &tile.controller_id);
    let class = format!("tile tone-{}", tile.tone.token());
    let stale = tile.stale_since.is_some();
    let state = {
        let tile = tile.clone();
        move || {
            let l = lang.get();
            match (&tile.stale_since, tile.unread) {
                (Some(_), true) => words::cannot_read(l).to_string(),
                (None, true) => words::not_read_yet(l).to_string(),
                _ => words::not_green(l, tile.not_green, tile.parts),
            }
        }
    };
    let since = tile.stale_since.clone().map(|s| move || words::stale_tile(lang.get(), &super::panel::clock(&s)));
    let tone = tile.tone;
    view! {
        <li>
            <a class=class class:stale=stale href=href>
                <span class="tile-mark" aria-hidden="true">{text::glyph(tone)}</span>
                <span class="tile-name">{tile.controller_id.clone()}</span>
                // Green says it in the count ("all 6 healthy"); other colours say it in words.
                {(tone != crate::model::colours::Tone::Ok)
                    .then(|| view! { <span class="tile-tone">{move || text::tone(lang.get(), tone)}</span> })}
                <span class="tile-count">{state}</span>
                {tile.up_tenths.map(|t| view! { <span class="tile-availability">{move || text::availability::last_days(lang.get(), Some(f64::from(t) / 10.0))}</span> })}
                {since.map(|s| view! { <span class="tile-stale">{s}</span> })}
            </a>
        </li>
    }
}

/// An id-safe form of a name.
fn slug(name: &str) -> String {
    name.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect()
}
