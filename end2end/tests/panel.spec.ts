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

test("the timeline lists changes and operations as they happen, newest first, and keeps them", async ({ page }) => {
  await openPanel(page);
  const timeline = page.getByRole("region", { name: "Recent changes" });
  await page.request.post(`${process.env.SIM_URL}/sim/event`, { data: { type: "CouplingBroken", broken: true } });
  await expect(timeline.locator("li").first()).toContainText(/Controller cluster: Coupled → |Controller .*: /);
  await expect(timeline).toContainText("Controller cluster: Coupled →");
  await page.request.post(`${process.env.SIM_URL}/sim/event`, { data: { type: "AgentShutDown", agent: 0, down: true } });
  await expect(timeline.locator("li").first()).toContainText("Agent agent-1: coupled → shut down");
  await expect(timeline.locator("li time").first()).toHaveText(/^\d\d:\d\d:\d\d$/);
  // An operation made through the board: who, what, how JOC answered, with the reason. JOC
  // refuses a switch-over of a cluster that is not coupled.
  const op = await page.request.post("/api/ops/perform", { data: { op: "ClusterSwitchOver", audit: { comment: "planned maintenance" } } });
  expect(op.ok()).toBe(false);
  const entry = timeline.locator("li.operation").first();
  await expect(entry).toHaveText(/^\d\d:\d\d:\d\d root: Switch-over \(Controller cluster\): refused: .+ · reason: planned maintenance$/);
  // The server keeps them: a reload shows them again.
  await page.reload();
  await expect(timeline.locator("li.operation").first()).toHaveText(/root: Switch-over \(Controller cluster\): refused: /);
  await expect(timeline).toContainText("Agent agent-1: coupled → shut down");
});

test("details show on keyboard focus and on hover", async ({ page }) => {
  await openPanel(page);
  const details = page.locator("p.details");
  await page.locator("svg.panel g.node.controller").first().focus();
  await expect(details).toContainText(/^Controller PRIMARY CONTROLLER · URL: http:\/\/controller1:4444 · Version: .+ · Started at: /);
  await page.locator("svg.panel g.node.joc").nth(1).hover();
  await expect(details).toContainText(/^JOC Cockpit SECONDARY JOC · Version: .+ · Last heartbeat: /);
});
