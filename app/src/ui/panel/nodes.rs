//! The rectangles: JOC Cockpit instances, the database, Controller instances, the cluster box
//! (the Agents in [`super::agents`]). Each is a focusable group whose label says its state, with a coloured tile
//! and a glyph in its top-left corner, and details on hover and focus.

use super::ops::OpsState;
use super::{Now, PanelData};
use crate::model::colours::Tone;
use crate::model::layout::Rect;
use crate::model::operations::Target;
use crate::ui::hooks::distinct;
use crate::ui::i18n::use_lang;
use crate::ui::text;
use crate::ui::text::drawing as words;
use leptos::prelude::*;

const LINE: f64 = 19.0;

/// The frame shared by every rectangle.
#[component]
pub(super) fn NodeBox(
    #[prop(into)] rect: Signal<Rect>,
    kind: &'static str,
    #[prop(into)] tone: Signal<Tone>,
    #[prop(into)] label: Signal<String>,
    #[prop(into, optional)] current: Signal<bool>,
    /// Version, start time, survey date...: shown on hover and on keyboard focus.
    #[prop(into, optional)]
    details: Signal<String>,
    /// The rectangle has a 3-dot menu of operations.
    #[prop(optional)]
    menu: Option<Target>,
    children: Children,
) -> impl IntoView {
    let ops = expect_context::<OpsState>();
    let now = expect_context::<Now>().0;
    let lang = use_lang();
    let pending = Memo::new(move |_| ops.pending.get().filter(|p| Some(p.target) == menu));
    let busy = move || {
        pending.get().map(|p| {
            let secs = ((now.get() - p.started) / 1000.0).max(0.0) as u64;
            words::busy(lang.get(), &p.label, p.accepted, secs)
        })
    };
    let height = Signal::derive(move || rect.get().h);
    let shown = expect_context::<super::Shown>().0;
    let show = move || {
        let any = !details.with_untracked(String::is_empty);
        shown.set(any.then(|| (label.get_untracked(), details)));
    };
    let hide = move || {
        shown.update(|s| {
            if s.as_ref().is_some_and(|(l, _)| *l == label.get_untracked()) {
                *s = None;
            }
        })
    };
    view! {
        <g
            on:focus=move |_| show()
            on:mouseenter=move |_| show()
            on:blur=move |_| hide()
            on:mouseleave=move |_| hide()
            class=move || format!("node {kind}{}{}", if current.get() { " current" } else { "" }, if pending.get().is_some() { " busy" } else { "" })
            role="group"
            tabindex="0"
            aria-label=label
            transform=move || rect.with(|r| format!("translate({:.1},{:.1})", r.x, r.y))
        >
            <title>{details}</title>
            <desc>{details}</desc>
            <rect class="frame" width=move || rect.get().w height=move || rect.get().h rx="8" />
            <rect class=move || format!("tile tone-{}", tone.get().token()) x="0" y="0" width="24" height="24" rx="4" />
            <text class="glyph" x="12" y="17" text-anchor="middle" aria-hidden="true">{move || text::glyph(tone.get())}</text>
            {children()}
            {menu.map(|t| view! { <super::menu::MenuButton target=t width=Signal::derive(move || rect.get().w) name=label /> })}
            <text class="busy-text" x="12" y=move || height.get() - 8.0 role="status">{busy}</text>
        </g>
    }
}

/// A line of text inside a rectangle; `full` is shown as a tooltip when it was shortened.
#[component]
pub(super) fn Row(
    n: usize,
    #[prop(into)] text: Signal<String>,
    #[prop(optional)] class: &'static str,
) -> impl IntoView {
    let y = 17.0 + n as f64 * LINE + if n > 0 { 6.0 } else { 0.0 };
    let x = if n == 0 { 34.0 } else { 12.0 };
    view! { <text class=format!("row {class}") x=x y=y>{text}</text> }
}

/// The URL line of a JOC instance: a link that opens that instance's JOC Cockpit in a new
/// tab, as JOC's own widget links its other instances. Only `http` and `https` addresses
/// become links (the URL is whatever JOC was told to show).
#[component]
fn UrlRow(n: usize, #[prop(into)] url: Signal<String>) -> impl IntoView {
    let lang = use_lang();
    let shown = Signal::derive(move || text::ellipsis(&url.get(), 34));
    let href = move || url.with(|u| crate::model::links::web_address(u).map(str::to_string));
    view! {
        <Show when=move || href().is_some() fallback=move || view! { <Row n text=shown class="url" /> }>
            <g class="joc-link">
                <a
                    href=href
                    target="_blank"
                    rel="noopener noreferrer"
                    aria-label=move || words::open_joc(lang.get(), &url.get())
                >
                    <Row n text=shown class="url" />
                </a>
            </g>
        </Show>
    }
}

