//! The browser bundle under `/pkg`: the wasm, JS and CSS that cargo-leptos assembles, served
//! as `scripts/build` compressed them once at build time (brotli level 11 and gzip level 9,
//! `name.br` and `name.gz` beside each file), so no request pays for compression and the bytes
//! are the smallest the formats give.
//!
//! A copy that does not carry its file's modification time exactly (a rebuild without
//! `scripts/build`, for instance by `cargo leptos watch`, or copies left over from another
//! build) would hand the browser a bundle that does not match the server's HTML; then the
//! copies are left alone for the whole folder and the files go out compressed on the fly by the
//! router's compression layer, as when no copies exist.

use axum::http::{HeaderValue, header};
use std::path::{Path, PathBuf};
use std::time::SystemTime;
use tower::Layer;
use tower_http::services::ServeDir;
use tower_http::set_header::{SetResponseHeader, SetResponseHeaderLayer};

/// The encodings written beside each bundle file, in the server's order of preference.
const COPIES: [&str; 2] = ["br", "gz"];

/// How the folder's compressed copies stand, as found at start-up.
#[derive(Debug, PartialEq, Eq)]
pub enum Copies {
    /// Every file has both copies, each with the file's modification time, and every copy has
    /// its file.
    Fresh,
    /// No file has a copy: the server compresses on the fly.
    None,
    /// Some copy is missing, has another time than its file, or has no file (the first found).
    Stale(PathBuf),
}

/// Checks the compressed copies of every file in `dir` (the files themselves only: the
/// copies, and anything that is neither file nor copy, are not asked for copies).
pub fn check(dir: &Path) -> Copies {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Copies::None;
    };
    let mut files = Vec::new();
    let mut copies = Vec::new();
    for e in entries.flatten() {
        let path = e.path();
        if !path.is_file() {
            continue;
        }
        match path.extension().and_then(|x| x.to_str()) {
            Some(x) if COPIES.contains(&x) => copies.push(path),
            Some("wasm" | "js" | "css") => files.push(path),
            _ => {}
        }
    }
    if copies.is_empty() {
        return Copies::None;
    }
    copies.sort();
    // A copy without its file would still be sent for the file's address.
    if let Some(orphan) = copies.iter().find(|c| !c.with_extension("").is_file()) {
        return Copies::Stale(orphan.clone());
    }
    files.sort();
    for file in files {
        let made = modified(&file);
        for enc in COPIES {
            let mut copy = file.clone().into_os_string();
            copy.push(".");
            copy.push(enc);
            let copy = PathBuf::from(copy);
            match (made, modified(&copy)) {
                (Some(f), Some(c)) if c == f => {}
                _ => return Copies::Stale(copy),
            }
        }
    }
    Copies::Fresh
}

fn modified(p: &Path) -> Option<SystemTime> {
    std::fs::metadata(p).and_then(|m| m.modified()).ok()
}

/// The service for `/pkg`: the compressed copies when they are all fresh, else the files
/// alone (a warning names the stale copy). Caches are told that the answer depends on the
/// encodings the browser accepts.
pub fn service(site_root: &str) -> SetResponseHeader<ServeDir, HeaderValue> {
    SetResponseHeaderLayer::appending(header::VARY, HeaderValue::from_static("accept-encoding")).layer(files(site_root))
}

fn files(site_root: &str) -> ServeDir {
    let dir = Path::new(site_root).join("pkg");
    match check(&dir) {
        Copies::Fresh => ServeDir::new(dir).precompressed_br().precompressed_gzip(),
        Copies::None => ServeDir::new(dir),
        Copies::Stale(copy) => {
            tracing::warn!(
                copy = %copy.display(),
                "a compressed copy of the bundle is missing, from another build or without its file; the bundle is compressed on the fly \
                 (run scripts/build to write the copies again)"
            );
            ServeDir::new(dir)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs::{File, FileTimes};
    use std::time::Duration;

    fn write(dir: &Path, name: &str, at: SystemTime) {
        let p = dir.join(name);
        std::fs::write(&p, name).unwrap();
        File::options().write(true).open(&p).unwrap().set_times(FileTimes::new().set_modified(at)).unwrap();
    }

    fn folder(tag: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("js7-bundle-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn copies_as_old_as_their_files_are_fresh() {
        let d = folder("fresh");
        let t = SystemTime::now() - Duration::from_secs(60);
        for f in ["a.wasm", "a.wasm.br", "a.wasm.gz", "a.js", "a.js.br", "a.js.gz", "a.d.ts"] {
            write(&d, f, t);
        }
        assert_eq!(check(&d), Copies::Fresh);
    }

    #[test]
    fn no_copies_at_all_is_none() {
        let d = folder("none");
        write(&d, "a.wasm", SystemTime::now());
        write(&d, "a.css", SystemTime::now());
        assert_eq!(check(&d), Copies::None);
        assert_eq!(check(&d.join("missing")), Copies::None);
    }

    #[test]
    fn a_rebuilt_file_makes_its_copies_stale() {
        let d = folder("stale");
        let t = SystemTime::now() - Duration::from_secs(60);
        for f in ["a.wasm.br", "a.wasm.gz", "a.css", "a.css.br", "a.css.gz"] {
            write(&d, f, t);
        }
        write(&d, "a.wasm", t + Duration::from_secs(5));
        assert_eq!(check(&d), Copies::Stale(d.join("a.wasm.br")));
    }

    #[test]
    fn copies_newer_than_their_file_come_from_another_build() {
        let d = folder("newer");
        let t = SystemTime::now() - Duration::from_secs(60);
        write(&d, "a.wasm", t);
        write(&d, "a.wasm.br", t + Duration::from_secs(5));
        write(&d, "a.wasm.gz", t + Duration::from_secs(5));
        assert_eq!(check(&d), Copies::Stale(d.join("a.wasm.br")));
    }

    #[test]
    fn a_copy_without_its_file_is_stale() {
        let d = folder("orphan");
        let t = SystemTime::now();
        for f in ["a.wasm", "a.wasm.br", "a.wasm.gz", "old.js.br"] {
            write(&d, f, t);
        }
        assert_eq!(check(&d), Copies::Stale(d.join("old.js.br")));
    }

    #[test]
    fn a_missing_copy_is_stale() {
        let d = folder("missing");
        let t = SystemTime::now();
        for f in ["a.wasm", "a.wasm.br", "a.wasm.gz", "a.js", "a.js.br"] {
            write(&d, f, t);
        }
        assert_eq!(check(&d), Copies::Stale(d.join("a.js.gz")));
    }
}
