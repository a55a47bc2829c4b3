//! Which texts are web addresses: only those become links (a JOC instance's URL, an audit
//! ticket link), so that no `javascript:` or `data:` text is ever followed.

/// `s` trimmed, when it is an http(s) address with a host and no white space.
pub fn web_address(s: &str) -> Option<&str> {
    let s = s.trim();
    let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    let web = lower.starts_with("http://") || lower.starts_with("https://");
    let host = s.split_once("://").map(|(_, rest)| rest).unwrap_or("");
    (web && !host.is_empty() && !host.starts_with('/') && !s.contains(char::is_whitespace)).then_some(s)
}

/// `v` escaped for a URL's query: everything but unreserved characters as `%XX` of its UTF-8
/// bytes.
pub fn query_escape(v: &str) -> String {
    v.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_addresses_become_links() {
        for url in ["https://joc2.example.com:4443", "http://127.0.0.1:4447", " HTTPS://JOC/joc "] {
            assert_eq!(web_address(url), Some(url.trim()), "{url}");
        }
        for url in ["javascript:alert(1)", "data:text/html,x", "jochost2", "", "https://", "http:///x", "https://a b"] {
            assert_eq!(web_address(url), None, "{url}");
        }
    }
}
