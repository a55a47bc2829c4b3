//! The connection lines: JOC → database, JOC → Controller, Controller ↔ cluster box, and the
//! active Controller → Agents. Each line's colour also shows as its dash pattern.

use super::PanelData;
use crate::model::colours::{Tone, agent_group_tone};
use crate::model::layout::{Point, points};
use crate::ui::hooks::distinct;
use crate::ui::i18n::use_lang;
use crate::ui::text::drawing as words;
use leptos::prelude::*;

/// One line: the colour class carries the tone, a `<title>` says what it joins and how.
#[component]
fn Line(
    #[prop(into)] path: Signal<Vec<Point>>,
    #[prop(into)] tone: Signal<Tone>,
    #[prop(into)] label: Signal<String>,
) -> impl IntoView {
    view! {
        <polyline class=move || format!("link tone-{}", tone.get().token()) points=move || path.with(|p| points(p))>
            <title>{label}</title>
        </polyline>
    }
}

/// Every line of the panel.
#[component]
pub fn Lines() -> impl IntoView {
    let d = expect_context::<PanelData>();
    let lang = use_lang();
    let jocs = move || d.layout.with(|l| 0..l.jocs.len());
    let controllers = move || d.layout.with(|l| l.controllers.len());
    let tone = move |f: &dyn Fn(&crate::model::colours::PanelTones) -> Option<Tone>| {
        d.tones.with(|t| t.as_ref().and_then(f).unwrap_or(Tone::Idle))
    };
    view! {
        <g class="links">
            <For each=jocs key=|i| *i let:i>
                <Line
                    path=distinct(move || d.layout.with(|l| l.joc_db.get(i).cloned().unwrap_or_default()))
                    tone=distinct(move || tone(&|t| t.jocs.get(i).map(|j| j.database_line)))
                    label=Signal::derive(move || words::line_joc_db(lang.get(), i + 1))
                />
                <For each=move || 0..controllers() key=|k| *k let:k>
                    <Line
                        path=distinct(move || d.layout.with(|l| l.joc_controller.get(i).and_then(|v| v.get(k)).cloned().unwrap_or_default()))
                        tone=distinct(move || tone(&|t| t.jocs.get(i).and_then(|j| j.controller_lines.get(k).copied())))
                        label=Signal::derive(move || words::line_joc_controller(lang.get(), i + 1, k + 1))
                    />
                </For>
            </For>
            <For each=move || d.layout.with(|l| 0..l.cluster_links.len()) key=|k| *k let:k>
                <Line
                    path=distinct(move || d.layout.with(|l| l.cluster_links.get(k).cloned().unwrap_or_default()))
                    tone=distinct(move || tone(&|t| t.cluster_line))
                    label=Signal::derive(move || words::line_cluster(lang.get()).to_string())
                />
            </For>
            <For each=move || d.layout.with(|l| 0..l.agent_links.len()) key=|a| *a let:a>
                <Line
                    path=distinct(move || d.layout.with(|l| l.agent_links.get(a).cloned().unwrap_or_default()))
                    tone=distinct(move || d.agents.with(|ag| ag.get(a).map(agent_group_tone).unwrap_or(Tone::Idle)))
                    label=Signal::derive(move || words::line_agent(lang.get(), a + 1))
                />
            </For>
        </g>
    }
}
