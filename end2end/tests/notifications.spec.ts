import { test, expect, openPanel, resetSimulator, inject } from "./fixtures";

// Opt-in browser notifications: with the permission granted and the toggle on, a Controller
// instance turning red raises one notification naming it and what changed, once per change;
// the choice outlives a reload.

test.beforeEach(async ({ page, context }) => {
  await context.grantPermissions(["notifications"]);
  // Records every notification the page creates (the browser shows it too).
  await page.addInitScript(() => {
    const seen: { title: string; body?: string; tag?: string }[] = [];
    (window as any).__notes = seen;
    const Real = window.Notification;
    class Recording extends Real {
      constructor(title: string, options?: NotificationOptions) {
        seen.push({ title, body: options?.body, tag: options?.tag });
        super(title, options);
      }
    }
    Object.defineProperty(Recording, "permission", { get: () => Real.permission });
    (Recording as any).requestPermission = () => Real.requestPermission();
    (window as any).Notification = Recording;
  });
  await resetSimulator(page);
});

const notes = (page) => page.evaluate(() => (window as any).__notes as { title: string; body?: string }[]);

test("a Controller instance turning red raises one notification", async ({ page }) => {
  await openPanel(page);
  const toggle = page.locator("button.notify-toggle");
  await expect(toggle).toHaveText("Notifications: off");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await expect(toggle).toHaveText("Notifications: on");

  // JOC loses its connection to the primary Controller instance: red.
  await inject(page, { type: "NodeReachable", node: 0, reachable: false });
  const red = (n: { title: string }) => n.title === "controller: Controller PRIMARY CONTROLLER is red";
  await expect.poll(async () => (await notes(page)).filter(red).length, { timeout: 15_000 }).toBe(1);
  const note = (await notes(page)).find(red)!;
  expect(note.body).toContain("Controller PRIMARY CONTROLLER: operational →");
  // More snapshots while it stays red: no second notification.
  await page.waitForTimeout(4000);
  expect((await notes(page)).filter(red).length).toBe(1);

  await page.reload();
  await expect(page.locator("button.notify-toggle")).toHaveAttribute("aria-pressed", "true");
});

test("without the toggle nothing is shown", async ({ page }) => {
  await openPanel(page);
  await inject(page, { type: "NodeReachable", node: 0, reachable: false });
  await expect(page.locator("svg.panel g.node.controller").first()).toHaveAttribute("aria-label", /failed or unknown/);
  await page.waitForTimeout(2000);
  expect(await notes(page)).toEqual([]);
});
