import { test, expect, openPanel, resetSimulator } from "./fixtures";
import { gunzipSync } from "zlib";
import { readFileSync } from "fs";

test.beforeEach(async ({ page }) => resetSimulator(page));

test("cluster switch-over: confirm naming the target, then the live status shows it", async ({ page }, info) => {
  await openPanel(page);
  const cluster = page.locator("svg.panel g.node.cluster");
  await expect(cluster).toHaveAttribute("aria-label", /Coupled/);
  await expect(page.locator("svg.panel g.node.controller").first()).toHaveAttribute("aria-label", /cluster node active/);
  await cluster.getByRole("button", { name: /Operations of/ }).click();
  const menu = page.getByRole("menu");
  await expect(menu.getByRole("menuitem", { name: /Confirm loss/ })).toHaveAttribute("aria-disabled", "true");
  await menu.getByRole("menuitem", { name: /^Switch-over/ }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("Controller cluster 'controller'");
  await expect(dialog).toContainText("standby Controller instance becomes the active one");
  await page.screenshot({ path: info.outputPath("confirm-switchover.png") });
  await dialog.getByLabel("Reason").first().fill("planned maintenance");
  await dialog.getByRole("button", { name: "Confirm" }).click();
  await expect(page.locator(".notice.done")).toContainText("JOC Cockpit reports the change");
  // The former standby is active now, and the cluster couples again.
  await expect(page.locator("svg.panel g.node.controller").nth(1)).toHaveAttribute("aria-label", /cluster node active/);
  await expect(cluster).toHaveAttribute("aria-label", /Coupled/);
});

test("a viewer sees no operations", async ({ page }) => {
  await openPanel(page, "viewer");
  await page.locator("svg.panel g.node.cluster").getByRole("button", { name: /Operations of/ }).click();
  await expect(page.getByRole("menu")).toContainText("No operation is open to your account here.");
});

test("logs download as gzip files named as JOC names them", async ({ page }) => {
  await openPanel(page);
  await page.locator("svg.panel g.node.joc.current").getByRole("button", { name: /Operations of/ }).click();
  const [joc] = await Promise.all([page.waitForEvent("download"), page.getByRole("menuitem", { name: "Download Log" }).click()]);
  expect(joc.suggestedFilename()).toBe("joc.log.gz");
  // JOC sends joc.log gzip-encoded: the file is that gzip, unpacked once to the plain log.
  const jocLog = gunzipSync(readFileSync((await joc.path())!));
  expect(jocLog.subarray(0, 2).toString("hex")).not.toBe("1f8b");
  expect(jocLog.toString()).toMatch(/^2026-01-15 /);
  expect(jocLog.toString()).toContain("JocClusterService");
  await page.locator("svg.panel g.node.controller").first().getByRole("button", { name: /Operations of/ }).click();
  const [ctl] = await Promise.all([page.waitForEvent("download"), page.getByRole("menuitem", { name: "Download Log" }).click()]);
  expect(ctl.suggestedFilename()).toBe("controller.log.gz");
  expect(gunzipSync(readFileSync((await ctl.path())!)).toString()).toContain("js7.");
});
