// Benchmarks (`scripts/bench`), not tests: each measures and records figures in
// bench-results/*.json; docs/benchmarks.md reports them. The server runs at real speed with a
// 1 GiB log, as in production.
import base from "./playwright.config";
import { defineConfig } from "@playwright/test";

const port = Number(process.env.BENCH_PORT ?? 3207);
const simPort = Number(process.env.BENCH_SIM_PORT ?? 14700);
const bin = process.env.SERVER_BIN ?? "./target/release/js7-status";
// Real time by default; the browser benchmark runs at 20× so that 1,000 updates do not each
// wait JOC's 2 s event batching.
const speed = Number(process.env.BENCH_SIM_SPEED ?? 1);
process.env.SIM_URL = `http://127.0.0.1:${simPort}`;
// The board keeps at most 50 sessions per account: the fan-out's many viewers log in as
// bench1 … bench24 (viewers), besides the usual root, operator and viewer.
const accounts = ["root:root:administrator", "operator:operator:operator", "viewer:viewer:viewer"]
  .concat(Array.from({ length: 24 }, (_, i) => `bench${i + 1}:bench${i + 1}:viewer`))
  .join(",");
process.env.BENCH_BASE = `http://127.0.0.1:${port}`;
// A second server as a new user starts it (two installations), for the overview's latency.
const fleetPort = port + 1;
const fleetSimPort = simPort + 100;
process.env.BENCH_FLEET = `http://127.0.0.1:${fleetPort}`;
process.env.BENCH_FLEET_SIM_PRODUCTION = `http://127.0.0.1:${fleetSimPort}`;

export default defineConfig({
  ...base,
  testDir: "./bench",
  testMatch: "**/*.bench.ts",
  outputDir: "./test-results/bench",
  timeout: 2 * 60 * 60_000,
  expect: { timeout: 60_000 },
  use: { ...base.use, baseURL: `http://127.0.0.1:${port}` },
  projects: [{ name: "bench", use: { viewport: { width: 1366, height: 900 } } }],
  webServer: [
    {
      command: `${bin} --listen 127.0.0.1:${fleetPort} --sim-speed ${speed} --sim-port ${fleetSimPort}`,
      cwd: "..",
      url: `http://127.0.0.1:${fleetPort}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
    },
    {
    command: `${bin} --listen 127.0.0.1:${port} --sim-speed ${speed} --sim-port ${simPort} --sim-log-bytes 1073741824 --sim-installations 1 --sim-controller test --sim-account ${accounts}`,
    cwd: "..",
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    // The soak keeps the server's log with its own, to read if anything goes wrong in the hour.
    stdout: process.env.SOAK_MINUTES ? "pipe" : "ignore",
    },
  ],
});
