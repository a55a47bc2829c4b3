//! A 256 MiB `joc.log` through the server, gzip-compressed on the fly, with bounded memory: the
//! process (simulator, server and this client together) grows by far less than the log.
//! Alone in its test binary, so that no other test's memory is counted.

#[path = "it/common/mod.rs"]
mod common;

use common::served::serve;
use std::io::Write;

const LOG_BYTES: u64 = 256 << 20;

/// The resident set of this process, from `/proc/self/status`.
fn rss_bytes() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let kb = status.lines().find_map(|l| l.strip_prefix("VmRSS:")).unwrap().trim().trim_end_matches(" kB");
    kb.trim().parse::<u64>().unwrap() * 1024
}

/// Counts what the decoder writes.
#[derive(Default)]
struct Counter(u64);

impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len() as u64;
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn a_256_mib_log_streams_with_flat_memory() {
    let size = LOG_BYTES.to_string();
    let s = serve(&["--sim-log-bytes", &size]).await;
    s.log_in("root").await;
    let mut resp = s.http.get(format!("{}/api/logs/joc.log.gz", s.base)).send().await.unwrap();
    assert_eq!(resp.status(), reqwest::StatusCode::OK);
    assert_eq!(resp.headers()["content-disposition"], "attachment; filename=\"joc.log.gz\"");
    let mut plain = flate2::write::GzDecoder::new(Counter::default());
    let mut gzipped = 0u64;
    let mut baseline = None;
    let mut peak = 0u64;
    let mut chunks = 0u64;
    while let Some(chunk) = resp.chunk().await.unwrap() {
        gzipped += chunk.len() as u64;
        plain.write_all(&chunk).unwrap();
        chunks += 1;
        // The first 8 MiB of text warm up buffers and pools; from then on memory must stay flat.
        if baseline.is_none() && plain.get_ref().0 >= 8 << 20 {
            baseline = Some(rss_bytes());
        }
        if chunks.is_multiple_of(64) {
            peak = peak.max(rss_bytes());
        }
    }
    let plain = plain.finish().unwrap();
    assert_eq!(plain.0, LOG_BYTES, "the whole log arrived, decompressed to its exact size");
    assert!(gzipped < LOG_BYTES / 4, "compressed: {gzipped} bytes");
    let growth = peak.saturating_sub(baseline.unwrap());
    println!("256 MiB log: {gzipped} bytes gzipped in {chunks} chunks; RSS growth {} KiB", growth / 1024);
    assert!(growth < 32 << 20, "memory grew by {} MiB while streaming 256 MiB", growth >> 20);
}
