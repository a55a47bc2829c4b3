// 3c. Fan-out over three replicas sharing Redis (end2end/fleet.ts): 100 live viewers on each,
// each with its own session, while the state changes every 5 s; JOC's requests per minute for
// the whole fleet, each replica's RSS and CPU; then how long the viewers of the others wait for
// a new snapshot when the replica reading JOC is killed, and when it stops gracefully.
import { test } from "@playwright/test";
import * as http from "http";
import { Fleet, Replica } from "../fleet";
import { simEvent, simTruth } from "../sim";
import { cpuSeconds, login, mib, record, rss, sleep } from "./lib";

const WINDOW_S = Number(process.env.FANOUT_WINDOW_S ?? 60);
const PER_REPLICA = 100;
const ACCOUNTS = Array.from({ length: 24 }, (_, i) => `bench${i + 1}`);

/// One viewer's feed; `seen` is called with the time of each snapshot.
function watch(r: Replica, cookie: string, seen: (at: number) => void, opened: () => void): http.ClientRequest {
  const req = http.get(`${r.url}/api/feed`, { headers: { cookie } }, (res) => {
    opened();
    res.setEncoding("utf8");
    res.on("data", (d: string) => {
      for (let i = 1; i < d.split("event: snapshot").length; i++) seen(performance.now());
    });
  });
  req.on("error", () => {});
  return req;
}

const fleet = new Fleet();
test.afterAll(() => fleet.down());

test("fan-out over three replicas sharing Redis, and the reader's takeover", async () => {
  test.setTimeout(15 * 60_000);
  // Real speed, as the single server's fan-out: JOC batches its events 2 s.
  await fleet.up({ replicas: 3, simSpeed: 1, accounts: ACCOUNTS.map((a) => `${a}:${a}:viewer`) });
  const upstream = async () => Object.values((await simTruth(fleet.sim)).requests as Record<string, number>).reduce((a, b) => a + b, 0);
  const viewers: { replica: Replica; last: number; count: number; req?: http.ClientRequest }[] = [];
  let open = 0;
  for (const [k, replica] of fleet.replicas.entries()) {
    for (let i = 0; i < PER_REPLICA; i++) {
      const cookie = await login(ACCOUNTS[(k * PER_REPLICA + i) % ACCOUNTS.length], replica.url);
      const v = { replica, last: 0, count: 0, req: undefined as http.ClientRequest | undefined };
      v.req = watch(replica, cookie, (at) => ((v.last = at), v.count++), () => open++);
      viewers.push(v);
    }
  }
  while (open < viewers.length) await sleep(100);
  await sleep(5000);
  const pids = fleet.replicas.map((r) => r.child.pid!);
  const [u0, c0] = [await upstream(), pids.map(cpuSeconds)];
  viewers.forEach((v) => (v.count = 0));
  const peak = pids.map(rss);
  for (let t = 0; t < WINDOW_S; t += 5) {
    await simEvent(fleet.sim, { type: "NodeReachable", node: 1, reachable: (t / 5) % 2 === 1 });
    await sleep(5000);
    pids.forEach((p, k) => (peak[k] = Math.max(peak[k], rss(p))));
  }
  const [u1, c1] = [await upstream(), pids.map(cpuSeconds)];
  const leader = fleet.leader();
  const rows = fleet.replicas.map((r, k) => {
    const mine = viewers.filter((v) => v.replica === r);
    return {
      replica: r.name,
      readsJoc: r === leader,
      viewers: mine.length,
      rssMiB: mib(peak[k]),
      cpuPercent: Math.round(((c1[k] - c0[k]) / WINDOW_S) * 1000) / 10,
      snapshotsPerViewerPerMinute: Math.round((mine.reduce((a, v) => a + v.count, 0) / mine.length) * (60 / WINDOW_S) * 10) / 10,
    };
  });
  await simEvent(fleet.sim, { type: "NodeReachable", node: 1, reachable: true });
  await sleep(5000);

  // The reader leaves: killed (its lease runs out), then stopped gracefully (it gives the lease
  // up). The time from its end to the first new snapshot at every other replica's viewers,
  // with a change made right after its end.
  const takeovers = [];
  for (const [how, signal] of [["killed", "SIGKILL"], ["stopped", "SIGTERM"]] as const) {
    const reader = fleet.leader();
    if (!reader) throw new Error("no replica holds the lease");
    const others = viewers.filter((v) => v.replica !== reader && !v.replica.child.killed);
    const t0 = performance.now();
    reader.child.kill(signal);
    await simEvent(fleet.sim, { type: "AgentShutDown", agent: 0, down: how === "killed" });
    while (others.some((v) => v.last < t0) && performance.now() - t0 < 60_000) await sleep(50);
    const waits = others.map((v) => (v.last >= t0 ? v.last - t0 : NaN));
    takeovers.push({
      reader: how,
      viewersWaiting: others.length,
      firstSnapshotSeconds: Math.round(Math.min(...waits) / 100) / 10,
      lastSnapshotSeconds: Math.round(Math.max(...waits) / 100) / 10,
      newReader: fleet.leader()?.name ?? "none",
    });
    await sleep(3000);
  }
  viewers.forEach((v) => v.req?.destroy());
  record("fan-out-replicas", { windowSeconds: WINDOW_S, upstreamPerMinute: Math.round(((u1 - u0) * 60) / WINDOW_S), rows, takeovers });
});
