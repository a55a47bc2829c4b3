// 3. Fan-out: 1, 100 and 1,000 live SSE clients, each with its own session, while the state
// changes every 5 s: upstream requests to JOC per minute, server RSS and CPU, snapshots delivered.
import { test } from "@playwright/test";
import * as http from "http";
import { BASE, cpuSeconds, inject, login, mib, record, rss, serverPid, simReset, simState, sleep } from "./lib";

const WINDOW_S = Number(process.env.FANOUT_WINDOW_S ?? 60);

function subscribe(cookie: string, counter: { events: number; open: number }, path = "/api/feed"): http.ClientRequest {
  const req = http.get(`${BASE}${path}`, { headers: { cookie } }, (res) => {
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
    while (cookies.length < n) cookies.push(await login(`bench${(cookies.length % 24) + 1}`));
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

// 3b. Two Controllers of one JOC (the bench server runs `controller` and `test`): 1 and 100
// viewers of each, while both change every 5 s; JOC's status reads per Controller per minute.
test("fan-out over two Controllers", async () => {
  test.setTimeout(10 * 60_000);
  await simReset();
  const reads = async () => (await simState()).readsByController as Record<string, number>;
  const rows = [];
  const cookies: string[] = [];
  for (const n of [1, 100]) {
    while (cookies.length < n) cookies.push(await login(`bench${(cookies.length % 24) + 1}`));
    const counters = { controller: { events: 0, open: 0 }, test: { events: 0, open: 0 } };
    const reqs = cookies
      .slice(0, n)
      .flatMap((c) => [subscribe(c, counters.controller, "/api/feed?controller=controller"), subscribe(c, counters.test, "/api/feed?controller=test")]);
    while (counters.controller.open < n || counters.test.open < n) await sleep(100);
    await sleep(5000);
    const r0 = await reads();
    counters.controller.events = counters.test.events = 0;
    for (let t = 0; t < WINDOW_S; t += 5) {
      const reachable = (t / 5) % 2 === 1;
      await inject({ type: "NodeReachable", node: 1, reachable });
      await inject({ type: "AgentShutDown", agent: 0, down: !reachable, controller: "test" });
      await sleep(5000);
    }
    const r1 = await reads();
    for (const id of ["controller", "test"]) {
      rows.push({
        controller: id,
        viewers: n,
        readsPerMinute: Math.round((((r1[id] ?? 0) - (r0[id] ?? 0)) * 60) / WINDOW_S),
        snapshotsPerViewerPerMinute: Math.round((counters[id].events / n) * (60 / WINDOW_S) * 10) / 10,
      });
    }
    reqs.forEach((r) => r.destroy());
    await inject({ type: "NodeReachable", node: 1, reachable: true });
    await inject({ type: "AgentShutDown", agent: 0, down: false, controller: "test" });
    await sleep(2000);
  }
  record("fan-out-two-controllers", { windowSeconds: WINDOW_S, rows });
});
