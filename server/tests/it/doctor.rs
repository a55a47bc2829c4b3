//! `js7-status doctor` against the simulator: it passes on a healthy JOC and names each
//! injected fault with what to do.

use clap::Parser;
use js7_status::config::Cli;
use js7_status::simulator::{SimConfig, accounts::Account};
use std::process::{Child, Command};

async fn doctor(args: &[&str]) -> (bool, String) {
    let argv: Vec<&str> = ["js7-status", "doctor", "--sim-speed", "20", "--joc-events-hold", "30"]
        .into_iter()
        .chain(args.iter().copied())
        .collect();
    let cli = Cli::try_parse_from(argv).unwrap();
    let mut out = Vec::new();
    let ok = js7_status::doctor::run(&cli, &mut out).await.unwrap();
    (ok, String::from_utf8(out).unwrap())
}

/// The flags of a JOC at `urls` read by `account`, its password in a file.
fn joc_flags<'a>(urls: &'a str, account: &'a str, password: &str) -> Vec<&'a str> {
    vec![
        "--joc-url",
        urls,
        "--monitor-account",
        account,
        "--monitor-password-file",
        crate::common::password_file(password),
    ]
}

async fn sim_with(cfg: SimConfig) -> (js7_status::simulator::Sim, String) {
    let s = crate::common::sim(SimConfig { speed: 20.0, ..cfg }).await;
    let urls = s.urls().join(",");
    (s, urls)
}

/// The doctor against a simulator shaped by `cfg`, as `account` (password = `password`).
async fn doctor_on(cfg: SimConfig, account: &str, password: &str) -> (bool, String) {
    let (s, urls) = sim_with(cfg).await;
    let report = doctor(&joc_flags(&urls, account, password)).await;
    s.shutdown();
    report
}

/// Healthy: every check passes, the hold of `events` is measured.
#[tokio::test]
async fn a_healthy_joc_passes() {
    let (ok, report) = doctor_on(SimConfig::default(), "viewer", "viewer").await;
    assert!(ok, "{report}");
    for line in [
        "✓ JOC Cockpit 2.8.4: supported",
        "✓ active JOC Cockpit instance",
        "✓ Controller IDs: [controller]",
        "✓ events: answered after",
    ] {
        assert!(report.contains(line), "{line} missing from\n{report}");
    }
    assert!(!report.contains('✗'), "{report}");
    assert!(report.contains("! http://"), "plain HTTP is named: {report}");
}

/// A user given: what the board will offer them.
#[tokio::test]
async fn a_users_operations_are_listed() {
    let (s, urls) = sim_with(SimConfig::default()).await;
    let mut args = joc_flags(&urls, "viewer", "viewer");
    args.extend(["--user", "operator"]);
    let argv: Vec<&str> =
        ["js7-status", "--sim-speed", "20", "--joc-events-hold", "30", "doctor"].into_iter().chain(args).collect();
    let mut cli = Cli::try_parse_from(argv).unwrap();
    if let Some(js7_status::config::Command::Doctor(d)) = &mut cli.command {
        d.user_password_file = Some(crate::common::password_file("operator").into());
    }
    let mut out = Vec::new();
    let ok = js7_status::doctor::run(&cli, &mut out).await.unwrap();
    let report = String::from_utf8(out).unwrap();
    assert!(ok, "{report}");
    assert!(
        report.contains(
            "✓ user operator: view yes, switch-over yes, terminate yes, restart yes, logs yes, JOC cluster no"
        ),
        "{report}"
    );
    s.shutdown();
}

/// Without --joc-url it checks the embedded simulator.
#[tokio::test]
async fn without_a_joc_url_the_embedded_simulator_is_checked() {
    let (ok, report) = doctor(&[]).await;
    assert!(ok, "{report}");
    assert!(report.starts_with("! no --joc-url"), "{report}");
}

/// A wrong password: ✗, saying to check the account.
#[tokio::test]
async fn a_wrong_password_is_named() {
    let (ok, report) = doctor_on(SimConfig::default(), "viewer", "nope").await;
    assert!(!ok, "{report}");
    assert!(
        report.contains("refused the credentials") && report.contains("check the account and password"),
        "{report}"
    );
}

/// An account without the view permission: ✗, naming the permission, whether it may view no
/// Controller (JOC then refuses `controller/ids`) or not the one to show.
#[tokio::test]
async fn a_missing_permission_is_named() {
    let mut cfg = SimConfig::default();
    cfg.accounts.push(Account::new("nobody", "nobody", "none".parse().unwrap()));
    let (ok, report) = doctor_on(cfg, "nobody", "nobody").await;
    assert!(!ok, "{report}");
    assert!(
        report.contains("may not view any Controller") && report.contains("sos:products:controller:view"),
        "{report}"
    );
    let mut cfg = SimConfig::default();
    cfg.world.more_controllers.push("test".parse().unwrap());
    cfg.accounts.push("tess:tess:viewer@test".parse().unwrap());
    let (s, urls) = sim_with(cfg).await;
    let mut flags = joc_flags(&urls, "tess", "tess");
    flags.extend(["--controller-id", "controller"]);
    let (ok, report) = doctor(&flags).await;
    assert!(!ok, "{report}");
    assert!(report.contains("Controller IDs: [test]; none to show"), "{report}");
    s.shutdown();
}

