import { test, expect, logIn } from "./fixtures";
import { simEvent, simReset } from "../sim";

// The second server of playwright.config.ts, started as a new user starts the board: two
// simulated installations, "production" (a JOC cluster, Controllers `jobs` and `reports`) and
// "test" (one JOC, a standalone Controller `test`; the account `tester` exists there only).
const FLEET = process.env.FLEET_URL!;
const PRODUCTION = process.env.FLEET_SIM_PRODUCTION!;
const TEST = process.env.FLEET_SIM_TEST!;

const line = (page, name: string) => page.locator("section.installation", { has: page.getByRole("heading", { name, exact: true }) });
const tile = (page, installation: string, id: string) => line(page, installation).getByRole("link", { name: new RegExp(`^${id} `) });

test.beforeEach(async () => {
  await fetch(`${TEST}/sim/http`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  await simReset(PRODUCTION);
  await simReset(TEST);
});

test("the overview shows every installation; a tile opens its drawing, by click or Enter", async ({ page }, info) => {
  await logIn(page, "root", "root", FLEET);
  await expect(page).toHaveURL(`${FLEET}/`);
  await expect(page.getByRole("heading", { name: "All installations" })).toBeVisible();
  await expect(page.locator("section.installation h2")).toHaveText(["production", "test"]);
  for (const [i, id] of [["production", "jobs"], ["production", "reports"], ["test", "test"]]) {
    await expect(tile(page, i, id)).toHaveClass(/tone-ok/);
    await expect(tile(page, i, id)).toContainText(/all \d+ healthy/);
  }
  await page.screenshot({ path: info.outputPath("overview.png"), fullPage: true });
  await tile(page, "production", "reports").click();
  await expect(page).toHaveURL(`${FLEET}/?installation=production&controller=reports`);
  await expect(page.locator("svg.panel g.node.controller")).toHaveCount(2);
  await expect(page.getByLabel("Controller ID")).toHaveValue("reports");
  await expect(page.locator(".user-bar .installation-name")).toHaveText("production");
  // Back to the overview from the bar, then the keyboard.
  await page.locator(".user-bar").getByRole("link", { name: "All installations" }).click();
  await expect(page).toHaveURL(`${FLEET}/`);
  await tile(page, "test", "test").focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(`${FLEET}/?installation=test&controller=test`);
  await expect(page.locator("svg.panel g.node.controller")).toHaveCount(1);
  await expect(page.locator("svg.panel g.node.controller").first()).toContainText("Controller ID: test");
});

test("faults in one Controller of one installation turn its tile yellow, then red; the others stay", async ({ page }) => {
  await logIn(page, "root", "root", FLEET);
  const reports = tile(page, "production", "reports");
  await expect(reports).toHaveClass(/tone-ok/);
  await simEvent(PRODUCTION, { type: "AgentConnection", agent: 0, severity: 5, controller: "reports" });
  await expect(reports).toHaveClass(/tone-warn/);
  await expect(reports).toContainText(/1 of \d+ not healthy/);
  await simEvent(PRODUCTION, { type: "AgentShutDown", agent: 1, down: true, controller: "reports" });
  await expect(reports).toHaveClass(/tone-bad/);
  await expect(reports).toContainText(/2 of \d+ not healthy/);
  await expect(tile(page, "production", "jobs")).toHaveClass(/tone-ok/);
  await expect(tile(page, "test", "test")).toHaveClass(/tone-ok/);
  // The test installation's JOC stops answering: its tile looks stale, the others do not.
  await fetch(`${TEST}/sim/http`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"status":503}' });
  await expect(tile(page, "test", "test")).toHaveClass(/stale/, { timeout: 40_000 });
  await expect(tile(page, "test", "test")).toContainText(/stale since/);
  await expect(tile(page, "production", "jobs")).not.toHaveClass(/stale/);
});

test("a user let into one installation sees only that one, and may log in to the other", async ({ page, consoleErrors }) => {
  // The board asks for the user in production, and is told the user is not in it.
  consoleErrors.allow(/status of 403/);
  await logIn(page, "tester", "tester", FLEET);
  await expect(line(page, "test").getByRole("link")).toHaveCount(1);
  await expect(line(page, "production")).toContainText("JOC Cockpit refused your account here.");
  await expect(line(page, "production").locator(".tile")).toHaveCount(0);
  await line(page, "production").getByRole("link", { name: "Log in to production" }).click();
  await expect(page).toHaveURL(`${FLEET}/?installation=production`);
  await expect(page.getByRole("heading", { name: "Log in to production" })).toBeVisible();
  await page.locator('input[name="account"]').fill("viewer");
  await page.locator('input[name="password"]').fill("viewer");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.locator("svg.panel g.node.joc")).toHaveCount(2);
  await expect(page.locator(".user-bar .account")).toHaveText("viewer");
  await page.goto(`${FLEET}/`);
  await expect(line(page, "production").getByRole("link")).toHaveCount(2);
});

