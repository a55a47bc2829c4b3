// Three replicas behind Debian's nginx, sharing Debian's redis-server, reading one simulated
// JOC: a browser watches while the replicas are killed one by one. The panel stays live and
// logged in. Every part is started here on free ports and stopped after (end2end/fleet.ts).
import { test, expect } from "./fixtures";
import { simEvent } from "../sim";
import { Fleet } from "../fleet";

const fleet = new Fleet();

test.beforeAll(async () => {
  test.setTimeout(90_000);
  await fleet.up({ replicas: 3, nginx: true });
});

test.afterAll(() => fleet.down());

test("behind nginx the panel stays live and logged in while replicas die one by one", async ({ page, consoleErrors }, info) => {
  test.setTimeout(120_000);
  // A killed replica ends its open feed mid-stream: nginx cuts the chunked answer and the
  // browser says so before it reconnects.
  consoleErrors.allow(/ERR_INCOMPLETE_CHUNKED_ENCODING/);
  await page.goto(`${fleet.lb}/login`);
  await expect(page.locator('main[data-hydrated="true"]')).toBeVisible();
  await page.locator('input[name="account"]').fill("operator");
  await page.locator('input[name="password"]').fill("operator");
  await page.locator('button[type="submit"]').click();
  const svg = page.locator("svg.panel");
  await expect(svg.locator("g.node.agent")).toHaveCount(3);
  await expect(page.locator("p.status")).toHaveClass(/live/);
  const agent = svg.locator("g.node.agent").first();
  // The reader of JOC first, then another: each time the browser reconnects its feed by
  // itself, nginx sends it to a replica alive, and a replica alive takes the reading over.
  for (const down of [true, false]) {
    const leader = fleet.leader();
    const victim = leader && !leader.child.killed ? leader : fleet.replicas.find((r) => !r.child.killed)!;
    victim.child.kill("SIGKILL");
    await simEvent(fleet.sim, { type: "AgentShutDown", agent: 0, down });
    await expect(agent.locator("rect.tile").first()).toHaveClass(down ? /tone-(bad|warn)/ : /tone-ok/, { timeout: 30_000 });
    await expect(page.locator("p.status")).toHaveClass(/live/, { timeout: 30_000 });
    await expect(page).not.toHaveURL(/login/);
  }
  await page.screenshot({ path: info.outputPath("replicas.png"), fullPage: true });
});
