// 2. Change to pixels: from a state change in the simulator to the changed SVG in Chromium,
// over 60 changes (the backup Controller becoming unreachable and reachable again). JOC (and
// the simulator, as JOC does) answers the events long-poll 2 s after a change, to batch events;
// the browser's own part, from the snapshot's arrival to the changed SVG, is measured apart.
import { test, expect } from "@playwright/test";
import { logIn } from "../tests/fixtures";
import { inject, percentile, record, simReset, sleep } from "./lib";

test("change to pixels", async ({ page }) => {
  await simReset();
  // Note when each snapshot reaches the page.
  await page.addInitScript(() => {
    const Native = window.EventSource;
    class Tapped extends Native {
      constructor(url: string | URL, init?: EventSourceInit) {
        super(url, init);
        this.addEventListener("snapshot", () => ((window as any).__arrived = performance.now()));
      }
    }
    (window as any).EventSource = Tapped;
  });
  await logIn(page);
  const tile = page.locator("svg.panel g.node.controller").nth(1).locator("rect.tile");
  await expect(tile).toHaveClass(/tone-ok/);
  const mutation: number[] = [];
  const painted: number[] = [];
  const inBrowser: number[] = [];
  for (let i = 0; i < 60; i++) {
    const reachable = i % 2 === 1;
    await page.evaluate(() => {
      const w = window as any;
      w.__mutated = 0;
      w.__painted = 0;
      const el = document.querySelectorAll("svg.panel g.node.controller")[1].querySelector("rect.tile")!;
      const obs = new MutationObserver(() => {
        w.__mutated = Date.now();
        w.__inBrowser = performance.now() - w.__arrived;
        obs.disconnect();
        requestAnimationFrame(() => requestAnimationFrame(() => (w.__painted = Date.now())));
      });
      obs.observe(el, { attributes: true, attributeFilter: ["class"] });
    });
    const t0 = Date.now();
    await inject({ type: "NodeReachable", node: 1, reachable });
    await expect(tile).toHaveClass(reachable ? /tone-ok/ : /tone-bad/, { timeout: 20_000 });
    await page.waitForFunction(() => (window as any).__painted > 0);
    const [m, p, b] = await page.evaluate(() => [(window as any).__mutated, (window as any).__painted, (window as any).__inBrowser]);
    mutation.push(m - t0);
    painted.push(p - t0);
    inBrowser.push(b);
    await sleep(200);
  }
  record("change-to-pixels", {
    changes: mutation.length,
    svgChangedMs: { p50: percentile(mutation, 50), p95: percentile(mutation, 95), max: Math.max(...mutation) },
    paintedMs: { p50: percentile(painted, 50), p95: percentile(painted, 95), max: Math.max(...painted) },
    snapshotToSvgMs: {
      p50: Math.round(percentile(inBrowser, 50) * 100) / 100,
      p95: Math.round(percentile(inBrowser, 95) * 100) / 100,
      max: Math.round(Math.max(...inBrowser) * 100) / 100,
    },
  });
});
