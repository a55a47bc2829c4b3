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

mod installations {
    use super::super::installations::{Source, installations};
    use super::*;

    fn parse(args: &[&str]) -> Result<Vec<super::super::installations::InstallationConfig>, String> {
        let mut argv = vec!["js7-status"];
        argv.extend_from_slice(args);
        installations(&Cli::try_parse_from(argv).unwrap())
    }

    fn file(name: &str, text: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("js7s-config-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("board.toml");
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn the_embedded_default_is_two_installations() {
        let list = parse(&[]).unwrap();
        let names: Vec<&str> = list.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(names, ["production", "test"]);
        let Source::Simulated(prod) = &list[0].source else { panic!("simulated") };
        let ids: Vec<String> = prod.world.controllers().into_iter().map(|c| c.id).collect();
        assert_eq!(ids, ["jobs", "reports"]);
        assert_eq!(prod.world.jocs, 2, "a JOC cluster");
        let Source::Simulated(test) = &list[1].source else { panic!("simulated") };
        assert_eq!(
            (test.world.jocs, test.world.controller_cluster, test.world.controller_id.as_str()),
            (1, false, "test")
        );
        assert!(test.accounts.iter().any(|a| a.name == "tester"), "an account of the test installation only");
        assert!(!prod.accounts.iter().any(|a| a.name == "tester"));
        // Fixed ports: a block of ten per installation.
        let list = parse(&["--sim-port", "14600"]).unwrap();
        let Source::Simulated(test) = &list[1].source else { panic!("simulated") };
        assert_eq!(test.listen[0].port(), 14610);
        // One, shaped by the flags, as before.
        let list = parse(&["--sim-installations", "1", "--installation-name", "Berlin"]).unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].name, "Berlin");
        let Source::Simulated(one) = &list[0].source else { panic!("simulated") };
        assert_eq!(one.world.controller_id, "controller");
    }

    #[test]
    fn the_flags_of_a_real_joc_are_one_installation() {
        let list = parse(&["--joc-url", "https://a:4443,https://b:4443", "--monitor-account", "mon"]).unwrap();
        assert_eq!(list.len(), 1);
        let Source::Joc { urls, monitor_account, .. } = &list[0].source else { panic!("a real JOC") };
        assert_eq!((urls.len(), monitor_account.as_deref()), (2, Some("mon")));
    }

    #[test]
    fn a_file_names_several_installations_real_and_simulated() {
        let path = file(
            "ok",
            r#"
[[installation]]
name = "production"
joc_urls = ["https://joc-a:4443", "https://joc-b:4443"]
controller_id = "jobs"
monitor_account = "js7-status"
monitor_password_file = "production.password"
ca_bundle = "ca.pem"

[[installation]]
name = "Test Berlin"
simulator = { jocs = 1, controllers = ["berlin:standalone:1", "munich"], accounts = ["ann:ann:operator"], seed = 3 }
"#,
        );
        std::fs::write(path.with_file_name("production.password"), "s3cret\n").unwrap();
        let list = parse(&["--config", path.to_str().unwrap()]).unwrap();
        assert_eq!(list.len(), 2);
        let Source::Joc { urls, monitor_password, ca_bundle, .. } = &list[0].source else { panic!("a real JOC") };
        assert_eq!(urls.len(), 2);
        assert_eq!(monitor_password.as_ref().unwrap().expose(), "s3cret");
        assert_eq!(ca_bundle.as_deref(), Some(path.with_file_name("ca.pem").as_path()), "relative to the file");
        assert_eq!(list[0].controller_id.as_deref(), Some("jobs"));
        let Source::Simulated(sim) = &list[1].source else { panic!("simulated") };
        let ids: Vec<String> = sim.world.controllers().into_iter().map(|c| c.id).collect();
        assert_eq!(ids, ["berlin", "munich"]);
        assert!(!sim.world.controller_cluster);
        assert_eq!(sim.accounts.len(), 1);
        assert!(!format!("{list:?}").contains("s3cret"), "passwords are never printed");
    }

    #[test]
    fn bad_files_are_refused_with_the_reason() {
        let cases = [
            ("empty", "", "no installation"),
            (
                "twice",
                "[[installation]]\nname = \"a\"\njoc_urls = [\"https://x\"]\n[[installation]]\nname = \"a\"\njoc_urls = [\"https://y\"]\n",
                "twice",
            ),
            ("neither", "[[installation]]\nname = \"a\"\n", "joc_urls"),
            (
                "both",
                "[[installation]]\nname = \"a\"\njoc_urls = [\"https://x\"]\nsimulator = { controllers = [\"c\"] }\n",
                "not both",
            ),
            ("unknown", "[[installation]]\nname = \"a\"\njoc_url = \"https://x\"\n", "unknown field"),
            ("name", "[[installation]]\nname = \" a\"\njoc_urls = [\"https://x\"]\n", "no installation name"),
            ("ids", "[[installation]]\nname = \"a\"\nsimulator = { controllers = [\"c\", \"c\"] }\n", "twice"),
            ("none", "[[installation]]\nname = \"a\"\nsimulator = { controllers = [] }\n", "at least one Controller"),
            ("jocs", "[[installation]]\nname = \"a\"\nsimulator = { jocs = 5, controllers = [\"c\"] }\n", "1 to 4"),
        ];
        for (name, text, why) in cases {
            let path = file(name, text);
            let err = parse(&["--config", path.to_str().unwrap()]).unwrap_err();
            assert!(err.contains(why), "{name}: {err}");
        }
        let path = file("with-url", "[[installation]]\nname = \"a\"\njoc_urls = [\"https://x\"]\n");
        assert!(
            parse(&["--config", path.to_str().unwrap(), "--joc-url", "https://y"]).unwrap_err().contains("not both")
        );
        assert!(parse(&["--config", "/nonexistent/board.toml"]).unwrap_err().contains("/nonexistent/board.toml"));
    }
}
