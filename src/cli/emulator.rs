//! The local Cognito emulators (ministack, moto) as child processes on 127.0.0.1 and a free
//! port, for the sandbox and the tests. They are installed into the project's virtualenv by
//! `scripts/setup-emulators.sh`; this module only starts, probes and stops them. Their output
//! goes to a log in a private temporary folder (0700), never at a predictable `/tmp` name.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Verifies SRP, SECRET_HASH and TOTP; runs Python Lambda triggers.
    Ministack,
    /// Covers MFA_SETUP on the SRP path and pagination.
    Moto,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Ministack => "ministack",
            Kind::Moto => "moto",
        }
    }
}

/// Starts the emulator and stops it when its stdin closes, so it never outlives the
/// process that started it (even one that is killed).
const WATCHDOG: &str = r#"
import os, subprocess, sys
kind, port = sys.argv[1], sys.argv[2]
env = dict(os.environ)
if kind == "ministack":
    env.update(AUTH="true", BIND_HOST="127.0.0.1", GATEWAY_PORT=port,
               IOT_MTLS_ENABLED="false", SFTP_ENABLED="false",
               MINISTACK_COGNITO_PRETOKEN_STRICT="1", LOG_LEVEL="WARNING")
    cmd = [sys.executable, "-m", "ministack"]
else:
    env.update(MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP="true")
    cmd = [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", port]
p = subprocess.Popen(cmd, env=env, stdin=subprocess.DEVNULL)
try:
    sys.stdin.read()
finally:
    p.terminate()
    try:
        p.wait(5)
    except subprocess.TimeoutExpired:
        p.kill()
"#;

pub struct Emulator {
    child: Option<Child>,
    pub kind: Kind,
    pub port: u16,
    /// The emulator's output, in a private folder of its own (0700, an unpredictable name)
    /// that is removed when it stops — kept when it fails to start, for the error to name.
    pub log: PathBuf,
    log_dir: Option<tempfile::TempDir>,
}

/// The virtualenv's python: `COGNITO_TUI_PYTHON`, else `.venv/bin/python` in the project.
pub fn python() -> Result<PathBuf, String> {
    if let Ok(p) = std::env::var("COGNITO_TUI_PYTHON") {
        return Ok(PathBuf::from(p));
    }
    let candidates = [
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".venv/bin/python"),
        PathBuf::from(".venv/bin/python"),
    ];
    candidates
        .into_iter()
        .find(|p| p.exists())
        .ok_or_else(|| {
            "the local emulators are not installed: run scripts/setup-emulators.sh (or set COGNITO_TUI_PYTHON to a python that has ministack and moto)".to_string()
        })
}

pub fn free_port() -> std::io::Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// GET `path` on 127.0.0.1:`port`; the HTTP status, if anything answered.
fn http_status(port: u16, path: &str) -> Option<u16> {
    let mut s =
        TcpStream::connect_timeout(&([127, 0, 0, 1], port).into(), Duration::from_millis(300))
            .ok()?;
    s.set_read_timeout(Some(Duration::from_secs(2))).ok()?;
    write!(s, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").ok()?;
    let mut buf = [0u8; 64];
    let n = s.read(&mut buf).ok()?;
    let head = std::str::from_utf8(&buf[..n]).ok()?;
    head.split_whitespace().nth(1)?.parse().ok()
}

impl Emulator {
    /// Start an emulator on a free port and wait until it answers (up to 90 s).
    pub fn start(kind: Kind) -> Result<Self, String> {
        let python = python()?;
        let port = free_port().map_err(|e| format!("no free port on 127.0.0.1: {e}"))?;
        let prefix = format!("cognito-tui-{}-", kind.name());
        let mut folder = tempfile::Builder::new();
        folder.prefix(&prefix);
        #[cfg(unix)]
        folder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o700));
        let log_dir = folder
            .tempdir()
            .map_err(|e| format!("cannot create a folder for the emulator's log: {e}"))?;
        let log = log_dir.path().join(format!("{}.log", kind.name()));
        let out = std::fs::File::create(&log).map_err(|e| format!("{}: {e}", log.display()))?;
        let err = out.try_clone().map_err(|e| e.to_string())?;
        let child = Command::new(&python)
            .arg("-c")
            .arg(WATCHDOG)
            .arg(kind.name())
            .arg(port.to_string())
            .stdin(Stdio::piped())
            .stdout(out)
            .stderr(err)
            .spawn()
            .map_err(|e| {
                format!(
                    "cannot start {} with {}: {e}",
                    kind.name(),
                    python.display()
                )
            })?;
        let mut emu = Emulator {
            child: Some(child),
            kind,
            port,
            log,
            log_dir: Some(log_dir),
        };
        let probe = match kind {
            Kind::Ministack => "/_ministack/health",
            Kind::Moto => "/moto-api/",
        };
        let deadline = Instant::now() + Duration::from_secs(90);
        loop {
            if http_status(port, probe).is_some_and(|s| s < 500) {
                return Ok(emu);
            }
            if let Some(c) = emu.child.as_mut()
                && let Ok(Some(status)) = c.try_wait()
            {
                emu.keep_log();
                return Err(format!(
                    "{} exited during start-up ({status}); see {}",
                    kind.name(),
                    emu.log.display()
                ));
            }
            if Instant::now() > deadline {
                emu.stop();
                emu.keep_log();
                return Err(format!(
                    "{} did not answer on port {port} within 90 s; see {}",
                    kind.name(),
                    emu.log.display()
                ));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Keep the log's folder after the emulator is gone (a failed start names it).
    fn keep_log(&mut self) {
        if let Some(dir) = self.log_dir.take() {
            let _ = dir.keep();
        }
    }

    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Whether it still answers.
    pub fn is_up(&self) -> bool {
        http_status(self.port, "/").is_some()
    }

    /// Stop it (closing the watchdog's stdin) and wait for it.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            drop(child.stdin.take());
            let deadline = Instant::now() + Duration::from_secs(8);
            while Instant::now() < deadline {
                if let Ok(Some(_)) = child.try_wait() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        self.stop();
    }
}
