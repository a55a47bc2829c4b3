//! The HTTP handlers the router of [`crate::build`] serves besides the pages and the log
//! downloads: the live feed, the server functions, readiness.

use crate::AppState;
use axum::{extract::State, http::StatusCode, response::IntoResponse};
use std::time::Duration;

/// Which Controller's feed: `?controller=ID` (none: the default one).
#[derive(serde::Deserialize)]
pub(crate) struct FeedQuery {
    controller: Option<String>,
}

/// The live feed of the default Controller or of `?controller=ID`, for logged-in users who may
/// view that Controller. The viewer's hold on the feed lasts as long as its stream.
pub(crate) async fn feed_route(
    State(state): State<AppState>,
    axum::extract::Query(query): axum::extract::Query<FeedQuery>,
    headers: axum::http::HeaderMap,
) -> axum::response::Response {
    let sid = state.gateway.session_of(&headers);
    let gateway = state.gateway.clone();
    let Some(id) = query.controller.filter(|id| !id.is_empty()) else {
        if !gateway.may_view(&sid) {
            return (StatusCode::UNAUTHORIZED, "log in first").into_response();
        }
        return crate::feed::sse::stream(state.encoded.clone(), move || gateway.may_view(&sid), Duration::from_secs(5))
            .into_response();
    };
    if !gateway.is_live(&sid) {
        return (StatusCode::UNAUTHORIZED, "log in first").into_response();
    }
    if !gateway.may_view_controller(&sid, &id) {
        return (StatusCode::FORBIDDEN, "this account may not view that Controller").into_response();
    }
    let watched = state.hub.watch(&id);
    let encoded = watched.encoded.clone();
    let alive = move || {
        let _hold = &watched;
        gateway.may_view_controller(&sid, &id)
    };
    crate::feed::sse::stream(encoded, alive, Duration::from_secs(5)).into_response()
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
    let backend: app::serverfns::backend::SharedBackend = state.gateway.clone();
    leptos_axum::handle_server_fns_with_context(move || leptos::prelude::provide_context(backend.clone()), request)
        .await
        .into_response()
}

/// 200 when JOC was read and the feed is current, 503 otherwise, with the failure's stable
/// code and the call that failed (the details are in the server's log).
pub(crate) async fn ready(State(state): State<AppState>) -> impl IntoResponse {
    let s = state.feed.borrow().clone();
    match (&s.components, &s.stale) {
        (Some(_), None) => (StatusCode::OK, "ready".to_string()),
        (_, Some(st)) => {
            let call = st.endpoint.as_deref().unwrap_or("login");
            (StatusCode::SERVICE_UNAVAILABLE, format!("JOC cannot be read since {}: {} ({call})", st.since, st.code))
        }
        (None, None) => (StatusCode::SERVICE_UNAVAILABLE, "JOC not read yet".to_string()),
    }
}
