// Every operation of the seed, end to end through the simulator: the state before, the
// confirmation naming its target and consequence, and the state after as the live panel and the
// simulator's truth show it. Each runs in English with the light theme and in French with the
// dark theme.
import { test, expect, openPanel, resetSimulator, inject, truth, darkTheme } from "./fixtures";
import { Locator, Page } from "@playwright/test";
import { W, Lang } from "./operation-words";

type Words = (typeof W)["en"];
const svg = (p: Page) => p.locator("svg.panel");
const joc = (p: Page, i: number) => svg(p).locator("g.node.joc").nth(i);
const controller = (p: Page, k: number) => svg(p).locator("g.node.controller").nth(k);
const cluster = (p: Page) => svg(p).locator("g.node.cluster");

/// The simulator's count of a service's restarts or runs.
const served = async (p: Page, key: string) => ((await truth(p)).services[key] ?? 0) as number;
const running = async (p: Page, node: number) => (await truth(p)).nodes[node].running as boolean;

interface Row {
  name: string;
  target: (p: Page) => Locator;
  item: (w: Words) => string;
  /// Prepares the state; what it returns is handed to `after`.
  setup?: (p: Page, w: Words) => Promise<unknown>;
  /// Before: what the panel shows.
  before?: (p: Page, w: Words) => Promise<void>;
  /// What the dialog must say besides the operation's name.
  says?: (w: Words) => string | RegExp;
  /// The dialog is the URL dialog.
  url?: boolean;
  /// The dialog asks to tick the verification.
  verify?: boolean;
  after: (p: Page, w: Words, prepared: unknown) => Promise<void>;
}

const ROWS: Row[] = [
  {
    name: "JOC Cockpit switch-over",
    target: (p) => joc(p, 1),
    item: (w) => w.item.switchOver,
    before: async (p, w) => await expect(joc(p, 1)).toHaveAttribute("aria-label", w.standby),
    says: () => /20.*60/,
    after: async (p, w) => {
      await expect(joc(p, 1)).toHaveAttribute("aria-label", w.active, { timeout: 30_000 });
      await expect.poll(async () => (await truth(p)).activeJoc).toBe(1);
    },
  },
  {
    name: "remove a dead standby JOC Cockpit from the inventory",
    target: (p) => joc(p, 1),
    item: (w) => w.item.remove,
    setup: async (p) => await inject(p, { type: "JocHeartbeats", joc: 1, beating: false }),
    // No heartbeat for over a minute: 3 s at the tests' speed.
    before: async (p, w) => await expect(joc(p, 1)).toHaveAttribute("aria-label", w.unknown, { timeout: 15_000 }),
    says: (w) => w.registers,
    after: async (p) => {
      await expect(svg(p).locator("g.node.joc")).toHaveCount(1);
      await expect.poll(async () => (await truth(p)).jocs[1].removed).toBe(true);
      await expect(p.locator(".notice.failed")).toHaveCount(0);
    },
  },
  {
    name: "update the URL shown",
    target: (p) => joc(p, 1),
    item: (w) => w.item.updateUrl,
    url: true,
    after: async (p) => await expect(joc(p, 1)).toContainText("https://joc-b.example.com"),
  },
  ...(
    [
      ["restart all services", (w: Words) => w.item.restartServices, "restart:cluster"],
      ["restart the History Service", (w: Words) => w.item.restartHistory, "restart:history"],
      ["restart the Proxy Service", (w: Words) => w.item.restartProxy, "proxies"],
      ["run the Daily Plan Service", (w: Words) => w.item.runDailyPlan, "run:dailyplan"],
    ] as const
  ).map(
    ([name, item, key]): Row => ({
      name,
      target: (p) => joc(p, 0),
      item,
      setup: (p) => served(p, key),
      after: async (p, _w, before) => {
        await expect.poll(() => served(p, key)).toBe((before as number) + 1);
        await expect(p.locator(".notice.done")).toBeVisible();
      },
    }),
  ),
  {
    name: "terminate the active Controller with switch-over",
    target: (p) => controller(p, 0),
    item: (w) => w.item.terminateWith,
    before: async (p, w) => await expect(controller(p, 0)).toHaveAttribute("aria-label", w.active),
    after: async (p, w) => {
      await expect(controller(p, 1)).toHaveAttribute("aria-label", w.active);
      await expect.poll(() => running(p, 0)).toBe(false);
    },
  },
  {
    name: "terminate the active Controller without switch-over",
    target: (p) => controller(p, 0),
    item: (w) => w.item.terminate,
    says: (w) => w.noActive,
    after: async (p, w) => {
      await expect.poll(() => running(p, 0)).toBe(false);
      await expect(controller(p, 0)).toHaveAttribute("aria-label", w.unknown);
    },
  },
  {
    name: "terminate and restart the active Controller with switch-over",
    target: (p) => controller(p, 0),
    item: (w) => w.item.restartWith,
    after: async (p, w) => {
      await expect(controller(p, 1)).toHaveAttribute("aria-label", w.active);
      await expect(controller(p, 0)).toHaveAttribute("aria-label", w.standby, { timeout: 30_000 });
    },
  },
  {
    name: "terminate and restart the active Controller",
    target: (p) => controller(p, 0),
    item: (w) => w.item.restart,
    after: async (p, w) => {
      await expect.poll(async () => (await truth(p)).audit.length).toBeGreaterThan(0);
      await expect(controller(p, 0)).toHaveAttribute("aria-label", w.active, { timeout: 30_000 });
      await expect.poll(() => running(p, 0)).toBe(true);
    },
  },
  {
    name: "abort the active Controller",
    target: (p) => controller(p, 0),
    item: (w) => w.item.abort,
    says: (w) => w.failsOver,
    after: async (p, w) => {
      await expect(controller(p, 1)).toHaveAttribute("aria-label", w.active);
      await expect.poll(() => running(p, 0)).toBe(false);
    },
  },
  {
    name: "abort and restart the active Controller",
    target: (p) => controller(p, 0),
    item: (w) => w.item.abortRestart,
    after: async (p, w) => {
      await expect(controller(p, 1)).toHaveAttribute("aria-label", w.active);
      await expect(controller(p, 0)).toHaveAttribute("aria-label", w.standby, { timeout: 30_000 });
    },
  },
  {
    name: "terminate the standby Controller",
    target: (p) => controller(p, 1),
    item: (w) => w.item.terminate,
    before: async (p, w) => await expect(controller(p, 1)).toHaveAttribute("aria-label", w.standby),
    after: async (p, w) => {
      await expect.poll(() => running(p, 1)).toBe(false);
      await expect(cluster(p)).not.toHaveAttribute("aria-label", w.coupled);
      await expect(controller(p, 0)).toHaveAttribute("aria-label", w.active);
    },
  },
  {
    name: "switch over the Controller cluster",
    target: cluster,
    item: (w) => w.item.switchOver,
    before: async (p, w) => await expect(cluster(p)).toHaveAttribute("aria-label", w.coupled),
    after: async (p, w) => await expect(controller(p, 1)).toHaveAttribute("aria-label", w.active),
  },
  {
    name: "confirm the loss of a Controller instance",
    target: cluster,
    item: (w) => w.item.confirmLoss,
    setup: async (p) => await inject(p, { type: "CrashUnwitnessed" }),
    before: async (p) => await expect(cluster(p)).toHaveAttribute("aria-label", /NodeLoss|Node loss|Perte de nœud/),
    verify: true,
    after: async (p) =>
      await expect.poll(async () => (await truth(p)).engineCluster).not.toBe("ClusterNodeLossToBeConfirmed"),
  },
  {
    name: "confirm a fail-over",
    target: cluster,
    item: (w) => w.item.confirmFailover,
    setup: async (p) => {
      await resetSimulator(p, { requireFailoverConfirmation: true });
      await inject(p, { type: "CrashUnwitnessed" });
    },
    before: async (p) => await expect(cluster(p)).toHaveAttribute("aria-label", /Fail-over to be|Bascule à confirmer/),
    verify: true,
    after: async (p) =>
      await expect.poll(async () => (await truth(p)).engineCluster).not.toBe("ClusterFailoverToBeConfirmed"),
  },
];

