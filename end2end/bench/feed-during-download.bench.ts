// 4b. The feed stays live while a big log is compressed: from a state change in the simulator
// to the snapshot on an open /api/feed stream, and the round trip of /healthz, first with the
// server idle, then while two 1 GiB joc.log downloads are gzip-compressed by the server (on its
// blocking pool, not on the async workers that serve the feed), each download of 1 GiB of log
// text started again when it ends.
import { test } from "@playwright/test";
import * as http from "http";
import { BASE, inject, login, percentile, raw, record, simReset, sleep } from "./lib";

/// An open feed: resolves `next()` with the arrival time of the next snapshot.
function openFeed(cookie: string) {
  let waiting: ((t: number) => void) | null = null;
  let buf = "";
  const req = http.get(`${BASE}/api/feed`, { headers: { cookie } }, (res) => {
    res.setEncoding("utf8");
    res.on("data", (c: string) => {
      buf += c;
      let end;
      while ((end = buf.indexOf("\n\n")) >= 0) {
        const ev = buf.slice(0, end);
        buf = buf.slice(end + 2);
        if (ev.startsWith("event: snapshot") && waiting) {
          const w = waiting;
          waiting = null;
          w(performance.now());
        }
      }
    });
  });
  return {
    next: () => new Promise<number>((r) => (waiting = r)),
    close: () => req.destroy(),
  };
}

/// Downloads joc.log.gz to the end, discarding it; resolves with the seconds taken.
function download(cookie: string) {
  return new Promise<number>((resolve, reject) => {
    const t0 = performance.now();
    http
      .get(`${BASE}/api/logs/joc.log.gz`, { headers: { cookie }, agent: false }, (res) => {
        res.on("data", () => {});
        res.on("end", () => resolve((performance.now() - t0) / 1000));
      })
      .on("error", reject);
  });
}

/// Change-to-snapshot and /healthz times while `busy` is true.
async function sample(cookie: string, busy: () => boolean, max: number) {
  const feed = openFeed(cookie);
  await feed.next(); // the current snapshot
  const change: number[] = [];
  const health: number[] = [];
  for (let i = 0; i < max && busy(); i++) {
    const arrived = feed.next();
    const t0 = performance.now();
    await inject({ type: "NodeReachable", node: 1, reachable: i % 2 === 1 });
    for (let k = 0; k < 5; k++) {
      const h0 = performance.now();
      await raw(`${BASE}/healthz`);
      health.push(performance.now() - h0);
      await sleep(20);
    }
    change.push((await arrived) - t0);
  }
  feed.close();
  await inject({ type: "NodeReachable", node: 1, reachable: true });
  const stats = (xs: number[]) => ({
    n: xs.length,
    p50: Math.round(percentile(xs, 50) * 10) / 10,
    p95: Math.round(percentile(xs, 95) * 10) / 10,
    max: Math.round(Math.max(...xs) * 10) / 10,
  });
  return { changeToSnapshotMs: stats(change), healthzMs: stats(health) };
}

test("feed during 1 GiB downloads", async () => {
  test.setTimeout(20 * 60_000);
  await simReset();
  const viewer = await login("viewer");
  const root = await login("root");
  const idle = await sample(viewer, () => true, 10);
  // Two downloads at a time, each started again when it ends, for as long as the sampling runs.
  let sampling = true;
  const seconds: number[] = [];
  const worker = async () => {
    while (sampling) seconds.push(await download(root));
  };
  const workers = [worker(), worker()];
  const busy = await sample(viewer, () => true, 10);
  sampling = false;
  await Promise.all(workers);
  record("feed-during-download", {
    idle,
    duringTwoDownloads: busy,
    downloads: seconds.length,
    downloadSeconds: { p50: Math.round(percentile(seconds, 50) * 10) / 10, max: Math.round(Math.max(...seconds) * 10) / 10 },
  });
});
