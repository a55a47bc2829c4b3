//! Languages: English, French and German, in JOC Cockpit's wording.
//!
//! The server renders the page in the language the user chose (cookie `js7-lang`), else the
//! first of the browser's `Accept-Language` it knows, else English, and writes it into
//! `<html lang>`; the browser starts from that attribute, so both render the same words. A
//! switch changes every text at once, without reloading, and is remembered in the cookie.

use leptos::prelude::*;

/// The languages of the panel.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
    Fr,
    De,
}

/// The cookie that keeps the user's choice.
pub const COOKIE: &str = "js7-lang";

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Fr, Lang::De];

    /// The BCP 47 tag (`en`, `fr`, `de`).
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::De => "de",
        }
    }

    /// The language's own name, as offered in the switch.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Fr => "Français",
            Lang::De => "Deutsch",
        }
    }

    /// A language of a tag (`fr`, `fr-CH`, `DE-de`), if it is one of ours.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.tag() == primary)
    }

    /// The language to render: the saved choice, else the best of `Accept-Language` (by its
    /// q-values, in order on ties) that we have, else English.
    pub fn choose(saved: Option<&str>, accept_language: Option<&str>) -> Lang {
        if let Some(l) = saved.and_then(Lang::from_tag) {
            return l;
        }
        let mut offers: Vec<(f32, usize, Lang)> = accept_language
            .unwrap_or("")
            .split(',')
            .enumerate()
            .filter_map(|(i, part)| {
                let mut bits = part.split(';');
                let lang = Lang::from_tag(bits.next()?)?;
                let q = bits
                    .find_map(|b| b.trim().strip_prefix("q="))
                    .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
                (q > 0.0).then_some((q, i, lang))
            })
            .collect();
        offers.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        offers.first().map_or(Lang::En, |o| o.2)
    }

    /// One of three words, by language.
    pub fn pick(self, en: &'static str, fr: &'static str, de: &'static str) -> &'static str {
        match self {
            Lang::En => en,
            Lang::Fr => fr,
            Lang::De => de,
        }
    }
}

/// Fills the `{}` of `template` with `args`, in order.
pub fn fill(template: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut args = args.iter();
    let mut rest = template;
    while let Some(i) = rest.find("{}") {
        out.push_str(&rest[..i]);
        out.push_str(args.next().copied().unwrap_or(""));
        rest = &rest[i + 2..];
    }
    out.push_str(rest);
    out
}

/// The language of the page, shared by context.
#[derive(Clone, Copy)]
pub struct LangCtx(pub RwSignal<Lang>);

/// Provides the page's language: from the request on the server, from `<html lang>` in the
/// browser.
pub fn provide_lang() -> RwSignal<Lang> {
    let lang = RwSignal::new(initial());
    provide_context(LangCtx(lang));
    lang
}

/// The page's language.
pub fn use_lang() -> Signal<Lang> {
    let lang = use_context::<LangCtx>().map(|c| c.0).unwrap_or_else(|| RwSignal::new(Lang::En));
    lang.into()
}

/// Switches the language and remembers it.
pub fn switch(to: Lang) {
    if let Some(c) = use_context::<LangCtx>() {
        c.0.set(to);
    }
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            if let Some(e) = doc.document_element() {
                let _ = e.set_attribute("lang", to.tag());
            }
            doc.set_title(super::text::ui::page_title(to));
            if let Ok(html) = doc.dyn_into::<web_sys::HtmlDocument>() {
                let _ = html.set_cookie(&format!("{COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Strict", to.tag()));
            }
        }
    }
}

/// The language of the page: the request's on the server (its cookie, else its
/// `Accept-Language`), `<html lang>` in the browser.
pub fn request_lang() -> Lang {
    initial()
}

#[cfg(feature = "ssr")]
fn initial() -> Lang {
    let Some(parts) = use_context::<http::request::Parts>() else {
        return Lang::En;
    };
    let header = |name: http::header::HeaderName| parts.headers.get(name).and_then(|v| v.to_str().ok());
    let saved = header(http::header::COOKIE)
        .and_then(|c| c.split(';').find_map(|kv| kv.trim().strip_prefix(COOKIE).and_then(|v| v.strip_prefix('='))));
    Lang::choose(saved, header(http::header::ACCEPT_LANGUAGE))
}

#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
fn initial() -> Lang {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.get_attribute("lang"))
        .and_then(|t| Lang::from_tag(&t))
        .unwrap_or_default()
}

#[cfg(not(any(feature = "ssr", feature = "hydrate")))]
fn initial() -> Lang {
    Lang::En
}

/// The language switch: a select of the three languages, each in its own name.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let lang = use_lang();
    view! {
        <label class="lang">
            <span class="visually-hidden">{move || lang.get().pick("Language", "Langue", "Sprache")}</span>
            <select on:change=move |e| {
                if let Some(l) = Lang::from_tag(&event_target_value(&e)) {
                    switch(l);
                }
            }>
                {Lang::ALL
                    .into_iter()
                    .map(|l| view! { <option value=l.tag() lang=l.tag() selected=move || lang.get() == l>{l.name()}</option> })
                    .collect_view()}
            </select>
        </label>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_saved_choice_wins_then_the_browsers_best_known_language() {
        let table = [
            (Some("fr"), Some("de-DE,de;q=0.9"), Lang::Fr),
            (Some("xx"), Some("de-DE,de;q=0.9"), Lang::De),
            (None, Some("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5"), Lang::Fr),
            (None, Some("es-ES,es;q=0.9,de;q=0.8,fr;q=0.7"), Lang::De),
            (None, Some("en;q=0.5, fr;q=0.8"), Lang::Fr),
            (None, Some("fr;q=0, de;q=0.1"), Lang::De),
            (None, Some("ja"), Lang::En),
            (None, Some(""), Lang::En),
            (None, Some(";;,q=,fr;q=abc"), Lang::En),
            (None, None, Lang::En),
        ];
        for (saved, accept, want) in table {
            assert_eq!(Lang::choose(saved, accept), want, "{saved:?} {accept:?}");
        }
    }

    #[test]
    fn tags_round_trip() {
        for l in Lang::ALL {
            assert_eq!(Lang::from_tag(l.tag()), Some(l));
        }
        assert_eq!(Lang::from_tag("DE_at"), Some(Lang::De));
        assert_eq!(Lang::from_tag(""), None);
    }

    #[test]
    fn fill_puts_arguments_in_order() {
        assert_eq!(fill("{} → {}", &["a", "b"]), "a → b");
        assert_eq!(fill("no args", &["x"]), "no args");
        assert_eq!(fill("{} and {}", &["only"]), "only and ");
    }

    proptest::proptest! {
        #[test]
        fn choosing_never_panics(saved in proptest::option::of(".{0,12}"), accept in proptest::option::of(".{0,60}")) {
            let _ = Lang::choose(saved.as_deref(), accept.as_deref());
        }
    }
}
