//! The Product Status panel: a status bar saying how fresh the data is, and the SVG drawing.
//!
//! The panel derives its data from the feed (JOC's answer, the Agents, the colours, the layout,
//! the availability) and shares it by context; every box reads its own slice through
//! [`distinct`], which wakes its readers only when the slice changes, so an update redraws, and
//! even re-checks, only what it changed.

mod agents;
mod dialog;
mod lines;
mod menu;
mod nodes;
mod notify;
pub mod ops;
mod strip;
mod timeline;

use crate::model::colours::{PanelTones, panel_tones};
use crate::model::feed::Snapshot;
use crate::model::joc::{AgentGroup, Components, group_agents};
use crate::model::layout::{Layout, layout, room_for};
use crate::ui::hooks::{FeedState, distinct, use_now};
use crate::ui::i18n::use_lang;
use crate::ui::text;
use leptos::prelude::*;

/// What every drawn thing of the panel reads.
#[derive(Clone, Copy)]
pub struct PanelData {
    pub components: ReadSignal<Option<Components>>,
    /// The Agents as drawn: each Agent cluster with its Subagents.
    pub agents: ReadSignal<Vec<AgentGroup>>,
    pub tones: ReadSignal<Option<PanelTones>>,
    pub layout: ReadSignal<Layout>,
    /// The availability history of the Controller and its Agents.
    pub availability: ReadSignal<Option<crate::model::availability::Availability>>,
}

impl PanelData {
    /// `room`: the width the page gives the drawing, in CSS px.
    fn new(snapshot: ReadSignal<Option<Snapshot>>, room: RwSignal<f64>) -> PanelData {
        let components = distinct(move || snapshot.with(|s| s.as_ref().and_then(|s| s.components.clone())));
        let agents =
            distinct(move || snapshot.with(|s| s.as_ref().map(|s| group_agents(&s.agents)).unwrap_or_default()));
        let tones = distinct(move || components.with(|c| c.as_ref().map(panel_tones)));
        let layout = distinct(move || {
            components.with(|c| match c {
                Some(c) => {
                    let active = c.active_controller();
                    let subagents: Vec<usize> = agents.with(|a| a.iter().map(|g| g.subagents.len()).collect());
                    layout(c.jocs.len(), c.controllers.len(), &subagents, active, room_for(room.get()))
                }
                None => layout(1, 1, &[], None, room_for(room.get())),
            })
        });
        let availability = distinct(move || snapshot.with(|s| s.as_ref().and_then(|s| s.availability.clone())));
        PanelData { components, agents, tones, layout, availability }
    }
}

/// The panel: status bar and drawing.
#[component]
pub fn Panel(feed: FeedState) -> impl IntoView {
    let room = RwSignal::new(WIDE);
    let data = PanelData::new(feed.snapshot, room);
    let scale = RwSignal::new(1.0);
    follow_screen(room, scale, data.layout);
    provide_context(data);
    let ops = ops::OpsState::new();
    provide_context(ops);
    let now = use_now();
    provide_context(Now(now));
    provide_context(Scale(scale));
    provide_context(Shown(RwSignal::new(None)));
    let lang = use_lang();
    // An accepted operation is done when the live status shows a change (or after 3 minutes).
    // Watches the status and the clock only while an accepted operation waits.
    Effect::new(move |_| {
        let Some(p) = ops.pending.get().filter(|p| p.accepted) else {
            return;
        };
        let current = data.components.with(|c| c.as_ref().map(crate::model::operations::Effects::of));
        if current.as_ref().is_some_and(|f| *f != p.before) {
            ops.pending.set(None);
            ops.notice.set(Some(ops::Notice::Done(text::ops::reported(lang.get_untracked(), &p.label))));
        } else if now.get() - p.started > 180_000.0 {
            ops.pending.set(None);
            ops.notice.set(Some(ops::Notice::Failed(text::ops::unseen(lang.get_untracked(), &p.label))));
        }
    });
    let stale = move || feed.snapshot.with(|s| s.as_ref().is_some_and(|s| s.stale.is_some())) || !feed.connected.get();
    let loaded = move || data.components.with(Option::is_some);
    view! {
        <section class="panel-card" aria-labelledby="panel-title">
            <header class="panel-head">
                <h1 id="panel-title">{move || text::ui::product_status(lang.get())}</h1>
                <StatusBar feed />
                <notify::NotifyToggle feed />
            </header>
            <Notices />
            <Details />
            <div class="stage">
            <svg
                class="panel"
                class:stale=stale
                data-seq=move || feed.snapshot.with(|s| s.as_ref().map(|s| s.seq).unwrap_or(0))
                data-epoch=move || feed.snapshot.with(|s| s.as_ref().map(|s| s.epoch).unwrap_or(0))
                role="group"
                aria-labelledby="panel-title"
                viewBox=move || data.layout.with(|l| format!("0 0 {} {}", l.width, l.height))
            >
                <Show when=loaded fallback=move || view! { <text x="24" y="48" class="empty">{move || text::ui::connecting_joc(lang.get())}</text> }>
                    {view! { <lines::Lines /><nodes::Nodes /> }.into_any()}
                </Show>
            </svg>
            <menu::OpenMenu />
            </div>
            <timeline::Timeline entries=feed.timeline />
            <dialog::ConfirmDialog />
        </section>
    }
}

/// The width the page gives the drawing before the browser measured it (and on the server).
const WIDE: f64 = 1232.0;

