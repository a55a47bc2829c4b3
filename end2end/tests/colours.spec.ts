import { test, expect, openPanel, resetSimulator, inject } from "./fixtures";
import { Locator } from "@playwright/test";

test.beforeEach(async ({ page }) => resetSimulator(page));

const tone = (l: Locator) => l.locator("rect.tile");

test("every colour of the seed follows the live state", async ({ page }, info) => {
  await openPanel(page);
  const svg = page.locator("svg.panel");
  const jocs = svg.locator("g.node.joc");
  const controllers = svg.locator("g.node.controller");
  const cluster = svg.locator("g.node.cluster");

  // Database heartbeats late: yellow JOC → DB lines, tiles stay green.
  await inject(page, { type: "DbDelay", seconds: 45 });
  await expect(svg.locator("polyline.link.tone-warn")).toHaveCount(2, { timeout: 30_000 });
  await expect(tone(jocs.first())).toHaveClass(/tone-ok/);
  await inject(page, { type: "DbDelay", seconds: 0 });
  await expect(svg.locator("polyline.link.tone-warn")).toHaveCount(0, { timeout: 30_000 });

  // Standby JOC stops beating: its tile turns red after 61 s (simulated).
  await inject(page, { type: "JocHeartbeats", joc: 1, beating: false });
  await expect(tone(jocs.nth(1))).toHaveClass(/tone-bad/, { timeout: 30_000 });
  await expect(jocs.nth(1)).toHaveAttribute("aria-label", /status unknown/);
  await resetSimulator(page);

  // Coupling broken while both run: yellow Controller tiles and a yellow cluster line.
  await inject(page, { type: "CouplingBroken", broken: true });
  await expect(tone(controllers.first())).toHaveClass(/tone-warn/);
  await expect(tone(controllers.nth(1))).toHaveClass(/tone-warn/);
  await expect(tone(cluster)).toHaveClass(/tone-warn/);
  await page.screenshot({ path: info.outputPath("decoupled.png"), fullPage: true });
  await resetSimulator(page);

  // Backup unreachable: red backup tile, red JOC → backup lines, red cluster line.
  await inject(page, { type: "NodeReachable", node: 1, reachable: false });
  await expect(tone(controllers.nth(1))).toHaveClass(/tone-bad/);
  await expect(tone(cluster)).toHaveClass(/tone-bad/);
  await expect(svg.locator("polyline.link.tone-bad")).toHaveCount(4);
  await resetSimulator(page);

  // A crash nobody witnessed: loss to be confirmed, red primary.
  await inject(page, { type: "CrashUnwitnessed" });
  await expect(cluster).toHaveAttribute("aria-label", /Node loss to be confirmed, lost node Primary/);
  await expect(tone(controllers.first())).toHaveClass(/tone-bad/);
  await page.screenshot({ path: info.outputPath("node-loss.png"), fullPage: true });
});

test("confirming a node loss requires ticking that the instance was verified down", async ({ page }) => {
  await openPanel(page);
  await inject(page, { type: "CrashUnwitnessed" });
  const cluster = page.locator("svg.panel g.node.cluster");
  await expect(cluster).toHaveAttribute("aria-label", /Node loss to be confirmed/);
  await cluster.getByRole("button", { name: /Operations of/ }).click();
  await page.getByRole("menuitem", { name: "Confirm loss of a Controller instance" }).click();
  const dialog = page.getByRole("dialog");
  const confirm = dialog.getByRole("button", { name: "Confirm" });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(/verified that Controller instance 'Primary' is not running/).check();
  await expect(confirm).toBeEnabled();
  await confirm.click();
  await expect(cluster).toHaveAttribute("aria-label", /Failed over/);
  await expect(page.locator("svg.panel g.node.controller").nth(1)).toHaveAttribute("aria-label", /cluster node active/);
});
