import { test, expect, openPanel, resetSimulator, inject, truth } from "./fixtures";
import type { Locator, Page } from "@playwright/test";

// The 7-day availability strips match the sessions the simulator recorded: every day's hours
// up, down and unknown, to the millisecond, in the browser's time zone (here New York, so that
// the days are not UTC days).

test.use({ timezoneId: "America/New_York" });
test.beforeEach(async ({ page }) => resetSimulator(page));

type Row = { ready: string; shutdown: string | null };
type Span = [number, number];

/// What the rows say, between `from` and `asOf`: up while a session ran to its shutdown (or to
/// now for the last one), unknown for a session that ended without a shutdown, down otherwise.
function periods(rows: Row[], from: number, asOf: number): { up: Span[]; unknown: Span[] } {
  const up: Span[] = [];
  const unknown: Span[] = [];
  rows.forEach((r, i) => {
    const start = Date.parse(r.ready);
    const next = i + 1 < rows.length ? Date.parse(rows[i + 1].ready) : asOf;
    if (r.shutdown) up.push([start, Math.min(Date.parse(r.shutdown), next)]);
    else if (i + 1 === rows.length) up.push([start, asOf]);
    else unknown.push([start, next]);
  });
  const clip = (s: Span[]) => s.map(([a, b]) => [Math.max(a, from), Math.min(b, asOf)] as Span).filter(([a, b]) => a < b);
  return { up: clip(up), unknown: clip(unknown) };
}

function overlap(spans: Span[], a: number, b: number): number {
  return spans.reduce((sum, [s, e]) => sum + Math.max(0, Math.min(e, b) - Math.max(s, a)), 0);
}

/// Checks one box's strip against the rows.
async function checkStrip(page: Page, box: Locator, name: string, rows: Row[]) {
  const strip = box.locator("g.strip");
  const from = Number(await strip.getAttribute("data-from"));
  const asOf = Number(await strip.getAttribute("data-as-of"));
  // The browser's local midnights of the seven days ending today.
  const bounds: number[] = await page.evaluate((t) => {
    const d = new Date(t);
    return [...Array(8).keys()].map((k) => new Date(d.getFullYear(), d.getMonth(), d.getDate() - 6 + k).getTime());
  }, asOf);
  const p = periods(rows, from, asOf);
  const cells = strip.locator("rect.day");
  await expect(cells).toHaveCount(7);
  for (let i = 0; i < 7; i++) {
    const cell = cells.nth(i);
    const [a, b] = [Math.max(bounds[i], from), Math.min(bounds[i + 1], asOf)];
    const span = Math.max(0, b - a);
    const up = span ? overlap(p.up, a, b) : 0;
    const unknown = span ? overlap(p.unknown, a, b) : 0;
    const expected = { start: bounds[i], up, down: span - up - unknown, unknown };
    const shown = {
      start: Number(await cell.getAttribute("data-start")),
      up: Number(await cell.getAttribute("data-up")),
      down: Number(await cell.getAttribute("data-down")),
      unknown: Number(await cell.getAttribute("data-unknown")),
    };
    expect(shown, `${name}, day ${i}`).toEqual(expected);
  }
}

test("the strips match the sessions the simulator recorded", async ({ page }, info) => {
  test.setTimeout(150_000);
  await openPanel(page);
  await expect(page.locator("svg.panel g.node.cluster g.strip rect.day")).toHaveCount(7);
  // Agent 2 shuts down, then starts again: today gets its downtime.
  await inject(page, { type: "AgentShutDown", agent: 1, down: true });
  await page.waitForTimeout(1500);
  await inject(page, { type: "AgentShutDown", agent: 1, down: false });
  const todayOfAgent2 = page.locator("svg.panel g.node.agent").nth(1).locator("rect.day").nth(6);
  await expect.poll(async () => Number(await todayOfAgent2.getAttribute("data-down")), { timeout: 40_000 }).toBeGreaterThan(0);

  // The board shows the history of its last read of JOC (every minute, and after changes);
  // the simulator's reset before this test rewrote its made-up past, which a real JOC never
  // does, so a read from before the reset may still be shown for up to a minute: the strips
  // must match the simulator's sessions once a read after the reset arrived.
  await expect(async () => {
    const t = await truth(page);
    const ctl = t.controllers[0];
    await checkStrip(page, page.locator("svg.panel g.node.cluster"), "the cluster", ctl.history);
    for (let a = 0; a < 3; a++) {
      await checkStrip(page, page.locator("svg.panel g.node.agent").nth(a), `Agent ${a + 1}`, ctl.agents[a].history);
    }
  }).toPass({ timeout: 75_000 });

  // Colours and words: the second Agent's crash three days ago is unknown, today it was down.
  const title = await todayOfAgent2.locator("title").textContent();
  expect(title).toMatch(/^\w{3} \d{1,2} \w{3}: up [\d.]+ h, down [\d.]+ h$/);
  await expect(todayOfAgent2).toHaveClass(/tone-(warn|bad)/);
  await expect(page.locator("svg.panel g.node.cluster .strip-share")).toHaveText(/^\d{1,3}\.\d %$/);
  await page.locator("svg.panel g.node.cluster").hover();
  await expect(page.locator(".details")).toContainText("Last 7 days:");
  await page.screenshot({ path: info.outputPath("availability.png"), fullPage: true });
});

test("a standalone Controller carries the strip in its own box", async ({ page }) => {
  await openPanel(page);
  await page.goto("/?controller=test");
  const box = page.locator("svg.panel g.node.controller");
  await expect(box).toHaveCount(1);
  await expect(box.locator("g.strip rect.day")).toHaveCount(7);
  const t = await truth(page);
  await checkStrip(page, box, "the standalone Controller", t.controllers[1].history);
});
