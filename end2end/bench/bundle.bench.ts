// 1. First load: the bytes of HTML, wasm, JS and CSS as the server sends them (identity, gzip,
// brotli), for every file a first visit of the login page fetches.
import { test, expect } from "@playwright/test";
import { BASE, raw, record, kib, percentile } from "./lib";
import { logIn } from "../tests/fixtures";

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

// The time from asking for the panel to its first live drawing (hydrated, the feed's first
// snapshot drawn), with an empty cache, on Chromium's network emulation presets (DevTools'
// "Fast 4G" and "Slow 4G": latency, download and upload as DevTools sets them). The median of
// RUNS loads each; the login happens unthrottled beforehand.
const PRESETS = [
  { name: "Fast 4G", latency: 165, download: (9 * 1000 * 1000) / 8 * 0.9, upload: (1.5 * 1000 * 1000) / 8 * 0.9 },
  { name: "Slow 4G", latency: 562.5, download: (1.6 * 1000 * 1000) / 8 * 0.9, upload: (750 * 1000) / 8 * 0.9 },
];
const RUNS = Number(process.env.FIRST_DRAWING_RUNS ?? 5);

test("first live drawing on Fast 4G and Slow 4G", async ({ page }) => {
  test.setTimeout(10 * 60_000);
  await logIn(page);
  await expect(page.locator("svg.panel g.node.joc").first()).toBeVisible();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const figures: Record<string, object> = {};
  for (const p of PRESETS) {
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: p.latency,
      downloadThroughput: p.download,
      uploadThroughput: p.upload,
    });
    const drawn: number[] = [];
    const hydrated: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await page.goto("/", { waitUntil: "commit" });
      const t = await page.waitForFunction(
        () => {
          const w = window as any;
          if (!w.__hydratedAt && document.querySelector('main[data-hydrated="true"]')) w.__hydratedAt = performance.now();
          const svg = document.querySelector("svg.panel");
          const live = svg && Number(svg.getAttribute("data-seq")) > 0 && svg.querySelector("g.node.joc");
          return live && w.__hydratedAt ? { drawn: performance.now(), hydrated: w.__hydratedAt } : null;
        },
        null,
        { polling: "raf", timeout: 120_000 },
      );
      const v = (await t.jsonValue()) as { drawn: number; hydrated: number };
      drawn.push(v.drawn);
      hydrated.push(v.hydrated);
    }
    figures[p.name] = { firstLiveDrawingMs: Math.round(percentile(drawn, 50)), hydratedMs: Math.round(percentile(hydrated, 50)), runs: RUNS };
  }
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  record("first-drawing", figures);
});
