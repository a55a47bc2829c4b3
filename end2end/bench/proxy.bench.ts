// 5. What the server adds on loopback. Operations: the same JOC call (run the Cleanup
// Service) straight to the simulated JOC and through the server function, 500 times each.
// Status: one state change seen by a client long-polling JOC's `events` directly and by an SSE
// client of the server (which then reads components and agents), over 50 changes.
import { test } from "@playwright/test";
import * as http from "http";
import { BASE, inject, joc, jocLogin, login, percentile, raw, record, simReset, sleep } from "./lib";

const N = Number(process.env.PROXY_CALLS ?? 500);
const stats = (xs: number[]) => ({
  p50: Math.round(percentile(xs, 50) * 100) / 100,
  p99: Math.round(percentile(xs, 99) * 100) / 100,
});

test("proxy overhead", async () => {
  test.setTimeout(15 * 60_000);
  await simReset();
  const token = await jocLogin("root");
  const cookie = await login("root");
  const direct: number[] = [];
  const proxied: number[] = [];
  const body = JSON.stringify({ op: { RunService: { service: "cleanup" } }, audit: null });
  for (let i = 0; i < N + 20; i++) {
    let t = performance.now();
    const a = await joc("joc/cluster/run", token, { type: "cleanup" });
    const d = performance.now() - t;
    t = performance.now();
    const b = await raw(`${BASE}/api/ops/perform`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json", "content-length": String(body.length) },
      body,
    });
    const p = performance.now() - t;
    if (a.status !== 200 || b.status !== 200) throw new Error(`${a.status} ${b.status} ${b.body}`);
    if (i >= 20) {
      direct.push(d);
      proxied.push(p);
    }
  }

  // Status: a direct events long-poll next to the server's feed.
  const viewer = await login("viewer");
  let sseAt = 0;
  const feed = http.get(`${BASE}/api/feed`, { headers: { cookie: viewer } }, (res) => {
    res.setEncoding("utf8");
    res.on("data", (d: string) => {
      if (d.includes("event: snapshot")) sseAt = performance.now();
    });
  });
  await sleep(1000);
  let eventId = JSON.parse((await joc("events", token, { controllerId: "controller" })).body.toString()).eventId;
  const sse: number[] = [];
  const events: number[] = [];
  for (let i = 0; i < 50; i++) {
    const poll = joc("events", token, { controllerId: "controller", eventId });
    await sleep(300);
    sseAt = 0;
    const t0 = performance.now();
    await inject({ type: "NodeReachable", node: 1, reachable: i % 2 === 1 });
    const answer = await poll;
    const eventsAt = performance.now();
    eventId = JSON.parse(answer.body.toString()).eventId;
    while (!sseAt) await sleep(1);
    events.push(eventsAt - t0);
    sse.push(sseAt - t0);
    await sleep(300);
  }
  feed.destroy();
  const added = sse.map((s, i) => s - events[i]);
  record("proxy-overhead", {
    operations: { calls: N, directMs: stats(direct), viaServerMs: stats(proxied), addedMs: { p50: stats(proxied).p50 - stats(direct).p50, p99: stats(proxied).p99 - stats(direct).p99 } },
    status: { changes: sse.length, jocEventsMs: stats(events), sseMs: stats(sse), addedMs: stats(added) },
  });
});
