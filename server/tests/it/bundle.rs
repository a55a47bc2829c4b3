//! The browser bundle under `/pkg` over real HTTP: the copies `scripts/build` compresses once,
//! and what happens when they are older than the bundle.

use crate::common::served::{Served, serve};
use reqwest::{StatusCode, header};
use std::time::Duration;

/// Writes a site whose bundle file has brotli and gzip copies, the copies `copies_age` older
/// than the file (zero: as `scripts/build` leaves them).
fn site_with_copies(tag: &str, copies_age: Duration) -> std::path::PathBuf {
    use std::fs::{File, FileTimes};
    let root = std::env::temp_dir().join(format!("js7-site-{tag}-{}", std::process::id()));
    let pkg = root.join("pkg");
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&pkg).unwrap();
    let at = std::time::SystemTime::now() - Duration::from_secs(600);
    for (name, body, age) in [
        ("js7-status.wasm", "wasm ".repeat(2000), Duration::ZERO),
        ("js7-status.wasm.br", "the brotli copy".to_string(), copies_age),
        ("js7-status.wasm.gz", "the gzip copy".to_string(), copies_age),
    ] {
        let path = pkg.join(name);
        std::fs::write(&path, body).unwrap();
        let f = File::options().write(true).open(&path).unwrap();
        f.set_times(FileTimes::new().set_modified(at - age)).unwrap();
    }
    root
}

async fn bundle_as(s: &Served, accept: &str) -> (Option<String>, Vec<u8>) {
    let r = s
        .http
        .get(format!("{}/pkg/js7-status.wasm", s.base))
        .header(header::ACCEPT_ENCODING, accept)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{accept}");
    let encoding = r.headers().get(header::CONTENT_ENCODING).map(|v| v.to_str().unwrap().to_string());
    (encoding, r.bytes().await.unwrap().to_vec())
}

/// The bundle goes out as the build compressed it, in the encoding the browser prefers; a
/// browser that accepts neither gets the file itself.
#[tokio::test]
async fn the_bundle_is_sent_as_compressed_at_build_time() {
    let root = site_with_copies("fresh", Duration::ZERO);
    let s = serve(&["--site-root", root.to_str().unwrap()]).await;
    assert_eq!(bundle_as(&s, "br").await, (Some("br".into()), b"the brotli copy".to_vec()));
    assert_eq!(bundle_as(&s, "gzip, deflate, br").await.1, b"the brotli copy".to_vec());
    assert_eq!(bundle_as(&s, "gzip").await, (Some("gzip".into()), b"the gzip copy".to_vec()));
    assert_eq!(bundle_as(&s, "identity").await, (None, "wasm ".repeat(2000).into_bytes()));
    // Caches keep one answer per encoding.
    let r = s
        .http
        .get(format!("{}/pkg/js7-status.wasm", s.base))
        .header(header::ACCEPT_ENCODING, "br")
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()[header::CONTENT_TYPE], "application/wasm");
    assert!(r.headers().get_all(header::VARY).iter().any(|v| v.to_str().unwrap().contains("accept-encoding")));
}

/// Copies older than their file (a rebuild without scripts/build) are never sent: the file
/// goes out compressed on the fly.
#[tokio::test]
async fn stale_copies_of_the_bundle_are_not_sent() {
    use std::io::Read;
    let root = site_with_copies("stale", Duration::from_secs(30));
    let s = serve(&["--site-root", root.to_str().unwrap()]).await;
    let (encoding, body) = bundle_as(&s, "gzip").await;
    assert_eq!(encoding.as_deref(), Some("gzip"));
    let mut plain = String::new();
    flate2::read::GzDecoder::new(&body[..]).read_to_string(&mut plain).unwrap();
    assert_eq!(plain, "wasm ".repeat(2000));
    let (encoding, body) = bundle_as(&s, "br").await;
    assert_eq!(encoding.as_deref(), Some("br"));
    assert_ne!(body, b"the brotli copy".to_vec());
}
