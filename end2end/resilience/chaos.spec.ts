// Chaos: for CHAOS_MINUTES (10), random faults and operations in the simulated JS7 while three
// browsers watch. At every check each panel must show what JOC reports, and no panel may ever
// show an older snapshot after a newer one. JOC tells its clients of a change 2 s after it
// happens (it batches events), so a change that happens during a check can reach any client,
// ours or JOC's own GUI, only after that: the run counts the checks matched within 2 s and
// requires every check to match within 2 s plus JOC's batching.
import { test, expect } from "@playwright/test";
import { Page } from "@playwright/test";
import { logIn } from "../tests/fixtures";
import { inject, joc, jocLogin, percentile, record, simReset, sleep } from "../bench/lib";

const MINUTES = Number(process.env.CHAOS_MINUTES ?? 10);

/// The English words the panel uses for JOC's cluster states.
const CLUSTER: Record<string, string> = {
  ClusterEmpty: "Empty",
  ClusterNodesAppointed: "Nodes appointed",
  ClusterPreparedToBeCoupled: "Prepared to be coupled",
  ClusterCoupled: "Coupled",
  ClusterActiveShutDown: "Active node shut down",
  ClusterSwitchedOver: "Switched over",
  ClusterPassiveLost: "Passive lost",
  ClusterFailedOver: "Failed over",
  ClusterActiveNodeIsNotReady: "Active node is not ready",
  ClusterNodeLossToBeConfirmed: "Node loss to be confirmed",
  ClusterFailoverToBeConfirmed: "Fail-over to be confirmed",
  ClusterUnknown: "Unknown",
};
const NODE: Record<string, string> = { active: "active", inactive: "standby", unknown: "unknown" };

/// What JOC reports now, as the panel should say it.
async function expected(token: string): Promise<string[]> {
  const c = JSON.parse((await joc("controller/components", token, { controllerId: "controller" })).body.toString());
  const out = [`Controller cluster: ${CLUSTER[c.clusterState?._text] ?? "Unknown"}`];
  for (const k of c.controllers) out.push(k.clusterNodeState ? `cluster node ${NODE[k.clusterNodeState._text] ?? "unknown"}` : "");
  return out;
}

async function shown(page: Page): Promise<string[]> {
  const cluster = (await page.locator("svg.panel g.node.cluster").getAttribute("aria-label")) ?? "";
  const out = [cluster.split(",")[0]];
  for (const label of await page.locator("svg.panel g.node.controller").evaluateAll((els) => els.map((e) => e.getAttribute("aria-label") ?? ""))) {
    const m = /cluster node (\w+)/.exec(label);
    out.push(m ? `cluster node ${m[1]}` : "");
  }
  return out;
}

/// The actions: faults, repairs and operations, as JOC users and failures cause them.
function actions(token: string): (() => Promise<unknown>)[] {
  const op = (path: string, body: object) => () => joc(path, token, { controllerId: "controller", ...body });
  const node = () => Math.floor(Math.random() * 2);
  return [
    () => inject({ type: "NodeReachable", node: node(), reachable: false }),
    () => inject({ type: "NodeReachable", node: node(), reachable: true }),
    () => inject({ type: "CouplingBroken", broken: true }),
    () => inject({ type: "CouplingBroken", broken: false }),
    () => inject({ type: "DbDelay", seconds: Math.random() < 0.5 ? 45 : 0 }),
    () => inject({ type: "AgentShutDown", agent: Math.floor(Math.random() * 3), down: Math.random() < 0.5 }),
    () => inject({ type: "JocHeartbeats", joc: 1, beating: Math.random() < 0.5 }),
    op("controller/cluster/switchover", {}),
    op("controller/cluster/confirm_node_loss", {}),
    op("controller/restart", { url: `http://controller${node() + 1}:4444`, withSwitchover: true }),
    op("controller/abort_and_restart", { url: `http://controller${node() + 1}:4444` }),
    () => inject({ type: "CrashUnwitnessed" }),
    () => simReset(),
  ];
}

test("chaos with three browsers", async ({ browser }) => {
  test.setTimeout((MINUTES + 5) * 60_000);
  await simReset();
  const pages: Page[] = [];
  for (let i = 0; i < 3; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    // Every snapshot the panel shows, in order.
    await page.addInitScript(() => {
      const w = window as any;
      w.__seen = [];
      new MutationObserver(() => {
        const svg = document.querySelector("svg.panel");
        const seq = Number(svg?.getAttribute("data-seq"));
        const epoch = svg?.getAttribute("data-epoch");
        const last = w.__seen[w.__seen.length - 1];
        if (svg && (!last || last.seq !== seq || last.epoch !== epoch)) w.__seen.push({ seq, epoch });
      }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-seq"], childList: true });
    });
    await logIn(page);
    pages.push(page);
  }
  const token = await jocLogin("root");
  const all = actions(token);
  const lags: number[] = [];
  let checks = 0;
  let failures: string[] = [];
  const end = Date.now() + MINUTES * 60_000;
  while (Date.now() < end) {
    const act = all[Math.floor(Math.random() * all.length)];
    await act().catch(() => {});
    await sleep(500 + Math.random() * 2500);
    for (const [i, page] of pages.entries()) {
      const t0 = Date.now();
      let ok = false;
      let last: string[] = [];
      let want: string[] = [];
      while (Date.now() - t0 < 4000 && !ok) {
        [want, last] = [await expected(token), await shown(page)];
        ok = JSON.stringify(want) === JSON.stringify(last);
        if (!ok) await sleep(100);
      }
      checks++;
      if (ok) lags.push(Date.now() - t0);
      else failures.push(`browser ${i}: JOC says ${JSON.stringify(want)}, panel shows ${JSON.stringify(last)}`);
    }
  }
  const order: string[] = [];
  for (const [i, page] of pages.entries()) {
    const seen = (await page.evaluate(() => (window as any).__seen)) as { seq: number; epoch: string }[];
    for (let k = 1; k < seen.length; k++) {
      if (seen[k].epoch === seen[k - 1].epoch && seen[k].seq < seen[k - 1].seq) order.push(`browser ${i}: ${seen[k].seq} after ${seen[k - 1].seq}`);
    }
  }
  record("chaos", {
    minutes: MINUTES,
    browsers: pages.length,
    checks,
    matchedWithin2s: lags.filter((l) => l <= 2000).length,
    matchedWithin4s: checks - failures.length,
    lagMs: { p50: percentile(lags, 50), p95: percentile(lags, 95), max: Math.max(...lags) },
    olderAfterNewer: order.length,
    failures: failures.slice(0, 20),
  });
  expect(order, "never an older state after a newer one").toEqual([]);
  expect(failures, "every panel showed JOC's state within 2 s plus JOC's batching").toEqual([]);
});
