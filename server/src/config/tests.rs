//! Flags, passwords and start-up warnings.

use super::*;

#[test]
fn every_scenario_is_a_flag_value() {
    use clap::ValueEnum;
    for s in Scenario::ALL {
        let name = s.to_possible_value().unwrap().get_name().to_string();
        let cli = Cli::try_parse_from(["js7-status", "--sim-scenario", &name]).unwrap();
        assert_eq!(cli.sim.sim_scenario, s, "{name}");
    }
    assert!(Cli::try_parse_from(["js7-status", "--sim-scenario", "meteor"]).is_err());
    assert_eq!(Scenario::value_variants().len(), Scenario::ALL.len());
}

#[test]
fn flags_parse_with_defaults() {
    let cli = Cli::try_parse_from(["js7-status", "--sim-speed", "20", "--sim-jocs", "3"]).unwrap();
    assert!(cli.serve.joc_urls.is_empty());
    let cfg = cli.sim.sim_config(0).unwrap();
    assert_eq!((cfg.world.jocs, cfg.speed, cfg.listen.len()), (3, 20.0, 3));
    assert!(Cli::try_parse_from(["js7-status", "--sim-jocs", "5"]).is_err());
    let cli = Cli::try_parse_from(["js7-status", "simulate", "--sim-port", "4446"]).unwrap();
    assert_eq!(cli.sim.sim_port, Some(4446));
    let cli = Cli::try_parse_from(["js7-status", "--joc-url", "https://a:4443,https://b:4443"]).unwrap();
    assert_eq!(cli.serve.joc_urls.len(), 2);
    assert!(
        Cli::try_parse_from(["js7-status", "--monitor-password", "secret"]).is_err(),
        "no password on the command line"
    );
}

#[test]
fn passwords_come_from_a_file_and_are_never_printed() {
    let dir = std::env::temp_dir().join(format!("js7s-secret-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("pw");
    std::fs::write(&file, "s3cret\n").unwrap();
    let cli = Cli::try_parse_from(["js7-status", "--monitor-password-file", file.to_str().unwrap()]).unwrap();
    let pw = cli.serve.monitor_password().unwrap().unwrap();
    assert_eq!(pw.expose(), "s3cret");
    assert!(!format!("{pw:?} {cli:?}").contains("s3cret"));
    std::fs::write(&file, "").unwrap();
    assert!(cli.serve.monitor_password().is_err(), "an empty file is an error, not an empty password");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn exposed_set_ups_are_warned_about() {
    let cli = Cli::try_parse_from(["js7-status"]).unwrap();
    assert!(startup_warnings(&cli.serve).is_empty(), "loopback, simulator");
    let cli = Cli::try_parse_from(["js7-status", "--listen", "0.0.0.0:3000", "--joc-url", "http://joc:4446"]).unwrap();
    let w = startup_warnings(&cli.serve);
    assert_eq!(w.len(), 2, "{w:?}");
    let cli = Cli::try_parse_from(["js7-status", "--listen", "0.0.0.0:3000", "--secure-cookie"]).unwrap();
    assert!(startup_warnings(&cli.serve).is_empty());
}
