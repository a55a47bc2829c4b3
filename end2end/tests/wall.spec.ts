import { test, expect, logIn } from "./fixtures";

// The third server of playwright.config.ts: five simulated installations of four Controllers
// each (end2end/wall.toml). Each test sets its own screen, so it runs in the desktop project
// only.
const WALL = process.env.WALL_URL!;

for (const view of [
  { name: "wall screen", width: 1920, height: 1080, minName: 32 },
  { name: "tablet portrait", width: 768, height: 1024, minName: 18 },
]) {
  test(`five installations of four Controllers on a ${view.name}: every tile readable, none overlapping`, async ({ page }, info) => {
    await page.setViewportSize({ width: view.width, height: view.height });
    await logIn(page, "root", "root", WALL);
    const tiles = page.locator(".overview .tile");
    await expect(tiles).toHaveCount(20);
    await expect(page.locator(".overview .tile.tone-idle")).toHaveCount(0);
    const boxes = [];
    for (const t of await tiles.all()) {
      const box = (await t.boundingBox())!;
      boxes.push(box);
      const size = await t.locator(".tile-name").evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
      expect(size).toBeGreaterThanOrEqual(view.minName);
      const small = await t.locator(".tile-count").evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
      expect(small).toBeGreaterThanOrEqual(14);
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(view.width);
    }
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i], boxes[j]];
        const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        expect(apart, `tiles ${i} and ${j} overlap`).toBe(true);
      }
    if (view.width === 1920) {
      // All of it on one screen, no scrolling.
      const bottom = Math.max(...boxes.map((b) => b.y + b.height));
      expect(bottom).toBeLessThanOrEqual(view.height);
    }
    await page.screenshot({ path: info.outputPath(`wall-${view.width}.png`) });
  });
}
