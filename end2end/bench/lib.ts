// Shared by the benchmarks: the server process, its memory and CPU, percentiles, results.
import * as fs from "fs";
import * as http from "http";
import { simEvent, simReset as resetSim, simTruth } from "../sim";

export const BASE = process.env.BENCH_BASE ?? "http://127.0.0.1:3207";
export const SIM = process.env.SIM_URL ?? "http://127.0.0.1:14700";

/// The pid of the server under test (the process listening on BASE's port).
export function serverPid(): number {
  const port = new URL(BASE).port;
  for (const d of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${d}/cmdline`, "utf8").split("\0");
      if (cmd.some((a) => a.endsWith(`:${port}`)) && cmd[0].includes("js7-status")) return Number(d);
    } catch {}
  }
  throw new Error(`no js7-status process listening on ${port}`);
}

/// Resident memory of a process, in bytes.
export function rss(pid: number): number {
  const s = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(s)![1]) * 1024;
}

/// CPU seconds (user + system) a process has used.
export function cpuSeconds(pid: number): number {
  const f = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(f[11]) + Number(f[12])) / 100;
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export const mib = (b: number) => Math.round((b / (1 << 20)) * 10) / 10;
export const kib = (b: number) => Math.round((b / 1024) * 10) / 10;

/// Writes a benchmark's figures to bench-results/<name>.json and prints them.
export function record(name: string, figures: object) {
  fs.mkdirSync("bench-results", { recursive: true });
  const out = { name, date: new Date().toISOString(), ...figures };
  fs.writeFileSync(`bench-results/${name}.json`, JSON.stringify(out, null, 2));
  console.log(`BENCH ${name} ${JSON.stringify(figures)}`);
}

/// A raw HTTP request: status, headers, body bytes (never decompressed).
export function raw(
  url: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer; ttfbMs: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.request(url, { method: opts.method ?? "GET", headers: opts.headers }, (res) => {
      const ttfbMs = performance.now() - t0;
      const chunks: Buffer[] = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks), ttfbMs }));
      res.on("error", reject);
    });
    req.on("error", reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

/// Logs in through a server's login function (the bench server's by default); returns the
/// session cookie.
export async function login(account = "viewer", base = BASE): Promise<string> {
  const body = `account=${account}&password=${account}`;
  const r = await raw(`${base}/api/log_in`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "content-length": String(body.length) },
    body,
  });
  if (r.status !== 200) throw new Error(`login ${r.status}`);
  const cookie = String(r.headers["set-cookie"]).split(";")[0];
  return cookie;
}

/// Logs in at the simulated JOC; returns the access token.
export async function jocLogin(account = "root"): Promise<string> {
  const r = await raw(`${SIM}/joc/api/authentication/login`, {
    method: "POST",
    headers: { authorization: "Basic " + Buffer.from(`${account}:${account}`).toString("base64"), "content-type": "application/json" },
    body: "{}",
  });
  return String(r.headers["x-access-token"]);
}

/// POSTs JSON to the simulated JOC.
export async function joc(path: string, token: string, body: object) {
  const s = JSON.stringify(body);
  return await raw(`${SIM}/joc/api/${path}`, {
    method: "POST",
    headers: { "x-access-token": token, "content-type": "application/json", "content-length": String(Buffer.byteLength(s)) },
    body: s,
  });
}

/// Injects a fault in the simulator.
export async function inject(event: object) {
  await simEvent(SIM, event);
}

export async function simState(): Promise<any> {
  return await simTruth(SIM);
}

export async function simReset() {
  await resetSim(SIM);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
