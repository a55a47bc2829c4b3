//! Reading JSON the way JOC writes it.
//!
//! JOC Cockpit is Java with Jackson's `NON_NULL`: any field may be absent, a field may be `null`
//! where its schema says otherwise, and enumerations grow between releases
//! (`docs/joc-conformance.md`, "Decoding"). The helpers here make one rule easy to apply on
//! every type: only what identifies a thing is required; every other field reads as absent when
//! it is missing, `null` or of a shape this version does not know, and one odd entry of a list
//! never discards the list.

use serde::de::IgnoredAny;
use serde::{Deserialize, Deserializer};
use std::cell::Cell;

thread_local! {
    /// Set while reading JSON this program wrote itself (see [`own_json`]).
    static OWN: Cell<bool> = const { Cell::new(false) };
}

/// Reads with `read` JSON that this program's server wrote from these same types: its shapes
/// are known, so the helpers below read each field directly instead of buffering it to try its
/// shape first. JOC's answers are never read this way. The browser (the `hydrate` build) reads
/// only what our server wrote, never JOC, so there every read is direct: decoding a snapshot
/// costs a third less, and the wasm carries none of the lenient paths.
pub fn own_json<R>(read: impl FnOnce() -> R) -> R {
    struct Reset(bool);
    impl Drop for Reset {
        fn drop(&mut self) {
            OWN.set(self.0);
        }
    }
    let _reset = Reset(OWN.replace(true));
    read()
}

fn own() -> bool {
    cfg!(feature = "hydrate") || OWN.get()
}

/// A value of the expected shape, or anything else (kept only to be ignored).
#[derive(Deserialize)]
#[serde(untagged)]
enum Maybe<T> {
    Value(T),
    Junk(IgnoredAny),
}

impl<T> Maybe<T> {
    fn into_option(self) -> Option<T> {
        match self {
            Maybe::Value(v) => Some(v),
            Maybe::Junk(_) => None,
        }
    }
}

/// An optional field: absent (with `#[serde(default)]`), `null` or unreadable read as `None`.
pub fn opt<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    if own() {
        return Option::deserialize(d);
    }
    Ok(Maybe::<T>::deserialize(d)?.into_option())
}

/// A field with a natural default (`false`, `""`, `0`): absent, `null` or unreadable read as
/// that default.
pub fn or_default<'de, D: Deserializer<'de>, T: Deserialize<'de> + Default>(d: D) -> Result<T, D::Error> {
    if own() {
        return T::deserialize(d);
    }
    Ok(Maybe::<T>::deserialize(d)?.into_option().unwrap_or_default())
}

/// A list: `null` or not a list reads as empty, and entries that cannot be read (no
/// identifier, say) are left out while the others are kept.
pub fn list<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    if own() {
        return Vec::deserialize(d);
    }
    let entries: Option<Vec<Maybe<T>>> = Maybe::deserialize(d)?.into_option();
    Ok(entries.unwrap_or_default().into_iter().filter_map(Maybe::into_option).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Deserialize, Debug, PartialEq)]
    struct Thing {
        id: String,
        #[serde(default, deserialize_with = "opt")]
        name: Option<String>,
        #[serde(default, deserialize_with = "or_default")]
        on: bool,
        #[serde(default, deserialize_with = "list")]
        parts: Vec<Part>,
    }

    #[derive(Deserialize, Debug, PartialEq)]
    struct Part {
        id: u32,
    }

    fn read(v: serde_json::Value) -> Thing {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn absent_null_and_odd_fields_read_as_absent() {
        let empty = Thing { id: "a".into(), name: None, on: false, parts: vec![] };
        assert_eq!(read(json!({"id": "a"})), empty);
        assert_eq!(read(json!({"id": "a", "name": null, "on": null, "parts": null})), empty);
        assert_eq!(read(json!({"id": "a", "name": 7, "on": "yes", "parts": {"x": 1}})), empty);
    }

    #[test]
    fn one_odd_entry_keeps_the_others() {
        let t = read(json!({"id": "a", "parts": [{"id": 1}, {"name": "no id"}, null, {"id": 3}]}));
        assert_eq!(t.parts, vec![Part { id: 1 }, Part { id: 3 }]);
    }

    #[test]
    fn our_own_json_is_read_directly_and_only_inside_own_json() {
        let full = json!({"id": "a", "name": "n", "on": true, "parts": [{"id": 1}]});
        let want = Thing { id: "a".into(), name: Some("n".into()), on: true, parts: vec![Part { id: 1 }] };
        assert_eq!(own_json(|| serde_json::from_value::<Thing>(full.clone())).unwrap(), want);
        // Absent optional fields are absent; a shape our server never writes is an error.
        let bare = Thing { id: "a".into(), name: None, on: false, parts: vec![] };
        assert_eq!(own_json(|| serde_json::from_value::<Thing>(json!({"id": "a"}))).unwrap(), bare);
        assert!(own_json(|| serde_json::from_value::<Thing>(json!({"id": "a", "on": "yes"}))).is_err());
        // Nested calls and the end of the call leave JOC's answers lenient again.
        own_json(|| own_json(|| ()));
        assert!(!own());
        assert_eq!(read(json!({"id": "a", "on": "yes"})), bare);
    }

    #[test]
    fn identifiers_stay_required() {
        assert!(serde_json::from_value::<Thing>(json!({"name": "x"})).is_err());
    }
}
