//! The page's address, without a router: which page its path names, the values of its query,
//! and moves to another address within the page (a history entry, as a link makes), which the
//! pages follow. Two pages and two query values need no more; the router's code was a
//! twentieth of the bundle.
//!
//! On the server the address is the request's; in the browser, `location`, followed through
//! the history's back and forward moves and through clicks on the page's own links.

use leptos::prelude::*;

/// The path and the query (without its `?`) of the page's address.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Url {
    pub path: String,
    pub query: String,
}

impl Url {
    /// Splits `/path?query#fragment` (the fragment is dropped).
    pub fn parse(href: &str) -> Url {
        let href = href.split('#').next().unwrap_or_default();
        let (path, query) = href.split_once('?').unwrap_or((href, ""));
        Url { path: if path.is_empty() { "/".into() } else { path.into() }, query: query.into() }
    }

    /// The first value of `key` in the query, decoded.
    pub fn get(&self, key: &str) -> Option<String> {
        self.query.split('&').find_map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(k) == key).then(|| decode(v))
        })
    }
}

/// Decodes a query component: `+` is a space, `%XX` a byte; the bytes are read as UTF-8
/// (lossily: a broken address shows replacement characters, never fails).
fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => match (hex(b[i + 1]), hex(b[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|d| d as u8)
}

/// The page's address, shared by context.
#[derive(Clone, Copy)]
pub struct Address {
    url: RwSignal<Url>,
    path: Memo<String>,
}

impl Address {
    /// The path (tracked: pages re-render when it changes, not when the query does).
    pub fn path(&self) -> String {
        self.path.get()
    }

    /// The first value of `key` in the query (tracked).
    pub fn query(&self, key: &str) -> Option<String> {
        self.url.with(|u| u.get(key))
    }

    /// Moves to `href` (a path of this site) with a new history entry, as a link would.
    pub fn go(&self, href: &str) {
        self.move_to(href, false);
    }

    /// Moves to `href` in place of the current history entry.
    pub fn replace(&self, href: &str) {
        self.move_to(href, true);
    }

    /// As a link would: a new history entry unless the address is the same, and the page
    /// scrolled to its top.
    fn move_to(&self, href: &str, replace: bool) {
        let to = Url::parse(href);
        #[cfg(feature = "hydrate")]
        {
            let same = self.url.with_untracked(|u| *u == to);
            if let Ok(history) = window().history() {
                let state = wasm_bindgen::JsValue::NULL;
                let _ = if replace || same {
                    history.replace_state_with_url(&state, "", Some(href))
                } else {
                    history.push_state_with_url(&state, "", Some(href))
                };
            }
            window().scroll_to_with_x_and_y(0.0, 0.0);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = replace;
        self.url.set(to);
    }
}

/// Provides the address: the request's on the server, `location` in the browser (followed).
pub fn provide_address() -> Address {
    let url = RwSignal::new(initial());
    let path = Memo::new(move |_| url.with(|u| u.path.clone()));
    let address = Address { url, path };
    provide_context(address);
    #[cfg(feature = "hydrate")]
    follow_the_browser(address);
    address
}

/// The page's address.
pub fn use_address() -> Address {
    use_context::<Address>().unwrap_or_else(provide_address)
}

/// Sends the browser to `href`: on the server, a redirect of the page's request; in the
/// browser, a move within the page in place of the current history entry (as a redirect
/// leaves none: Back does not land on the page that sent it away), after the current rendering.
pub fn redirect(href: &'static str) {
    #[cfg(feature = "ssr")]
    leptos_axum::redirect(href);
    #[cfg(not(feature = "ssr"))]
    {
        let address = use_address();
        leptos::task::spawn_local(async move { address.replace(href) });
    }
}

#[cfg(feature = "ssr")]
fn initial() -> Url {
    use_context::<http::request::Parts>()
        .map(|p| Url { path: p.uri.path().to_string(), query: p.uri.query().unwrap_or_default().to_string() })
        .unwrap_or_else(|| Url::parse("/"))
}

#[cfg(not(feature = "ssr"))]
fn initial() -> Url {
    #[cfg(feature = "hydrate")]
    {
        let l = window().location();
        let search = l.search().unwrap_or_default();
        Url { path: l.pathname().unwrap_or_else(|_| "/".into()), query: search.trim_start_matches('?').to_string() }
    }
    #[cfg(not(feature = "hydrate"))]
    Url::parse("/")
}

/// Follows back and forward moves, and takes clicks on the site's own page links (`href`
/// starting with one `/`, no `download`, no `target`, no modifier key) as moves within the page.
#[cfg(feature = "hydrate")]
fn follow_the_browser(address: Address) {
    use wasm_bindgen::JsCast;
    let back = window_event_listener(leptos::ev::popstate, move |_| address.url.set(initial()));
    let click = window_event_listener(leptos::ev::click, move |e| {
        if e.default_prevented() || e.button() != 0 || e.ctrl_key() || e.meta_key() || e.shift_key() || e.alt_key() {
            return;
        }
        let Some(link) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|t| t.closest("a[href]").ok().flatten())
        else {
            return;
        };
        let Some(href) = link.get_attribute("href") else { return };
        if own_page(&href) && !link.has_attribute("download") && !link.has_attribute("target") {
            e.prevent_default();
            address.go(&href);
        }
    });
    on_cleanup(move || {
        back.remove();
        click.remove();
    });
}

/// A link to one of the board's pages (not a download, not another site).
pub fn own_page(href: &str) -> bool {
    href.starts_with('/') && !href.starts_with("//") && !href.starts_with("/api/") && !href.starts_with("/pkg/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_splits_into_path_and_query() {
        assert_eq!(Url::parse("/?controller=a#x"), Url { path: "/".into(), query: "controller=a".into() });
        assert_eq!(Url::parse("/login"), Url { path: "/login".into(), query: String::new() });
        assert_eq!(Url::parse("?a=1"), Url { path: "/".into(), query: "a=1".into() });
    }

    #[test]
    fn query_values_are_decoded() {
        let u = Url::parse("/?installation=test%20one&controller=caf%C3%A9+2&expired");
        assert_eq!(u.get("installation").as_deref(), Some("test one"));
        assert_eq!(u.get("controller").as_deref(), Some("café 2"));
        assert_eq!(u.get("expired").as_deref(), Some(""));
        assert_eq!(u.get("missing"), None);
        assert_eq!(Url::parse("/?c=100%&d=%zz%4").get("c").as_deref(), Some("100%"));
        assert_eq!(Url::parse("/?c=100%&d=%zz%4").get("d").as_deref(), Some("%zz%4"));
    }

    #[test]
    fn what_the_board_writes_into_addresses_reads_back() {
        let href = crate::model::session::page_path(Some("prod & test"), "ctrl/1?x=ü");
        let u = Url::parse(&href);
        assert_eq!(u.get("installation").as_deref(), Some("prod & test"));
        assert_eq!(u.get("controller").as_deref(), Some("ctrl/1?x=ü"));
    }

    #[test]
    fn only_the_boards_pages_are_followed_within_the_page() {
        for href in ["/", "/?installation=a", "/login"] {
            assert!(own_page(href), "{href}");
        }
        for href in ["//evil.example/", "https://joc:4443/", "/api/logs/joc.log.gz", "/pkg/x.css", "#top"] {
            assert!(!own_page(href), "{href}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_value_survives_the_round_trip(v in ".{0,24}") {
            let u = Url::parse(&crate::model::session::page_path(None, &v));
            proptest::prop_assert_eq!(u.get("controller"), Some(v));
        }

        #[test]
        fn decoding_never_panics(q in ".{0,40}") {
            let _ = Url::parse(&format!("/?{q}")).get("c");
        }
    }
}
