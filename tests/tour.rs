//! End to end: the real binary in a pseudo-terminal walks the bundled workshop tour against
//! the seeded emulator, in presenter mode: the chapter list, `]` to the
//! ADMIN_USER_PASSWORD_AUTH chapter (chapter 5 of 12), Enter signs alice in live; `Y` copies
//! the decoded claims with OSC 52; and no frame or log line holds the password.

mod support;

use std::time::Duration;

use support::pty::Tui;

const WAIT: Duration = Duration::from_secs(30);

async fn seeded() -> &'static cognito_tui::cli::emulator::Emulator {
    let emu = support::ministack();
    let api = support::gateway(&emu.endpoint(), false).await;
    support::seed_workshop(&api).await;
    emu
}

/// Esc, Ctrl-C, and a clean exit.
fn quit(tui: &mut Tui) {
    tui.send("\x1b");
    std::thread::sleep(Duration::from_millis(300));
    tui.send("\x03");
    assert_eq!(tui.wait_exit(WAIT), Some(0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bundled_tour_reaches_admin_user_password_auth_and_signs_in() {
    let emu = seeded().await;
    let log = std::env::temp_dir().join(format!("cognito-tui-tour-{}.log", std::process::id()));
    let log_arg = log.display().to_string();
    let mut tui = Tui::spawn(
        &["--log-file", &log_arg, "--presenter"],
        &support::binary_env(&emu.endpoint()),
        140,
        60,
    );
    let screen = tui.wait_for("cognito-workshop", WAIT);
    assert!(screen.contains("PRESENTER"), "the badge:\n{screen}");

    tui.send(":workshop\r");
    let screen = tui.wait_for("12 chapters", WAIT);
    assert!(
        screen.contains("5. ADMIN_USER_PASSWORD_AUTH → tokens"),
        "{screen}"
    );
    tui.send("\r");
    let screen = tui.wait_for("chapter 1 of 12", WAIT);
    assert!(screen.contains("The pool and its attributes"), "{screen}");
    tui.wait_for("custom:role", WAIT);
    for n in 2..=5 {
        tui.send("]");
        tui.wait_for(&format!("chapter {n} of 12"), WAIT);
    }
    let screen = tui.wait_for("do it live: sign in as alice with workshop-server", WAIT);
    assert!(screen.contains("sign-in@cognito-workshop"), "{screen}");
    tui.wait_for("ADMIN_USER_PASSWORD_AUTH", WAIT);

    tui.send("\r");
    let screen = tui.wait_for("\"custom:role\": \"admin\"", WAIT);
    assert!(
        screen.contains("\"role\": \"admin\""),
        "the trigger's claim:\n{screen}"
    );
    assert!(screen.contains("done live"), "{screen}");
    assert!(
        !screen.contains("AliceAdmin2024"),
        "the password is never drawn"
    );

    // Esc leaves the tour; the place is kept. Y copies the decoded claims (OSC 52).
    tui.send("\x1b");
    tui.wait_for("left the tour at chapter 5 of 12", WAIT);
    let before = tui.raw_output().len();
    tui.send("Y");
    tui.wait_for("copied the ID token's decoded claims", WAIT);
    let raw = tui.raw_output();
    let tail = String::from_utf8_lossy(&raw[before..]).to_string();
    assert!(
        tail.contains("\x1b]52;c;"),
        "an OSC 52 sequence was written"
    );

    // Back to the tour where it was left.
    tui.send(":workshop\r");
    tui.wait_for("12 chapters", WAIT);
    tui.send("\r");
    tui.wait_for("chapter 5 of 12", WAIT);

    quit(&mut tui);
    let log_text = std::fs::read_to_string(&log).unwrap_or_default();
    assert!(
        !log_text.contains("AliceAdmin2024"),
        "the password in the log"
    );
}

/// `--chapters FILE`: a presenter's own tour. A file that does not parse is refused before
/// the TUI starts (stderr, exit 2, with the reason); a good one is what `:workshop` lists.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_presenters_own_chapter_file_replaces_the_bundled_tour() {
    let dir = std::env::temp_dir().join(format!("cognito-tui-chapters-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(&bad, r#"{"title": "t", "pool": "p", "chapters": []}"#).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cognito-tui"))
        .args(["--chapters", bad.to_str().unwrap()])
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("the tour has no chapters"), "{err}");
    assert!(err.contains("bad.json"), "names the file: {err}");

    let good = dir.join("mine.json");
    std::fs::write(
        &good,
        r#"{"title": "My own tour", "pool": "cognito-workshop", "chapters": [
            {"title": "Our groups", "narration": ["Three groups."], "pane": "groups",
             "select": "student", "step": {"do": "open"}}]}"#,
    )
    .unwrap();
    let emu = seeded().await;
    let mut tui = Tui::spawn(
        &["--chapters", good.to_str().unwrap()],
        &support::binary_env(&emu.endpoint()),
        120,
        40,
    );
    tui.wait_for("cognito-workshop", WAIT);
    tui.send(":workshop\r");
    tui.wait_for("My own tour — 1 chapters", WAIT);
    tui.send("\r");
    tui.wait_for("chapter 1 of 1", WAIT);
    tui.wait_for("groups@cognito-workshop", WAIT);
    tui.send("\r");
    tui.wait_for("members@student", WAIT);
    quit(&mut tui);
}
