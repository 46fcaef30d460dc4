//! The command line: start-up errors go to stderr with exit code 2 before any raw mode;
//! `pools` prints JSON.

mod support;

use std::process::Command;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_cognito-tui"));
    let home = std::env::temp_dir().join("cognito-tui-cli-home");
    std::fs::create_dir_all(&home).unwrap();
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
    ] {
        c.env_remove(v);
    }
    c.env("HOME", &home)
        .env("AWS_CONFIG_FILE", home.join("config"))
        .env("AWS_SHARED_CREDENTIALS_FILE", home.join("credentials"))
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .arg("--log-file")
        .arg(home.join("test.log"));
    c
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
    let (code, _, err) = run(bin()
        .args([
            "--region",
            "us-east-1",
            "--endpoint-url",
            "http://127.0.0.1:9",
        ])
        .env("AWS_ACCESS_KEY_ID", "test")
        .env("AWS_SECRET_ACCESS_KEY", "test")
        .arg("seed")
        .arg(&f));
    assert_eq!(code, 2);
    assert!(err.contains("not a valid workshop file"), "{err}");
}

#[test]
fn pools_prints_json_from_the_endpoint() {
    let emu = support::ministack();
    let mut c = bin();
    for (k, v) in support::binary_env(&emu.endpoint()) {
        c.env(k, v);
    }
    let seeded = run(c
        .arg("seed")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/workshop.json")));
    assert_eq!(seeded.0, 0, "seed: {}", seeded.2);
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
