//! Fault injection for the gateway's retry and backoff: a scripted HTTP server on loopback
//! (tests only; never a stand-in for the emulator) answers throttling errors, and the
//! gateway must retry with backoff, succeed when the throttling stops, and report
//! `ErrorKind::Throttled` only once the retries are exhausted.

mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use cognito_tui::cognito::{BrowseApi, ConnectOptions, connect};
use cognito_tui::domain::ErrorKind;
use support::http::read_request;
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};

const THROTTLED: &str = r#"{"__type":"TooManyRequestsException","message":"Too many requests"}"#;
const USERS: &str = r#"{"Users":[{"Username":"alice","Enabled":true,"UserStatus":"CONFIRMED","Attributes":[{"Name":"email","Value":"alice@example.com"}],"UserCreateDate":1700000000}]}"#;

/// Serves every request on `stream`: the first `throttle` requests overall get HTTP 400
/// TooManyRequestsException, later ones a ListUsers page.
async fn serve(mut stream: TcpStream, seen: Arc<AtomicUsize>, throttle: usize) {
    let mut buf = Vec::new();
    loop {
        if read_request(&mut stream, &mut buf).await.is_none() {
            return;
        }
        let n = seen.fetch_add(1, Ordering::SeqCst);
        let (status, body) = if n < throttle {
            ("400 Bad Request", THROTTLED)
        } else {
            ("200 OK", USERS)
        };
        let response = format!(
            "HTTP/1.1 {status}\r\ncontent-type: application/x-amz-json-1.1\r\nx-amzn-requestid: req-{n}\r\ncontent-length: {}\r\n\r\n{body}",
            body.len()
        );
        if stream.write_all(response.as_bytes()).await.is_err() {
            return;
        }
    }
}

/// A scripted endpoint on a free loopback port; returns its URL and the request counter.
async fn scripted(throttle: usize) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&seen);
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(serve(stream, Arc::clone(&counter), throttle));
        }
    });
    (url, seen)
}

fn options(url: &str) -> ConnectOptions {
    ConnectOptions {
        region: Some("us-east-1".into()),
        endpoint_url: Some(url.into()),
        call_timeout: Duration::from_secs(15),
        max_attempts: 3,
        static_credentials: Some(("test".into(), "test".into())),
        ..Default::default()
    }
}

#[tokio::test]
async fn throttling_is_retried_with_backoff_then_succeeds() {
    let (url, seen) = scripted(2).await;
    let api = connect(&options(&url)).await.unwrap();
    let t = Instant::now();
    let page = api
        .list_users("us-east-1_fake", None, None)
        .await
        .expect("the third attempt succeeds");
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].username, "alice");
    assert_eq!(
        seen.load(Ordering::SeqCst),
        3,
        "two throttled attempts, then one good"
    );
    // The standard strategy backs off between attempts (jittered, so only a lower bound
    // that any real backoff exceeds).
    assert!(
        t.elapsed() >= Duration::from_millis(10),
        "{:?}",
        t.elapsed()
    );
}

#[tokio::test]
async fn throttling_that_never_stops_is_throttled_after_the_retries() {
    let (url, seen) = scripted(usize::MAX).await;
    let api = connect(&options(&url)).await.unwrap();
    let err = api
        .list_users("us-east-1_fake", None, None)
        .await
        .expect_err("every attempt is throttled");
    assert_eq!(err.kind, ErrorKind::Throttled, "{err:?}");
    assert_eq!(err.code.as_deref(), Some("TooManyRequestsException"));
    assert_eq!(seen.load(Ordering::SeqCst), 3, "max_attempts = 3");
}

#[tokio::test]
async fn listing_is_paced_under_the_users_quota() {
    // 15 pages back to back: 5 go at once (the burst), 10 wait 40 ms each (25/s).
    let (url, seen) = scripted(0).await;
    let api = connect(&options(&url)).await.unwrap();
    let t = Instant::now();
    for _ in 0..15 {
        api.list_users("us-east-1_fake", None, None).await.unwrap();
    }
    let took = t.elapsed();
    assert_eq!(seen.load(Ordering::SeqCst), 15);
    assert!(took >= Duration::from_millis(390), "{took:?}");

    // Pacing off: the same 15 pages as fast as the server answers.
    let api = connect(&ConnectOptions {
        pacing: false,
        ..options(&url)
    })
    .await
    .unwrap();
    let t = Instant::now();
    for _ in 0..15 {
        api.list_users("us-east-1_fake", None, None).await.unwrap();
    }
    assert!(t.elapsed() < took, "{:?} vs {took:?}", t.elapsed());
}
