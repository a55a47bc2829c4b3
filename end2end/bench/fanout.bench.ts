// 3. Fan-out: 1, 100 and 1,000 live SSE clients, each with its own session, while the state
// changes every 5 s: upstream requests to JOC per minute, server RSS and CPU, snapshots delivered.
import { test } from "@playwright/test";
import * as http from "http";
import { BASE, cpuSeconds, inject, login, mib, record, rss, serverPid, simReset, simState, sleep } from "./lib";

const WINDOW_S = Number(process.env.FANOUT_WINDOW_S ?? 60);

function subscribe(cookie: string, counter: { events: number; open: number }): http.ClientRequest {
  const req = http.get(`${BASE}/api/feed`, { headers: { cookie } }, (res) => {
    counter.open++;
    res.setEncoding("utf8");
    res.on("data", (d: string) => (counter.events += d.split("event: snapshot").length - 1));
    res.on("close", () => counter.open--);
  });
  req.on("error", () => {});
  return req;
}

const upstream = async () =>
  Object.values((await simState()).requests as Record<string, number>).reduce((a, b) => a + b, 0);

test("fan-out to 1, 100 and 1,000 live browsers", async () => {
  test.setTimeout(20 * 60_000);
  await simReset();
  const pid = serverPid();
  const rows = [];
  const cookies: string[] = [];
  for (const n of [1, 100, 1000]) {
    while (cookies.length < n) cookies.push(await login());
    const counter = { events: 0, open: 0 };
    const reqs = cookies.slice(0, n).map((c) => subscribe(c, counter));
    while (counter.open < n) await sleep(100);
    await sleep(5000);
    const [u0, c0] = [await upstream(), cpuSeconds(pid)];
    counter.events = 0;
    let peak = rss(pid);
    for (let t = 0; t < WINDOW_S; t += 5) {
      await inject({ type: "NodeReachable", node: 1, reachable: (t / 5) % 2 === 1 });
      await sleep(5000);
      peak = Math.max(peak, rss(pid));
    }
    const [u1, c1] = [await upstream(), cpuSeconds(pid)];
    rows.push({
      viewers: n,
      upstreamPerMinute: Math.round(((u1 - u0) * 60) / WINDOW_S),
      rssMiB: mib(peak),
      cpuPercent: Math.round(((c1 - c0) / WINDOW_S) * 1000) / 10,
      snapshotsPerViewerPerMinute: Math.round((counter.events / n) * (60 / WINDOW_S) * 10) / 10,
    });
    reqs.forEach((r) => r.destroy());
    await inject({ type: "NodeReachable", node: 1, reachable: true });
    await sleep(2000);
  }
  record("fan-out", { windowSeconds: WINDOW_S, rows });
});
