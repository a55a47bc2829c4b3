// 6. The browser: script time per update and memory over 1,000 updates (simulator at 20×, so
// that updates follow each other without JOC's 2 s event batching: scripts/bench does), and
// (with SOAK_MINUTES, simulator at real speed) a soak with a change every 10 s, each one checked
// on the panel: JS heap, DOM nodes, listeners and live timers must not grow.
import { test, expect, type Page } from "@playwright/test";
import { logIn } from "../tests/fixtures";
import { inject, mib, record, rss, serverPid, simReset, simState, sleep } from "./lib";

const UPDATES = Number(process.env.BROWSER_UPDATES ?? 1000);
const SOAK_MINUTES = Number(process.env.SOAK_MINUTES ?? 0);
const IDLE_SECONDS = Number(process.env.BROWSER_IDLE_SECONDS ?? 30);

/// Counts live timers in the page: intervals until cleared, timeouts until fired or cleared.
function countTimers() {
  const w = window as any;
  w.__timers = new Set();
  const [si, ci, st, ct] = [w.setInterval, w.clearInterval, w.setTimeout, w.clearTimeout];
  w.setInterval = (...a: any[]) => {
    const id = si(...a);
    w.__timers.add(id);
    return id;
  };
  w.clearInterval = (id: any) => (w.__timers.delete(id), ci(id));
  w.setTimeout = (f: any, ...a: any[]) => {
    const id = st((...x: any[]) => (w.__timers.delete(id), typeof f === "function" ? f(...x) : 0), ...a);
    w.__timers.add(id);
    return id;
  };
  w.clearTimeout = (id: any) => (w.__timers.delete(id), ct(id));
}

/// Fails instead of hanging: a step that does not answer within `ms` names itself.
async function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([p, limit]);
  } finally {
    clearTimeout(timer);
  }
}

/// Logs in with the timer count in place and returns a sampler of the page's memory.
async function watch(page: Page) {
  await page.addInitScript(countTimers);
  await logIn(page);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  return async () => {
    await within(30_000, "garbage collection", cdp.send("HeapProfiler.collectGarbage"));
    const metrics = await within(30_000, "metrics", cdp.send("Performance.getMetrics"));
    const m = Object.fromEntries((metrics.metrics as any[]).map((x) => [x.name, x.value]));
    const dom = await within(30_000, "DOM counters", cdp.send("Memory.getDOMCounters"));
    const timers = await within(30_000, "timers", page.evaluate(() => (window as any).__timers.size));
    const seq = Number(await page.locator("svg.panel").getAttribute("data-seq", { timeout: 30_000 }));
    return { heap: m.JSHeapUsedSize, script: m.ScriptDuration, nodes: dom.nodes, listeners: dom.jsEventListeners, timers, seq };
  };
}

/// Waits for the backup Controller's tile to show `tone`, seen by a MutationObserver in the page:
/// one short script per update, so that the page's script time is the panel's (polling with
/// Playwright's locators would add its own queries, a third of the total).
function toneSeen(page: Page, tone: string): Promise<void> {
  return page.evaluate(
    (tone) =>
      new Promise<void>((done) => {
        const tile = document.querySelectorAll("svg.panel g.node.controller")[1].querySelector("rect.tile")!;
        if (tile.classList.contains(tone)) return done();
        const o = new MutationObserver(() => {
          if (tile.classList.contains(tone)) {
            o.disconnect();
            done();
          }
        });
        o.observe(tile, { attributes: true, attributeFilter: ["class"] });
      }),
    tone,
  );
}

const secondController = (page: Page) => page.locator("svg.panel g.node.controller").nth(1).locator("rect.tile");

