//! The command line: start-up errors go to stderr with exit code 2 before any raw mode;
//! `pools` prints JSON.

mod support;

use std::process::Command;

fn bin() -> Command {
    let home = std::env::temp_dir().join("cognito-tui-cli-home");
    bin_logging_to(&home.join("test.log"))
}

/// [`bin`] with its own log file.
fn bin_logging_to(log: &std::path::Path) -> Command {
    let home = std::env::temp_dir().join("cognito-tui-cli-home");
    let mut c = bin_at_home(&home);
    c.arg("--log-file").arg(log);
    c
}

/// The binary with `home` as HOME, no XDG directories set, and no ambient AWS configuration.
fn bin_at_home(home: &std::path::Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_cognito-tui"));
    std::fs::create_dir_all(home).unwrap();
    // No ambient AWS configuration from the machine running the tests.
    for v in [
        "AWS_PROFILE",
        "AWS_REGION",
        "AWS_DEFAULT_REGION",
        "AWS_ENDPOINT_URL",
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "XDG_CONFIG_HOME",
        "XDG_STATE_HOME",
    ] {
        c.env_remove(v);
    }
    c.env("HOME", home)
        .env("AWS_CONFIG_FILE", home.join("config"))
        .env("AWS_SHARED_CREDENTIALS_FILE", home.join("credentials"))
        .env("AWS_EC2_METADATA_DISABLED", "true");
    c
}

/// The emulators' test keys and an endpoint nothing listens on.
fn test_keys_on_a_closed_port(c: &mut Command) -> &mut Command {
    c.args([
        "--region",
        "us-east-1",
        "--endpoint-url",
        "http://127.0.0.1:9",
    ])
    .env("AWS_ACCESS_KEY_ID", "test")
    .env("AWS_SECRET_ACCESS_KEY", "test")
}

