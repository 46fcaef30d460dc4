//! What the app does with a hostile or broken endpoint, and with the files and pipes it
//! writes: a scripted HTTP server on loopback (fault injection only; never a stand-in for
//! the emulator) that loops its page tokens, sends a body without end, or puts terminal
//! controls in its error messages; and the real binary piped into a reader that closes early
//! or stopped with Ctrl-C in the middle of an export.

mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use cognito_tui::cognito::{AdminApi, AuthApi, ConnectOptions, connect};

/// One request as the fake sees it.
struct Req {
    path: String,
    /// `X-Amz-Target`'s operation, e.g. `ListUsers`.
    op: String,
}

/// How the fake answers.
enum Reply {
    /// 200 with a JSON body.
    Json(String),
    /// 400 with a Cognito error.
    Error(&'static str, String),
    /// `bytes` bytes of `x`, with or without a Content-Length.
    Huge { bytes: usize, length: bool },
}

/// A scripted endpoint on a free loopback port; its URL and how many requests it answered.
fn fake(
    answer: impl Fn(&Req, usize) -> Reply + Send + Sync + 'static,
) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&seen);
    let answer = Arc::new(answer);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (answer, counter) = (Arc::clone(&answer), Arc::clone(&counter));
            std::thread::spawn(move || {
                let _ = serve(stream, &*answer, &counter);
            });
        }
    });
    (url, seen)
}

fn serve(
    stream: TcpStream,
    answer: &dyn Fn(&Req, usize) -> Reply,
    seen: &AtomicUsize,
) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut out = stream;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
        let (mut len, mut op) = (0usize, String::new());
        loop {
            let mut h = String::new();
            reader.read_line(&mut h)?;
            let h = h.trim_end();
            if h.is_empty() {
                break;
            }
            let (name, value) = h.split_once(':').unwrap_or((h, ""));
            match name.to_ascii_lowercase().as_str() {
                "content-length" => len = value.trim().parse().unwrap_or(0),
                "x-amz-target" => op = value.trim().rsplit('.').next().unwrap_or("").into(),
                _ => {}
            }
        }
        let mut body = vec![0u8; len];
        reader.read_exact(&mut body)?;
        let n = seen.fetch_add(1, Ordering::SeqCst);
        match answer(&Req { path, op }, n) {
            Reply::Json(body) => write!(
                out,
                "HTTP/1.1 200 OK\r\ncontent-type: application/x-amz-json-1.1\r\ncontent-length: {}\r\n\r\n{body}",
                body.len()
            )?,
            Reply::Error(code, message) => {
                let body = serde_json::json!({"__type": code, "message": message}).to_string();
                write!(
                    out,
                    "HTTP/1.1 400 Bad Request\r\ncontent-type: application/x-amz-json-1.1\r\ncontent-length: {}\r\n\r\n{body}",
                    body.len()
                )?
            }
            Reply::Huge { bytes, length } => {
                if length {
                    write!(out, "HTTP/1.1 200 OK\r\ncontent-length: {bytes}\r\n\r\n")?;
                } else {
                    write!(out, "HTTP/1.1 200 OK\r\nconnection: close\r\n\r\n")?;
                }
                let chunk = vec![b'x'; 64 * 1024];
                let mut left = bytes;
                while left > 0 {
                    let n = left.min(chunk.len());
                    out.write_all(&chunk[..n])?;
                    left -= n;
                }
                return Ok(());
            }
        }
    }
}

fn users_json(from: usize, count: usize, token: Option<&str>) -> String {
    let users: Vec<_> = (from..from + count)
        .map(|i| {
            serde_json::json!({"Username": format!("user-{i:05}"), "Enabled": true,
                "UserStatus": "CONFIRMED", "UserCreateDate": 1_700_000_000,
                "Attributes": [{"Name": "email", "Value": format!("user-{i}@example.com")}]})
        })
        .collect();
    let mut v = serde_json::json!({ "Users": users });
    if let Some(t) = token {
        v["PaginationToken"] = t.into();
    }
    v.to_string()
}

fn pools_json(count: usize, token: Option<&str>) -> String {
    let pools: Vec<_> = (0..count)
        .map(|i| {
            serde_json::json!({"Id": format!("us-east-1_pool{i:05}"), "Name": format!("pool number {i}"),
                "CreationDate": 1_700_000_000, "LastModifiedDate": 1_700_000_000})
        })
        .collect();
    let mut v = serde_json::json!({ "UserPools": pools });
    if let Some(t) = token {
        v["NextToken"] = t.into();
    }
    v.to_string()
}

fn options(url: &str) -> ConnectOptions {
    ConnectOptions {
        region: Some("us-east-1".into()),
        endpoint_url: Some(url.into()),
        call_timeout: Duration::from_secs(15),
        max_attempts: 1,
        static_credentials: Some(("test".into(), "test".into())),
        ..Default::default()
    }
}

