// 6. The browser: script time per update and memory over 1,000 updates, then (with
// SOAK_MINUTES) a soak with a change every 10 s: JS heap, DOM nodes, listeners and live timers
// must not grow. Run with the simulator at 20× (scripts/bench does), so that updates follow each
// other without JOC's 2 s event batching.
import { test, expect } from "@playwright/test";
import { logIn } from "../tests/fixtures";
import { inject, mib, record, simReset, sleep } from "./lib";

const UPDATES = Number(process.env.BROWSER_UPDATES ?? 1000);
const SOAK_MINUTES = Number(process.env.SOAK_MINUTES ?? 0);

test("script time and memory per update", async ({ page }) => {
  test.setTimeout((30 + SOAK_MINUTES * 1.2) * 60_000);
  await simReset();
  // Count live timers: intervals until cleared, timeouts until fired or cleared.
  await page.addInitScript(() => {
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
  });
  await logIn(page);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  const sample = async () => {
    await cdp.send("HeapProfiler.collectGarbage");
    const m = Object.fromEntries(((await cdp.send("Performance.getMetrics")).metrics as any[]).map((x) => [x.name, x.value]));
    const dom = await cdp.send("Memory.getDOMCounters");
    const timers = await page.evaluate(() => (window as any).__timers.size);
    const seq = Number(await page.locator("svg.panel").getAttribute("data-seq"));
    return { heap: m.JSHeapUsedSize, script: m.ScriptDuration, nodes: dom.nodes, listeners: dom.jsEventListeners, timers, seq };
  };
  const tile = page.locator("svg.panel g.node.controller").nth(1).locator("rect.tile");
  await expect(tile).toHaveClass(/tone-ok/);
  const a = await sample();
  for (let i = 0; i < UPDATES; i++) {
    const reachable = i % 2 === 1;
    if (i % 100 === 0) await page.mouse.move(200 + (i % 200), 300);
    await inject({ type: "NodeReachable", node: 1, reachable });
    await expect(tile).toHaveClass(reachable ? /tone-ok/ : /tone-bad/, { timeout: 20_000 });
  }
  await sleep(2000);
  const b = await sample();
  const updates = b.seq - a.seq;
  const soak = [];
  if (SOAK_MINUTES > 0) {
    for (let minute = 1; minute <= SOAK_MINUTES; minute++) {
      for (let k = 0; k < 6; k++) {
        await inject({ type: "NodeReachable", node: 1, reachable: k % 2 === 1 });
        await sleep(10_000);
      }
      // The user is around: a move of the pointer keeps the session alive, as it does for
      // anyone watching the panel.
      await page.mouse.move(200 + (minute % 2) * 50, 300);
      const s = await sample();
      soak.push({ minute, heapMiB: mib(s.heap), nodes: s.nodes, listeners: s.listeners, timers: s.timers });
    }
  }
  record(SOAK_MINUTES > 0 ? "browser-soak" : "browser", {
    updates,
    scriptMsPerUpdate: Math.round(((b.script - a.script) * 1000 * 100) / updates) / 100,
    heapMiB: { before: mib(a.heap), after: mib(b.heap) },
    domNodes: { before: a.nodes, after: b.nodes },
    listeners: { before: a.listeners, after: b.listeners },
    liveTimers: { before: a.timers, after: b.timers },
    soakMinutes: SOAK_MINUTES,
    soak,
  });
});
