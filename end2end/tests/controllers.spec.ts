import { test, expect, openPanel, resetSimulator, truth, inject } from "./fixtures";

// The embedded JOC has two Controllers: `controller` (the default, a cluster) and `test` (a
// standalone Controller with one Agent), and `tess` has a role for `test` only, as
// playwright.config.ts starts it.

test.beforeEach(async ({ page }) => resetSimulator(page));

const controllers = (page) => page.locator("svg.panel g.node.controller");

test("choosing a Controller: the address follows, the drawing and a bookmark show it", async ({ page }, info) => {
  await openPanel(page);
  const choice = page.getByLabel("Controller ID");
  await expect(choice).toHaveValue("controller");
  await expect(controllers(page)).toHaveCount(2);
  await choice.selectOption("test");
  await expect(page).toHaveURL(/\?controller=test$/);
  await expect(controllers(page)).toHaveCount(1);
  await expect(controllers(page).first()).toContainText("http://test-1:4444");
  await expect(page.locator("svg.panel g.node.agent")).toHaveCount(1);
  await page.screenshot({ path: info.outputPath("test-controller.png") });
  // A bookmark opens that Controller, and this browser remembers the choice.
  await page.goto("/?controller=test");
  await expect(controllers(page).first()).toContainText("http://test-1:4444");
  await page.goto("/");
  await expect(page).toHaveURL(/\?controller=test$/);
  await expect(choice).toHaveValue("test");
  await choice.selectOption("controller");
  await expect(page).toHaveURL(/\?controller=controller$/);
  await expect(controllers(page)).toHaveCount(2);
});

test("an operation on the second Controller reaches it, the first untouched", async ({ page }) => {
  await openPanel(page);
  await page.goto("/?controller=test");
  const test = controllers(page).first();
  await expect(test).toContainText("http://test-1:4444");
  await test.getByRole("button", { name: /Operations of/ }).click();
  await page.getByRole("menuitem", { name: "Terminate", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("test");
  await dialog.getByLabel("Reason", { exact: true }).fill("e2e: the second Controller");
  await dialog.getByRole("button", { name: "Confirm", exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(async () => (await truth(page)).controllers[1].nodes[0].running).toBe(false);
  const state = await truth(page);
  expect(state.nodes.every((n) => n.running)).toBe(true);
});

test("a fault of the second Controller shows in its drawing only", async ({ page }) => {
  await openPanel(page);
  await page.goto("/?controller=test");
  const agent = page.locator("svg.panel g.node.agent").first();
  await expect(agent).toHaveAttribute("aria-label", /coupled/i);
  await inject(page, { type: "AgentShutDown", agent: 0, down: true, controller: "test" });
  await expect(agent).toHaveAttribute("aria-label", /shut ?down/i);
  // The first Controller's drawing, read after the fault, shows none of it.
  await page.goto("/?controller=controller");
  await expect(page.locator("svg.panel g.node.agent")).toHaveCount(3);
  for (const a of await page.locator("svg.panel g.node.agent").all()) {
    await expect(a).toHaveAttribute("aria-label", /coupled/i);
  }
});

test("a user JOC lets see only the second Controller sees that one, without a switch", async ({ page }) => {
  await openPanel(page, "tess");
  // The address names the Controller shown.
  await expect(page).toHaveURL(/\?controller=test$/);
  await expect(controllers(page)).toHaveCount(1);
  await expect(controllers(page).first()).toContainText("http://test-1:4444");
  await expect(page.getByLabel("Controller ID")).toHaveCount(0);
});
