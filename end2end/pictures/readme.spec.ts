// Takes docs/screenshots/*.png: the healthy cluster, a decoupled cluster, a lost node awaiting
// confirmation, and the dark theme in French with a switch-over under way.
import { test, expect, openPanel, resetSimulator, inject, darkTheme } from "../tests/fixtures";
import { Page } from "@playwright/test";

const DIR = "../docs/screenshots";
const shot = async (page: Page, name: string) =>
  await page.locator("section.panel-card").screenshot({ path: `${DIR}/${name}.png`, animations: "disabled" });

test.beforeEach(async ({ page }) => resetSimulator(page));

test("healthy, decoupled and node loss (English, light)", async ({ page }) => {
  await openPanel(page);
  const tiles = page.locator("svg.panel .tile");
  await expect(page.locator("svg.panel .tile:not(.tone-ok)")).toHaveCount(0);
  await expect(tiles.first()).toBeVisible();
  await shot(page, "healthy");

  await inject(page, { type: "CouplingBroken", broken: true });
  await expect(page.locator("svg.panel g.node.cluster rect.tile")).toHaveClass(/tone-warn/);
  await shot(page, "decoupled");

  await resetSimulator(page);
  await expect(page.locator("svg.panel g.node.cluster")).toHaveAttribute("aria-label", /Coupled/);
  await inject(page, { type: "CrashUnwitnessed" });
  const cluster = page.locator("svg.panel g.node.cluster");
  await expect(cluster).toHaveAttribute("aria-label", /Node loss to be confirmed/);
  await cluster.getByRole("button", { name: /Operations of/ }).click();
  await expect(page.getByRole("menuitem", { name: "Confirm loss of a Controller instance" })).toBeVisible();
  await shot(page, "node-loss");
});

test.describe("French, dark", () => {
  test.use({ locale: "fr-FR" });
  test("the dark theme in French", async ({ page }) => {
    await darkTheme(page);
    await openPanel(page);
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    await inject(page, { type: "NodeReachable", node: 1, reachable: false });
    await expect(page.locator("svg.panel g.node.controller").nth(1).locator("rect.tile")).toHaveClass(/tone-bad/);
    await inject(page, { type: "NodeReachable", node: 1, reachable: true });
    await expect(page.locator("svg.panel g.node.cluster")).toHaveAttribute("aria-label", /Couplé/, { timeout: 30_000 });
    await expect(page.locator(".timeline li")).not.toHaveCount(0);
    await shot(page, "dark-fr");
  });
});
