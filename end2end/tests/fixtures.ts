import { test as base, expect, Page } from "@playwright/test";

/// Every test fails on a console error or an uncaught page error.
export const test = base.extend<{ errors: string[] }>({
  errors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(`console: ${m.text()}`);
      });
      page.on("pageerror", (e) => errors.push(`page: ${e.message}`));
      await use(errors);
      expect(errors, "console or page errors").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/// Opens the panel and waits until the wasm has hydrated it and the feed has delivered data.
export async function openPanel(page: Page) {
  await page.goto("/");
  await expect(page.locator('main[data-hydrated="true"]')).toBeVisible();
  await expect(page.locator("svg.panel g.node.joc").first()).toBeVisible();
}
