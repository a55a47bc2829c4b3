import { test, expect, openPanel, resetSimulator, inject } from "./fixtures";

// The drawing reflows to the screen's shape: on every screen of the projects (desktop, tablet
// portrait and landscape) no text of the drawing is under 14 CSS px, nothing overlaps, and the
// drawing is no wider than the page.

test.beforeEach(async ({ page }) => resetSimulator(page));

async function check(page) {
  const facts = await page.evaluate(() => {
    const svg = document.querySelector("svg.panel") as SVGSVGElement;
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    const texts = [...svg.querySelectorAll("g.node text:not(.glyph)")]
      .filter((t) => (t.textContent ?? "").trim() !== "" && (t as SVGGraphicsElement).getBBox().width > 0)
      .map((t) => ({ text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * scale }));
    const boxes = [...svg.querySelectorAll("g.node > rect.frame")].map((r) => {
      const b = r.getBoundingClientRect();
      return { x: b.x, y: b.y, w: b.width, h: b.height };
    });
    return { texts, boxes, svg: svg.getBoundingClientRect().right, page: document.documentElement.clientWidth };
  });
  const smallest = Math.min(...facts.texts.map((t) => t.px));
  expect(smallest, `smallest text: ${JSON.stringify(facts.texts.find((t) => t.px === smallest))}`).toBeGreaterThanOrEqual(14);
  expect(facts.svg).toBeLessThanOrEqual(facts.page);
  for (let i = 0; i < facts.boxes.length; i++)
    for (let j = i + 1; j < facts.boxes.length; j++) {
      const [a, b] = [facts.boxes[i], facts.boxes[j]];
      const apart = a.x + a.w <= b.x + 0.5 || b.x + b.w <= a.x + 0.5 || a.y + a.h <= b.y + 0.5 || b.y + b.h <= a.y + 0.5;
      expect(apart, `rectangles ${i} and ${j} overlap`).toBe(true);
    }
  return facts;
}

test("the drawing reflows: text at least 14 px, nothing overlapping", async ({ page }, info) => {
  await openPanel(page);
  await expect(page.locator("svg.panel g.node.agent")).toHaveCount(3);
  const facts = await check(page);
  expect(facts.boxes.length).toBe(2 + 1 + 2 + 1 + 3);
  // An Agent cluster of Subagents: a taller box, still readable.
  await inject(page, { type: "AgentCluster", agent: 0, subagents: 3 });
  await expect(page.locator("svg.panel g.node.agent").first()).toHaveAttribute("aria-label", /Subagent/i);
  await check(page);
  await page.screenshot({ path: info.outputPath("reflow.png"), fullPage: true });
});

test("a turned tablet reflows the drawing without a reload", async ({ page }) => {
  await openPanel(page);
  const { width, height } = page.viewportSize()!;
  await page.setViewportSize({ width: height, height: width });
  await expect(async () => {
    await check(page);
  }).toPass();
  const placed = async () =>
    await page.locator("svg.panel g.node.controller").evaluateAll((gs) => gs.map((g) => g.getBoundingClientRect().y));
  const [a, b] = await placed();
  // In a column on a tablet in portrait (768 px), side by side from a tablet in landscape up.
  const turned = page.viewportSize()!.width;
  if (turned <= 768) expect(b).toBeGreaterThan(a);
  if (turned >= 1024) expect(b).toBe(a);
});