/// A JOC 2.9: supported, with the newer log request.
#[tokio::test]
async fn a_newer_joc_is_named() {
    let mut cfg = SimConfig::default();
    cfg.world.joc_version = "2.9.0".into();
    let (ok, report) = doctor_on(cfg, "viewer", "viewer").await;
    assert!(ok, "{report}");
    assert!(report.contains("✓ JOC Cockpit 2.9.0: supported (2.9 and later"), "{report}");
}

/// A JOC cluster member down: named, and the board still works with the other.
#[tokio::test]
async fn a_member_down_is_named() {
    let (s, urls) = sim_with(SimConfig::default()).await;
    crate::common::inject(&s.urls()[0], serde_json::json!({"type": "JocProcess", "joc": 1, "running": false})).await;
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    let (ok, report) = doctor(&joc_flags(&urls, "viewer", "viewer")).await;
    assert!(ok, "{report}");
    let down = format!("! {}: cannot connect", s.urls()[1]);
    assert!(report.contains(&down) && report.contains("is JOC running"), "{report}");
    s.shutdown();
}

/// A TLS server with a self-signed certificate (Debian's openssl): named as not trusted, with
/// --ca-bundle as the advice; accepted with --danger-accept-invalid-certs (and that is named).
#[tokio::test]
async fn a_self_signed_certificate_is_named() {
    let dir = std::env::temp_dir().join(format!("js7-doctor-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (cert, key) = (dir.join("cert.pem"), dir.join("key.pem"));
    let made = Command::new("openssl")
        .args(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1"])
        .args(["-addext", "subjectAltName=IP:127.0.0.1", "-keyout"])
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .output()
        .expect("Debian's openssl");
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    struct Server(Child);
    impl Drop for Server {
        fn drop(&mut self) {
            let _ = self.0.kill();
        }
    }
    let _server = Server(
        Command::new("openssl")
            .args(["s_server", "-quiet", "-www", "-accept", &format!("127.0.0.1:{port}"), "-cert"])
            .arg(&cert)
            .arg("-key")
            .arg(&key)
            .spawn()
            .unwrap(),
    );
    let url = format!("https://127.0.0.1:{port}");
    for _ in 0..50 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let args = joc_flags(&url, "x", "y");
    let (ok, report) = doctor(&args).await;
    assert!(!ok, "{report}");
    assert!(report.contains("--ca-bundle"), "{report}");
    assert!(report.contains("certificate is not trusted"), "{report}");
    let (ok, report) = doctor(&[&args[..], &["--danger-accept-invalid-certs"]].concat()).await;
    assert!(!ok, "not a JOC behind it: {report}");
    assert!(report.contains("! --danger-accept-invalid-certs"), "{report}");
    assert!(!report.contains("certificate is not trusted"), "{report}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// With `--config`, every installation is checked in turn, each with its own account and
/// Controller; a failing one fails the whole.
#[tokio::test]
async fn every_installation_of_a_configuration_file_is_checked() {
    let (s, urls) = sim_with(SimConfig::default()).await;
    let list: Vec<String> = urls.split(',').map(|u| format!("{u:?}")).collect();
    let dir = std::env::temp_dir().join(format!("js7s-doctor-config-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("viewer.password"), "viewer\n").unwrap();
    std::fs::write(dir.join("wrong.password"), "wrong\n").unwrap();
    let file = dir.join("board.toml");
    let text = format!(
        "[[installation]]\nname = \"real\"\njoc_urls = [{}]\nmonitor_account = \"viewer\"\nmonitor_password_file = \"viewer.password\"\n\n\
         [[installation]]\nname = \"simulated\"\nsimulator = {{ controllers = [\"berlin:standalone:1\"] }}\n",
        list.join(", ")
    );
    std::fs::write(&file, &text).unwrap();
    let (ok, report) = doctor(&["--config", file.to_str().unwrap()]).await;
    assert!(ok, "{report}");
    let real = report.find("installation real:").expect("a heading per installation");
    let simulated = report.find("installation simulated:").expect("a heading per installation");
    assert!(real < simulated);
    assert!(report[real..simulated].contains("✓ Controller IDs: [controller]"), "{report}");
    assert!(report[simulated..].contains("✓ Controller IDs: [berlin]"), "{report}");
    // The same file with a wrong password for the real one.
    std::fs::write(&file, text.replace("viewer.password", "wrong.password")).unwrap();
    let (ok, report) = doctor(&["--config", file.to_str().unwrap()]).await;
    assert!(!ok, "{report}");
    assert!(report.contains("✗ no JOC Cockpit instance could be logged in to"), "{report}");
    assert!(report[report.find("installation simulated:").unwrap()..].contains("✓ Controller IDs: [berlin]"));
    s.shutdown();
    let _ = std::fs::remove_dir_all(&dir);
}
