//! Log downloads through the server: a browser that goes away ends the upstream stream, and a
//! JOC 2.9's plain controller.log reaches the browser gzipped once.

use crate::common::served::serve;
use reqwest::StatusCode;

/// A browser that goes away mid-download ends the upstream stream too.
#[tokio::test]
async fn a_dropped_download_ends_the_upstream_stream() {
    let s = serve(&["--sim-log-bytes", "1073741824"]).await;
    s.log_in("root").await;
    let open = || async { crate::common::truth(&s.sim).await["openLogStreams"].as_u64().unwrap() };
    for name in ["joc.log.gz", "controller.log.gz?url=http%3A%2F%2Fcontroller1%3A4444"] {
        let mut resp = s.http.get(format!("{}/api/logs/{name}", s.base)).send().await.unwrap();
        assert_eq!(resp.status(), reqwest::StatusCode::OK, "{name}");
        resp.chunk().await.unwrap().unwrap();
        assert_eq!(open().await, 1, "{name} streams");
        drop(resp);
        let mut left = 1;
        for _ in 0..100 {
            left = open().await;
            if left == 0 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        assert_eq!(left, 0, "{name}: the upstream stream outlived its browser");
    }
}

/// Logs: against a JOC 2.9 the board asks in 2.9's shape, and the browser still gets a
/// controller.log.gz that unpacks once to the log.
#[tokio::test]
async fn controller_logs_come_from_a_joc_2_9_too() {
    let s = serve(&["--sim-joc-version", "2.9.0", "--sim-log-bytes", "100000"]).await;
    s.log_in("root").await;
    let r = s
        .http
        .get(format!("{}/api/logs/controller.log.gz?url=http%3A%2F%2Fcontroller2%3A4444", s.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let gz = r.bytes().await.unwrap();
    let mut log = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&gz[..]), &mut log).unwrap();
    assert_eq!(log.len(), 100_000);
    assert!(log.starts_with(b"2026-"), "the plain log after one unpacking");
}
