//! The one-shot loopback listener of the authorization-code flow: binds 127.0.0.1 on the
//! redirect URI's port, waits (with a timeout) for the browser's GET of the redirect path,
//! answers it with a short "you can close this tab" page, and hands back the request target
//! (path and query). Other requests (a favicon) get a 404 and the wait goes on. Plain tokio:
//! one GET line is all it reads, so no HTTP server crate is needed.

use std::io::ErrorKind as IoKind;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// The most of a request head that is read: a redirect with a code is well under 4 KiB.
const MAX_HEAD: usize = 16 * 1024;

const PAGE: &str = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>cognito-tui</title></head>\
<body style=\"font-family:sans-serif;margin:3em\"><h1>cognito-tui got the redirect</h1>\
<p>You can close this tab and go back to the terminal.</p></body></html>";

/// A bound listener, waiting for one redirect.
#[derive(Debug)]
pub struct Loopback {
    listener: TcpListener,
    path: String,
    port: u16,
}

/// Binds 127.0.0.1:`port` for the redirect to `path`; a port in use says so, with the way out.
pub async fn bind(port: u16, path: &str) -> Result<Loopback, String> {
    match TcpListener::bind(("127.0.0.1", port)).await {
        Ok(listener) => Ok(Loopback {
            listener,
            path: if path.is_empty() {
                "/".into()
            } else {
                path.into()
            },
            port,
        }),
        Err(e) if e.kind() == IoKind::AddrInUse => Err(format!(
            "port {port} of the redirect URI is already taken on 127.0.0.1 (another sign-in \
             still waiting, or a dev server?): stop what listens there, or register another \
             http://localhost:PORT/… callback URL and pass it with --redirect-uri"
        )),
        Err(e) => Err(format!("cannot listen on 127.0.0.1:{port}: {e}")),
    }
}

impl Loopback {
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The target (`/callback?code=…&state=…`) of the first GET of the redirect path, or
    /// why none came within `timeout`.
    pub async fn wait(self, timeout: Duration) -> Result<String, String> {
        let waited = tokio::time::timeout(timeout, async {
            loop {
                let Ok((stream, _)) = self.listener.accept().await else {
                    continue;
                };
                if let Some(target) = self.serve(stream).await {
                    return target;
                }
            }
        })
        .await;
        waited.map_err(|_| {
            format!(
                "no redirect came back to 127.0.0.1:{} within {} s: the sign-in in the browser \
                 was not finished (or went to another redirect URI); run it again, or give more \
                 time with --redirect-timeout",
                self.port,
                timeout.as_secs()
            )
        })
    }

    /// Reads one request; answers it; the target when it is the redirect.
    async fn serve(&self, mut stream: TcpStream) -> Option<String> {
        let mut head = Vec::new();
        let read = tokio::time::timeout(Duration::from_secs(10), async {
            let mut chunk = [0u8; 2048];
            while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < MAX_HEAD {
                match stream.read(&mut chunk).await {
                    Ok(0) | Err(_) => break,
                    Ok(n) => head.extend_from_slice(&chunk[..n]),
                }
            }
        })
        .await;
        let line = String::from_utf8_lossy(&head);
        let line = line.lines().next().unwrap_or_default();
        let mut parts = line.split(' ');
        let target = match (read, parts.next(), parts.next()) {
            (Ok(()), Some("GET"), Some(t)) => t.to_owned(),
            _ => {
                let _ = respond(&mut stream, "400 Bad Request", "bad request").await;
                return None;
            }
        };
        let path = target.split('?').next().unwrap_or_default();
        if path != self.path {
            let _ = respond(&mut stream, "404 Not Found", "not found").await;
            return None;
        }
        let _ = respond(&mut stream, "200 OK", PAGE).await;
        Some(target)
    }
}

async fn respond(stream: &mut TcpStream, status: &str, body: &str) -> std::io::Result<()> {
    let head = format!(
        "HTTP/1.1 {status}\r\ncontent-type: text/html; charset=utf-8\r\ncontent-length: {}\r\n\
         cache-control: no-store\r\nconnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(body.as_bytes()).await?;
    stream.shutdown().await
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn get(port: u16, target: &str) -> String {
        let mut s = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
        s.write_all(format!("GET {target} HTTP/1.1\r\nhost: localhost\r\n\r\n").as_bytes())
            .await
            .unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).await.unwrap();
        out
    }

    #[tokio::test]
    async fn catches_the_redirect_and_skips_the_rest() {
        let l = bind(0, "/callback").await.unwrap();
        let port = l.listener.local_addr().unwrap().port();
        let waiting = tokio::spawn(l.wait(Duration::from_secs(5)));
        assert!(get(port, "/favicon.ico").await.starts_with("HTTP/1.1 404"));
        let page = get(port, "/callback?code=c&state=s").await;
        assert!(page.starts_with("HTTP/1.1 200") && page.contains("close this tab"));
        assert_eq!(waiting.await.unwrap().unwrap(), "/callback?code=c&state=s");
    }

    #[tokio::test]
    async fn a_taken_port_and_a_timeout_are_said() {
        let first = bind(0, "/cb").await.unwrap();
        let port = first.listener.local_addr().unwrap().port();
        let e = bind(port, "/cb").await.unwrap_err();
        assert!(
            e.contains(&format!("port {port}")) && e.contains("already taken"),
            "{e}"
        );
        let e = first.wait(Duration::from_millis(50)).await.unwrap_err();
        assert!(e.contains("no redirect came back"), "{e}");
    }
}
