//! One SRP sign-in's client work on each arithmetic this machine runs (AVX-512 IFMA where the
//! CPU has it, aws-lc, crypto-bigint alone), timed interleaved (A, B, C, A, B, C, … in rounds)
//! so all see the same load on a shared machine; prints the median and the fastest round of
//! each, wall clock and on-CPU time (Linux's `/proc/thread-self/schedstat`, which leaves out
//! the time other processes held the core), which one sign-ins use here, and how many times
//! slower each other one is. `scripts/bench-srp.sh` runs it next to pycognito and
//! amazon-cognito-identity-js, which it times the same two ways.
//!
//!   cargo run --release --example srp_ab -- [rounds] [iterations per round]

use std::hint::black_box;
use std::time::Instant;

/// Nanoseconds this thread has run on a CPU (0 where the kernel does not say).
fn cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

use cognito_tui::auth::srp::{Backend, SrpClient};
use rand::rngs::OsRng;

fn main() {
    let mut args = std::env::args().skip(1).map(|a| a.parse::<usize>());
    let rounds = args.next().and_then(Result::ok).unwrap_or(30);
    let per_round = args.next().and_then(Result::ok).unwrap_or(20);
    let fixture: serde_json::Value =
        serde_json::from_str(include_str!("../tests/fixtures/srp/pycognito.json"))
            .expect("the fixture is JSON");
    let case = &fixture["cases"][0];
    let s = |k: &str| case[k].as_str().expect("a string field").to_owned();
    let (pool, user, password) = (s("pool_id"), s("user_id_for_srp"), s("password"));
    let (srp_b, salt, block, ts) = (
        s("srp_b_hex"),
        s("salt_hex"),
        s("secret_block_b64"),
        s("timestamp"),
    );
    let sign_in = |backend| {
        let client = SrpClient::new_on(&mut OsRng, backend);
        black_box(client.srp_a_hex());
        let claim = client
            .password_claim(&pool, &user, &password, &srp_b, &salt, &block, &ts)
            .expect("the fixture's challenge is valid");
        black_box(claim.signature_b64);
    };
    let variants: Vec<(&str, Backend)> = [Backend::Ifma, Backend::AwsLc, Backend::CryptoBigint]
        .into_iter()
        .filter(|b| b.available())
        .map(|b| (b.name(), b))
        .collect();
    for &(_, b) in &variants {
        sign_in(b); // build the tables, warm the caches
    }
    // Per variant: wall and on-CPU milliseconds per sign-in, one entry a round.
    let mut wall: Vec<Vec<f64>> = vec![Vec::new(); variants.len()];
    let mut cpu: Vec<Vec<f64>> = vec![Vec::new(); variants.len()];
    for _ in 0..rounds {
        for (i, (_, b)) in variants.iter().enumerate() {
            let (t, c) = (Instant::now(), cpu_ns());
            for _ in 0..per_round {
                sign_in(*b);
            }
            wall[i].push(t.elapsed().as_secs_f64() * 1000.0 / per_round as f64);
            cpu[i].push((cpu_ns() - c) as f64 / 1e6 / per_round as f64);
        }
    }
    let stats = |t: &mut Vec<f64>| {
        t.sort_by(f64::total_cmp);
        (t[t.len() / 2], t[0])
    };
    let wall: Vec<(f64, f64)> = wall.iter_mut().map(stats).collect();
    let cpu: Vec<(f64, f64)> = cpu.iter_mut().map(stats).collect();
    for (i, (name, _)) in variants.iter().enumerate() {
        println!(
            "sign-in total, {name:<14} wall: median {:.3} ms, fastest round {:.3} ms; on-CPU: median {:.3} ms",
            wall[i].0, wall[i].1, cpu[i].0
        );
    }
    let default = Backend::fastest();
    println!("sign-ins here run on: {}", default.name());
    let d = variants
        .iter()
        .position(|(_, b)| *b == default)
        .expect("the default is available");
    for (i, (name, _)) in variants.iter().enumerate().filter(|(i, _)| *i != d) {
        println!(
            "{name} / {}: {:.2}x (wall medians), {:.2}x (fastest rounds), {:.2}x (on-CPU medians); {rounds} rounds of {per_round}",
            default.name(),
            wall[i].0 / wall[d].0,
            wall[i].1 / wall[d].1,
            cpu[i].0 / cpu[d].0
        );
    }
}
