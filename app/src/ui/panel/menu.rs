//! The 3-dot menus: a button in the corner of each rectangle and the menu it opens, listing the
//! operations allowed now (disabled ones say why).

use super::PanelData;
use super::ops::{DialogRequest, OpsState};
use crate::model::joc::{ClusterType, Components};
use crate::model::layout::Rect;
use crate::model::operations::{Action, MenuItem, Risk, Target, menu};
use crate::model::session::UserInfo;
use crate::ui::i18n::use_lang;
use crate::ui::text::ops as words;
use leptos::prelude::*;

pub use crate::model::links::query_escape;

/// Where a download entry points, for Controller `controller` (None: the board's default).
fn download_href(a: &Action, chosen: &super::ops::Chosen) -> Option<String> {
    let installation = chosen.installation.as_deref().map(|i| format!("installation={}", query_escape(i)));
    match a {
        Action::DownloadJocLog => {
            Some(installation.map_or_else(|| "/api/logs/joc.log.gz".into(), |i| format!("/api/logs/joc.log.gz?{i}")))
        }
        Action::DownloadControllerLog { url } => {
            let of =
                chosen.controller.as_deref().map(|c| format!("&controller={}", query_escape(c))).unwrap_or_default();
            let of = installation.map_or(of.clone(), |i| format!("&{i}{of}"));
            Some(format!("/api/logs/controller.log.gz?url={}{of}", query_escape(url)))
        }
        _ => None,
    }
}

fn request(t: Target, c: &Components, item: &MenuItem) -> Option<DialogRequest> {
    let failover = c.cluster_state.as_ref().is_some_and(|s| s.text == ClusterType::FailoverToBeConfirmed);
    let coupled = c.cluster_state.as_ref().is_some_and(|s| s.text == ClusterType::Coupled);
    let active = match t {
        Target::Controller(k) => c.controllers.get(k).is_some_and(|k| k.is_active_member()),
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

#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
/// Where focus goes in an open menu of `n` items on `key`, from item `at` (None: outside).
pub fn next_index(key: &str, at: Option<usize>, n: usize) -> Option<usize> {
    if n == 0 {
        return None;
    }
    match (key, at) {
        ("ArrowDown", Some(i)) => Some((i + 1) % n),
        ("ArrowDown", None) | ("Home", _) => Some(0),
        ("ArrowUp", Some(i)) => Some((i + n - 1) % n),
        ("ArrowUp", None) | ("End", _) => Some(n - 1),
        _ => None,
    }
}

/// Moving focus in the browser.
#[cfg(feature = "hydrate")]
mod focus {
    use wasm_bindgen::JsCast;

    fn document() -> Option<web_sys::Document> {
        web_sys::window()?.document()
    }

    /// The items of the open menu.
    pub fn items() -> Vec<web_sys::HtmlElement> {
        let Some(list) = document().and_then(|d| d.query_selector_all(".ops-menu [role=menuitem]").ok()) else {
            return vec![];
        };
        (0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<web_sys::HtmlElement>().ok()).collect()
    }

    /// Moves focus on an arrow, Home or End key; true if it did.
    pub fn step(key: &str) -> bool {
        let items = items();
        let active = document().and_then(|d| d.active_element());
        let at = active.and_then(|a| items.iter().position(|i| a.is_same_node(Some(i))));
        match super::next_index(key, at, items.len()) {
            Some(i) => {
                let _ = items[i].focus();
                true
            }
            None => false,
        }
    }

    /// Gives focus back to the ⋯ button of the open menu.
    pub fn back_to_button() {
        if let Some(b) = document()
            .and_then(|d| d.query_selector(".menu-button[aria-expanded=true]").ok().flatten())
            .and_then(|e| e.dyn_into::<web_sys::SvgElement>().ok())
        {
            let _ = b.focus();
        }
    }
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
    let scale = expect_context::<super::Scale>().0;
    // At least 44 CSS pixels square however small the drawing is shown, growing from the corner.
    let hit = move || (44.0 / scale.get()).max(44.0);
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
            <rect class="hit" x=move || 44.0 - hit() width=hit height=hit rx="6" />
            <rect class="pill" x="5" y="6" width="34" height="28" rx="6" />
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
    let chosen = use_context::<super::ops::Chosen>().unwrap_or_default();
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
    // An opened menu takes focus on its first item, as a menu does.
    Effect::new(move |_| {
        if ops.open_menu.get().is_some() {
            #[cfg(feature = "hydrate")]
            request_animation_frame(|| {
                focus::step("Home");
            });
        }
    });
    let on_key = move |e: leptos::ev::KeyboardEvent| {
        let key = e.key();
        if key == "Escape" {
            e.prevent_default();
            #[cfg(feature = "hydrate")]
            focus::back_to_button();
            ops.open_menu.set(None);
        } else {
            #[cfg(feature = "hydrate")]
            if focus::step(&key) {
                e.prevent_default();
            }
        }
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
                    if let (Some(href), None) = (download_href(&item.action, &chosen), why) {
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
                <div class="ops-menu" style=place(target) on:keydown=on_key>
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
    fn arrows_cycle_through_the_items_and_home_end_jump() {
        assert_eq!(next_index("ArrowDown", Some(0), 3), Some(1));
        assert_eq!(next_index("ArrowDown", Some(2), 3), Some(0));
        assert_eq!(next_index("ArrowUp", Some(0), 3), Some(2));
        assert_eq!(next_index("ArrowDown", None, 3), Some(0));
        assert_eq!(next_index("ArrowUp", None, 3), Some(2));
        assert_eq!(next_index("Home", Some(2), 3), Some(0));
        assert_eq!(next_index("End", Some(0), 3), Some(2));
        assert_eq!(next_index("Tab", Some(0), 3), None);
        assert_eq!(next_index("ArrowDown", None, 0), None);
    }

    #[test]
    fn controller_urls_travel_escaped() {
        assert_eq!(query_escape("http://ctl1:4444/a b"), "http%3A%2F%2Fctl1%3A4444%2Fa%20b");
        use super::super::ops::Chosen;
        let chosen = |i: Option<&str>, c: Option<&str>| Chosen {
            installation: i.map(str::to_string),
            controller: c.map(str::to_string),
        };
        assert_eq!(
            download_href(&Action::DownloadJocLog, &chosen(None, Some("test"))).as_deref(),
            Some("/api/logs/joc.log.gz")
        );
        assert_eq!(
            download_href(&Action::DownloadJocLog, &chosen(Some("a b"), None)).as_deref(),
            Some("/api/logs/joc.log.gz?installation=a%20b")
        );
        let log = Action::DownloadControllerLog { url: "http://ctl1:4444".into() };
        assert_eq!(
            download_href(&log, &chosen(None, None)).as_deref(),
            Some("/api/logs/controller.log.gz?url=http%3A%2F%2Fctl1%3A4444")
        );
        assert_eq!(
            download_href(&log, &chosen(None, Some("test one"))).as_deref(),
            Some("/api/logs/controller.log.gz?url=http%3A%2F%2Fctl1%3A4444&controller=test%20one")
        );
        assert_eq!(
            download_href(&log, &chosen(Some("test"), Some("t"))).as_deref(),
            Some("/api/logs/controller.log.gz?url=http%3A%2F%2Fctl1%3A4444&installation=test&controller=t")
        );
    }
}