/// Every rectangle of the panel.
#[component]
pub fn Nodes() -> impl IntoView {
    let d = expect_context::<PanelData>();
    view! {
        <g class="nodes">
            <DatabaseRect />
            <For each=move || d.layout.with(|l| 0..l.jocs.len()) key=|i| *i let:i>
                <JocRect i />
            </For>
            <For each=move || d.layout.with(|l| 0..l.controllers.len()) key=|k| *k let:k>
                <ControllerRect k />
            </For>
            <Show when=move || d.layout.with(|l| l.cluster.is_some())>
                <ClusterRect />
            </Show>
            <For each=move || d.layout.with(|l| 0..l.agents.len()) key=|a| *a let:a>
                <super::agents::AgentRect a />
            </For>
        </g>
    }
}

#[component]
fn DatabaseRect() -> impl IntoView {
    let d = expect_context::<PanelData>();
    let lang = use_lang();
    let db = distinct(move || d.components.with(|c| c.as_ref().map(|c| c.database.clone())));
    let tone = distinct(move || d.tones.with(|t| t.as_ref().map(|t| t.database).unwrap_or(Tone::Idle)));
    let dbms = move || db.with(|x| x.as_ref().and_then(|x| x.dbms.clone()).unwrap_or_default());
    let version = move || db.with(|x| x.as_ref().and_then(|x| x.version.clone()).unwrap_or_default());
    view! {
        <NodeBox
            rect=distinct(move || d.layout.with(|l| l.database))
            kind="database"
            tone
            label=distinct(move || words::database_label(lang.get(), &dbms(), &version()))
        >
            // As in JOC: the product, then its version (which Oracle reports as a whole sentence).
            <Row n=0 text=Signal::derive(move || words::database(lang.get()).to_string()) class="title" />
            <Row n=1 text=Signal::derive(move || text::ellipsis(format!("{} {}", dbms(), version()).trim(), 28)) />
        </NodeBox>
    }
}

#[component]
fn JocRect(i: usize) -> impl IntoView {
    let d = expect_context::<PanelData>();
    let lang = use_lang();
    let joc = distinct(move || d.components.with(|c| c.as_ref().and_then(|c| c.jocs.get(i).cloned())));
    let tone = distinct(move || {
        d.tones.with(|t| t.as_ref().and_then(|t| t.jocs.get(i)).map(|j| j.tile).unwrap_or(Tone::Idle))
    });
    let get = move |f: fn(&crate::model::joc::Cockpit) -> String| joc.with(|j| j.as_ref().map(f).unwrap_or_default());
    let title = move || get(|j| j.title.clone().or(j.host.clone()).unwrap_or_else(|| j.instance_id.clone()));
    let url = move || get(|j| j.url.clone().or(j.host.clone()).unwrap_or_default());
    let joc_with =
        move |f: &dyn Fn(&crate::model::joc::Cockpit) -> String| joc.with(|j| j.as_ref().map(f).unwrap_or_default());
    let status = move || joc_with(&|j| text::component_state(lang.get(), j.component_state.as_ref()));
    let node = move || {
        joc_with(&|j| {
            Some(text::cluster_node_state(lang.get(), j.cluster_node_state.as_ref()))
                .filter(|s| !s.is_empty())
                .unwrap_or("-".into())
        })
    };
    let security = move || {
        joc_with(&|j| j.security_level.map(|l| text::security(lang.get(), l).to_string()).unwrap_or("-".into()))
    };
    let details = move || {
        joc_with(&|j| {
            words::joc_details(
                lang.get(),
                j.version.as_deref().unwrap_or("-"),
                j.started_at.as_deref().unwrap_or("-"),
                j.last_heartbeat.as_deref().unwrap_or("-"),
                &j.os.as_ref().and_then(|o| o.summary()).unwrap_or("-".into()),
            )
        })
    };
    let current = Signal::derive(move || joc.with(|j| j.as_ref().is_some_and(|j| j.current)));
    let label = distinct(move || {
        let l = lang.get();
        words::joc_label(l, &title(), current.get(), text::tone(l, tone.get()), &status(), &node())
    });
    view! {
        <NodeBox rect=distinct(move || d.layout.with(|l| l.jocs[i.min(l.jocs.len() - 1)])) kind="joc" tone label current menu=Target::Joc(i) details=Signal::derive(details)>
            <Row n=0 text=Signal::derive(move || text::ellipsis(&title(), 24)) class="title" />
            <UrlRow n=1 url=Signal::derive(url) />
            <Row n=2 text=Signal::derive(move || words::security_level(lang.get(), &security())) />
            <Row n=3 text=Signal::derive(move || words::status(lang.get(), &status())) class="state" />
            <Row n=4 text=Signal::derive(move || words::cluster_node(lang.get(), &node())) />
        </NodeBox>
    }
}

