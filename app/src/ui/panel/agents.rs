//! The Agents' rectangles: one per Agent, with the tiles of an Agent cluster's Subagents.

use super::PanelData;
use super::nodes::{NodeBox, Row};
use crate::model::colours::{Tone, agent_group_tone, agent_tone};
use crate::model::layout::{SUBAGENT, SUBAGENT_STEP, SUBAGENTS_SHOWN};
use crate::ui::hooks::distinct;
use crate::ui::i18n::use_lang;
use crate::ui::text;
use crate::ui::text::drawing as words;
use leptos::prelude::*;

#[component]
pub(super) fn AgentRect(a: usize) -> impl IntoView {
    let d = expect_context::<PanelData>();
    let lang = use_lang();
    let group = distinct(move || d.agents.with(|ag| ag.get(a).cloned()));
    let tone = Signal::derive(move || group.with(|g| g.as_ref().map(agent_group_tone).unwrap_or(Tone::Idle)));
    let name = move || group.with(|g| g.as_ref().map(|g| g.agent.name().to_string()).unwrap_or_default());
    let state = move || {
        group.with(|g| g.as_ref().map(|g| text::agent_state(lang.get(), g.agent.state.as_ref())).unwrap_or_default())
    };
    let subagents = move || -> Vec<(String, String)> {
        let l = lang.get();
        group.with(|g| {
            g.as_ref()
                .map(|g| {
                    g.subagents.iter().map(|s| (s.name().to_string(), text::agent_state(l, s.state.as_ref()))).collect()
                })
                .unwrap_or_default()
        })
    };
    let details = move || {
        let url = group.with(|g| g.as_ref().and_then(|g| g.agent.url.clone()).unwrap_or("-".into()));
        words::agent_details(lang.get(), &url, &subagents())
    };
    let label = move || {
        let l = lang.get();
        let subs: Vec<(String, String)> = subagents();
        let mut label = words::agent_label(l, &name(), &state());
        for (n, s) in &subs {
            label.push_str(&words::subagent_label(l, n, s));
        }
        label
    };
    let agent_id = Signal::derive(move || group.with(|g| g.as_ref().map(|g| g.agent.agent_id.clone())));
    let strip = super::strip::strip_of(d, agent_id);
    let details = move || {
        let mut out = details();
        let l = lang.get();
        if let Some(s) = strip.get() {
            out.push('\n');
            out.push_str(&crate::ui::text::availability::last_days(l, s.pct));
        }
        out
    };
    let height = distinct(move || d.layout.with(|l| l.agents.get(a).map_or(0.0, |r| r.h)));
    let chips = move || group.with(|g| g.as_ref().map(|g| g.subagents.len()).unwrap_or(0)).min(SUBAGENTS_SHOWN);
    view! {
        <NodeBox
            rect=distinct(move || d.layout.with(|l| l.agents.get(a).copied().unwrap_or(l.database)))
            kind="agent"
            tone
            label=distinct(label)
            details=Signal::derive(details)
        >
            <Row n=0 text=Signal::derive(move || text::ellipsis(&name(), 12)) class="title" />
            <Row n=1 text=Signal::derive(move || text::ellipsis(&state(), 16)) class="state" />
            <For each=move || 0..chips() key=|s| *s let:s>
                <SubagentTile group s />
            </For>
            <super::strip::Strip shown=strip y=Signal::derive(move || height.get() - super::strip::STRIP_ROOM) />
        </NodeBox>
    }
}

/// One Subagent of an Agent cluster: a small tile in its colour, with its name's first letters;
/// the last tile of a full row says how many more there are.
#[component]
fn SubagentTile(group: ReadSignal<Option<crate::model::joc::AgentGroup>>, s: usize) -> impl IntoView {
    let sub = move || group.with(|g| g.as_ref().and_then(|g| g.subagents.get(s).cloned()));
    let more = move || {
        let n = group.with(|g| g.as_ref().map(|g| g.subagents.len()).unwrap_or(0));
        (s + 1 == SUBAGENTS_SHOWN && n > SUBAGENTS_SHOWN).then(|| format!("+{}", n - s))
    };
    let tone = move || match more() {
        Some(_) => Tone::Idle,
        None => sub().map(|x| agent_tone(x.state.as_ref())).unwrap_or(Tone::Idle),
    };
    let x = 12.0 + s as f64 * SUBAGENT_STEP;
    view! {
        <g class="subagent" transform=format!("translate({x:.1},56)") aria-hidden="true">
            <rect class=move || format!("tile tone-{}", tone().token()) width=SUBAGENT height=SUBAGENT rx="3" />
            <text class="glyph small" x=SUBAGENT / 2.0 y="13" text-anchor="middle">
                {move || more().unwrap_or_else(|| text::glyph(tone()).to_string())}
            </text>
        </g>
    }
}
