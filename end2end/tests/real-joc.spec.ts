import { test, expect, openPanel, resetSimulator, inject, truth, SIM } from "./fixtures";

// What a real JOC Cockpit 2.8 sends where its schemas promise otherwise
// (docs/joc-conformance.md), seen on the panel.

test.beforeEach(async ({ page }) => resetSimulator(page));

test("a dead Agent that JOC still calls COUPLED is red, and an Agent cluster shows its Subagents", async ({ page }, info) => {
  await openPanel(page);
  const agents = page.locator("svg.panel g.node.agent");
  await expect(agents).toHaveCount(3);

  await inject(page, { type: "AgentConnection", agent: 1, severity: 2 });
  await expect(agents.nth(1).locator("rect.tile").first()).toHaveClass(/tone-bad/);
  await expect(agents.nth(1)).toHaveAttribute("aria-label", "Agent agent-2: coupled, connection failed");
  await expect(page.locator("svg.panel polyline.link.tone-bad")).toHaveCount(1);

  await inject(page, { type: "AgentCluster", agent: 0, subagents: 3 });
  await inject(page, { type: "SubagentShutDown", agent: 0, subagent: 2, down: true });
  const cluster = agents.first();
  await expect(cluster.locator("g.subagent")).toHaveCount(3);
  await expect(cluster.locator("g.subagent rect.tone-bad")).toHaveCount(1);
  await expect(cluster).toHaveAttribute("aria-label", /Subagent agent-1-sub3: shut down/);
  // Running, but not all of its Subagents are: yellow.
  await expect(cluster.locator("rect.tile").first()).toHaveClass(/tone-warn/);
  await expect(agents).toHaveCount(3, { timeout: 1_000 });
  await page.screenshot({ path: info.outputPath("agents.png"), fullPage: true });
});

test("Controller instances JOC has never reached are drawn, and the board stays live", async ({ page }, info) => {
  await page.request.post(`${SIM}/sim/reset`, {
    data: {
      events: [
        { type: "NodeReachable", node: 0, reachable: false },
        { type: "NodeReachable", node: 1, reachable: false },
      ],
    },
  });
  await openPanel(page);
  const controllers = page.locator("svg.panel g.node.controller");
  await expect(controllers.first().locator("rect.tile").first()).toHaveClass(/tone-bad/);
  await expect(controllers.nth(1)).toHaveAttribute("aria-label", /status unknown/);
  // JOC leaves surveyDate and the instances' platform out: nothing there is an error.
  await expect(page.locator(".status.live")).toBeVisible();
  await page.waitForTimeout(3_000);
  await expect(page.locator(".status.live")).toBeVisible();
  await expect(page.locator("svg.panel.stale")).toHaveCount(0);
  await page.screenshot({ path: info.outputPath("never-reached.png"), fullPage: true });
  // Reached at last: green again, and the platform shows in the details.
  await inject(page, { type: "NodeReachable", node: 0, reachable: true });
  await inject(page, { type: "NodeReachable", node: 1, reachable: true });
  await expect(controllers.first().locator("rect.tile").first()).toHaveClass(/tone-ok/, { timeout: 30_000 });
  await expect(controllers.first().locator("desc")).toContainText("Linux amd64");
});

test("the board keeps one JOC session and does not log in again and again", async ({ page }) => {
  await openPanel(page);
  const before = await truth(page);
  await page.waitForTimeout(5_000);
  const after = await truth(page);
  const logins = (s: any) => s.requests["/joc/api/authentication/login"] ?? 0;
  // The feed's session stays; this test's own login opened the user's sessions before.
  expect(logins(after) - logins(before)).toBe(0);
  expect(after.openSessions).toBeLessThanOrEqual(before.openSessions);
});

/// Opens the ⋯ menu of `target`, chooses `item` and confirms with a reason.
async function operate(page: import("@playwright/test").Page, target: import("@playwright/test").Locator, item: string) {
  await target.getByRole("button", { name: /^Operations of/ }).click();
  await page.getByRole("menuitem", { name: item, exact: true }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Reason", { exact: true }).fill(`e2e: ${item}`);
  await dialog.getByRole("button", { name: "Confirm", exact: true }).click();
  await expect(dialog).toBeHidden();
}

test("a JOC switch-over that JOC takes 90 s to answer is shown pending, then done", async ({ page }, info) => {
  await openPanel(page);
  // JOC stops every service before it answers: 90 s (4.5 s at the tests' speed).
  await inject(page, { type: "JocServicesStopTime", seconds: 90 });
  const standby = page.locator("svg.panel g.node.joc").nth(1);
  await operate(page, standby, "Switch-over");
  const busy = standby.locator("text.busy-text");
  await expect(busy).toContainText("awaiting JOC");
  await expect(busy).toContainText(/[1-9] s$/);
  await page.screenshot({ path: info.outputPath("pending.png"), fullPage: true });
  await expect(standby).toHaveAttribute("aria-label", /cluster node active/, { timeout: 60_000 });
  await expect(page.locator(".notice.failed")).toHaveCount(0);
  await expect.poll(async () => (await truth(page)).activeJoc).toBe(1);
});

test("a cluster switch-over the Controller refuses after JOC accepted it shows JOC's words", async ({ page, consoleErrors }) => {
  // The refusal is the operation's answer (422), which the browser also reports in its console.
  consoleErrors.allow(/status of 422/);
  await openPanel(page);
  const refusal = "BadRequestError: ClusterSwitchOverRefused: the passive node is not ready";
  await inject(page, { type: "ControllerRefusesSwitchOver", message: refusal });
  await operate(page, page.locator("svg.panel g.node.cluster"), "Switch-over");
  await expect(page.locator(".notice.failed")).toContainText("the passive node is not ready");
  await expect(page.locator("svg.panel g.node.controller").first()).toHaveAttribute("aria-label", /cluster node active/);
  expect((await truth(page)).activeNode).toBe(0);
});

test("each JOC Cockpit instance's URL opens it in a new tab", async ({ page }) => {
  await openPanel(page);
  const jocs = (await truth(page)).jocs as { url: string }[];
  for (const [i, joc] of jocs.entries()) {
    const link = page.locator("svg.panel g.node.joc").nth(i).getByRole("link");
    await expect(link).toHaveAttribute("href", joc.url);
    await expect(link).toHaveAttribute("target", "_blank");
    await expect(link).toHaveAccessibleName(`Open JOC Cockpit at ${joc.url} in a new tab`);
  }
  // The new tab asks for that instance's address (answered here: no JOC Cockpit GUI runs).
  const host = new URL(jocs[1].url).host;
  await page.context().route((url) => url.host === host, (route) => route.fulfill({ body: "JOC Cockpit" }));
  const [tab] = await Promise.all([
    page.context().waitForEvent("page"),
    page.locator("svg.panel g.node.joc").nth(1).getByRole("link").click(),
  ]);
  await expect.poll(() => tab.url()).toContain(host);
  await expect(tab.locator("body")).toHaveText("JOC Cockpit");
  await tab.close();
});
