//! Listing throughput: every user of a pool through cognito-tui's gateway vs bare SDK calls
//! in a loop, alternating, same process, same endpoint. Used by scripts/bench-scale.py.
//!
//! bench_list --endpoint-url URL --pool-id ID [--rounds N]
//! (credentials and region from the environment, as for the app)

use std::time::{Duration, Instant};

use aws_config::BehaviorVersion;
use aws_config::retry::RetryConfig;
use aws_sdk_cognitoidentityprovider as cip;
use cognito_tui::cognito::{BrowseApi, ConnectOptions, connect};

fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

async fn gateway(opts: &ConnectOptions, pool: &str, max_pages: usize) -> (usize, Duration) {
    let api = connect(opts).await.expect("connect");
    let t = Instant::now();
    let mut users = Vec::new();
    let mut next = None;
    loop {
        let page = api.list_users(pool, None, next).await.expect("ListUsers");
        users.extend(page.items);
        match page.next_token {
            Some(t) if users.len() < max_pages.saturating_mul(60) => next = Some(t),
            _ => break,
        }
    }
    (users.len(), t.elapsed())
}

async fn bare_sdk(endpoint: &str, pool: &str, max_pages: usize) -> (usize, Duration) {
    // The same client settings the gateway uses (standard retry, 3 attempts).
    let conf = aws_config::defaults(BehaviorVersion::latest())
        .endpoint_url(endpoint)
        .retry_config(
            RetryConfig::standard()
                .with_max_attempts(3)
                .with_initial_backoff(Duration::from_millis(200)),
        )
        .load()
        .await;
    let client = cip::Client::new(&conf);
    let t = Instant::now();
    let mut users = Vec::new();
    let mut next: Option<String> = None;
    loop {
        let out = client
            .list_users()
            .user_pool_id(pool)
            .limit(60)
            .set_pagination_token(next.take())
            .send()
            .await
            .expect("ListUsers");
        next = out
            .pagination_token()
            .filter(|s| !s.is_empty())
            .map(str::to_string);
        users.extend(out.users.unwrap_or_default());
        if next.is_none() || users.len() >= max_pages.saturating_mul(60) {
            break;
        }
    }
    (users.len(), t.elapsed())
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let endpoint = arg("--endpoint-url").expect("--endpoint-url URL");
    let pool = arg("--pool-id").expect("--pool-id ID");
    let rounds: usize = arg("--rounds").and_then(|r| r.parse().ok()).unwrap_or(3);
    let opts = ConnectOptions {
        endpoint_url: Some(endpoint.clone()),
        pacing: false,
        ..Default::default()
    };
    // An untimed warm-up of each (a few pages: connections, emulator caches).
    gateway(&opts, &pool, 5).await;
    bare_sdk(&endpoint, &pool, 5).await;
    let (mut g, mut s) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        let (n1, d1) = gateway(&opts, &pool, usize::MAX).await;
        let (n2, d2) = bare_sdk(&endpoint, &pool, usize::MAX).await;
        assert_eq!(n1, n2, "both list every user");
        println!(
            "  {n1} users: gateway {:.2} s, bare SDK {:.2} s",
            d1.as_secs_f64(),
            d2.as_secs_f64()
        );
        g.push(d1.as_secs_f64());
        s.push(d2.as_secs_f64());
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let (gm, sm) = (median(&mut g), median(&mut s));
    println!(
        "listing (median of {rounds}): gateway {gm:.2} s, bare SDK {sm:.2} s, ratio {:.3}x (pacing off)",
        gm / sm
    );
    let paced = ConnectOptions {
        pacing: true,
        ..opts
    };
    let (n, d) = gateway(&paced, &pool, usize::MAX).await;
    println!(
        "listing with the default pacing (ListUsers at 25/s): {n} users in {:.2} s ({:.1} pages/s)",
        d.as_secs_f64(),
        (n as f64 / 60.0).ceil() / d.as_secs_f64()
    );
}
