//! The HTTP handlers the router of [`crate::build`] serves besides the pages and the log
//! downloads: the live feed, the server functions, readiness.

use crate::AppState;
use axum::{extract::State, http::StatusCode, response::IntoResponse};
use std::time::Duration;

/// Which Controller's feed: `?installation=NAME&controller=ID` (none: the first installation,
/// its default Controller).
#[derive(serde::Deserialize)]
pub(crate) struct FeedQuery {
    installation: Option<String>,
    controller: Option<String>,
}

/// The live feed of the default Controller or of `?controller=ID`, for logged-in users who may
/// view that Controller. The viewer's hold on the feed lasts as long as its stream.
pub(crate) async fn feed_route(
    State(state): State<AppState>,
    axum::extract::Query(query): axum::extract::Query<FeedQuery>,
    headers: axum::http::HeaderMap,
) -> axum::response::Response {
    let sid = match state.fleet.session(&headers).await {
        Ok(sid) => sid,
        Err(e) => return (StatusCode::SERVICE_UNAVAILABLE, e.message).into_response(),
    };
    if !state.fleet.is_live(&sid) {
        return (StatusCode::UNAUTHORIZED, "log in first").into_response();
    }
    let Ok(installation) = state.fleet.named(query.installation.as_deref()) else {
        return (StatusCode::NOT_FOUND, "no such installation").into_response();
    };
    let gateway = installation.gateway.clone();
    // Live in another installation, not in this one.
    if !gateway.is_live(&sid) {
        return (StatusCode::FORBIDDEN, "not logged in to this installation").into_response();
    }
    let Some(id) = query.controller.filter(|id| !id.is_empty()) else {
        if !gateway.may_view(&sid) {
            return (StatusCode::UNAUTHORIZED, "log in first").into_response();
        }
        let feed = installation.hub.default_feed();
        let viewer = state.metrics.viewer(&installation.name, "panel");
        let timeline = timeline(&state, &installation.name, feed.snapshots.clone());
        return stream(&state, feed.encoded, move || gateway.may_view(&sid), viewer, timeline);
    };
    if !gateway.is_live(&sid) {
        return (StatusCode::UNAUTHORIZED, "log in first").into_response();
    }
    if !gateway.may_view_controller(&sid, &id) {
        return (StatusCode::FORBIDDEN, "this account may not view that Controller").into_response();
    }
    let watched = installation.hub.watch(&id);
    let encoded = watched.encoded.clone();
    let timeline = timeline(&state, &installation.name, watched.snapshots.clone());
    let alive = move || {
        let _hold = &watched;
        gateway.may_view_controller(&sid, &id)
    };
    let viewer = state.metrics.viewer(&installation.name, "panel");
    stream(&state, encoded, alive, viewer, timeline)
}

/// The timeline events of a feed of `installation`.
fn timeline(
    state: &AppState,
    installation: &str,
    snapshots: tokio::sync::watch::Receiver<app::model::feed::Snapshot>,
) -> impl futures::Stream<Item = Option<axum::response::sse::Event>> + Send + 'static {
    crate::feed::sse::timeline(state.timelines.clone(), installation.to_string(), snapshots)
}

/// What the beats of a stream say of this server: `store-unavailable` while the replicas'
/// Redis cannot be used.
fn note(state: &AppState) -> impl Fn() -> &'static str + Send + Sync + 'static {
    let shared = state.shared.clone();
    move || if shared.as_ref().is_some_and(|s| !s.is_up()) { "store-unavailable" } else { "" }
}

/// A feed's SSE stream: a beat every 5 s with this server's note, ended when `alive` says no
/// or the server shuts down; counted as a viewer while it lasts.
fn stream(
    state: &AppState,
    encoded: tokio::sync::watch::Receiver<crate::feed::sse::Encoded>,
    alive: impl Fn() -> bool + Send + 'static,
    viewer: crate::metrics::ViewerGuard,
    timeline: impl futures::Stream<Item = Option<axum::response::sse::Event>> + Send + 'static,
) -> axum::response::Response {
    let alive = move || {
        let _counted = &viewer;
        alive()
    };
    crate::feed::sse::stream(encoded, alive, Duration::from_secs(5), note(state), state.stopping.clone(), timeline)
        .into_response()
}

