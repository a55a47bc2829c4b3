// 2b. Change to the overview: from a state change in one Controller of one installation to the
// changed tile of the overview in Chromium, over 30 changes (an Agent of `reports` in
// "production" down, then up again), against the second bench server (two installations, real
// speed). The overview is computed from the same feeds as the drawings.
import { test, expect } from "@playwright/test";
import { logIn } from "../tests/fixtures";
import { percentile, record, sleep } from "./lib";
import { simEvent, simReset } from "../sim";

const FLEET = process.env.BENCH_FLEET!;
const PRODUCTION = process.env.BENCH_FLEET_SIM_PRODUCTION!;

test("change to the overview", async ({ page }) => {
  await simReset(PRODUCTION);
  await logIn(page, "root", "root", FLEET);
  const reports = page.locator("section.installation").filter({ hasText: "production" }).getByRole("link", { name: /^reports / });
  await expect(reports).toHaveClass(/tone-ok/, { timeout: 60_000 });
  const changed: number[] = [];
  for (let i = 0; i < 30; i++) {
    const down = i % 2 === 0;
    await page.evaluate(() => {
      const w = window as any;
      w.__changed = 0;
      const list = document.querySelector("section.overview")!;
      const obs = new MutationObserver(() => {
        const tile = [...list.querySelectorAll("a.tile")].find((a) => a.querySelector(".tile-name")?.textContent === "reports");
        const bad = tile?.classList.contains("tone-bad");
        if (bad === w.__expectBad) {
          w.__changed = Date.now();
          obs.disconnect();
        }
      });
      obs.observe(list, { attributes: true, childList: true, subtree: true });
    });
    await page.evaluate((d) => ((window as any).__expectBad = d), down);
    const t0 = Date.now();
    await simEvent(PRODUCTION, { type: "AgentShutDown", agent: 0, down, controller: "reports" });
    await expect(reports).toHaveClass(down ? /tone-bad/ : /tone-ok/, { timeout: 20_000 });
    await page.waitForFunction(() => (window as any).__changed > 0);
    changed.push((await page.evaluate(() => (window as any).__changed)) - t0);
    await sleep(200);
  }
  record("change-to-overview", {
    changes: changed.length,
    tileChangedMs: { p50: percentile(changed, 50), p95: percentile(changed, 95), max: Math.max(...changed) },
  });
});