for (const [lang, dark] of [
  ["en", false],
  ["fr", true],
] as [Lang, boolean][]) {
  test.describe(`${lang}, ${dark ? "dark" : "light"} theme`, () => {
    test.use({ locale: lang === "fr" ? "fr-FR" : "en-GB" });
    test.beforeEach(async ({ page }) => {
      await resetSimulator(page);
      if (dark) await darkTheme(page);
    });

    for (const row of ROWS) {
      test(row.name, async ({ page }, info) => {
        const w = W[lang];
        const prepared = await row.setup?.(page, w);
        await openPanel(page);
        await expect(page.locator("html")).toHaveAttribute("lang", lang);
        await expect(page.locator("html")).toHaveAttribute("data-theme", dark ? "dark" : "light");
        await row.before?.(page, w);
        await row.target(page).getByRole("button", { name: w.ops }).click();
        await page.getByRole("menuitem", { name: row.item(w), exact: true }).click();
        const dialog = page.getByRole("dialog");
        await expect(dialog.getByRole("heading")).toHaveText(row.item(w));
        if (row.says) await expect(dialog).toContainText(row.says(w));
        const go = dialog.getByRole("button", { name: row.url ? w.submit : w.confirm, exact: true });
        if (row.url) {
          await dialog.locator('input[type="url"]').fill("https://joc-b.example.com:4443");
        } else {
          await dialog.getByLabel(w.reason, { exact: true }).fill(`e2e: ${row.name}`);
        }
        if (row.verify) {
          await expect(go).toBeDisabled();
          await dialog.getByLabel(w.verified).check();
        }
        await page.screenshot({ path: info.outputPath("confirm.png") });
        await go.click();
        await expect(dialog).toBeHidden();
        await row.after(page, w, prepared);
        if (!row.url) {
          const audit = (await truth(page)).audit as { comment?: string }[];
          expect(audit.map((a) => a.comment)).toContain(`e2e: ${row.name}`);
        }
        await page.screenshot({ path: info.outputPath("after.png") });
      });
    }
  });
}
