//! The scripted loopback proxy of the fault tests (fault injection only, never a stand-in for
//! the emulator): in front of the REAL emulator it forwards every request, and for a scripted
//! operation breaks the answer — the client connection reset or an HTTP 500 after the
//! emulator carried the request out, the answer held past a call timeout, or
//! TooManyRequestsException without forwarding, scripted or above a per-operation quota like
//! Cognito's. It counts what reached the emulator and what its quota refused.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use super::http::read_request;

/// What the proxy does to one answer of the scripted operation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Fault {
    /// Forward, wait for the emulator's answer, then reset the client connection.
    Reset,
    /// Forward, then answer HTTP 500 instead of the emulator's answer.
    Status500,
    /// Forward, then hold the answer past the client's timeout.
    Delay,
    /// Answer 400 TooManyRequestsException without forwarding (refused, not carried out).
    Throttle,
    /// Forward and relay the answer.
    Pass,
}

/// The proxy's script and what it saw.
#[derive(Default)]
pub struct Script {
    /// Per operation, the faults for its next requests in order (then `Pass`).
    pub faults: HashMap<String, Vec<Fault>>,
    /// Per operation, how many requests reached the emulator.
    pub forwarded: HashMap<String, usize>,
    /// Per operation, a quota like Cognito's: at most this many requests in any second; the
    /// rest are answered TooManyRequestsException without forwarding.
    pub quota: HashMap<String, usize>,
    /// Operations that count against another's quota, as Cognito's categories do (ListUsers
    /// and ListUsersInGroup share UserList's): operation → the quota's name.
    pub category: HashMap<String, String>,
    /// Per quota, when the requests let through the quota were, and how many it refused.
    pub admitted: HashMap<String, Vec<std::time::Instant>>,
    pub refused: HashMap<String, usize>,
    /// Every request as it arrived: the operation, when, and whether the quota refused it.
    pub arrivals: Vec<(String, std::time::Instant, bool)>,
}

impl Script {
    /// How many `op` requests reached the emulator.
    pub fn forwarded(&self, op: &str) -> usize {
        self.forwarded.get(op).copied().unwrap_or(0)
    }

    /// How many requests the quota `name` refused.
    pub fn refused(&self, name: &str) -> usize {
        self.refused.get(name).copied().unwrap_or(0)
    }

    /// Whether `op`'s quota refuses a request now (and if not, counts it against the quota).
    fn over_quota(&mut self, op: &str) -> bool {
        let op = self.category.get(op).map_or(op, String::as_str).to_string();
        let op = op.as_str();
        let Some(&max) = self.quota.get(op) else {
            return false;
        };
        let now = std::time::Instant::now();
        let admitted = self.admitted.entry(op.to_string()).or_default();
        admitted.retain(|t| now.duration_since(*t) < Duration::from_secs(1));
        if admitted.len() >= max {
            *self.refused.entry(op.to_string()).or_default() += 1;
            true
        } else {
            admitted.push(now);
            false
        }
    }
}

pub type Shared = Arc<Mutex<Script>>;

/// How long `Fault::Delay` holds an answer.
pub const HOLD: Duration = Duration::from_secs(4);

/// The operation a Cognito request names (`X-Amz-Target: …Service.AdminCreateUser`).
fn operation(request: &[u8]) -> String {
    let text = String::from_utf8_lossy(request);
    text.lines()
        .find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case("x-amz-target")
                .then(|| v.trim().rsplit('.').next().unwrap_or("").to_string())
        })
        .unwrap_or_default()
}

/// Send `request` to the emulator on a fresh connection (asked to close after it) and read
/// the whole answer.
async fn forward(upstream: &str, request: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(request);
    let head_end = text.find("\r\n\r\n").unwrap() + 4;
    let mut head: Vec<&str> = text[..head_end - 4]
        .split("\r\n")
        .filter(|l| !l.to_ascii_lowercase().starts_with("connection:"))
        .collect();
    head.push("connection: close");
    let mut out = head.join("\r\n").into_bytes();
    out.extend_from_slice(b"\r\n\r\n");
    out.extend_from_slice(&request[head_end..]);
    let mut up = TcpStream::connect(upstream).await.unwrap();
    up.write_all(&out).await.unwrap();
    let mut answer = Vec::new();
    up.read_to_end(&mut answer).await.unwrap();
    answer
}

fn plain(status: &str, body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 {status}\r\ncontent-type: application/x-amz-json-1.1\r\nx-amzn-requestid: proxy\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

async fn serve(mut client: TcpStream, upstream: String, script: Shared) {
    let mut buf = Vec::new();
    while let Some(request) = read_request(&mut client, &mut buf).await {
        let op = operation(&request);
        let fault = {
            let mut s = script.lock().unwrap();
            let scripted = s
                .faults
                .get_mut(&op)
                .filter(|l| !l.is_empty())
                .map(|l| l.remove(0));
            let fault = match scripted {
                Some(fault) => fault,
                _ if s.over_quota(&op) => Fault::Throttle,
                _ => Fault::Pass,
            };
            let at = std::time::Instant::now();
            s.arrivals.push((op.clone(), at, fault == Fault::Throttle));
            fault
        };
        if fault == Fault::Throttle {
            let body = r#"{"__type":"TooManyRequestsException","message":"Too many requests"}"#;
            if client
                .write_all(&plain("400 Bad Request", body))
                .await
                .is_err()
            {
                return;
            }
            continue;
        }
        let answer = forward(&upstream, &request).await;
        *script.lock().unwrap().forwarded.entry(op).or_default() += 1;
        match fault {
            Fault::Pass | Fault::Throttle => {
                // The answer says `connection: close`; hyper opens a new one next time.
                let _ = client.write_all(&answer).await;
                return;
            }
            Fault::Reset => {
                // Linger 0: the close sends a reset at once (it cannot block).
                #[allow(deprecated)]
                let _ = client.set_linger(Some(Duration::ZERO));
                return;
            }
            Fault::Status500 => {
                let body =
                    r#"{"__type":"InternalErrorException","message":"injected after forwarding"}"#;
                let _ = client
                    .write_all(&plain("500 Internal Server Error", body))
                    .await;
                return;
            }
            Fault::Delay => {
                tokio::time::sleep(HOLD).await;
                let _ = client.write_all(&answer).await;
                return;
            }
        }
    }
}

/// A proxy on a free loopback port in front of `upstream` (`host:port`).
pub async fn proxy(upstream: String) -> (String, Shared) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let script: Shared = Arc::default();
    let s = Arc::clone(&script);
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(serve(stream, upstream.clone(), Arc::clone(&s)));
        }
    });
    (url, script)
}
