// Takes docs/screenshots/*.png: the healthy cluster, a decoupled cluster, a lost node awaiting
// confirmation, and the dark theme in French with a switch-over under way.
import { test, expect, openPanel, resetSimulator, inject, darkTheme, logIn } from "../tests/fixtures";
import { simEvent, simReset } from "../sim";
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

test("the overview on a wall screen, and on a tablet in portrait with its drawing", async ({ page }) => {
  const [fleet, wall, production] = [process.env.FLEET_URL!, process.env.WALL_URL!, process.env.FLEET_SIM_PRODUCTION!];
  await page.setViewportSize({ width: 1920, height: 1080 });
  await logIn(page, "root", "root", wall);
  await expect(page.locator(".overview .tile")).toHaveCount(20);
  await expect(page.locator(".overview .tile:not(.tone-ok)")).toHaveCount(0);
  await page.screenshot({ path: `${DIR}/wall.png`, animations: "disabled" });

  await page.setViewportSize({ width: 768, height: 1024 });
  await simReset(production);
  await logIn(page, "root", "root", fleet);
  await simEvent(production, { type: "AgentConnection", agent: 0, severity: 5, controller: "reports" });
  await expect(page.locator(".overview .tile.tone-warn")).toHaveCount(1);
  await page.screenshot({ path: `${DIR}/overview-tablet.png`, animations: "disabled" });
  await page.locator(".overview .tile.tone-warn").click();
  await expect(page.locator("svg.panel g.node.agent").first()).toBeVisible();
  await page.screenshot({ path: `${DIR}/portrait.png`, animations: "disabled", fullPage: true });
  await simReset(production);
});
