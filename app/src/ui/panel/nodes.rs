//! The rectangles: JOC Cockpit instances, the database, Controller instances, the cluster box
//! and the Agents. Each is a focusable group whose label says its state, with a coloured tile
//! and a glyph in its top-left corner, and details on hover and focus.

use super::ops::OpsState;
use super::{Now, PanelData};
use crate::model::colours::{Tone, agent_tone};
use crate::model::layout::Rect;
use crate::model::operations::Target;
use crate::ui::text;
use leptos::prelude::*;

const LINE: f64 = 19.0;

/// The frame shared by every rectangle.
#[component]
fn NodeBox(
    #[prop(into)] rect: Signal<Rect>,
    kind: &'static str,
    #[prop(into)] tone: Signal<Tone>,
    #[prop(into)] label: Signal<String>,
    #[prop(into, optional)] current: Signal<bool>,
    /// The rectangle has a 3-dot menu of operations.
    #[prop(optional)]
    menu: Option<Target>,
    children: Children,
) -> impl IntoView {
    let ops = expect_context::<OpsState>();
    let now = expect_context::<Now>().0;
    let pending = Memo::new(move |_| ops.pending.get().filter(|p| Some(p.target) == menu));
    let busy = move || {
        pending.get().map(|p| {
            let secs = ((now.get() - p.started) / 1000.0).max(0.0) as u64;
            let phase = if p.accepted { "waiting for JOC" } else { "sending" };
            format!("⏳ {} · {phase} · {secs} s", p.label)
        })
    };
    let height = Signal::derive(move || rect.get().h);
    view! {
        <g
            class=move || format!("node {kind}{}{}", if current.get() { " current" } else { "" }, if pending.get().is_some() { " busy" } else { "" })
            role="group"
            tabindex="0"
            aria-label=label
            transform=move || rect.with(|r| format!("translate({:.1},{:.1})", r.x, r.y))
        >
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
fn Row(n: usize, #[prop(into)] text: Signal<String>, #[prop(optional)] class: &'static str) -> impl IntoView {
    let y = 17.0 + n as f64 * LINE + if n > 0 { 6.0 } else { 0.0 };
    let x = if n == 0 { 34.0 } else { 12.0 };
    view! { <text class=format!("row {class}") x=x y=y>{text}</text> }
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
                <AgentRect a />
            </For>
        </g>
    }
}

#[component]
fn DatabaseRect() -> impl IntoView {
    let d = expect_context::<PanelData>();
    let db = Memo::new(move |_| d.components.with(|c| c.as_ref().map(|c| c.database.clone())));
    let tone = Signal::derive(move || d.tones.with(|t| t.as_ref().map(|t| t.database).unwrap_or(Tone::Idle)));
    let dbms = move || db.with(|x| x.as_ref().map(|x| x.dbms.clone()).unwrap_or_default());
    let version = move || db.with(|x| x.as_ref().map(|x| format!("Version {}", x.version)).unwrap_or_default());
    view! {
        <NodeBox
            rect=Signal::derive(move || d.layout.with(|l| l.database))
            kind="database"
            tone
            label=Signal::derive(move || format!("Database {}, {}", dbms(), version()))
        >
            <Row n=0 text=Signal::derive(move || format!("Database · {}", dbms())) class="title" />
            <Row n=1 text=Signal::derive(version) />
        </NodeBox>
    }
}

#[component]
fn JocRect(i: usize) -> impl IntoView {
    let d = expect_context::<PanelData>();
    let joc = Memo::new(move |_| d.components.with(|c| c.as_ref().and_then(|c| c.jocs.get(i).cloned())));
    let tone = Signal::derive(move || {
        d.tones.with(|t| t.as_ref().and_then(|t| t.jocs.get(i)).map(|j| j.tile).unwrap_or(Tone::Idle))
    });
    let get = move |f: fn(&crate::model::joc::Cockpit) -> String| joc.with(|j| j.as_ref().map(f).unwrap_or_default());
    let title = move || get(|j| j.title.clone().or(j.host.clone()).unwrap_or_else(|| j.instance_id.clone()));
    let url = move || get(|j| j.url.clone().or(j.host.clone()).unwrap_or_default());
    let status = move || get(|j| text::component(j.component_state.text).to_string());
    let node = move || {
        get(|j| j.cluster_node_state.as_ref().map(|s| text::cluster_node(s.text).to_string()).unwrap_or("-".into()))
    };
    let security = move || get(|j| j.security_level.map(|l| text::security(l).to_string()).unwrap_or("-".into()));
    let details = move || {
        get(|j| {
            format!(
                "Version: {}\nStarted at: {}\nLast heartbeat: {}",
                j.version,
                j.started_at.clone().unwrap_or("-".into()),
                j.last_heartbeat.clone().unwrap_or("-".into())
            )
        })
    };
    let current = Signal::derive(move || joc.with(|j| j.as_ref().is_some_and(|j| j.current)));
    let label = Signal::derive(move || {
        format!(
            "JOC Cockpit {}{}: {}, status {}, cluster node {}",
            title(),
            if current.get() { " (current)" } else { "" },
            text::tone(tone.get()),
            status(),
            node()
        )
    });
    view! {
        <NodeBox rect=Signal::derive(move || d.layout.with(|l| l.jocs[i.min(l.jocs.len() - 1)])) kind="joc" tone label current menu=Target::Joc(i)>
            <title>{details}</title>
            <Row n=0 text=Signal::derive(move || text::ellipsis(&title(), 24)) class="title" />
            <Row n=1 text=Signal::derive(move || text::ellipsis(&url(), 34)) class="url" />
            <Row n=2 text=Signal::derive(move || format!("Security Level: {}", security())) />
            <Row n=3 text=Signal::derive(move || format!("Status: {}", status())) class="state" />
            <Row n=4 text=Signal::derive(move || format!("Cluster Node: {}", node())) />
        </NodeBox>
    }
}

#[component]
fn ControllerRect(k: usize) -> impl IntoView {
    let d = expect_context::<PanelData>();
    let ctl = Memo::new(move |_| d.components.with(|c| c.as_ref().and_then(|c| c.controllers.get(k).cloned())));
    let tone = Signal::derive(move || {
        d.tones.with(|t| t.as_ref().and_then(|t| t.controllers.get(k).copied()).unwrap_or(Tone::Idle))
    });
    let get =
        move |f: fn(&crate::model::joc::Controller) -> String| ctl.with(|c| c.as_ref().map(f).unwrap_or_default());
    let title = move || get(|c| c.title.clone());
    let status =
        move || get(|c| c.component_state.as_ref().map(|s| text::component(s.text)).unwrap_or("unknown").to_string());
    let node = move || {
        get(|c| c.cluster_node_state.as_ref().map(|s| text::cluster_node(s.text).to_string()).unwrap_or_default())
    };
    let details = move || {
        get(|c| {
            format!(
                "URL: {}\nVersion: {}\nStarted at: {}\nSurvey date: {}",
                c.url,
                c.version.clone().unwrap_or("-".into()),
                c.started_at.clone().unwrap_or("-".into()),
                c.survey_date.clone().unwrap_or("-".into())
            )
        })
    };
    let label = Signal::derive(move || {
        format!(
            "Controller {}: {}, status {}{}",
            title(),
            text::tone(tone.get()),
            status(),
            if node().is_empty() { String::new() } else { format!(", cluster node {}", node()) }
        )
    });
    view! {
        <NodeBox rect=Signal::derive(move || d.layout.with(|l| l.controllers[k.min(l.controllers.len() - 1)])) kind="controller" tone label menu=Target::Controller(k)>
            <title>{details}</title>
            <Row n=0 text=Signal::derive(move || text::ellipsis(&title(), 26)) class="title" />
            <Row n=1 text=Signal::derive(move || text::ellipsis(&get(|c| c.url.clone()), 34)) class="url" />
            <Row n=2 text=Signal::derive(move || format!("Controller ID: {}", text::ellipsis(&get(|c| c.controller_id.clone()), 18))) />
            <Row n=3 text=Signal::derive(move || format!("Status: {}", status())) class="state" />
            <Row n=4 text=Signal::derive(move || if node().is_empty() { String::new() } else { format!("Cluster Node: {}", node()) }) />
        </NodeBox>
    }
}

#[component]
fn ClusterRect() -> impl IntoView {
    let d = expect_context::<PanelData>();
    let state = Memo::new(move |_| d.components.with(|c| c.as_ref().and_then(|c| c.cluster_state.clone())));
    let tone = Signal::derive(move || d.tones.with(|t| t.as_ref().and_then(|t| t.cluster_line).unwrap_or(Tone::Idle)));
    let words = move || state.with(|s| s.as_ref().map(|s| text::cluster(s.text)).unwrap_or("Unknown").to_string());
    let loss = move || state.with(|s| s.as_ref().and_then(|s| s.loss_node.clone()));
    view! {
        <NodeBox
            rect=Signal::derive(move || d.layout.with(|l| l.cluster.unwrap_or(l.database)))
            kind="cluster"
            tone
            menu=Target::Cluster
            label=Signal::derive(move || format!("Controller cluster: {}{}", words(), loss().map(|n| format!(", lost node {n}")).unwrap_or_default()))
        >
            <Row n=0 text=Signal::derive(|| "Cluster".to_string()) class="title" />
            <Row n=1 text=Signal::derive(move || text::ellipsis(&words(), 28)) class="state" />
        </NodeBox>
    }
}

#[component]
fn AgentRect(a: usize) -> impl IntoView {
    let d = expect_context::<PanelData>();
    let agent = Memo::new(move |_| d.agents.with(|ag| ag.get(a).cloned()));
    let tone =
        Signal::derive(move || agent.with(|x| x.as_ref().map(|x| agent_tone(x.state.text)).unwrap_or(Tone::Idle)));
    let name = move || agent.with(|x| x.as_ref().map(|x| x.agent_name.clone()).unwrap_or_default());
    let state =
        move || agent.with(|x| x.as_ref().map(|x| format!("{:?}", x.state.text).to_lowercase()).unwrap_or_default());
    view! {
        <NodeBox
            rect=Signal::derive(move || d.layout.with(|l| l.agents.get(a).copied().unwrap_or(l.database)))
            kind="agent"
            tone
            label=Signal::derive(move || format!("Agent {}: {}", name(), state()))
        >
            <title>{move || agent.with(|x| x.as_ref().map(|x| x.url.clone()).unwrap_or_default())}</title>
            <Row n=0 text=Signal::derive(move || text::ellipsis(&name(), 12)) class="title" />
            <Row n=1 text=Signal::derive(state) class="state" />
        </NodeBox>
    }
}
