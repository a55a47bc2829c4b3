// A network link that goes silent mid-stream (no reset, nothing): the panel notices within two
// missed beats, says so, and recovers by itself when the link is back, without a reload.
import { test, expect, logIn, resetSimulator, silentLink } from "./fixtures";

test("a silent network cut is noticed and recovered from without a reload", async ({ page, baseURL, consoleErrors }) => {
  test.setTimeout(90_000);
  // A request sent into the cut gets no answer: the server closes the silent connection after
  // its header time limit, and the browser reports the empty response.
  consoleErrors.allow(/ERR_EMPTY_RESPONSE/);
  await resetSimulator(page);
  const link = await silentLink(Number(new URL(baseURL!).port));
  try {
    await logIn(page, "viewer", "viewer", link.url);
    const status = page.locator("p.status");
    await expect(status).toHaveClass(/live/);
    let loads = 0;
    page.on("load", () => loads++);
    link.cut(true);
    // Two missed beats (5 s each) and a margin: stale within 15 s.
    await expect(status).toHaveClass(/stale/, { timeout: 15_000 });
    await expect(status).toContainText("Reconnecting");
    await expect(page.locator("svg.panel")).toHaveClass(/stale/);
    link.cut(false);
    await expect(status).toHaveClass(/live/, { timeout: 30_000 });
    expect(loads, "no reload").toBe(0);
  } finally {
    link.close();
  }
});