/// The binary against `url`, with no ambient AWS configuration and a private home.
fn bin(url: &str, home: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_cognito-tui"));
    for v in [
        "AWS_PROFILE",
        "AWS_ENDPOINT_URL",
        "AWS_SESSION_TOKEN",
        "XDG_CONFIG_HOME",
    ] {
        c.env_remove(v);
    }
    c.env("HOME", home)
        .env("XDG_STATE_HOME", home.join("state"))
        .env("AWS_CONFIG_FILE", home.join("config"))
        .env("AWS_SHARED_CREDENTIALS_FILE", home.join("credentials"))
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_ACCESS_KEY_ID", "test")
        .env("AWS_SECRET_ACCESS_KEY", "test")
        .args(["--region", "us-east-1", "--endpoint-url", url]);
    c
}

/// Wait for `child` at most `limit`, killing it past that.
fn wait_at_most(child: &mut std::process::Child, limit: Duration) -> std::process::ExitStatus {
    let deadline = Instant::now() + limit;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// `export` to a file named next, without groups.
const EXPORT: [&str; 5] = [
    "export",
    "--pool-id",
    "us-east-1_fake",
    "--no-groups",
    "--out",
];

/// Run `cmd` to its end (at most 30 s): its exit code and stderr.
fn run_to_end(mut cmd: Command) -> (Option<i32>, String) {
    let mut child = cmd.stderr(Stdio::piped()).spawn().unwrap();
    let status = wait_at_most(&mut child, Duration::from_secs(30));
    let mut err = String::new();
    let mut stderr = child.stderr.take().unwrap();
    stderr.read_to_string(&mut err).unwrap();
    (status.code(), err)
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn pools_stops_when_list_user_pools_repeats_its_token() {
    let (url, seen) = fake(|r, _| match r.op.as_str() {
        "ListUserPools" => Reply::Json(pools_json(2, Some("same-token-forever"))),
        _ => Reply::Error("InvalidParameterException", "unexpected".into()),
    });
    let home = tempfile::tempdir().unwrap();
    let mut cmd = bin(&url, home.path());
    cmd.arg("pools").stdout(Stdio::null());
    let (code, err) = run_to_end(cmd);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("ListUserPools sent a page token it had already sent, after 2 pages"),
        "{err}"
    );
    assert_eq!(
        seen.load(Ordering::SeqCst),
        2,
        "the first page, then the repeat"
    );
}

#[test]
fn an_export_stops_on_a_repeated_list_users_token_and_leaves_no_file() {
    let (url, _) = fake(|r, _| match r.op.as_str() {
        "ListUsers" => Reply::Json(users_json(0, 3, Some("again"))),
        _ => Reply::Error("InvalidParameterException", "unexpected".into()),
    });
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = bin(&url, home.path());
    cmd.args(EXPORT).arg(dir.path().join("users.jsonl"));
    let (code, err) = run_to_end(cmd);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("ListUsers sent a page token it had already sent"),
        "{err}"
    );
    assert!(
        files_in(dir.path()).is_empty(),
        "{:?}",
        files_in(dir.path())
    );
}

