// A cheap guard on what a first visit downloads (the figures and the 120 KB target are in
// docs/benchmarks.md): the wasm, JS and CSS as the browser receives them (compressed by the
// server) must not grow past the guard unnoticed.
import { test, expect } from "./fixtures";

const GUARD_KIB = 350;

test("the bundle stays within its size guard", async ({ page }) => {
  await page.goto("/login");
  await expect(page.locator('main[data-hydrated="true"]')).toBeVisible();
  const sizes = await page.evaluate(() =>
    (performance.getEntriesByType("resource") as PerformanceResourceTiming[])
      .filter((e) => /\/pkg\/.*\.(wasm|js|css)$/.test(e.name))
      .map((e) => ({ name: e.name, encoded: e.encodedBodySize, decoded: e.decodedBodySize })),
  );
  expect(sizes.map((s) => s.name.split(".").pop()).sort()).toEqual(["css", "js", "wasm"]);
  for (const s of sizes) expect(s.encoded, `${s.name} arrives compressed`).toBeLessThan(s.decoded);
  const total = sizes.reduce((a, s) => a + s.encoded, 0) / 1024;
  expect(total, "KiB of wasm + JS + CSS as received").toBeLessThan(GUARD_KIB);
});
