//! The official JOC Cockpit JSON schemas (`server/tests/schemas`, SOS Berlin's
//! js7-api-schemas reduced to what the board uses: see its README), loaded with every relative
//! `$ref` inlined and jsonschema2pojo's `extends` merged, then compiled as draft 4 with format
//! checks, so answers and requests are validated exactly as the files say.

use serde_json::{Map, Value};
use std::path::{Path, PathBuf};

/// Where the schemas are: `JS7_API_SCHEMAS` (another copy, e.g. a newer release), else the
/// copy kept with the tests.
pub fn root() -> PathBuf {
    if let Ok(p) = std::env::var("JS7_API_SCHEMAS") {
        return PathBuf::from(p);
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/api/schemas")
}

/// Drops the backslash of `\<` and `\>` (ECMA identity escapes), keeping `\\` pairs intact.
fn ecma_identity_escapes(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some(n @ ('<' | '>')) => out.push(n),
            Some(n) => {
                out.push('\\');
                out.push(n);
            }
            None => out.push('\\'),
        }
    }
    out
}

thread_local! {
    /// The files being inlined, to cut recursive references.
    static STACK: std::cell::RefCell<Vec<PathBuf>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn load(path: &Path, depth: usize) -> Value {
    let key = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    // A recursive reference (order → workflow → ... → order) accepts anything at the point of
    // recursion; the panel's answers never nest that deep.
    if STACK.with(|s| s.borrow().contains(&key)) {
        return Value::Object(Map::new());
    }
    STACK.with(|s| s.borrow_mut().push(key));
    let value = load_file(path, depth);
    STACK.with(|s| s.borrow_mut().pop());
    value
}

fn load_file(path: &Path, depth: usize) -> Value {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        // The subset omits some inventory schemas that only order details refer to; nothing
        // here sends orders, so such a reference accepts anything.
        Err(_) => return Value::Object(Map::new()),
    };
    let value: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    inline(value, path.parent().unwrap(), depth)
}

fn inline(value: Value, dir: &Path, depth: usize) -> Value {
    assert!(depth < 40, "schema references nest too deep under {}", dir.display());
    match value {
        Value::Object(mut map) => {
            if let Some(Value::String(r)) = map.get("$ref").cloned()
                && !r.starts_with('#')
            {
                let mut target = load(&dir.join(&r), depth + 1);
                if let Value::Object(t) = &mut target {
                    t.remove("$schema");
                }
                return target;
            }
            if let Some(ext) = map.remove("extends") {
                let base = inline(ext, dir, depth + 1);
                if let (Some(Value::Object(bp)), Some(Value::Object(p))) =
                    (base.get("properties"), map.get_mut("properties"))
                {
                    for (k, v) in bp {
                        p.entry(k.clone()).or_insert(v.clone());
                    }
                }
                if let Some(Value::Array(br)) = base.get("required") {
                    let req = map.entry("required").or_insert(Value::Array(vec![]));
                    if let Value::Array(r) = req {
                        for x in br {
                            if !r.contains(x) {
                                r.push(x.clone());
                            }
                        }
                    }
                }
            }
            if depth > 0 {
                map.remove("$schema");
            }
            // ECMA-262 reads `\<` as an identity escape (a plain `<`); Rust's regex rejects it.
            if let Some(Value::String(p)) = map.get_mut("pattern") {
                *p = ecma_identity_escapes(p);
            }
            Value::Object(map.into_iter().map(|(k, v)| (k, inline(v, dir, depth))).collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(|v| inline(v, dir, depth)).collect()),
        other => other,
    }
}

/// The schema at `rel` (relative to `api/schemas`), fully inlined.
pub fn schema(rel: &str) -> Value {
    let path = root().join(rel);
    assert!(path.exists(), "schema {} not found in the copy under server/tests/schemas", path.display());
    load(&path, 0)
}

/// Asserts that `instance` satisfies the schema value.
pub fn check_value(schema: &Value, instance: &Value, what: &str) {
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .should_validate_formats(true)
        .build(schema)
        .unwrap_or_else(|e| panic!("schema for {what} does not compile: {e}"));
    let errors: Vec<String> =
        validator.iter_errors(instance).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{what} violates its schema:\n{}\n{instance:#}", errors.join("\n"));
}

/// Asserts that `instance` satisfies the schema at `rel`.
pub fn check(rel: &str, instance: &Value) {
    check_value(&schema(rel), instance, rel);
}

/// The schema at `rel` with `field` no longer required in the object schema at `pointer` (a
/// JSON pointer into the inlined schema). For the places where the real JOC leaves out what
/// its own schema requires (`docs/joc-conformance.md`, "Where JOC deviates from its schemas").
pub fn relaxed(rel: &str, drops: &[(&str, &str)]) -> Value {
    let mut schema = schema(rel);
    for (pointer, field) in drops {
        let target = schema.pointer_mut(pointer).unwrap_or_else(|| panic!("{rel}: no {pointer}"));
        let required = target.get_mut("required").and_then(Value::as_array_mut).expect("a required list");
        let before = required.len();
        required.retain(|v| v != field);
        assert_eq!(required.len() + 1, before, "{rel}: {field} was not required at {pointer}");
        if required.is_empty() {
            // Draft 4 wants at least one name in `required`.
            target.as_object_mut().expect("an object schema").remove("required");
        }
    }
    schema
}