#[tokio::test]
async fn the_gateway_stops_when_admin_list_groups_for_user_repeats_its_token() {
    let (url, seen) = fake(|r, _| match r.op.as_str() {
        "AdminListGroupsForUser" => {
            Reply::Json(r#"{"Groups":[{"GroupName":"g"}],"NextToken":"loop"}"#.into())
        }
        _ => Reply::Error("InvalidParameterException", "unexpected".into()),
    });
    let api = connect(&options(&url)).await.unwrap();
    let err = api
        .group_names_of_user("us-east-1_fake", "alice")
        .await
        .expect_err("a looping token is an error");
    assert!(
        err.message
            .contains("AdminListGroupsForUser sent a page token"),
        "{err:?}"
    );
    assert_eq!(seen.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_jwks_body_past_the_cap_is_refused_with_or_without_a_length() {
    for length in [true, false] {
        let (url, _) = fake(move |r, _| {
            assert!(r.path.ends_with("/.well-known/jwks.json"), "{}", r.path);
            Reply::Huge {
                bytes: 3 * 1024 * 1024,
                length,
            }
        });
        let api = connect(&options(&url)).await.unwrap();
        let err = api
            .fetch_jwks("us-east-1_fake")
            .await
            .expect_err("3 MiB is past the cap");
        assert!(
            err.message.contains("is larger than 1024 KiB"),
            "{length}: {err:?}"
        );
    }
    // Under the cap it is read (and is then just not a JWKS).
    let (url, _) = fake(|_, _| Reply::Huge {
        bytes: 1000,
        length: false,
    });
    let api = connect(&options(&url)).await.unwrap();
    assert_eq!(api.fetch_jwks("us-east-1_fake").await.unwrap().len(), 1000);
}

#[test]
fn terminal_controls_in_a_server_error_never_reach_stderr() {
    let (url, _) = fake(|_, _| {
        Reply::Error(
            "InternalErrorException",
            "boom\u{1b}]0;pwned\u{7}\u{1b}[2J\rfine\u{9b}31m".into(),
        )
    });
    let home = tempfile::tempdir().unwrap();
    let out = bin(&url, home.path()).arg("pools").output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("boom fine"), "{err:?}");
    assert!(!err.chars().any(|c| c.is_control() && c != '\n'), "{err:?}");
}

/// Spawn `cmd` with stdout piped, read `keep` bytes, close the pipe: the exit status and
/// stderr.
fn read_then_close(mut cmd: Command, keep: usize) -> (Option<i32>, String) {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = vec![0u8; keep];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let status = wait_at_most(&mut child, Duration::from_secs(30));
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    (status.code(), err)
}

#[test]
fn a_stdout_closed_early_ends_quietly_with_141() {
    // pools: ~400 KB of JSON, more than a pipe holds, so the write meets the closed pipe.
    let (url, _) = fake(|_, _| Reply::Json(pools_json(4000, None)));
    let home = tempfile::tempdir().unwrap();
    let mut cmd = bin(&url, home.path());
    cmd.arg("pools");
    let (code, err) = read_then_close(cmd, 10);
    assert_eq!(code, Some(141), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.is_empty(), "{err:?}");

    // export to stdout: pages of users without end; the reader takes one line.
    let (url, _) = fake(|r, n| match r.op.as_str() {
        "ListUsers" => Reply::Json(users_json(n * 60, 60, Some(&format!("t{n}")))),
        _ => Reply::Error("InvalidParameterException", "unexpected".into()),
    });
    let mut cmd = bin(&url, home.path());
    cmd.args(["export", "--pool-id", "us-east-1_fake", "--no-groups"]);
    let (code, err) = read_then_close(cmd, 100);
    assert_eq!(code, Some(141), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(!err.contains("export failed"), "{err}");
}

#[cfg(unix)]
#[test]
fn ctrl_c_in_the_middle_of_an_export_leaves_nothing_behind() {
    // Pages without end, slowly: the export is mid-way when it is interrupted.
    let (url, _) = fake(|r, n| match r.op.as_str() {
        "ListUsers" => {
            std::thread::sleep(Duration::from_millis(100));
            Reply::Json(users_json(n * 60, 60, Some(&format!("t{n}"))))
        }
        _ => Reply::Error("InvalidParameterException", "unexpected".into()),
    });
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut child = bin(&url, home.path())
        .args(EXPORT)
        .arg(dir.path().join("users.jsonl"))
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    while !line.contains("(3 pages)") {
        line.clear();
        assert!(err.read_line(&mut line).unwrap() > 0, "stderr ended early");
    }
    assert_eq!(
        files_in(dir.path()).len(),
        1,
        "the temporary file, while exporting"
    );
    let sent = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let status = wait_at_most(&mut child, Duration::from_secs(10));
    let mut rest = String::new();
    err.read_to_string(&mut rest).unwrap();
    assert_eq!(status.code(), Some(130), "{rest}");
    assert!(
        rest.contains("export interrupted; nothing was written"),
        "{rest}"
    );
    assert!(
        files_in(dir.path()).is_empty(),
        "{:?}",
        files_in(dir.path())
    );
}

#[cfg(unix)]
#[test]
fn an_export_file_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let (url, _) = fake(|r, _| match r.op.as_str() {
        "ListUsers" => Reply::Json(users_json(0, 3, None)),
        _ => Reply::Error("InvalidParameterException", "unexpected".into()),
    });
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("users.jsonl");
    let out = bin(&url, home.path())
        .args(EXPORT)
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap().lines().count(), 3);
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&path), 0o600);
    // The log the run wrote, too.
    let log = home.path().join("state/cognito-tui/cognito-tui.log");
    assert_eq!(mode(&log), 0o600);
    assert_eq!(files_in(dir.path()), ["users.jsonl"]);
}

#[cfg(unix)]
#[test]
fn the_emulator_logs_in_a_private_folder_of_its_own() {
    use std::os::unix::fs::PermissionsExt;
    let emu = support::ministack();
    let dir = emu.log.parent().unwrap();
    let name = dir.file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with("cognito-tui-ministack-"), "{name}");
    assert!(
        !name.contains(&emu.port.to_string()),
        "not named by its port: {name}"
    );
    let mode = std::fs::metadata(dir).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o700, "{}", dir.display());
    assert!(emu.log.exists());
}
