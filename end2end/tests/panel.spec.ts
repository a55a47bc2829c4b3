import { test, expect, openPanel, resetSimulator } from "./fixtures";

test.beforeEach(async ({ page }) => resetSimulator(page));

test("the panel hydrates and draws the healthy cluster live", async ({ page }, info) => {
  await openPanel(page);
  const svg = page.locator("svg.panel");
  await expect(svg.locator("g.node.joc")).toHaveCount(2);
  await expect(svg.locator("g.node.database")).toHaveCount(1);
  await expect(svg.locator("g.node.controller")).toHaveCount(2);
  await expect(svg.locator("g.node.cluster")).toHaveCount(1);
  await expect(svg.locator("g.node.agent")).toHaveCount(3);
  // Healthy: every tile and every line is green, and the status says live.
  await expect(svg.locator(".tile:not(.tone-ok)")).toHaveCount(0);
  await expect(svg.locator(".link:not(.tone-ok)")).toHaveCount(0);
  await expect(page.locator("p.status")).toHaveClass(/live/);
  await expect(svg.locator("g.node.cluster")).toHaveAttribute("aria-label", /Coupled/);
  await expect(svg.locator("g.node.joc.current")).toHaveCount(1);
  await page.screenshot({ path: info.outputPath("healthy.png"), fullPage: true });
});