#[component]
fn ControllerRect(k: usize) -> impl IntoView {
    let d = expect_context::<PanelData>();
    let lang = use_lang();
    let ctl = distinct(move || d.components.with(|c| c.as_ref().and_then(|c| c.controllers.get(k).cloned())));
    let tone = distinct(move || {
        d.tones.with(|t| t.as_ref().and_then(|t| t.controllers.get(k).copied()).unwrap_or(Tone::Idle))
    });
    let get =
        move |f: fn(&crate::model::joc::Controller) -> String| ctl.with(|c| c.as_ref().map(f).unwrap_or_default());
    let title = move || get(|c| c.title.clone());
    let ctl_with =
        move |f: &dyn Fn(&crate::model::joc::Controller) -> String| ctl.with(|c| c.as_ref().map(f).unwrap_or_default());
    let status = move || ctl_with(&|c| text::component_state(lang.get(), c.component_state.as_ref()));
    let node = move || ctl_with(&|c| text::cluster_node_state(lang.get(), c.cluster_node_state.as_ref()));
    let details = move || {
        let l = lang.get();
        ctl_with(&|c| {
            words::controller_details(
                l,
                &c.url,
                c.version.as_deref().unwrap_or("-"),
                c.started_at.as_deref().unwrap_or("-"),
                c.survey_date.as_deref().unwrap_or("-"),
                &c.os.as_ref().and_then(|o| o.summary()).unwrap_or("-".into()),
            )
        })
    };
    // A standalone Controller's box carries the Controller's availability (a cluster's box
    // does when there is one).
    let standalone = distinct(move || d.layout.with(|l| l.cluster.is_none()));
    let strip = super::strip::strip_of(d, Signal::derive(|| None));
    let shown = Signal::derive(move || strip.get().filter(|_| standalone.get()));
    let details = move || {
        let mut out = details();
        if standalone.get() {
            out.push_str(&availability_lines(lang.get(), d, strip.get()));
        }
        out
    };
    let height = distinct(move || d.layout.with(|l| l.controllers.get(k).map_or(0.0, |r| r.h)));
    let label = distinct(move || {
        let l = lang.get();
        words::controller_label(l, &title(), text::tone(l, tone.get()), &status(), &node())
    });
    view! {
        <NodeBox rect=distinct(move || d.layout.with(|l| l.controllers[k.min(l.controllers.len() - 1)])) kind="controller" tone label menu=Target::Controller(k) details=Signal::derive(details)>
            <Row n=0 text=Signal::derive(move || text::ellipsis(&title(), 26)) class="title" />
            <Row n=1 text=Signal::derive(move || text::ellipsis(&get(|c| c.url.clone()), 34)) class="url" />
            <Row n=2 text=Signal::derive(move || words::controller_id(lang.get(), &text::ellipsis(&get(|c| c.controller_id.clone()), 18))) />
            <Row n=3 text=Signal::derive(move || words::status(lang.get(), &status())) class="state" />
            <Row n=4 text=Signal::derive(move || if node().is_empty() { String::new() } else { words::cluster_node(lang.get(), &node()) }) />
            <super::strip::Strip shown share=true y=Signal::derive(move || height.get() - super::strip::STRIP_ROOM) />
        </NodeBox>
    }
}

#[component]
fn ClusterRect() -> impl IntoView {
    let d = expect_context::<PanelData>();
    let lang = use_lang();
    let state = distinct(move || d.components.with(|c| c.as_ref().and_then(|c| c.cluster_state.clone())));
    let tone = distinct(move || d.tones.with(|t| t.as_ref().and_then(|t| t.cluster_line).unwrap_or(Tone::Idle)));
    let cluster_words = move || {
        let l = lang.get();
        let shown = state.with(|s| s.as_ref().map(|s| s.text)).unwrap_or(crate::model::joc::ClusterType::Unknown);
        text::cluster(l, shown).to_string()
    };
    let loss = move || state.with(|s| s.as_ref().and_then(|s| s.loss_node.clone()));
    let strip = super::strip::strip_of(d, Signal::derive(|| None));
    let details = move || availability_lines(lang.get(), d, strip.get()).trim_start().to_string();
    let height = distinct(move || d.layout.with(|l| l.cluster.map_or(0.0, |r| r.h)));
    view! {
        <NodeBox
            rect=distinct(move || d.layout.with(|l| l.cluster.unwrap_or(l.database)))
            kind="cluster"
            tone
            menu=Target::Cluster
            label=distinct(move || words::cluster_label(lang.get(), &cluster_words(), loss().as_deref()))
            details=Signal::derive(details)
        >
            <Row n=0 text=Signal::derive(move || words::cluster(lang.get()).to_string()) class="title" />
            <Row n=1 text=Signal::derive(move || text::ellipsis(&cluster_words(), 28)) class="state" />
            <super::strip::Strip shown=strip share=true y=Signal::derive(move || height.get() - super::strip::STRIP_ROOM) />
        </NodeBox>
    }
}

/// The Controller's availability lines of the hover details (each after a line break): the
/// share up over the last 7 days and why the history could not be read, if it could not.
fn availability_lines(l: crate::ui::i18n::Lang, d: PanelData, strip: Option<super::strip::Shown>) -> String {
    use crate::ui::text::availability as av_words;
    let mut out = String::new();
    if let Some(s) = strip {
        out.push('\n');
        out.push_str(&av_words::last_days(l, s.pct));
    }
    if let Some(why) = d.availability.with(|a| a.as_ref().and_then(|a| a.problem.clone())) {
        out.push('\n');
        out.push_str(&av_words::problem(l, &why));
    }
    out
}