/// How many CSS pixels one unit of the drawing takes now (the SVG scales with the screen), so
/// that touch targets can stay at least 44 px wide on small screens.
#[derive(Clone, Copy)]
pub struct Scale(pub RwSignal<f64>);

/// Follows the screen: the width the page gives the drawing (`room`, in CSS px, so that the
/// drawing reflows to the screen's shape) and how many CSS px one unit of the drawing takes
/// (`scale`). Measured on a resize and after each new layout (a taller drawing may bring a
/// scroll bar that narrows the page).
fn follow_screen(room: RwSignal<f64>, scale: RwSignal<f64>, layout: ReadSignal<Layout>) {
    #[cfg(feature = "hydrate")]
    {
        // A frame asked for may come after the panel is gone (another Controller chosen).
        let measure = move || {
            let Some(units) = layout.try_with_untracked(|l| l.width) else {
                return;
            };
            let document = web_sys::window().and_then(|w| w.document());
            let width_of = |selector: &str| {
                document
                    .as_ref()
                    .and_then(|d| d.query_selector(selector).ok().flatten())
                    .map(|e| e.get_bounding_client_rect().width())
                    .filter(|w| *w > 0.0)
            };
            if let Some(w) = width_of(".panel-card .stage")
                && room.try_get_untracked().is_some_and(|r| r != w)
            {
                room.try_set(w);
            }
            if let Some(px) = width_of("svg.panel").filter(|_| units > 0.0) {
                scale.try_set(px / units);
            }
        };
        Effect::new(move |_| {
            layout.track();
            request_animation_frame(measure);
        });
        let handle = window_event_listener(leptos::ev::resize, move |_| measure());
        on_cleanup(move || handle.remove());
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (room, scale, layout);
}

/// The rectangle under the pointer or keyboard focus: its label and details.
#[derive(Clone, Copy)]
pub struct Shown(pub RwSignal<Option<(String, Signal<String>)>>);

/// The details of the rectangle under the pointer or focus, in a line under the header.
#[component]
fn Details() -> impl IntoView {
    let shown = expect_context::<Shown>().0;
    view! {
        <p class="details" aria-hidden="true">
            {move || shown.get().map(|(label, details)| {
                let name = label.split(':').next().unwrap_or_default().trim_end().to_string();
                format!("{name} · {}", details.get().replace('\n', " · "))
            })}
        </p>
    }
}

/// The browser's clock, ticking every second, shared by context.
#[derive(Clone, Copy)]
pub struct Now(pub ReadSignal<f64>);

/// The outcome of the last operation; dismissable.
#[component]
fn Notices() -> impl IntoView {
    let ops = expect_context::<ops::OpsState>();
    let lang = use_lang();
    move || {
        ops.notice.get().map(|n| {
            let (class, text) = match n {
                ops::Notice::Done(t) => ("notice done", t),
                ops::Notice::Failed(t) => ("notice failed", t),
            };
            view! {
                <div class=class role="alert">
                    <span>{text}</span>
                    <button type="button" on:click=move |_| ops.notice.set(None)>{move || text::ui::dismiss(lang.get())}</button>
                </div>
            }
        })
    }
}

/// How fresh the data is: live with its age, stale since when and why, or connecting.
#[component]
fn StatusBar(feed: FeedState) -> impl IntoView {
    let now = expect_context::<Now>().0;
    let lang = use_lang();
    let text = move || {
        let l = lang.get();
        let mut line = status_text(feed, l, now.get());
        if feed.note.with(|n| n == "store-unavailable") {
            line = format!("{line} · {}", text::ui::store_unavailable(l));
        }
        line
    };
    let class = move || {
        let live = feed.connected.get()
            && feed.snapshot.with(|s| s.as_ref().is_some_and(|s| s.stale.is_none() && s.read_at.is_some()));
        if live { "status live" } else { "status stale" }
    };
    view! { <p class=class role="status" aria-live="polite">{text}</p> }
}

/// The status line's words for the feed's state.
fn status_text(feed: FeedState, l: crate::ui::i18n::Lang, now_ms: f64) -> String {
    {
        let connected = feed.connected.get();
        feed.snapshot.with(|s| match s {
            None => text::ui::connecting(l).to_string(),
            Some(s) => match (&s.stale, connected) {
                (Some(st), _) => {
                    let mut why = text::error(l, &crate::serverfns::AppError::new(st.code.clone(), st.message.clone()));
                    if let Some(endpoint) = &st.endpoint {
                        why = format!("{why} ({endpoint})");
                    }
                    text::ui::stale_since(l, &clock(&st.since), &why)
                }
                (None, false) => text::ui::reconnecting(l).to_string(),
                (None, true) => match &s.read_at {
                    Some(at) => text::ui::live(l, &text::ui::age(l, age_secs(now_ms, at))),
                    None => text::ui::waiting_joc(l).to_string(),
                },
            },
        })
    }
}

/// `HH:MM:SS` of an RFC 3339 time.
pub(crate) fn clock(rfc3339: &str) -> String {
    rfc3339.get(11..19).unwrap_or(rfc3339).to_string()
}

/// Seconds from an RFC 3339 time to the browser's clock.
fn age_secs(now_ms: f64, rfc3339: &str) -> u64 {
    #[cfg(feature = "hydrate")]
    let then = js_sys::Date::parse(rfc3339);
    #[cfg(not(feature = "hydrate"))]
    let then = {
        let _ = rfc3339;
        now_ms
    };
    ((now_ms - then) / 1000.0).max(0.0) as u64
}
