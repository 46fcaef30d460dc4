//! End to end: the real binary in a pseudo-terminal against the seeded emulator.

mod support;

use std::path::Path;
use std::time::Duration;

use cognito_tui::cli::emulator::{Emulator, Kind};
use cognito_tui::cli::seed;
use cognito_tui::cognito::{AdminApi, CognitoApi};
use support::pty::{Tui, find_from};

const WAIT: Duration = Duration::from_secs(30);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browse_the_workshop_pool_and_quit_cleanly() {
    let Session {
        mut tui,
        log,
        report,
        ..
    } = start_on_workshop("main", &[], 120, 40).await;
    // Select the workshop pool (the list is sorted as the emulator returns it).
    let screen = select_workshop_row(&mut tui);
    assert!(screen.contains(&report.pool_id), "{screen}");
    assert!(
        screen.contains("<q> quit"),
        "the hint bar is drawn:\n{screen}"
    );
    tui.send("\r");
    let screen = tui.wait_for("Password policy", WAIT);
    assert!(screen.contains("Estimated users"), "{screen}");
    assert!(screen.contains("PreTokenGeneration"), "{screen}");
    assert!(screen.contains("pools › cognito-workshop"), "{screen}");

    tui.send("?");
    tui.wait_for("close this help", WAIT);
    tui.send("\x1b");
    std::thread::sleep(Duration::from_millis(300));
    tui.send("\x1b");
    tui.wait_for("User pools (", WAIT);

    let before_quit = tui.raw_output().len();
    tui.send("q");
    let code = tui.wait_exit(WAIT).expect("cognito-tui exits on q");
    assert_eq!(code, 0);
    let raw = tui.raw_output();
    // The terminal is given back: alternate screen left, cursor shown again.
    assert!(
        find_from(&raw, b"\x1b[?1049l", before_quit.saturating_sub(64)).is_some(),
        "left the alternate screen"
    );
    assert!(
        find_from(&raw, b"\x1b[?25h", before_quit.saturating_sub(64)).is_some(),
        "cursor shown again"
    );
    // Bracketed paste: asked for at start, turned off again on the way out.
    assert!(
        find_from(&raw, b"\x1b[?2004h", 0).is_some(),
        "paste mode on"
    );
    assert!(
        find_from(&raw, b"\x1b[?2004l", before_quit.saturating_sub(64)).is_some(),
        "paste mode off again"
    );

    // No password of the seeded users reached the log.
    let log_text = std::fs::read_to_string(&log).unwrap_or_default();
    for pw in ["AliceAdmin2024", "Welcome2Workshop"] {
        assert!(!log_text.contains(pw));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_emulator_dies_mid_session_and_the_app_stays_responsive() {
    // Its own emulator, so killing it hurts no other test.
    let mut emu = tokio::task::spawn_blocking(|| Emulator::start(Kind::Ministack))
        .await
        .unwrap()
        .expect("start a second ministack");
    let api = support::gateway(&emu.endpoint(), false).await;
    support::seed_workshop(&api).await;

    let log = std::env::temp_dir().join(format!("cognito-tui-e2e-kill-{}.log", std::process::id()));
    let log_arg = log.display().to_string();
    let mut tui = Tui::spawn(
        &["--log-file", &log_arg, "--timeout", "5"],
        &support::binary_env(&emu.endpoint()),
        110,
        30,
    );
    tui.wait_for("cognito-workshop", WAIT);

    emu.stop();
    tui.send("r");
    let screen = tui.wait_for("[r] retry", WAIT);
    assert!(screen.contains("cannot reach"), "{screen}");
    assert!(
        screen.contains("cognito-workshop"),
        "the last good rows stay:\n{screen}"
    );

    // Still responsive: help opens and closes, then q quits.
    tui.send("?");
    tui.wait_for("close this help", WAIT);
    tui.send("q");
    std::thread::sleep(Duration::from_millis(200));
    tui.send("q");
    assert_eq!(tui.wait_exit(WAIT), Some(0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dead_endpoint_from_the_start_is_said_in_the_pane() {
    let log = std::env::temp_dir().join(format!("cognito-tui-e2e-nf-{}.log", std::process::id()));
    let log_arg = log.display().to_string();
    // A dead endpoint from the start: the pane says so and r retries.
    let port = cognito_tui::cli::emulator::free_port().unwrap();
    let mut tui = Tui::spawn(
        &["--log-file", &log_arg, "--timeout", "5"],
        &support::binary_env(&format!("http://127.0.0.1:{port}")),
        100,
        24,
    );
    let screen = tui.wait_for("[r] retry", WAIT);
    assert!(screen.contains("cannot reach"), "{screen}");
    tui.send("q");
    assert_eq!(tui.wait_exit(WAIT), Some(0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_colour_the_selection_and_badges_are_drawn_reversed() {
    // --color never: not one coloured cell, and the selected row still stands out.
    let mut s = start_on_workshop("nocolor", &["--color", "never", "--read-only"], 120, 30).await;
    select_workshop_row(&mut s.tui);
    std::thread::sleep(Duration::from_millis(400));
    let (coloured, reversed) = s.tui.colours();
    assert_eq!(coloured, 0, "{}", s.tui.screen());
    assert!(
        reversed.iter().any(|r| r.contains("cognito-workshop")),
        "the selected row is reversed: {reversed:?}"
    );
    assert!(
        reversed.iter().any(|r| r.contains("READ-ONLY")),
        "{reversed:?}"
    );
    s.tui.send("q");
    assert_eq!(s.tui.wait_exit(WAIT), Some(0));

    // NO_COLOR (any non-empty value) does the same with the default --color auto.
    let port = cognito_tui::cli::emulator::free_port().unwrap();
    let mut env = support::binary_env(&format!("http://127.0.0.1:{port}"));
    env.push(("NO_COLOR", "1".to_string()));
    let mut tui = Tui::spawn(
        &["--log-file", &s.log.display().to_string(), "--timeout", "5"],
        &env,
        100,
        24,
    );
    let screen = tui.wait_for("[r] retry", WAIT);
    let (coloured, _) = tui.colours();
    assert_eq!(coloured, 0, "{screen}");
    tui.send("q");
    assert_eq!(tui.wait_exit(WAIT), Some(0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browse_users_filter_detail_groups_members_and_triggers() {
    let Session { mut tui, .. } = start_on_workshop("br", &[], 140, 40).await;
    select_workshop_row(&mut tui);
    tui.send("u");
    let screen = tui.wait_for("users@cognito-workshop", WAIT);
    tui.wait_for("hiro", WAIT);
    assert!(screen.contains("<f> server filter"), "{screen}");

    // A paste is text, not key presses: a pasted "D" outside a field asks to delete no one.
    tui.send("\x1b[200~D\x1b[201~");
    tui.send("?");
    let screen = tui.wait_for("close this help", WAIT);
    assert!(!screen.contains("Delete "), "{screen}");
    tui.send("\x1b");
    tui.wait_for("<f> server filter", WAIT);

    // A server-side filter; a bad one is refused before any call.
    tui.send("f");
    tui.wait_for("server filter —", WAIT);
    tui.send("custom:role = x\r");
    tui.wait_for("cannot be searched", WAIT);
    tui.send("\x15"); // ctrl-u clears the line
    tui.send("email ^= \"car\"\r");
    tui.wait_for("server filter email ^= \"car\"", WAIT);
    let screen = tui.wait_for("(1 loaded)", WAIT);
    assert!(!screen.contains("alice@example.com"), "{screen}");

    // The user's detail: attributes, custom marked, groups.
    tui.send("\r");
    let screen = tui.wait_for("Last modified", WAIT);
    assert!(screen.contains("Carmen Lopez"), "{screen}");
    assert!(
        screen.contains("users@cognito-workshop › carmen"),
        "{screen}"
    );
    tui.wait_for("(custom)", WAIT);
    tui.wait_for("precedence 100", WAIT);

    // :groups, then the instructor group's members.
    tui.send(":groups\r");
    tui.wait_for("groups@cognito-workshop", WAIT);
    let screen = tui.wait_for("instructor", WAIT);
    let names: Vec<&str> = ["admin", "instructor", "student"]
        .into_iter()
        .filter(|n| screen.contains(&format!("│{n} ")))
        .collect();
    assert_eq!(names.len(), 3, "{screen}");
    let rows: Vec<&str> = screen
        .lines()
        .filter(|l| {
            l.starts_with("│admin ") || l.starts_with("│instructor ") || l.starts_with("│student ")
        })
        .collect();
    let at = rows
        .iter()
        .position(|l| l.starts_with("│instructor "))
        .unwrap();
    for _ in 0..at {
        tui.send("j");
    }
    tui.send("\r");
    let screen = tui.wait_for("Members of instructor", WAIT);
    tui.wait_for("emma", WAIT);
    assert!(screen.contains("members@instructor"), "{screen}");

    // :triggers lists every slot, empty ones too.
    tui.send(":triggers\r");
    let screen = tui.wait_for("✓ PreTokenGeneration", WAIT);
    assert!(screen.contains("UserMigration"), "{screen}");
    assert!(screen.contains("— empty"), "{screen}");
    tui.send("q");
    assert_eq!(tui.wait_exit(WAIT), Some(0));
}

/// The runner: emma (FORCE_CHANGE_PASSWORD) signs in with SRP against ministack (which
/// verifies the SRP proof), answers NEW_PASSWORD_REQUIRED, and the decoded ID token shows the
/// `custom:role` claim and the pre-token trigger's `role`, with the signature checked.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_with_srp_through_new_password_required_and_see_the_role_claim() {
    let Session { mut tui, log, .. } = start_on_workshop("auth", &[], 140, 60).await;
    select_workshop_row(&mut tui);
    start_srp_sign_in(&mut tui, "emma", "Welcome2Workshop");
    let screen = tui.wait_for("New password for emma", WAIT);
    assert!(
        screen.contains("PASSWORD_VERIFIER"),
        "the SRP step is on the timeline:\n{screen}"
    );
    assert!(
        !screen.contains("Welcome2Workshop"),
        "the password is never drawn"
    );
    tui.send("EmmaNew-Passw0rd\r");
    let screen = tui.wait_for("\"custom:role\": \"instructor\"", WAIT);
    assert!(
        screen.contains("\"role\": \"instructor\""),
        "the trigger's claim:\n{screen}"
    );
    let screen = tui.wait_for("signature ✓ verified", WAIT);
    assert!(!screen.contains("EmmaNew-Passw0rd"));

    // The access token works for GetUser; after a global sign-out it is refused.
    tui.send("i");
    tui.wait_for("GetUser ✓", WAIT);
    tui.send("o");
    tui.wait_for("refused, as expected", WAIT);

    quit_from_the_runner(&mut tui, &log, &["Welcome2Workshop", "EmmaNew-Passw0rd"]);
}

/// A password pasted (bracketed paste) into the runner's password prompt is typed whole, not
/// read as keys: Enter signs david in with SRP, and the password is never drawn or logged.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pasted_password_signs_in_with_srp() {
    let Session { mut tui, log, .. } = start_on_workshop("paste", &[], 140, 60).await;
    select_workshop_row(&mut tui);
    tui.send("A");
    let screen = tui.wait_for("workshop-web", WAIT);
    assert!(screen.contains("USER_SRP_AUTH"), "{screen}");
    tui.send("\x1b[200~david\x1b[201~");
    tui.send("\r");
    tui.wait_for("Password for david", WAIT);
    tui.send("\x1b[200~DavidLearn2024\x1b[201~");
    let screen = tui.wait_for("••••••••••••••", WAIT);
    assert!(
        !screen.contains("DavidLearn2024"),
        "the password is never drawn"
    );
    tui.send("\r");
    let screen = tui.wait_for("\"cognito:username\": \"david\"", WAIT);
    assert!(screen.contains("PASSWORD_VERIFIER"), "{screen}");
    tui.wait_for("signature ✓ verified", WAIT);

    quit_from_the_runner(&mut tui, &log, &["DavidLearn2024"]);
}

/// Esc out of the runner, Ctrl-C, a clean exit, and none of `secrets` in the log.
fn quit_from_the_runner(tui: &mut Tui, log: &Path, secrets: &[&str]) {
    tui.send("\x1b");
    std::thread::sleep(Duration::from_millis(300));
    tui.send("\x03");
    assert_eq!(tui.wait_exit(WAIT), Some(0));
    let log_text = std::fs::read_to_string(log).unwrap_or_default();
    for secret in secrets {
        assert!(!log_text.contains(secret), "{secret} in the log");
    }
}

/// The MFA sandbox (`sandbox --emulator moto`): mia signs in with SRP, the pool requires MFA,
/// the runner sets up an authenticator app (QR code, the demo code from Ctrl-G, which moto
/// checks) and shows the tokens. The sandbox starts and stops its own moto.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_moto_sandbox_sets_up_an_authenticator_app_during_sign_in() {
    let log = std::env::temp_dir().join(format!("cognito-tui-e2e-mfa-{}.log", std::process::id()));
    let log_arg = log.display().to_string();
    let mut tui = Tui::spawn(
        &["--log-file", &log_arg, "sandbox", "--emulator", "moto"],
        &[],
        140,
        60,
    );
    tui.wait_for("cognito-workshop-mfa", Duration::from_secs(90));
    start_srp_sign_in(&mut tui, "mia", "MiaSecure2024");
    let screen = tui.wait_for("Scan the code", WAIT);
    assert!(screen.contains("← SecretCode"), "{screen}");
    // A QR code is drawn.
    tui.wait_for("▀▀▀▀▀▀▀▀▀▀", WAIT);
    let screen = send_demo_code_for_mia(&mut tui);
    assert!(screen.contains("Status SUCCESS"), "{screen}");
    tui.wait_for("signature ✓ verified", WAIT);

    // A new run: the authenticator app is registered now, so Cognito asks for its code.
    tui.send("n");
    tui.wait_for("Step-through", WAIT);
    tui.send("\r");
    tui.wait_for("Password for mia", WAIT);
    tui.send("MiaSecure2024\r");
    let screen = tui.wait_for("Code from the authenticator app", WAIT);
    assert!(screen.contains("challenge SOFTWARE_TOKEN_MFA"), "{screen}");
    let screen = send_demo_code_for_mia(&mut tui);
    assert!(
        screen.contains("RespondToAuthChallenge SOFTWARE_TOKEN_MFA"),
        "{screen}"
    );

    tui.send("\x1b");
    std::thread::sleep(Duration::from_millis(300));
    tui.send("\x03");
    assert_eq!(tui.wait_exit(WAIT), Some(0));
    let out = String::from_utf8_lossy(&tui.raw_output()).to_string();
    assert!(out.contains("Sandbox stopped."), "{out}");
    let log_text = std::fs::read_to_string(&log).unwrap_or_default();
    assert!(
        !log_text.contains("MiaSecure2024"),
        "the password in the log"
    );
}

/// `A` on the selected pool: the runner opens on workshop-web with USER_SRP_AUTH; sign in
/// `user` with `password`.
fn start_srp_sign_in(tui: &mut Tui, user: &str, password: &str) {
    tui.send("A");
    let screen = tui.wait_for("workshop-web", WAIT);
    assert!(screen.contains("USER_SRP_AUTH"), "{screen}");
    tui.send(&format!("{user}\r"));
    tui.wait_for(&format!("Password for {user}"), WAIT);
    tui.send(&format!("{password}\r"));
}

/// Ctrl-G (the labelled demo TOTP code), Enter, and the screen once mia's ID token shows.
fn send_demo_code_for_mia(tui: &mut Tui) -> String {
    tui.send("\x07");
    tui.wait_for("computed by cognito-tui", WAIT);
    tui.send("\r");
    tui.wait_for("\"cognito:username\": \"mia\"", WAIT)
}

/// Open the workshop pool's users from the pools list.
fn open_workshop_users(tui: &mut Tui) {
    select_workshop_row(tui);
    tui.send("u");
    tui.wait_for("users@cognito-workshop", WAIT);
    tui.wait_for("alice", WAIT);
}

/// The screen line that shows `needle`, once it does and `also` is on it too.
fn wait_for_row(tui: &Tui, needle: &str, also: &str) -> String {
    let deadline = std::time::Instant::now() + WAIT;
    loop {
        let screen = tui.screen();
        if let Some(line) = screen
            .lines()
            .find(|l| l.contains(needle) && l.contains(also))
        {
            return line.to_string();
        }
        if std::time::Instant::now() > deadline {
            panic!("no row with {needle:?} and {also:?}; screen:\n{screen}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn create_a_user_add_it_to_a_group_bulk_disable_and_delete_with_confirmation() {
    let Session {
        mut tui, log, api, ..
    } = start_on_workshop("adm", &[], 140, 40).await;
    open_workshop_users(&mut tui);
    // Names no other test (or earlier run) uses; both share a prefix the filter matches.
    let prefix = support::unique("e2e").replace('-', "");
    let (first, second) = (format!("{prefix}a"), format!("{prefix}b"));

    // A user with a typed temporary password, no invitation sent.
    tui.send("n");
    tui.wait_for("New user", WAIT);
    tui.send(&first);
    tui.send("\t");
    tui.send(&format!("{first}@example.com"));
    tui.send("\t\t\t");
    tui.send("Temp-Pass-2024x");
    let screen = tui.wait_for("•••••••••••••••", WAIT);
    assert!(!screen.contains("Temp-Pass-2024x"), "masked:\n{screen}");
    tui.send("\r");
    tui.wait_for(&format!("✓ created user {first}"), WAIT);
    wait_for_row(&tui, &first, "FORCE_CHANGE_PASSWORD");

    // A second one, its password left to Cognito.
    tui.send("n");
    tui.wait_for("New user", WAIT);
    tui.send(&second);
    tui.send("\r");
    tui.wait_for(&format!("✓ created user {second}"), WAIT);

    // Only the two new users: the first to a group.
    tui.send("/");
    tui.send(&prefix);
    tui.send("\r");
    tui.wait_for("(2 of", WAIT);
    tui.send("+");
    tui.wait_for(&format!("Add {first} to a group"), WAIT);
    tui.send("student\r");
    tui.wait_for(&format!("✓ added {first} to student"), WAIT);
    let pool = seed_pool(&api).await;
    let groups = api
        .group_names_of_user(&pool, &first)
        .await
        .expect("groups");
    assert_eq!(groups, ["student"]);

    // Both marked, disabled in one paced bulk run after a confirmation.
    tui.send("*");
    tui.wait_for("● 2 marked", WAIT);
    tui.send("X");
    tui.wait_for("Disable 2 marked users?", WAIT);
    tui.send("y");
    let screen = tui.wait_for("2 of 2 done, 0 failed", WAIT);
    assert!(screen.contains(&format!("✓ {first}")), "{screen}");
    assert!(screen.contains(&format!("✓ {second}")), "{screen}");
    tui.send("\x1b");
    std::thread::sleep(Duration::from_millis(200));
    wait_for_row(&tui, &first, " no ");
    wait_for_row(&tui, &second, " no ");

    // Delete the first, after saying yes.
    tui.send("D");
    tui.wait_for(&format!("Delete {first}?"), WAIT);
    tui.send("n");
    std::thread::sleep(Duration::from_millis(200));
    tui.send("D");
    tui.wait_for(&format!("Delete {first}?"), WAIT);
    tui.send("y");
    tui.wait_for(&format!("✓ deleted user {first}"), WAIT);
    tui.wait_for("(1 of", WAIT);

    // The group and the pool agree with the screen.
    let gone = api.admin_get_user(&pool, &first).await;
    assert!(gone.is_err(), "{first} is deleted");
    tui.send("q");
    assert_eq!(tui.wait_exit(WAIT), Some(0));

    let log_text = std::fs::read_to_string(&log).unwrap_or_default();
    assert!(
        !log_text.contains("Temp-Pass-2024x"),
        "no password in the log"
    );
}

async fn seed_pool(api: &cognito_tui::cognito::SdkCognito) -> String {
    let mut token = None;
    loop {
        let page = api.list_user_pools(token).await.expect("list pools");
        if let Some(p) = page.items.iter().find(|p| p.name == "cognito-workshop") {
            return p.id.clone();
        }
        token = page.next_token;
        assert!(token.is_some(), "the workshop pool exists");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn read_only_hides_delete_and_says_why() {
    let Session { mut tui, api, .. } = start_on_workshop("ro", &["--read-only"], 140, 40).await;
    tui.wait_for("READ-ONLY", WAIT);
    open_workshop_users(&mut tui);
    let screen = tui.wait_for("read-only: write keys hidden", WAIT);
    assert!(!screen.contains("<D> delete"), "{screen}");
    tui.send("D");
    tui.send("n");
    tui.send("?");
    let screen = tui.wait_for("close this help", WAIT);
    assert!(!screen.contains("delete (asks first)"), "{screen}");
    assert!(!screen.contains("Delete alice?") && !screen.contains("New user"));
    tui.send("\x1b");
    std::thread::sleep(Duration::from_millis(200));
    assert!(tui.screen().contains("alice"));
    tui.send("q");
    assert_eq!(tui.wait_exit(WAIT), Some(0));

    // The user is still there.
    let pool = seed_pool(&api).await;
    assert!(api.admin_get_user(&pool, "alice").await.is_ok());
}

/// Wait for the pools list and move the cursor to the workshop pool; the screen it saw.
fn select_workshop_row(tui: &mut Tui) -> String {
    let screen = tui.wait_for("cognito-workshop", WAIT);
    let rows: Vec<&str> = screen
        .lines()
        .filter(|l| l.contains("us-east-1_"))
        .collect();
    let index = rows
        .iter()
        .position(|l| l.contains("cognito-workshop"))
        .expect("the workshop row");
    for _ in 0..index {
        tui.send("j");
    }
    screen
}

/// The binary started on the seeded shared emulator, with what a test checks it against.
struct Session {
    tui: Tui,
    log: std::path::PathBuf,
    api: cognito_tui::cognito::SdkCognito,
    report: seed::SeedReport,
}

/// Seed the shared emulator (once at a time) and start the binary on it at `cols`×`rows`,
/// logging to a file named after `tag`.
async fn start_on_workshop(tag: &str, extra: &[&str], cols: u16, rows: u16) -> Session {
    let emu = support::ministack();
    let api = support::gateway(&emu.endpoint(), false).await;
    let report = support::seed_workshop(&api).await;
    let log =
        std::env::temp_dir().join(format!("cognito-tui-e2e-{tag}-{}.log", std::process::id()));
    let log_arg = log.display().to_string();
    let mut args = vec!["--log-file", log_arg.as_str()];
    args.extend_from_slice(extra);
    let tui = Tui::spawn(&args, &support::binary_env(&emu.endpoint()), cols, rows);
    Session {
        tui,
        log,
        api,
        report,
    }
}
