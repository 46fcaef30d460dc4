//! Test support: the local emulator (started once per test binary on a free port, stopped
//! when the binary exits), gateway construction, and unique names. A missing emulator is a
//! failure, never a skip.

#![allow(dead_code)]

pub mod http;
pub mod proxy;
pub mod pty;

use std::io::Write as _;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use cognito_tui::cli::emulator::{Emulator, Kind};
use cognito_tui::cognito::{AdminApi, CognitoApi, ConnectOptions, SdkCognito, connect};
use cognito_tui::domain::secret::Secret;
use cognito_tui::domain::{MessageAction, NewPool, NewUser, PasswordPolicy};

pub const REGION: &str = "us-east-1";

/// This binary's ministack (AUTH=true), started on first use.
pub fn ministack() -> &'static Emulator {
    static EMU: OnceLock<Emulator> = OnceLock::new();
    EMU.get_or_init(|| {
        Emulator::start(Kind::Ministack).unwrap_or_else(|e| {
            panic!("the ministack emulator must run for this test (scripts/setup-emulators.sh installs it): {e}")
        })
    })
}

pub fn options(endpoint: &str, read_only: bool) -> ConnectOptions {
    ConnectOptions {
        region: Some(REGION.into()),
        endpoint_url: Some(endpoint.into()),
        read_only,
        call_timeout: Duration::from_secs(15),
        // Emulators answer 500 for what they lack: don't triple every such call.
        max_attempts: 1,
        static_credentials: Some(("test".into(), "test".into())),
        ..Default::default()
    }
}

pub async fn gateway(endpoint: &str, read_only: bool) -> SdkCognito {
    connect(&options(endpoint, read_only))
        .await
        .expect("connecting to the emulator")
}

/// A name no other test uses: the clock tells runs apart, the counter tells apart the
/// tests of one binary that run in parallel (two threads can read the same clock tick).
pub fn unique(prefix: &str) -> String {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let n = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let c = NEXT.fetch_add(1, Ordering::Relaxed);
    format!("{prefix}-{}-{c}", n % 1_000_000_000_000)
}

/// The environment the real binary needs to talk to an emulator.
pub fn binary_env(endpoint: &str) -> Vec<(&'static str, String)> {
    vec![
        ("AWS_ACCESS_KEY_ID", "test".into()),
        ("AWS_SECRET_ACCESS_KEY", "test".into()),
        ("AWS_REGION", REGION.into()),
        ("AWS_ENDPOINT_URL", endpoint.into()),
        ("AWS_MAX_ATTEMPTS", "1".into()),
        ("AWS_EC2_METADATA_DISABLED", "true".into()),
    ]
}

/// A plain pool for tests: MFA off, no deletion protection, passwords of 8 characters.
pub fn new_pool(name: &str) -> NewPool {
    NewPool {
        name: name.into(),
        mfa_configuration: "OFF".into(),
        deletion_protection: "INACTIVE".into(),
        password_policy: PasswordPolicy {
            minimum_length: Some(8),
            temporary_password_validity_days: 7,
            ..Default::default()
        },
        ..Default::default()
    }
}

/// Run the binary with `stdin` piped in: (exit code, stdout, stderr).
pub fn run_with_stdin(mut c: std::process::Command, stdin: &str) -> (i32, String, String) {
    let mut child = c
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("cognito-tui runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A confirmed user of our own (so lockouts and sign-outs touch no other test).
pub async fn fresh_user(api: &SdkCognito, pool: &str, prefix: &str, pw: &str) -> String {
    let username = unique(prefix);
    api.admin_create_user(
        pool,
        &cognito_tui::domain::NewUser {
            username: username.clone(),
            attributes: vec![],
            temporary_password: Some(Secret::new("Temporary1Pass")),
            message_action: Some(cognito_tui::domain::MessageAction::Suppress),
            delivery: vec![],
        },
    )
    .await
    .expect("AdminCreateUser");
    api.admin_set_user_password(pool, &username, &Secret::new(pw), true)
        .await
        .expect("AdminSetUserPassword");
    username
}

/// A user with an email, a temporary password and no invitation message.
pub fn new_user(name: &str) -> NewUser {
    NewUser {
        username: name.into(),
        attributes: vec![("email".into(), format!("{name}@example.com"))],
        temporary_password: Some(Secret::new("Temp-Passw0rd!")),
        message_action: Some(MessageAction::Suppress),
        delivery: vec![],
    }
}

/// A bare SDK client for the emulator (no retries), for set-ups the gateway has no call for.
pub fn sdk(endpoint: &str) -> aws_sdk_cognitoidentityprovider::Client {
    use aws_sdk_cognitoidentityprovider as cip;
    let conf = cip::Config::builder()
        .behavior_version(cip::config::BehaviorVersion::latest())
        .region(cip::config::Region::new(REGION))
        .endpoint_url(endpoint)
        .credentials_provider(cip::config::Credentials::new(
            "test", "test", None, None, "tests",
        ))
        .retry_config(cip::config::retry::RetryConfig::disabled())
        .build();
    cip::Client::from_conf(conf)
}

/// A progress writer the test can read afterwards.
#[derive(Clone, Default)]
pub struct Log(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Log {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Log {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

/// The workshop's seed file (what the sandbox seeds).
pub fn workshop_file() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/workshop.json")
}

/// Seed the workshop into `api`'s emulator; what is there already is kept. One seed at a
/// time: two at once race to create the pool.
pub async fn seed_workshop(api: &SdkCognito) -> cognito_tui::cli::seed::SeedReport {
    static SEED_LOCK: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
    let _one_at_a_time = SEED_LOCK.lock().await;
    cognito_tui::cli::seed::seed(api, &workshop_file(), None)
        .await
        .expect("seeding the workshop")
}

/// The id of the app client `name` a seed created.
pub fn seeded_client(report: &cognito_tui::cli::seed::SeedReport, name: &str) -> String {
    report
        .clients
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, id)| id.clone())
        .unwrap_or_else(|| panic!("client {name} seeded"))
}