fn run(c: &mut Command) -> (i32, String, String) {
    let out = c.output().expect("run cognito-tui");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn no_region_is_a_clear_error() {
    let (code, _, err) = run(bin().arg("pools"));
    assert_eq!(code, 2);
    assert!(err.contains("no AWS region"), "{err}");
}

#[test]
fn a_bad_config_file_is_reported_with_its_line_before_the_tui() {
    let dir = std::env::temp_dir().join(format!("cognito-tui-cli-config-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("cognito-tui")).unwrap();
    let file = dir.join("bad.toml");
    std::fs::write(&file, "[keys.users]\nfilter = \"/\"\nopen = \"hyper-q\"\n").unwrap();
    // --config FILE: exit 2 with the file, line and field, and no terminal escape codes.
    let (code, out, err) = run(bin()
        .arg("--config")
        .arg(&file)
        .args(["--region", "us-east-1"]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("bad.toml") && err.contains("line 3"), "{err}");
    assert!(err.contains("keys.users.open"), "{err}");
    assert!(
        !out.contains('\u{1b}') && !err.contains('\u{1b}'),
        "{out:?} {err:?}"
    );

    // The XDG default location is read too.
    std::fs::write(
        dir.join("cognito-tui/config.toml"),
        "[colors]\naccent = \"blurple\"\n",
    )
    .unwrap();
    let (code, _, err) = run(bin()
        .env("XDG_CONFIG_HOME", &dir)
        .args(["--region", "us-east-1"]));
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("config.toml") && err.contains("line 2") && err.contains("colors.accent"),
        "{err}"
    );

    // A missing --config file is an error; subcommands that open no TUI ignore the file.
    let (code, _, err) = run(bin().arg("--config").arg(dir.join("missing.toml")));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("missing.toml"), "{err}");
    let (code, _, err) = run(bin().arg("--config").arg(&file).arg("pools"));
    assert!(!err.contains("bad.toml"), "{code} {err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_bad_flag_is_exit_2() {
    let (code, _, err) = run(bin().arg("--frobnicate"));
    assert_eq!(code, 2);
    assert!(err.contains("--frobnicate"), "{err}");
}

#[test]
fn a_bad_endpoint_url_is_refused() {
    let (code, _, err) = run(bin().args([
        "--region",
        "us-east-1",
        "--endpoint-url",
        "localhost:4566",
        "pools",
    ]));
    assert_eq!(code, 2);
    assert!(err.contains("must start with http"), "{err}");
}

#[test]
fn a_malformed_region_is_refused() {
    let (code, _, err) = run(bin().args(["--region", "US East", "pools"]));
    assert_eq!(code, 2);
    assert!(err.contains("not a region name"), "{err}");
}

#[test]
fn a_missing_profile_is_refused() {
    let (code, _, err) = run(bin().args([
        "--region",
        "us-east-1",
        "--profile",
        "no-such-profile",
        "pools",
    ]));
    assert_eq!(code, 2);
    assert!(err.contains("no usable AWS credentials"), "{err}");
}

#[test]
fn a_bad_seed_file_is_refused_before_any_call() {
    let dir = std::env::temp_dir().join("cognito-tui-cli-home");
    let f = dir.join("broken.json");
    std::fs::write(&f, "{ not json").unwrap();
    let (code, _, err) = run(test_keys_on_a_closed_port(&mut bin()).arg("seed").arg(&f));
    assert_eq!(code, 2);
    assert!(err.contains("not a valid workshop file"), "{err}");
}

#[test]
fn pools_prints_json_from_the_endpoint() {
    let emu = support::ministack();
    seed_workshop(&emu.endpoint());
    let mut c = bin();
    for (k, v) in support::binary_env(&emu.endpoint()) {
        c.env(k, v);
    }
    let (code, out, err) = run(c.arg("pools"));
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON on stdout");
    let names: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert!(names.contains(&"cognito-workshop"), "{names:?}");
}

/// Seed the workshop pool once for this test binary (tests run in parallel, and two seeds
/// at once race on creating the same IAM role).
fn seed_workshop(endpoint: &str) {
    static SEEDED: std::sync::OnceLock<(i32, String)> = std::sync::OnceLock::new();
    let (code, err) = SEEDED.get_or_init(|| {
        let mut c = bin();
        for (k, v) in support::binary_env(endpoint) {
            c.env(k, v);
        }
        let (code, _, err) = run(c
            .arg("seed")
            .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/workshop.json")));
        (code, err)
    });
    assert_eq!(*code, 0, "seed: {err}");
}

/// [`bin`] against the emulator, with the workshop pool seeded; its id.
fn on_the_workshop() -> (impl Fn() -> Command, String) {
    let emu = support::ministack();
    let endpoint = emu.endpoint();
    let with_emu = move || {
        let mut c = bin();
        for (k, v) in support::binary_env(&endpoint) {
            c.env(k, v);
        }
        c
    };
    seed_workshop(&emu.endpoint());
    let (code, out, err) = run(with_emu().args(["pools", "--output", "json"]));
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("--output json is JSON");
    let id = v
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "cognito-workshop")
        .and_then(|p| p["id"].as_str())
        .expect("the workshop pool")
        .to_string();
    (with_emu, id)
}

#[test]
fn pools_and_export_print_a_table_when_asked_and_json_lines_when_piped() {
    let (with_emu, pool_id) = on_the_workshop();
    let (code, out, err) = run(with_emu().args(["pools", "--output", "table"]));
    assert_eq!(code, 0, "{err}");
    let mut lines = out.lines();
    let header: Vec<&str> = lines.next().unwrap_or("").split_whitespace().collect();
    assert_eq!(header, ["NAME", "ID", "CREATED", "TRIGGERS"], "{out}");
    let row = lines
        .find(|l| l.starts_with("cognito-workshop "))
        .unwrap_or_else(|| panic!("no workshop row:\n{out}"));
    assert!(row.contains(&pool_id) && row.contains(" UTC "), "{row}");
    assert!(serde_json::from_str::<serde_json::Value>(&out).is_err());
    assert!(!out.contains('\u{1b}'), "no colour: {out:?}");

    // Piped without --output: JSON lines, one parseable object per line.
    let (code, out, err) = run(with_emu().args(["export", "--pool-id", &pool_id]));
    assert_eq!(code, 0, "{err}");
    let users: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert!(users.iter().any(|u| u["username"] == "alice"), "{out}");

    let (code, out, err) =
        run(with_emu().args(["export", "--pool-id", &pool_id, "--output", "table"]));
    assert_eq!(code, 0, "{err}");
    let mut lines = out.lines();
    let header: Vec<&str> = lines.next().unwrap_or("").split_whitespace().collect();
    assert_eq!(
        header,
        ["USERNAME", "STATUS", "ENABLED", "EMAIL", "GROUPS"],
        "{out}"
    );
    let alice = lines
        .find(|l| l.starts_with("alice "))
        .unwrap_or_else(|| panic!("no alice row:\n{out}"));
    assert!(alice.contains("yes") && alice.contains('@'), "{alice}");
    assert_eq!(out.lines().count(), users.len() + 1, "{out}");
    assert!(err.contains("exported"), "progress stays on stderr: {err}");

    // CSV stays CSV; --output with it is a usage error.
    let (code, _, err) = run(with_emu().args([
        "export",
        "--pool-id",
        &pool_id,
        "--format",
        "csv",
        "--output",
        "table",
    ]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--output"), "{err}");
    let (code, out, err) =
        run(with_emu().args(["export", "--pool-id", &pool_id, "--format", "csv"]));
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("name,given_name,"), "{out}");

    // A service refusal is still exit 1 in table form.
    let (code, _, err) =
        run(with_emu().args(["export", "--pool-id", "us-east-1_nope", "--output", "table"]));
    assert_eq!(code, 1, "{err}");
}

#[test]
fn on_a_terminal_pools_is_a_table_without_asking() {
    let (_, pool_id) = on_the_workshop();
    let log = std::env::temp_dir().join(format!("cognito-tui-cli-pty-{}.log", std::process::id()));
    let log_arg = log.display().to_string();
    let emu = support::ministack();
    let mut tui = support::pty::Tui::spawn(
        &["--log-file", &log_arg, "pools"],
        &support::binary_env(&emu.endpoint()),
        160,
        30,
    );
    let screen = tui.wait_for("cognito-workshop", std::time::Duration::from_secs(20));
    assert_eq!(
        tui.wait_exit(std::time::Duration::from_secs(10)),
        Some(0),
        "{screen}"
    );
    let screen = tui.screen();
    let first: Vec<&str> = screen
        .lines()
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    assert_eq!(first, ["NAME", "ID", "CREATED", "TRIGGERS"], "{screen}");
    assert!(screen.contains(&pool_id), "{screen}");
    assert!(!screen.contains('{'), "not JSON: {screen}");
    let _ = std::fs::remove_file(&log);
}

#[test]
fn the_config_and_log_files_live_in_the_xdg_directories_or_under_home() {
    let root = std::env::temp_dir().join(format!("cognito-tui-cli-xdg-{}", std::process::id()));
    let home = root.join("home");
    let xdg = root.join("xdg");
    let _ = std::fs::remove_dir_all(&root);
    let bare = |vars: &[(&str, &std::path::Path)]| {
        let mut c = bin_at_home(&home);
        for (k, v) in vars {
            c.env(k, v);
        }
        c
    };
    // The log: opened before the (failing, no region) call.
    let (code, _, err) = run(bare(&[]).arg("pools"));
    assert_eq!(code, 2, "{err}");
    assert!(
        home.join(".local/state/cognito-tui/cognito-tui.log")
            .is_file()
    );
    let (code, _, err) = run(bare(&[("XDG_STATE_HOME", &xdg)]).arg("pools"));
    assert_eq!(code, 2, "{err}");
    assert!(xdg.join("cognito-tui/cognito-tui.log").is_file());

    // The config: a bad file at the default place stops the TUI with its path.
    let bad = "[colors]\naccent = \"blurple\"\n";
    for dir in [home.join(".config/cognito-tui"), xdg.join("cognito-tui")] {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("config.toml"), bad).unwrap();
    }
    let wanted = home.join(".config/cognito-tui/config.toml");
    let (code, _, err) = run(bare(&[]).args(["--region", "us-east-1"]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(&wanted.display().to_string()), "{err}");
    let wanted = xdg.join("cognito-tui/config.toml");
    let (code, _, err) = run(bare(&[("XDG_CONFIG_HOME", &xdg)]).args(["--region", "us-east-1"]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(&wanted.display().to_string()), "{err}");
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn the_tui_without_a_terminal_exits_2_and_names_the_subcommands_for_scripts() {
    let started = std::time::Instant::now();
    // `output()` gives no terminal: stdin is closed, stdout and stderr are pipes.
    let (code, out, err) =
        run(test_keys_on_a_closed_port(&mut bin()).stdin(std::process::Stdio::null()));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("needs a terminal"), "{err}");
    for sub in ["`pools`", "`export`", "`auth`", "`seed`"] {
        assert!(err.contains(sub), "{sub} missing: {err}");
    }
    assert!(
        !err.contains("panicked") && !err.contains("backtrace"),
        "{err}"
    );
    assert!(
        !out.contains('\u{1b}') && !err.contains('\u{1b}'),
        "no escape codes: {out:?} {err:?}"
    );
    assert!(err.lines().count() <= 3, "{err}");
    // The sandbox says the same before it starts an emulator.
    let (code, _, err) = run(bin().arg("sandbox").stdin(std::process::Stdio::null()));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("needs a terminal"), "{err}");
    assert!(!err.contains("Starting"), "{err}");
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
}

/// A failure on stderr: a few short lines, no SDK internals.
fn assert_short(err: &str, max_lines: usize, max_width: usize) {
    assert!(
        err.lines().count() <= max_lines,
        "{} lines:\n{err}",
        err.lines().count()
    );
    assert!(
        err.lines().all(|l| l.chars().count() <= max_width),
        "a line over {max_width} characters:\n{err}"
    );
    for internal in [
        "ProviderError",
        "raw: Response",
        "CredentialsNotLoaded",
        "ProviderChain",
    ] {
        assert!(!err.contains(internal), "{internal} in:\n{err}");
    }
}

#[test]
fn missing_credentials_say_what_was_tried_and_what_to_do_in_a_few_lines() {
    let dir = std::env::temp_dir().join(format!("cognito-tui-cli-nocreds-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let log = dir.join("log");
    let mut c = bin_logging_to(&log);
    c.env("HOME", &dir)
        .env("AWS_CONFIG_FILE", dir.join("config"))
        .env("AWS_SHARED_CREDENTIALS_FILE", dir.join("credentials"));
    let (code, _, err) = run(c.args(["--region", "us-east-1", "pools"]));
    assert_eq!(code, 2, "{err}");
    assert_short(&err, 4, 100);
    assert!(err.len() < 400, "{} characters:\n{err}", err.len());
    assert!(err.contains("none found"), "{err}");
    for tried in [
        "environment",
        "profile files",
        "SSO",
        "instance metadata",
        "container",
    ] {
        assert!(err.contains(tried), "{tried} not said:\n{err}");
    }
    for fix in [
        "aws configure",
        "aws sso login",
        "--profile",
        "--endpoint-url",
    ] {
        assert!(err.contains(fix), "{fix} not said:\n{err}");
    }
    // The whole chain is in the log.
    let logged = std::fs::read_to_string(&log).unwrap();
    assert!(logged.contains("no usable AWS credentials"), "{logged}");
    assert!(logged.contains("Ec2InstanceMetadata"), "{logged}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_expired_sso_session_and_an_unknown_profile_are_one_sentence_and_a_fix() {
    let dir = std::env::temp_dir().join(format!("cognito-tui-cli-sso-{}", std::process::id()));
    let cache = dir.join(".aws/sso/cache");
    std::fs::create_dir_all(&cache).unwrap();
    let config = dir.join("config");
    std::fs::write(
        &config,
        "[profile dev]\nsso_session = corp\nsso_account_id = 111122223333\n\
         sso_role_name = Admin\nregion = us-east-1\n\n[sso-session corp]\n\
         sso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\n",
    )
    .unwrap();
    // The token cache of session "corp" (the file is named by the SHA-1 of the session
    // name), expired and without a refresh token: nothing is sent anywhere.
    std::fs::write(
        cache.join("ee0bfd2552fbd840c02cc48b6e823320543c450f.json"),
        r#"{"startUrl":"https://example.awsapps.com/start","region":"us-east-1","accessToken":"x","expiresAt":"2020-01-01T00:00:00Z"}"#,
    )
    .unwrap();
    let sso = |profile: &str| {
        let mut c = bin();
        c.env("HOME", &dir).env("AWS_CONFIG_FILE", &config).args([
            "--region",
            "us-east-1",
            "--profile",
            profile,
            "pools",
        ]);
        run(&mut c)
    };
    let (code, _, err) = sso("dev");
    assert_eq!(code, 2, "{err}");
    assert_short(&err, 2, 110);
    assert!(err.contains("SSO session has expired"), "{err}");
    assert!(err.contains("aws sso login --profile dev"), "{err}");

    let (code, _, err) = sso("nope");
    assert_eq!(code, 2, "{err}");
    assert_short(&err, 2, 110);
    assert!(err.contains("no usable AWS credentials"), "{err}");
    assert!(err.contains("profile \"nope\" is not in"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_unreachable_endpoint_is_one_line_that_says_what_to_check() {
    let port = cognito_tui::cli::emulator::free_port().unwrap();
    let url = format!("http://127.0.0.1:{port}");
    let (code, _, err) = run(bin()
        .args([
            "--region",
            "us-east-1",
            "--endpoint-url",
            &url,
            "--timeout",
            "5",
        ])
        .env("AWS_ACCESS_KEY_ID", "test")
        .env("AWS_SECRET_ACCESS_KEY", "test")
        .env("AWS_MAX_ATTEMPTS", "1")
        .arg("pools"));
    assert_eq!(code, 1, "{err}");
    assert_short(&err, 2, 120);
    assert!(err.contains("cannot reach the Cognito endpoint"), "{err}");
    assert!(
        err.contains("Nothing listens there: check --endpoint-url, or start the emulator."),
        "{err}"
    );
}

#[test]
fn completions_for_every_shell_come_from_the_same_definition() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let (code, out, err) = run(bin().args(["completions", shell]));
        assert_eq!(code, 0, "{shell}: {err}");
        assert!(out.len() > 1000, "{shell}: {} bytes", out.len());
        // Every subcommand and a subcommand's own flag are offered.
        for word in [
            "pools", "export", "auth", "seed", "sandbox", "pool-id", "color",
        ] {
            assert!(out.contains(word), "{shell} completion lacks {word}");
        }
    }
    let (code, _, err) = run(bin().args(["completions", "tcsh"]));
    assert_eq!(code, 2);
    assert!(err.contains("invalid value 'tcsh'"), "{err}");
}

#[test]
fn the_man_page_renders_with_every_subcommand() {
    let (code, out, _) = run(bin().arg("man"));
    assert_eq!(code, 0);
    assert!(out.contains(".TH cognito-tui 1"), "{out}");
    for word in [
        "pools",
        "export",
        "auth",
        "completions",
        "\\-\\-read\\-only",
        "Exit codes",
    ] {
        assert!(out.contains(word), "man page lacks {word}");
    }
}

#[test]
fn a_subcommands_help_lists_its_own_options_then_the_global_ones_then_exit_codes() {
    let (code, out, _) = run(bin().args(["auth", "--help"]));
    assert_eq!(code, 0);
    let own = out.find("--pool-id").expect("its own option");
    let heading = out.find("Global options:").expect("the global heading");
    let global = out.find("--endpoint-url").expect("a global option");
    let codes = out.find("Exit codes:").expect("exit codes");
    assert!(own < heading && heading < global && global < codes, "{out}");
    assert!(out.contains("2    usage or set-up"), "{out}");
}
