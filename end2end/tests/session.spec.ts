import { test, expect, logIn, openPanel, resetSimulator } from "./fixtures";

test.beforeEach(async ({ page }) => resetSimulator(page));

test("the panel asks for a login first and logs out again", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
  await logIn(page, "viewer");
  await expect(page.locator(".user-bar .account")).toHaveText("viewer");
  await expect(page.locator("svg.panel g.node.controller")).toHaveCount(2);
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
});

test("a wrong password is refused with JOC's reason", async ({ page, consoleErrors }) => {
  consoleErrors.allow(/status of 401/);
  await page.goto("/login");
  await expect(page.locator('main[data-hydrated="true"]')).toBeVisible();
  await page.getByLabel("Account").fill("root");
  await page.getByLabel("Password").fill("wrong");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("alert")).toContainText("refused the account or password");
  await expect(page).toHaveURL(/\/login$/);
});

test("an account name JOC cannot be sent is refused in words, before JOC is asked", async ({ page, consoleErrors }) => {
  consoleErrors.allow(/status of 400/);
  await page.goto("/login");
  await expect(page.locator('main[data-hydrated="true"]')).toBeVisible();
  await page.getByLabel("Account").fill("root:admin");
  await page.getByLabel("Password").fill("root");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("alert")).toContainText("an account name has no colon (:)");
  await expect(page).toHaveURL(/\/login$/);
});

test("the live feed is closed to anyone not logged in", async ({ request }) => {
  const feed = await request.get("/api/feed");
  expect(feed.status()).toBe(401);
});

test("when the session ends elsewhere, the panel returns to the login page and says why", async ({ page, consoleErrors }) => {
  // The refused feed reconnection shows up as a failed request in the console.
  consoleErrors.allow(/401|event-stream|EventSource/);
  await logIn(page, "viewer");
  await expect(page.locator("svg.panel g.node.joc").first()).toBeVisible();
  // Log out through the API with the page's cookie, as another tab would.
  await page.request.post("/api/log_out");
  await expect(page).toHaveURL(/\/login\?expired=1$/, { timeout: 30_000 });
  await expect(page.getByRole("alert")).toContainText("Your session has ended");
});

test("the dark theme is one click away and remembered", async ({ page }, info) => {
  await logIn(page, "root");
  await expect(page.locator("svg.panel g.node.joc").first()).toBeVisible();
  await page.getByRole("button", { name: "Dark theme" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await page.screenshot({ path: info.outputPath("dark.png"), fullPage: true });
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await expect(page.locator('main[data-hydrated="true"]')).toBeVisible();
  await page.getByRole("button", { name: "Light theme" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
});

test("a user active in the page keeps the session alive; the check is at most once a minute", async ({ page }) => {
  await page.clock.install();
  await openPanel(page, "viewer");
  const checks: string[] = [];
  page.on("request", (r) => {
    if (r.url().endsWith("/api/current_user")) checks.push(r.url());
  });
  await page.mouse.move(100, 100);
  await page.mouse.move(120, 140);
  await page.waitForTimeout(300);
  expect(checks, "no check within the first minute").toHaveLength(0);
  await page.clock.fastForward(61_000);
  const checked = page.waitForRequest((r) => r.url().endsWith("/api/current_user"));
  await page.mouse.move(200, 200);
  await checked;
  await page.mouse.move(220, 240);
  await page.keyboard.press("Shift");
  await page.waitForTimeout(300);
  expect(checks).toHaveLength(1);
  await expect(page.locator("svg.panel")).toBeVisible();
});
