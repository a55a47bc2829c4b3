import { defineConfig, devices } from "@playwright/test";

// The server under test: the built binary with its embedded simulator, 20 times faster than
// real time so switch-overs and restarts finish within a test.
const port = Number(process.env.E2E_PORT ?? 3107);
const bin = process.env.SERVER_BIN ?? "./target/release/js7-status";
// The embedded simulator's JOC instances listen here; tests inject faults and reset it there.
const simPort = Number(process.env.E2E_SIM_PORT ?? 14600);
process.env.SIM_URL = `http://127.0.0.1:${simPort}`;
// A second server as a new user starts it: two simulated installations ("production" and
// "test", ten ports apart), for the overview.
const fleetPort = port + 1;
const fleetSimPort = simPort + 100;
process.env.FLEET_URL = `http://127.0.0.1:${fleetPort}`;
process.env.FLEET_SIM_PRODUCTION = `http://127.0.0.1:${fleetSimPort}`;
process.env.FLEET_SIM_TEST = `http://127.0.0.1:${fleetSimPort + 10}`;
// A third, for the wall screen: five installations of four Controllers (end2end/wall.toml).
const wallPort = port + 2;
process.env.WALL_URL = `http://127.0.0.1:${wallPort}`;

const chromium = {
  browserName: "chromium" as const,
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  },
};

/// Specs run once, on the desktop project.
const SCREEN_INDEPENDENT = /(wall|replicas|network|real-joc|availability|notifications|bundle-size)\.spec/;

export default defineConfig({
  testDir: "./tests",
  outputDir: "./test-results",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: { baseURL: `http://127.0.0.1:${port}`, screenshot: "only-on-failure", ...chromium },
  projects: [
    { name: "desktop", use: { viewport: { width: 1366, height: 900 } } },
    // The wall-screen tests set their own screens, and the replicas run their own servers: once is
    // enough. So for what does not depend on the screen: the outages, JOC's answer shapes, the
    // availability figures, notifications and the bundle's size. Every operation is done by touch
    // in portrait; landscape opens the menus in the other specs.
    { name: "tablet-portrait", use: { viewport: { width: 768, height: 1024 }, hasTouch: true }, testIgnore: SCREEN_INDEPENDENT },
    {
      name: "tablet-landscape",
      use: { viewport: { width: 1024, height: 768 }, hasTouch: true },
      testIgnore: [SCREEN_INDEPENDENT, /every-operation\.spec/],
    },
  ],
  webServer: [
    {
      command: `${bin} --listen 127.0.0.1:${port} --sim-speed 20 --sim-port ${simPort} --sim-installations 1 --sim-controller test:standalone:1 --sim-account root:root:administrator,operator:operator:operator,viewer:viewer:viewer,tess:tess:operator@test`,
      cwd: "..",
      url: `http://127.0.0.1:${port}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
    },
    {
      command: `${bin} --listen 127.0.0.1:${fleetPort} --sim-speed 20 --sim-port ${fleetSimPort}`,
      cwd: "..",
      url: `http://127.0.0.1:${fleetPort}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
    },
    {
      command: `${bin} --listen 127.0.0.1:${wallPort} --sim-speed 20 --config end2end/wall.toml`,
      cwd: "..",
      url: `http://127.0.0.1:${wallPort}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
    },
  ],
});
