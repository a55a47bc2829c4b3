//! The 3-dot menus: a button in the corner of each rectangle and the menu it opens, listing the
//! operations allowed now (disabled ones say why).

use super::PanelData;
use super::ops::{DialogRequest, OpsState};
use crate::model::joc::{ClusterNodeStateText, ClusterType, Components};
use crate::model::layout::Rect;
use crate::model::operations::{Action, MenuItem, Risk, Target, menu};
use crate::model::session::UserInfo;
use crate::ui::i18n::use_lang;
use crate::ui::text::ops as words;
use leptos::prelude::*;

/// Percent-encodes a query value (everything but unreserved characters).
pub fn query_escape(v: &str) -> String {
    v.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Where a download entry points.
fn download_href(a: &Action) -> Option<String> {
    match a {
        Action::DownloadJocLog => Some("/api/logs/joc.log.gz".into()),
        Action::DownloadControllerLog { url } => Some(format!("/api/logs/controller.log.gz?url={}", query_escape(url))),
        _ => None,
    }
}

fn request(t: Target, c: &Components, item: &MenuItem) -> Option<DialogRequest> {
    let failover = c.cluster_state.as_ref().is_some_and(|s| s.text == ClusterType::FailoverToBeConfirmed);
    let coupled = c.cluster_state.as_ref().is_some_and(|s| s.text == ClusterType::Coupled);
    let active = match t {
        Target::Controller(k) => c
            .controllers
            .get(k)
            .is_some_and(|k| k.cluster_node_state.as_ref().is_some_and(|s| s.text == ClusterNodeStateText::Active)),
        _ => false,
    };
    let (op, url) = match &item.action {
        Action::Run(op) => (op.clone(), None),
        Action::EditUrl { instance_id, url } => (
            crate::model::operations::Operation::UpdateUrl { instance_id: instance_id.clone(), url: url.clone() },
            Some(url.clone()),
        ),
        Action::DownloadJocLog | Action::DownloadControllerLog { .. } => return None,
    };
    Some(DialogRequest {
        target: t,
        action: item.action.clone(),
        failover,
        coupled,
        active,
        severe: item.risk == Risk::Severe,
        loss_node: matches!(op, crate::model::operations::Operation::ConfirmNodeLoss)
            .then(|| c.cluster_state.as_ref().and_then(|s| s.loss_node.clone()).unwrap_or_default()),
        op,
        url,
    })
}

/// The ⋯ button drawn in the top-right corner of a rectangle (a 44 × 44 touch target).
#[component]
pub fn MenuButton(
    target: Target,
    #[prop(into)] width: Signal<f64>,
    #[prop(into)] name: Signal<String>,
) -> impl IntoView {
    let ops = expect_context::<OpsState>();
    let lang = use_lang();
    let toggle = move || ops.open_menu.update(|m| *m = if *m == Some(target) { None } else { Some(target) });
    view! {
        <g
            class="menu-button"
            role="button"
            tabindex="0"
            aria-haspopup="menu"
            aria-expanded=move || (ops.open_menu.get() == Some(target)).to_string()
            aria-label=move || words::operations_of(lang.get(), &name.get())
            transform=move || format!("translate({:.1},0)", width.get() - 44.0)
            on:click=move |_| toggle()
            on:keydown=move |e| {
                if e.key() == "Enter" || e.key() == " " {
                    e.prevent_default();
                    toggle();
                }
            }
        >
            <rect class="hit" width="44" height="44" rx="6" />
            <text x="22" y="27" text-anchor="middle" aria-hidden="true">"⋯"</text>
        </g>
    }
}

/// The open menu, placed beside its rectangle.
#[component]
pub fn OpenMenu() -> impl IntoView {
    let d = expect_context::<PanelData>();
    let ops = expect_context::<OpsState>();
    let user = expect_context::<UserInfo>();
    let lang = use_lang();
    let place = move |t: Target| {
        d.layout.with(|l| {
            let r: Rect = match t {
                Target::Joc(i) => l.jocs.get(i).copied().unwrap_or(l.database),
                Target::Controller(k) => l.controllers.get(k).copied().unwrap_or(l.database),
                Target::Cluster => l.cluster.unwrap_or(l.database),
            };
            let right_half = r.x + r.w / 2.0 > l.width / 2.0;
            let x =
                if right_half { (l.width - r.x - r.w) / l.width * 100.0 } else { (r.x + r.w - 44.0) / l.width * 100.0 };
            let side = if right_half { "right" } else { "left" };
            format!("{side}: {x:.2}%; top: {:.2}%;", (r.y + 44.0) / l.height * 100.0)
        })
    };
    view! {
        {move || {
            let target = ops.open_menu.get()?;
            let l = lang.get();
            let items = d.components.with(|c| c.as_ref().map(|c| (menu(target, c, &user.permissions), c.clone())))?;
            let (items, c) = items;
            let none = items.is_empty();
            let entries = items
                .into_iter()
                .map(|item| {
                    let failover = c.cluster_state.as_ref().is_some_and(|s| s.text == ClusterType::FailoverToBeConfirmed);
                    let label = words::label(l, &item.action, failover);
                    let why = item.enabled.err().map(|w| words::why(l, w));
                    let req = request(target, &c, &item);
                    if let (Some(href), None) = (download_href(&item.action), why) {
                        return view! {
                            <li role="none">
                                <a role="menuitem" class="download" href=href download on:click=move |_| ops.open_menu.set(None)>
                                    <span>{label}</span>
                                </a>
                            </li>
                        }
                        .into_any();
                    }
                    let disabled = why.is_some() || req.is_none();
                    view! {
                        <li role="none">
                            <button
                                type="button"
                                role="menuitem"
                                class:severe=item.risk == Risk::Severe
                                aria-disabled=disabled.to_string()
                                on:click=move |_| {
                                    if let (false, Some(r)) = (disabled, req.clone()) {
                                        ops.open_menu.set(None);
                                        ops.dialog.set(Some(r));
                                    }
                                }
                            >
                                <span>{label}</span>
                                {why.map(|w| view! { <small>{w}</small> })}
                            </button>
                        </li>
                    }
                    .into_any()
                })
                .collect_view();
            Some(view! {
                <div class="ops-menu" style=place(target)>
                    <ul role="menu" aria-label=words::operations_of(l, &words::target_name(l, target, &c))>
                        {entries}
                        {none.then(|| view! { <li class="none">{words::none_open(l)}</li> })}
                    </ul>
                    <button type="button" class="close" on:click=move |_| ops.open_menu.set(None)>{crate::ui::text::ui::close(l)}</button>
                </div>
            })
        }}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controller_urls_travel_escaped() {
        assert_eq!(query_escape("http://ctl1:4444/a b"), "http%3A%2F%2Fctl1%3A4444%2Fa%20b");
        assert_eq!(download_href(&Action::DownloadJocLog).as_deref(), Some("/api/logs/joc.log.gz"));
    }
}
