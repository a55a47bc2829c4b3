//! The session key: JOC tokens and the rest of a user's session are sealed with
//! XChaCha20-Poly1305 before they reach Redis, bound to the key they are stored under (a value
//! copied to another session's key does not open), and the session id itself never reaches
//! Redis: sessions are stored under a keyed hash of it.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::path::Path;

/// The format of a sealed value: this byte, the 24-byte nonce, the ciphertext with its tag.
const VERSION: u8 = 1;
const NONCE: usize = 24;

/// The key shared by the replicas.
#[derive(Clone)]
pub struct SessionKey {
    key: [u8; 32],
}

impl std::fmt::Debug for SessionKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SessionKey(…)")
    }
}

/// A sealed value that does not open: another key sealed it, or it was changed.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("a sealed value does not open with this session key")]
pub struct Unsealable;

impl SessionKey {
    pub fn new(key: [u8; 32]) -> SessionKey {
        SessionKey { key }
    }

    /// Reads the key file: 32 bytes written as base64 or hex (surrounding white space
    /// ignored), or the 32 bytes themselves.
    pub fn from_file(path: &Path) -> Result<SessionKey, String> {
        let bytes = std::fs::read(path).map_err(|e| format!("the session key file {}: {e}", path.display()))?;
        warn_if_readable_by_others(path);
        SessionKey::parse(&bytes).map_err(|e| format!("the session key file {}: {e}", path.display()))
    }

    /// The key from the file's content.
    pub fn parse(bytes: &[u8]) -> Result<SessionKey, String> {
        use base64::Engine;
        let wrong = "it must hold 32 random bytes, as base64 or hex (head -c 32 /dev/urandom | base64)";
        if bytes.len() == 32 && std::str::from_utf8(bytes).is_err() {
            return Ok(SessionKey::new(bytes.try_into().map_err(|_| wrong.to_string())?));
        }
        let text = std::str::from_utf8(bytes).map_err(|_| wrong.to_string())?.trim();
        let decoded = if text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit()) {
            (0..32).map(|i| u8::from_str_radix(&text[2 * i..2 * i + 2], 16)).collect::<Result<Vec<u8>, _>>().ok()
        } else {
            base64::engine::general_purpose::STANDARD
                .decode(text)
                .or_else(|_| base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(text))
                .ok()
        };
        let key: [u8; 32] = decoded.and_then(|d| d.try_into().ok()).ok_or_else(|| wrong.to_string())?;
        if key.iter().all(|&b| b == key[0]) {
            return Err(format!("{wrong}; this one repeats one byte"));
        }
        Ok(SessionKey::new(key))
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new((&self.key).into())
    }

    /// Seals `plain`, bound to `context` (the Redis key it is stored under).
    pub fn seal(&self, context: &str, plain: &[u8]) -> Vec<u8> {
        let mut nonce = [0u8; NONCE];
        rand::rng().fill_bytes(&mut nonce);
        let sealed = self
            .cipher()
            .encrypt(XNonce::from_slice(&nonce), Payload { msg: plain, aad: context.as_bytes() })
            .expect("XChaCha20-Poly1305 seals any length a session has");
        let mut out = Vec::with_capacity(1 + NONCE + sealed.len());
        out.push(VERSION);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        out
    }

    /// Opens a value sealed under `context` with this key.
    pub fn open(&self, context: &str, sealed: &[u8]) -> Result<Vec<u8>, Unsealable> {
        if sealed.len() < 1 + NONCE || sealed[0] != VERSION {
            return Err(Unsealable);
        }
        let (nonce, body) = sealed[1..].split_at(NONCE);
        self.cipher()
            .decrypt(XNonce::from_slice(nonce), Payload { msg: body, aad: context.as_bytes() })
            .map_err(|_| Unsealable)
    }

    /// A keyed hash of `text` (a session id): what Redis sees instead of it.
    pub fn hash(&self, label: &str, text: &str) -> String {
        let mut h = Sha256::new();
        h.update(self.key);
        h.update(label.as_bytes());
        h.update([0]);
        h.update(text.as_bytes());
        h.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }
}

#[cfg(unix)]
fn warn_if_readable_by_others(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    if let Ok(m) = std::fs::metadata(path)
        && m.permissions().mode() & 0o077 != 0
    {
        tracing::warn!(file = %path.display(), "the session key file can be read by other users; chmod 600 it");
    }
}

#[cfg(not(unix))]
fn warn_if_readable_by_others(_: &Path) {}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(b: u8) -> SessionKey {
        let mut k = [b; 32];
        k[0] = b.wrapping_add(1);
        SessionKey::new(k)
    }

    #[test]
    fn sealed_values_open_with_the_same_key_and_context_only() {
        let a = key(1);
        let sealed = a.seal("js7s:sess:x", b"token");
        assert_eq!(a.open("js7s:sess:x", &sealed).unwrap(), b"token");
        assert!(!sealed.windows(5).any(|w| w == b"token"), "no plain token at rest");
        assert_eq!(key(2).open("js7s:sess:x", &sealed), Err(Unsealable), "another key");
        assert_eq!(a.open("js7s:sess:y", &sealed), Err(Unsealable), "moved to another session");
        let mut changed = sealed.clone();
        *changed.last_mut().unwrap() ^= 1;
        assert_eq!(a.open("js7s:sess:x", &changed), Err(Unsealable), "changed");
        assert_eq!(a.open("js7s:sess:x", &sealed[..10]), Err(Unsealable), "cut");
        assert_ne!(a.seal("c", b"t"), a.seal("c", b"t"), "a fresh nonce each time");
    }

    #[test]
    fn key_files_in_base64_hex_or_raw() {
        use base64::Engine;
        let raw: Vec<u8> = (0u8..32).map(|i| i.wrapping_mul(37).wrapping_add(200)).collect();
        let b64 = base64::engine::general_purpose::STANDARD.encode(&raw) + "\n";
        let hex: String = raw.iter().map(|b| format!("{b:02X}")).collect();
        let sealed = SessionKey::parse(b64.as_bytes()).unwrap().seal("c", b"x");
        assert_eq!(SessionKey::parse(hex.as_bytes()).unwrap().open("c", &sealed).unwrap(), b"x");
        assert_eq!(SessionKey::parse(&raw).unwrap().open("c", &sealed).unwrap(), b"x");
        for bad in [&b"short"[..], b"", &[0u8; 32], b"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="] {
            assert!(SessionKey::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn session_ids_are_hashed_with_the_key() {
        let (a, b) = (key(1), key(2));
        let h = a.hash("sid", "abc");
        assert_eq!(h.len(), 64);
        assert!(!h.contains("abc"));
        assert_eq!(h, a.hash("sid", "abc"));
        assert_ne!(h, b.hash("sid", "abc"));
        assert_ne!(h, a.hash("sid", "abd"));
    }
}
