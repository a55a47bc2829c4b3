// 4. Log streaming: a 1 GiB joc.log (gzip-compressed on the fly) and controller.log (passed
// through) via the server, and straight from the simulated JOC for comparison: throughput, time
// to first byte, server RSS growth.
import { test } from "@playwright/test";
import * as http from "http";
import { BASE, SIM, jocLogin, login, mib, percentile, record, rss, serverPid } from "./lib";

function download(url: string, opts: http.RequestOptions, body?: string) {
  return new Promise<{ bytes: number; ttfbMs: number; seconds: number; peakRss: number }>((resolve, reject) => {
    const pid = serverPid();
    const t0 = performance.now();
    let ttfbMs = 0;
    let bytes = 0;
    let peakRss = rss(pid);
    const timer = setInterval(() => (peakRss = Math.max(peakRss, rss(pid))), 100);
    const req = http.request(url, opts, (res) => {
      if (res.statusCode !== 200) reject(new Error(`${url}: ${res.statusCode}`));
      res.on("data", (c: Buffer) => {
        if (!ttfbMs) ttfbMs = performance.now() - t0;
        bytes += c.length;
      });
      res.on("end", () => {
        clearInterval(timer);
        resolve({ bytes, ttfbMs, seconds: (performance.now() - t0) / 1000, peakRss });
      });
    });
    req.on("error", reject);
    if (body) req.write(body);
    req.end();
  });
}

/// Milliseconds to the first byte of the body, then the request is dropped.
function firstByte(url: string, opts: http.RequestOptions, body?: string) {
  return new Promise<number>((resolve, reject) => {
    const t0 = performance.now();
    const req = http.request(url, opts, (res) => {
      res.once("data", () => {
        resolve(performance.now() - t0);
        req.destroy();
      });
    });
    // After the first byte, the error of the dropped request changes nothing.
    req.on("error", reject);
    if (body) req.write(body);
    req.end();
  });
}

/// The median of 9 first-byte times, each on a fresh connection (one request alone is noise).
async function medianFirstByte(url: string, opts: http.RequestOptions, body?: string) {
  const xs = [];
  for (let i = 0; i < 9; i++) xs.push(await firstByte(url, { ...opts, agent: false }, body));
  return percentile(xs, 50);
}

test("1 GiB logs through the server", async () => {
  test.setTimeout(30 * 60_000);
  const pid = serverPid();
  const cookie = await login("root");
  const token = await jocLogin("root");
  const rows = [];
  const ctl = encodeURIComponent("http://controller1:4444");
  const cases: [string, string, http.RequestOptions, string?][] = [
    ["joc.log.gz via the server", `${BASE}/api/logs/joc.log.gz`, { headers: { cookie } }],
    ["controller.log.gz via the server", `${BASE}/api/logs/controller.log.gz?url=${ctl}`, { headers: { cookie } }],
    [
      "joc.log straight from JOC",
      `${SIM}/joc/api/joc/log`,
      { method: "POST", headers: { "x-access-token": token, "content-type": "application/json" } },
      "{}",
    ],
    [
      "controller.log.gz straight from JOC",
      `${SIM}/joc/api/controller/log`,
      { method: "POST", headers: { "x-access-token": token, "content-type": "application/json" } },
      JSON.stringify({ controllerId: "controller", url: "http://controller1:4444" }),
    ],
  ];
  for (const [name, url, opts, body] of cases) {
    const before = rss(pid);
    const d = await download(url, opts, body);
    const firstByteMs = await medianFirstByte(url, opts, body);
    rows.push({
      name,
      bytesMiB: mib(d.bytes),
      plainMiB: 1024,
      seconds: Math.round(d.seconds * 10) / 10,
      plainMiBPerSecond: Math.round(1024 / d.seconds),
      ttfbMs: Math.round(d.ttfbMs),
      medianFirstByteMs: Math.round(firstByteMs * 10) / 10,
      rssGrowthMiB: mib(d.peakRss - before),
    });
  }
  record("logs", { rows });
});
