//! End to end: the real binary in a pseudo-terminal walks the bundled workshop tour against
//! the seeded emulator, in presenter mode: the chapter list, `]` to the
//! ADMIN_USER_PASSWORD_AUTH chapter (chapter 5 of 10), Enter signs alice in live; `Y` copies
//! the decoded claims with OSC 52; and no frame or log line holds the password.

mod support;

use std::path::Path;
use std::time::Duration;

use cognito_tui::cli::seed;
use support::pty::Tui;

const WAIT: Duration = Duration::from_secs(30);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bundled_tour_reaches_admin_user_password_auth_and_signs_in() {
    let emu = support::ministack();
    let api = support::gateway(&emu.endpoint(), false).await;
    let workshop = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/workshop.json");
    seed::seed(&api, &workshop, None).await.expect("seed");
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
    let screen = tui.wait_for("10 chapters", WAIT);
    assert!(
        screen.contains("5. ADMIN_USER_PASSWORD_AUTH → tokens"),
        "{screen}"
    );
    tui.send("\r");
    let screen = tui.wait_for("chapter 1 of 10", WAIT);
    assert!(screen.contains("The pool and its attributes"), "{screen}");
    tui.wait_for("custom:role", WAIT);
    for n in 2..=5 {
        tui.send("]");
        tui.wait_for(&format!("chapter {n} of 10"), WAIT);
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
    tui.wait_for("left the tour at chapter 5 of 10", WAIT);
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
    tui.wait_for("10 chapters", WAIT);
    tui.send("\r");
    tui.wait_for("chapter 5 of 10", WAIT);

    tui.send("\x1b");
    std::thread::sleep(Duration::from_millis(300));
    tui.send("\x03");
    assert_eq!(tui.wait_exit(WAIT), Some(0));
    let log_text = std::fs::read_to_string(&log).unwrap_or_default();
    assert!(
        !log_text.contains("AliceAdmin2024"),
        "the password in the log"
    );
}