/// Server functions, with the backend in their context. A path that is no server function is
/// a plain 404 (the path is not echoed).
pub(crate) async fn server_fn_handler(
    State(state): State<AppState>,
    request: axum::extract::Request,
) -> axum::response::Response {
    let known = leptos::server_fn::axum::server_fn_paths()
        .any(|(path, method)| path == request.uri().path() && method == request.method());
    if !known {
        return (StatusCode::NOT_FOUND, "no such function").into_response();
    }
    let backend: app::serverfns::backend::SharedBackend = state.fleet.clone();
    leptos_axum::handle_server_fns_with_context(move || leptos::prelude::provide_context(backend.clone()), request)
        .await
        .into_response()
}

/// The overview of every installation the user is in, live: a new one on every change of
/// any Controller the user may see.
pub(crate) async fn overview_route(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
) -> axum::response::Response {
    let sid = match state.fleet.session(&headers).await {
        Ok(sid) => sid,
        Err(e) => return (StatusCode::SERVICE_UNAVAILABLE, e.message).into_response(),
    };
    if !state.fleet.is_live(&sid) {
        return (StatusCode::UNAUTHORIZED, "log in first").into_response();
    }
    let view = state.fleet.view_of(&sid);
    let encoded = crate::feed::overview::start(state.fleet.clone(), &view);
    let fleet = state.fleet.clone();
    // Ends when the user's place changes (a session ended in one installation, a login to
    // another): the browser comes back for an overview of what it may see now.
    let alive = move || fleet.is_live(&sid) && fleet.view_of(&sid) == view;
    // The overview spans the installations: counted without one.
    stream(&state, encoded, alive, state.metrics.viewer("", "overview"), futures::stream::empty())
}

/// 200 when every installation's JOC was read and its default feed is current, 503 when none
/// is, with each failure's stable code and the call that failed (the details are in the
/// server's log). Some read and some not: 200, naming those that are not, since the board
/// serves the others.
pub(crate) async fn ready(State(state): State<AppState>) -> impl IntoResponse {
    let mut read = 0;
    let mut lines = Vec::new();
    for i in state.fleet.installations() {
        let s = i.hub.default_feed().snapshots.borrow().clone();
        let line = match (&s.components, &s.stale) {
            (Some(_), None) => {
                read += 1;
                continue;
            }
            (_, Some(st)) => {
                let call = st.endpoint.as_deref().unwrap_or("login");
                format!("JOC cannot be read since {}: {} ({call})", st.since, st.code)
            }
            (None, None) => "JOC not read yet".to_string(),
        };
        let several = state.fleet.installations().len() > 1;
        lines.push(if several { format!("{}: {line}", i.name) } else { line });
    }
    if let Some(shared) = &state.shared {
        match shared.health() {
            crate::replicas::Health::Up => {}
            crate::replicas::Health::WrongKey => {
                return (
                    StatusCode::SERVICE_UNAVAILABLE,
                    "Redis: the other replicas seal sessions with another key".into(),
                );
            }
            h => {
                let why = match h {
                    crate::replicas::Health::Down(why) => why,
                    _ => "not reached yet".into(),
                };
                lines.insert(0, format!("Redis cannot be reached ({why}): sessions and operations wait for it"));
                return (StatusCode::SERVICE_UNAVAILABLE, lines.join("\n"));
            }
        }
    }
    match (read, lines.is_empty()) {
        (_, true) => (StatusCode::OK, "ready".to_string()),
        (0, false) => (StatusCode::SERVICE_UNAVAILABLE, lines.join("\n")),
        _ => (StatusCode::OK, format!("ready; not read: {}", lines.join("; "))),
    }
}
