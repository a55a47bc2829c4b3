// Several replicas of the board sharing Debian's redis-server, reading one simulated JOC, and
// optionally Debian's nginx in front: started on free ports in a temporary directory and
// stopped after. Shared by the replica test and the replica benchmark.
import { ChildProcess, execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";

const root = path.resolve(__dirname, "..");
const bin = path.resolve(root, process.env.SERVER_BIN ?? "./target/release/js7-status");

export async function freePort(): Promise<number> {
  return await new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/// Waits until something accepts connections on the port (30 s at most).
export async function listening(port: number, what: string) {
  for (let i = 0; i < 300; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const c = net.connect(port, "127.0.0.1", () => (c.end(), resolve(true)));
      c.on("error", () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} never listened on ${port}`);
}

export interface Replica {
  name: string;
  port: number;
  url: string;
  child: ChildProcess;
}

export interface FleetOptions {
  replicas: number;
  simSpeed?: number;
  /// Extra `--sim-account` entries of the simulated JOC (`name:password:profile`).
  accounts?: string[];
  nginx?: boolean;
}

export class Fleet {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "js7s-fleet-"));
  private children: ChildProcess[] = [];
  sim = "";
  redisPort = 0;
  replicas: Replica[] = [];
  /// nginx's URL, when asked for.
  lb = "";

  private start(cmd: string, args: string[], log: string, env: NodeJS.ProcessEnv = {}): ChildProcess {
    const out = fs.openSync(path.join(this.dir, log), "a");
    const child = spawn(cmd, args, { cwd: root, stdio: ["ignore", out, out], env: { ...process.env, ...env } });
    this.children.push(child);
    return child;
  }

  async up(o: FleetOptions): Promise<Fleet> {
    const simPort = await freePort();
    const simArgs = ["simulate", "--sim-port", String(simPort), "--sim-speed", String(o.simSpeed ?? 20), "--sim-jocs", "1"];
    if (o.accounts?.length) simArgs.push("--sim-account", ["root:root:administrator", "operator:operator:operator", "viewer:viewer:viewer", ...o.accounts].join(","));
    this.start(bin, simArgs, "sim.log");
    this.sim = `http://127.0.0.1:${simPort}`;
    this.redisPort = await freePort();
    this.start("redis-server", ["--port", String(this.redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", this.dir], "redis.log");
    await listening(simPort, "the simulator");
    await listening(this.redisPort, "redis-server");
    fs.writeFileSync(path.join(this.dir, "monitor.pw"), "viewer\n");
    const key = Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 29 + 7) & 255)).toString("base64");
    fs.writeFileSync(path.join(this.dir, "session.key"), key);
    for (let k = 0; k < o.replicas; k++) {
      const port = await freePort();
      const name = `replica-${k}`;
      const child = this.start(
        bin,
        [
          "--listen", `127.0.0.1:${port}`, "--joc-url", this.sim, "--monitor-account", "viewer",
          "--monitor-password-file", path.join(this.dir, "monitor.pw"),
          "--redis-url", `redis://127.0.0.1:${this.redisPort}/`,
          "--session-key-file", path.join(this.dir, "session.key"),
        ],
        `${name}.log`,
        { HOSTNAME: name },
      );
      this.replicas.push({ name, port, url: `http://127.0.0.1:${port}`, child });
    }
    for (const r of this.replicas) await listening(r.port, r.name);
    if (o.nginx) await this.nginx();
    return this;
  }

  private async nginx() {
    const port = await freePort();
    const dir = this.dir;
    const upstream = this.replicas.map((r) => `    server 127.0.0.1:${r.port} max_fails=1 fail_timeout=5s;`).join("\n");
    for (const d of ["body", "proxy", "fastcgi", "uwsgi", "scgi"]) fs.mkdirSync(path.join(dir, d), { recursive: true });
    fs.writeFileSync(
      path.join(dir, "nginx.conf"),
      `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/nginx-error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  upstream board {
${upstream}
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://board;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_buffering off;
      proxy_read_timeout 1h;
      proxy_next_upstream error timeout http_502 http_503;
      proxy_connect_timeout 2s;
    }
  }
}
`,
    );
    const nginx = fs.existsSync("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";
    this.start(nginx, ["-e", path.join(dir, "nginx-error.log"), "-c", path.join(dir, "nginx.conf"), "-g", "daemon off;"], "nginx.log");
    await listening(port, "nginx");
    this.lb = `http://127.0.0.1:${port}`;
  }

  /// The replica holding the feed's lease (the one reading JOC), if any.
  leader(): Replica | undefined {
    const cli = ["-p", String(this.redisPort), "--raw"];
    const keys = execFileSync("redis-cli", [...cli, "--scan", "--pattern", "js7s:lease:*"], { encoding: "utf8" }).trim().split("\n").filter(Boolean);
    if (keys.length === 0) return undefined;
    const holder = execFileSync("redis-cli", [...cli, "GET", keys[0]], { encoding: "utf8" }).trim();
    return this.replicas.find((r) => holder.startsWith(`${r.name}-`));
  }

  down() {
    for (const c of this.children) c.kill("SIGKILL");
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
