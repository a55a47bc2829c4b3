// Outages: JOC Cockpit down for OUTAGE_MINUTES (5), the network cut mid-stream, the backend
// restarted. Each panel must mark its data stale quickly and recover by itself, without a reload.
import { test, expect } from "@playwright/test";
import { spawn, ChildProcess } from "child_process";
import { logIn, silentLink } from "../tests/fixtures";
import { raw, record, simReset, sleep, SIM } from "../bench/lib";

/// The control path of the second JOC instance: it stays up while the first one's process is
/// stopped.
const SECOND = SIM.replace(/:(\d+)$/, (_, p) => `:${Number(p) + 1}`);
async function control(path: string, body: object) {
  const s = JSON.stringify(body);
  const r = await raw(`${SECOND}/sim/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(s)) },
    body: s,
  });
  if (r.status >= 300) throw new Error(`${path} ${s}: ${r.status}`);
}

const MINUTES = Number(process.env.OUTAGE_MINUTES ?? 5);

// JOC down: the active instance's process stopped (connections refused), the other answering
// 502 through its proxy.
test("JOC down, then back", async ({ page }) => {
  test.setTimeout((MINUTES + 5) * 60_000);
  await simReset();
  await logIn(page);
  const status = page.locator("p.status");
  await expect(status).toHaveClass(/live/);
  const t0 = Date.now();
  await control("http", { status: 502 });
  await control("event", { type: "JocProcess", joc: 0, running: false });
  await expect(status).toHaveClass(/stale/);
  const staleAfter = Date.now() - t0;
  await expect(page.locator("svg.panel")).toHaveClass(/stale/);
  await expect(status).toContainText("Stale since");
  await sleep(MINUTES * 60_000);
  await expect(status).toHaveClass(/stale/);
  const t1 = Date.now();
  await control("event", { type: "JocProcess", joc: 0, running: true });
  await control("http", {});
  await expect(status).toHaveClass(/live/, { timeout: 120_000 });
  const liveAfter = Date.now() - t1;
  record("outage-joc", { minutesDown: MINUTES, staleAfterMs: staleAfter, liveAgainAfterMs: liveAfter, reloads: 0 });
});

test("network cut mid-stream, then back", async ({ page, baseURL }) => {
  await simReset();
  const link = await silentLink(Number(new URL(baseURL!).port));
  try {
    await logIn(page, "viewer", "viewer", link.url);
    const status = page.locator("p.status");
    await expect(status).toHaveClass(/live/);
    let loads = 0;
    page.on("load", () => loads++);
    const t0 = Date.now();
    link.cut(true);
    await expect(status).toHaveClass(/stale/);
    const staleAfter = Date.now() - t0;
    await expect(status).toContainText("Reconnecting");
    await sleep(30_000);
    const t1 = Date.now();
    link.cut(false);
    await expect(status).toHaveClass(/live/, { timeout: 60_000 });
    record("outage-network", { cutSeconds: 30, staleAfterMs: staleAfter, liveAgainAfterMs: Date.now() - t1, reloads: loads });
    expect(loads).toBe(0);
  } finally {
    link.close();
  }
});

test("backend restarted", async ({ page }) => {
  const bin = process.env.SERVER_BIN ?? "./target/release/js7-status";
  const start = () =>
    spawn(bin, ["--listen", "127.0.0.1:3299", "--sim-port", "14790"], { cwd: "..", stdio: "ignore" }) as ChildProcess;
  let server = start();
  const up = async () => {
    for (let i = 0; i < 100; i++) {
      try {
        if ((await fetch("http://127.0.0.1:3299/healthz")).ok) return;
      } catch {}
      await sleep(100);
    }
    throw new Error("server did not start");
  };
  await up();
  try {
    await logIn(page, "root", "root", "http://127.0.0.1:3299");
    const status = page.locator("p.status");
    await expect(status).toHaveClass(/live/);
    let loads = 0;
    page.on("load", () => loads++);
    const t0 = Date.now();
    server.kill("SIGKILL");
    await expect(status).toHaveClass(/stale/);
    const staleAfter = Date.now() - t0;
    await sleep(10_000);
    server = start();
    await up();
    const t1 = Date.now();
    // Sessions live in the server's memory (JOC tokens are never written to disk): the panel
    // says the session ended and offers the login, without a reload or a blank page.
    await expect(page).toHaveURL(/\/login\?expired=1/, { timeout: 60_000 });
    await expect(page.getByRole("alert")).toBeVisible();
    record("outage-backend", { downSeconds: 10, staleAfterMs: staleAfter, backToLoginAfterMs: Date.now() - t1, reloads: loads });
    expect(loads).toBe(0);
  } finally {
    server.kill("SIGKILL");
  }
});
