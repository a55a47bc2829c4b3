// 1. First load: the bytes of HTML, wasm, JS and CSS as the server sends them (identity, gzip,
// brotli), for every file a first visit of the login page fetches.
import { test, expect } from "@playwright/test";
import { BASE, raw, record, kib } from "./lib";

test("first load: bytes as served", async ({ page }) => {
  const urls = new Set<string>();
  page.on("request", (r) => {
    if (r.url().startsWith(BASE)) urls.add(r.url());
  });
  await page.goto("/login");
  await expect(page.locator('main[data-hydrated="true"]')).toBeVisible();
  const files = [];
  const total = { identity: 0, gzip: 0, br: 0 };
  for (const url of [...urls].sort()) {
    const row: Record<string, number | string> = { file: new URL(url).pathname };
    for (const enc of ["identity", "gzip", "br"] as const) {
      const r = await raw(url, { headers: { "accept-encoding": enc } });
      expect(r.status).toBe(200);
      row[enc] = r.body.length;
      total[enc] += r.body.length;
    }
    files.push(row);
  }
  record("bundle", {
    files,
    totalKiB: { identity: kib(total.identity), gzip: kib(total.gzip), br: kib(total.br) },
    budgetKiB: 120,
  });
});
