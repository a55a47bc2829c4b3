import { test as base, expect, Page } from "@playwright/test";
import { simEvent, simReset, simTruth } from "../sim";

/// Console errors a test expects (a refused request the browser reports), matched by pattern.
export class ConsoleErrors {
  seen: string[] = [];
  allowed: RegExp[] = [];
  allow(pattern: RegExp) {
    this.allowed.push(pattern);
  }
  unexpected() {
    return this.seen.filter((e) => !this.allowed.some((p) => p.test(e)));
  }
}

/// Every test fails on a console error or an uncaught page error it did not announce.
export const test = base.extend<{ consoleErrors: ConsoleErrors }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors = new ConsoleErrors();
      page.on("console", (m) => {
        if (m.type() === "error") errors.seen.push(`console: ${m.text()}`);
      });
      page.on("pageerror", (e) => errors.seen.push(`page: ${e.message}`));
      await use(errors);
      expect(errors.unexpected(), "console or page errors").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/// The embedded simulator's control path (fault injection, reset).
export const SIM = process.env.SIM_URL ?? "http://127.0.0.1:14600";

/// Puts the simulator back into its healthy start state (optionally with a fail-over that
/// awaits confirmation).
export async function resetSimulator(_page: Page, options: { requireFailoverConfirmation?: boolean } = {}) {
  await simReset(SIM, options);
}

/// The simulator's truth (`GET /sim/state`).
export async function truth(_page: Page) {
  return await simTruth(SIM);
}

/// Injects a fault (see docs/simulator.md).
export async function inject(_page: Page, event: object) {
  await simEvent(SIM, event);
}

/// Logs in on the login page (after hydration, so the form is handled by the app), in
/// whatever language the page speaks.
export async function logIn(page: Page, account = "root", password = account, base = "") {
  await page.goto(`${base}/login`);
  await expect(page.locator('main[data-hydrated="true"]')).toBeVisible();
  await page.locator('input[name="account"]').fill(account);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  // The panel, perhaps with the Controller it shows in the address.
  await expect(page).toHaveURL(/\/(\?controller=[^&]+)?$/);
}

/// Starts every page of the test in the dark theme.
export async function darkTheme(page: Page) {
  await page.addInitScript(() => localStorage.setItem("js7-theme", "dark"));
}

/// Logs in, opens the panel and waits until the wasm has hydrated it and the feed has
/// delivered data.
export async function openPanel(page: Page, account = "root") {
  await logIn(page, account);
  await expect(page.locator('main[data-hydrated="true"]')).toBeVisible();
  await expect(page.locator("svg.panel g.node.joc").first()).toBeVisible();
}

/// A TCP relay in front of the server that can go silent: while cut, bytes are dropped in both
/// directions without closing anything, as a dead network link does.
export async function silentLink(targetPort: number) {
  const net = await import("net");
  let cut = false;
  const sockets: import("net").Socket[] = [];
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, "127.0.0.1");
    client.on("data", (d) => cut || upstream.write(d));
    upstream.on("data", (d) => cut || client.write(d));
    for (const [a, b] of [
      [client, upstream],
      [upstream, client],
    ]) {
      a.on("error", () => {});
      a.on("close", () => b.destroy());
    }
    sockets.push(client, upstream);
  });
  const port = await new Promise<number>((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve((server.address() as import("net").AddressInfo).port)),
  );
  return {
    url: `http://127.0.0.1:${port}`,
    cut: (on: boolean) => (cut = on),
    close: () => {
      sockets.forEach((s) => s.destroy());
      server.close();
    },
  };
}
