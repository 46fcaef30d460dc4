//! SRP client work per sign-in: a fresh secret `a` and `A = g^a mod N`, then the
//! PASSWORD_VERIFIER answer (`u`, `x`, `S`, the HKDF key and the claim signature).
//! Goal: at most 1 ms for both together. The exponentiations run on AVX-512 IFMA where the CPU
//! has it, else on aws-lc's Montgomery arithmetic; the same sign-in on aws-lc and on
//! crypto-bigint alone (the first implementation) is timed next to it, in the same run. `cargo bench --bench srp`; the same computation
//! in pycognito and amazon-cognito-identity-js: `scripts/bench-srp.sh`. The fixed-base tables
//! for `g^a` and `g^x` are built once, on the first sign-in: their build is timed on its own.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

use cognito_tui::auth::srp::{Backend, SrpClient, build_fixed_base_tables, time_one_power};
use rand::rngs::OsRng;

/// The first case of the known-answer fixtures: a real `SRP_B` for its salt and password.
fn case() -> serde_json::Value {
    let fixture: serde_json::Value =
        serde_json::from_str(include_str!("../tests/fixtures/srp/pycognito.json")).unwrap();
    fixture["cases"][0].clone()
}

fn bench(c: &mut Criterion) {
    let case = case();
    let s = |k: &str| case[k].as_str().unwrap().to_owned();
    let (pool_id, user, password) = (s("pool_id"), s("user_id_for_srp"), s("password"));
    let (srp_b, salt, block, timestamp) = (
        s("srp_b_hex"),
        s("salt_hex"),
        s("secret_block_b64"),
        s("timestamp"),
    );
    let claim = |client: &SrpClient| {
        client
            .password_claim(
                &pool_id, &user, &password, &srp_b, &salt, &block, &timestamp,
            )
            .unwrap()
    };

    let mut g = c.benchmark_group("srp");
    g.bench_function("srp_a (random a, g^a mod N)", |b| {
        b.iter(|| black_box(SrpClient::new(&mut OsRng).srp_a_hex()))
    });
    let client = SrpClient::new(&mut OsRng);
    g.bench_function("password_claim (u, x, S, HKDF, signature)", |b| {
        b.iter(|| black_box(claim(&client).signature_b64))
    });
    g.bench_function("sign-in total (A + claim)", |b| {
        b.iter(|| {
            let client = SrpClient::new(&mut OsRng);
            black_box(client.srp_a_hex());
            black_box(claim(&client).signature_b64)
        })
    });
    let backends: Vec<Backend> = [Backend::Ifma, Backend::AwsLc, Backend::CryptoBigint]
        .into_iter()
        .filter(|b| b.available())
        .collect();
    for &backend in backends.iter().filter(|b| **b != Backend::fastest()) {
        g.bench_function(format!("sign-in total, {}", backend.name()), |b| {
            b.iter(|| {
                let client = SrpClient::new_on(&mut OsRng, backend);
                black_box(client.srp_a_hex());
                black_box(claim(&client).signature_b64)
            })
        });
    }
    for (which, what) in [
        (0, "S alone (513-bit exponent)"),
        (1, "g^a alone (512-bit comb)"),
    ] {
        for &backend in &backends {
            g.bench_function(format!("{what}, {}", backend.name()), |b| {
                b.iter(|| black_box(time_one_power(which, backend, &mut OsRng)))
            });
        }
    }
    let kib = build_fixed_base_tables() / 1024;
    g.bench_function(
        format!("fixed-base tables, {kib} KiB (built once, first sign-in)"),
        |b| b.iter(|| black_box(build_fixed_base_tables())),
    );
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
