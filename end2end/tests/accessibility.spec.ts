// No axe violations on any screen of the product, in both themes and in French; every
// rectangle and menu reachable and operable by keyboard alone.
import AxeBuilder from "@axe-core/playwright";
import { Page } from "@playwright/test";
import { test, expect, openPanel, resetSimulator, inject, darkTheme } from "./fixtures";

test.beforeEach(async ({ page }) => resetSimulator(page));

async function noViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const found = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => `${n.target.join(" ")}: ${n.failureSummary}`).join("; ")})`);
  expect(found, what).toEqual([]);
}

for (const dark of [false, true]) {
  test(`no axe violations on the login page, the panel, a menu and a dialog (${dark ? "dark" : "light"})`, async ({ page }) => {
    if (dark) await darkTheme(page);
    await page.goto("/login");
    await expect(page.locator('main[data-hydrated="true"]')).toBeVisible();
    await noViolations(page, "login page");
    await openPanel(page);
    await inject(page, { type: "CouplingBroken", broken: true });
    await expect(page.locator("svg.panel g.node.cluster rect.tile")).toHaveClass(/tone-warn/);
    await noViolations(page, "panel");
    await page.locator("svg.panel g.node.controller").first().getByRole("button", { name: /Operations of/ }).click();
    await expect(page.getByRole("menu")).toBeVisible();
    await noViolations(page, "open menu");
    await page.getByRole("menuitem", { name: "Terminate", exact: true }).click();
    await expect(page.getByRole("dialog")).toBeVisible();
    await noViolations(page, "dialog");
  });
}

test.describe("in French", () => {
  test.use({ locale: "fr-FR" });
  test("no axe violations in French", async ({ page }) => {
    await openPanel(page);
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    await noViolations(page, "panel in French");
  });
});

test("keyboard only: reach a rectangle, open its menu, move with arrows, close with Escape, confirm an operation", async ({ page }) => {
  await openPanel(page);
  const cluster = page.locator("svg.panel g.node.cluster");
  const button = cluster.getByRole("button", { name: /Operations of/ });
  // Tab order reaches every rectangle and its menu button.
  let reached = false;
  for (let i = 0; i < 40 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = await button.evaluate((b) => b === document.activeElement);
  }
  expect(reached, "Tab reaches the cluster's menu button").toBeTruthy();
  await page.keyboard.press("Enter");
  const items = page.getByRole("menuitem");
  await expect(items.first()).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(items.nth(1)).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  await expect(items.last()).toBeFocused();
  await page.keyboard.press("Home");
  await expect(items.first()).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("menu")).toBeHidden();
  await expect(button).toBeFocused();
  // Open again, choose Switch-over with Enter: the dialog takes focus; confirm by keyboard.
  await page.keyboard.press("Enter");
  await expect(items.first()).toBeFocused();
  await expect(items.first()).toHaveAccessibleName("Switch-over");
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByLabel("Reason", { exact: true })).toBeFocused();
  await page.keyboard.type("keyboard only");
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  await expect(page.locator("svg.panel g.node.controller").nth(1)).toHaveAttribute("aria-label", /cluster node active/);
});

test("touch targets are at least 44 px on this screen", async ({ page }) => {
  await openPanel(page);
  const small = async (selector: string) =>
    await page.locator(selector).evaluateAll((els) =>
      els
        .map((e) => ({ e, r: e.getBoundingClientRect() }))
        .filter(({ r }) => r.width > 0 && (r.width < 43.5 || r.height < 43.5))
        .map(({ e, r }) => `${e.outerHTML.slice(0, 60)} ${r.width.toFixed(0)}×${r.height.toFixed(0)}`),
    );
  await expect.poll(() => small("svg.panel .menu-button rect.hit")).toEqual([]);
  expect(await small("button, select")).toEqual([]);
  await page.locator("svg.panel g.node.joc.current").getByRole("button", { name: /Operations of/ }).click();
  expect(await small('[role="menuitem"]')).toEqual([]);
});
