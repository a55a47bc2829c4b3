//! Real parts for the replica tests: Debian's `redis-server` on a free port with a temporary
//! directory, and replicas of the board as separate processes of the built binary, all
//! stopped when dropped.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A free TCP port on loopback.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A temporary directory, removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(what: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("js7s-{what}-{}-{:x}", std::process::id(), rand::random::<u64>()));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn kill(child: &mut Child) {
    let _ = child.kill();
    let _ = child.wait();
}

/// Debian's redis-server, without persistence: a restart loses everything, as a Redis
/// without persistence does.
pub struct Redis {
    pub port: u16,
    dir: TempDir,
    child: Option<Child>,
}

impl Redis {
    pub fn start() -> Redis {
        let mut r = Redis { port: free_port(), dir: TempDir::new("redis"), child: None };
        r.restart();
        r
    }

    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}/", self.port)
    }

    /// Stops the server (as a crash would: no shutdown saving).
    pub fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            kill(&mut c);
        }
    }

    /// Starts it again on the same port, empty.
    pub fn restart(&mut self) {
        self.stop();
        let child = Command::new("redis-server")
            .args(["--port", &self.port.to_string(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
            .arg("--dir")
            .arg(&self.dir.0)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("redis-server runs (Debian's package redis-server; scripts/setup installs it)");
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if self.ping() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("redis-server did not answer on port {}", self.port);
    }

    /// Does it answer PING?
    pub fn ping(&self) -> bool {
        use std::io::{Read, Write};
        let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", self.port)) else { return false };
        let _ = s.set_read_timeout(Some(Duration::from_secs(1)));
        let mut buf = [0u8; 16];
        s.write_all(b"PING\r\n").is_ok() && s.read(&mut buf).is_ok_and(|n| buf[..n].starts_with(b"+PONG"))
    }

    /// Runs one command through redis-cli and returns its output.
    pub fn cli(&self, args: &[&str]) -> String {
        let out = Command::new("redis-cli").args(["-p", &self.port.to_string()]).args(args).output().unwrap();
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }
}

impl Drop for Redis {
    fn drop(&mut self) {
        self.stop();
    }
}

/// What every replica of a test is given.
pub struct Fleet {
    pub joc: String,
    pub redis: String,
    pub dir: TempDir,
}

impl Fleet {
    /// Replicas reading the JOC at `joc` (as `viewer`), sharing `redis`, with one session key.
    pub fn new(joc: &str, redis: &str) -> Fleet {
        let dir = TempDir::new("fleet");
        std::fs::write(dir.0.join("monitor.pw"), "viewer\n").unwrap();
        write_key(&dir.0.join("session.key"), 7);
        Fleet { joc: joc.to_string(), redis: redis.to_string(), dir }
    }

    /// Starts a replica on `port` (0: a free one) with the fleet's key, or the given one.
    pub fn replica(&self, port: u16, key: Option<&std::path::Path>) -> Replica {
        let port = if port == 0 { free_port() } else { port };
        let key = key.map(PathBuf::from).unwrap_or_else(|| self.dir.0.join("session.key"));
        let log = self.dir.0.join(format!("replica-{port}-{:x}.log", rand::random::<u32>()));
        let child = Command::new(env!("CARGO_BIN_EXE_js7-status"))
            .args(["--listen", &format!("127.0.0.1:{port}"), "--joc-url", &self.joc])
            .args(["--monitor-account", "viewer", "--redis-url", &self.redis])
            .arg("--monitor-password-file")
            .arg(self.dir.0.join("monitor.pw"))
            .arg("--session-key-file")
            .arg(key)
            .env("RUST_LOG", "warn,js7_status=info")
            .stdout(std::fs::File::create(&log).unwrap())
            .stderr(std::fs::OpenOptions::new().append(true).open(&log).unwrap())
            .spawn()
            .expect("the server binary runs");
        Replica { port, child: Some(child), log }
    }
}

/// Writes a session key file whose bytes are made from `seed`.
pub fn write_key(path: &std::path::Path, seed: u8) {
    let hex: String = (0u8..32).map(|i| format!("{:02x}", i.wrapping_mul(29).wrapping_add(seed))).collect();
    std::fs::write(path, hex).unwrap();
}

/// One replica process.
pub struct Replica {
    pub port: u16,
    child: Option<Child>,
    log: PathBuf,
}

impl Replica {
    pub fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Waits until it serves `/healthz`; panics with its log if it exits first.
    pub async fn ready(mut self) -> Replica {
        for _ in 0..300 {
            if let Some(Ok(Some(_))) = self.child.as_mut().map(Child::try_wait) {
                panic!("the replica exited: {}", self.log());
            }
            if reqwest::get(format!("{}/healthz", self.base())).await.is_ok_and(|r| r.status().is_success()) {
                return self;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("the replica never served");
    }

    /// Waits for it to exit (within 20 s) and returns its exit status and log.
    pub fn exited(mut self) -> (std::process::ExitStatus, String) {
        let deadline = Instant::now() + Duration::from_secs(20);
        let c = self.child.as_mut().unwrap();
        loop {
            if let Some(status) = c.try_wait().unwrap() {
                return (status, self.log());
            }
            assert!(Instant::now() < deadline, "the replica did not exit");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// What it logged so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Asks it to stop (SIGTERM), as systemd does, and waits for it to exit.
    pub fn terminate(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = Command::new("kill").args(["-TERM", &c.id().to_string()]).status();
            let deadline = Instant::now() + Duration::from_secs(20);
            while c.try_wait().ok().flatten().is_none() && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(20));
            }
            kill(&mut c);
        }
    }

    /// Kills it, as a crash would.
    pub fn kill(&mut self) {
        if let Some(mut c) = self.child.take() {
            kill(&mut c);
        }
    }
}

impl Drop for Replica {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Debian's nginx in front of replicas: round-robin, the live feed not buffered, a dead
/// replica skipped. Stopped when dropped.
pub struct Nginx {
    pub port: u16,
    _dir: TempDir,
    child: Child,
}

/// The nginx configuration for replicas on `ports`, listening on `port`, with its files in `dir`.
pub fn nginx_conf(port: u16, ports: &[u16], dir: &std::path::Path) -> String {
    let servers: String =
        ports.iter().map(|p| format!("    server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;\n")).collect();
    let d = dir.display();
    format!(
        "worker_processes 1;\npid {d}/nginx.pid;\nerror_log {d}/error.log warn;\nevents {{ worker_connections 256; }}\n\
         http {{\n  access_log off;\n  client_body_temp_path {d}/body;\n  proxy_temp_path {d}/proxy;\n\
         fastcgi_temp_path {d}/fastcgi;\n  uwsgi_temp_path {d}/uwsgi;\n  scgi_temp_path {d}/scgi;\n\
         upstream board {{\n{servers}  }}\n  server {{\n    listen 127.0.0.1:{port};\n    location / {{\n\
         proxy_pass http://board;\n      proxy_http_version 1.1;\n      proxy_set_header Connection \"\";\n\
         proxy_set_header Host $http_host;\n      proxy_set_header X-Forwarded-For $remote_addr;\n\
         proxy_buffering off;\n      proxy_cache off;\n      proxy_read_timeout 1h;\n\
         proxy_next_upstream error timeout http_502 http_503;\n      proxy_connect_timeout 2s;\n    }}\n  }}\n}}\n"
    )
}

impl Nginx {
    pub fn start(ports: &[u16]) -> Nginx {
        let dir = TempDir::new("nginx");
        let port = free_port();
        let conf = dir.0.join("nginx.conf");
        std::fs::write(&conf, nginx_conf(port, ports, &dir.0)).unwrap();
        let bin = if std::path::Path::new("/usr/sbin/nginx").exists() { "/usr/sbin/nginx" } else { "nginx" };
        let child = Command::new(bin)
            .arg("-e")
            .arg(dir.0.join("error.log"))
            .arg("-c")
            .arg(&conf)
            .args(["-g", "daemon off;"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("nginx runs (Debian's package nginx-light; scripts/setup installs it)");
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "nginx did not listen: {}",
                std::fs::read_to_string(dir.0.join("error.log")).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        Nginx { port, _dir: dir, child }
    }

    pub fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        kill(&mut self.child);
    }
}