test("script time and memory per update", async ({ page }) => {
  test.skip(SOAK_MINUTES > 0, "the soak runs on its own, at real speed");
  test.setTimeout(30 * 60_000);
  await simReset();
  const sample = await watch(page);
  const tile = secondController(page);
  await expect(tile).toHaveClass(/tone-ok/);
  // The script time of a page left alone (its clocks, the availability read every minute),
  // so that the per-update figure can be given without it too.
  const idle0 = await sample();
  const idleStart = Date.now();
  await sleep(IDLE_SECONDS * 1000);
  const idle1 = await sample();
  const idleMsPerSecond = ((idle1.script - idle0.script) * 1000) / ((Date.now() - idleStart) / 1000);
  const a = await sample();
  const started = Date.now();
  for (let i = 0; i < UPDATES; i++) {
    const reachable = i % 2 === 1;
    if (i % 100 === 0) await page.mouse.move(200 + (i % 200), 300);
    await inject({ type: "NodeReachable", node: 1, reachable });
    await within(20_000, `update ${i}`, toneSeen(page, reachable ? "tone-ok" : "tone-bad"));
  }
  await sleep(2000);
  const b = await sample();
  const seconds = (Date.now() - started) / 1000;
  const updates = b.seq - a.seq;
  const scriptMs = (b.script - a.script) * 1000;
  record("browser", {
    updates,
    scriptMsPerUpdate: Math.round((scriptMs * 100) / updates) / 100,
    idleScriptMsPerSecond: Math.round(idleMsPerSecond * 100) / 100,
    scriptMsPerUpdateIdleExcluded: Math.round(((scriptMs - idleMsPerSecond * seconds) * 100) / updates) / 100,
    heapMiB: { before: mib(a.heap), after: mib(b.heap) },
    domNodes: { before: a.nodes, after: b.nodes },
    listeners: { before: a.listeners, after: b.listeners },
    liveTimers: { before: a.timers, after: b.timers },
  });
});

// A user watching the panel for SOAK_MINUTES: a change every 10 s, each checked on the panel
// (a change the panel misses is counted, with the simulator's view, and the soak goes on), a
// move of the pointer every minute as anyone in front of it would, and a sample every minute.
test("soak", async ({ page }) => {
  test.skip(SOAK_MINUTES === 0, "SOAK_MINUTES not set");
  test.setTimeout((10 + SOAK_MINUTES * 1.2) * 60_000);
  await simReset();
  const sample = await watch(page);
  const tile = secondController(page);
  await expect(tile).toHaveClass(/tone-ok/);
  const pid = serverPid();
  const first = await sample();
  const rss0 = rss(pid);
  const soak = [];
  const missed: object[] = [];
  let changes = 0;
  const t0 = Date.now();
  for (let minute = 1; minute <= SOAK_MINUTES; minute++) {
    for (let k = 0; k < 6; k++) {
      const reachable = k % 2 === 1;
      const t = Date.now();
      await within(10_000, "inject", inject({ type: "NodeReachable", node: 1, reachable }));
      changes++;
      try {
        await expect(tile).toHaveClass(reachable ? /tone-ok/ : /tone-bad/, { timeout: 15_000 });
      } catch {
        const banner = await page.locator(".feed-state, .banner, [role=status]").allInnerTexts().catch(() => []);
        missed.push({ minute, change: k, url: page.url(), banner, sim: JSON.stringify(await simState().catch(() => null)).slice(0, 1500) });
        console.log(`soak: minute ${minute}: change ${k} not shown within 15 s (${page.url()})`);
      }
      await sleep(Math.max(0, 10_000 - (Date.now() - t)));
    }
    await page.mouse.move(200 + (minute % 2) * 50, 300);
    const s = await sample();
    const row = { minute, heapMiB: mib(s.heap), nodes: s.nodes, listeners: s.listeners, timers: s.timers, serverRssMiB: mib(rss(pid)), seq: s.seq };
    soak.push(row);
    console.log(`soak: ${JSON.stringify(row)}`);
  }
  const last = await sample();
  record("browser-soak", {
    minutes: SOAK_MINUTES,
    wallMinutes: Math.round((Date.now() - t0) / 6000) / 10,
    changes,
    missed: missed.length,
    missedDetails: missed.slice(0, 20),
    updates: last.seq - first.seq,
    heapMiB: { before: mib(first.heap), after: mib(last.heap) },
    domNodes: { before: first.nodes, after: last.nodes },
    listeners: { before: first.listeners, after: last.listeners },
    liveTimers: { before: first.timers, after: last.timers },
    serverRssMiB: { before: mib(rss0), after: mib(rss(pid)) },
    soak,
  });
  await page.screenshot({ path: "bench-results/soak-end.png" });
  expect(missed, "every change reached the panel").toEqual([]);
});
