//! Property tests: every parser of untrusted input (tokens, filters, commands, key names,
//! config and seed files, SRP challenge parameters) answers arbitrary input with a value or a
//! sentence — never a panic — and the sentence stays bounded by the input it quotes.
//!
//! `cargo test` runs proptest's default 256 cases per property; `scripts/proptest-long.sh`
//! runs a million (`PROPTEST_CASES`).

use std::path::Path;

use base64::Engine;
use proptest::prelude::*;

use cognito_tui::app::config;
use cognito_tui::auth::srp::{SrpClient, pool_name};
use cognito_tui::cli::seed;
use cognito_tui::core::input::keymap::Key;
use cognito_tui::core::input::{command, filter};
use cognito_tui::domain::jwt::{self, Expected};

/// An error message for `input`: short, whatever the input (it may quote it, once).
fn bounded(message: &str, input: &str) {
    assert!(
        message.len() <= 2 * input.len() + 400,
        "a {}-byte message for a {}-byte input: {message}",
        message.len(),
        input.len()
    );
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// Something shaped like a JWT: three base64url parts of arbitrary bytes or JSON.
fn jwt_like() -> impl Strategy<Value = String> {
    let part = prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..200).prop_map(|b| b64(&b)),
        "[a-zA-Z0-9_=+/.-]{0,60}",
        json().prop_map(|v| b64(v.to_string().as_bytes())),
        ("[a-z:_]{1,12}", any::<i64>(), "[ -~]{0,20}").prop_map(|(k, n, s)| {
            b64(
                serde_json::json!({ k: n, "alg": "RS256", "kid": s, "exp": n })
                    .to_string()
                    .as_bytes(),
            )
        }),
    ];
    (part.clone(), part.clone(), part).prop_map(|(a, b, c)| format!("{a}.{b}.{c}"))
}

/// Arbitrary JSON (serde_json's `Value` has no `Arbitrary` of its own), a few levels deep.
fn json() -> BoxedStrategy<serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        proptest::num::f64::NORMAL.prop_map(Value::from),
        "[ -~]{0,16}".prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::btree_map("[a-z:_]{1,10}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
    .boxed()
}

/// Arbitrary text: any chars, and text close to what each parser expects.
fn text(near: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop_oneof![
        ".{0,80}",
        "[ -~]{0,80}",
        (
            proptest::sample::select(near),
            ".{0,20}",
            proptest::sample::select(near)
        )
            .prop_map(|(a, b, c)| format!("{a}{b}{c}")),
    ]
}

proptest! {
    #[test]
    fn jwt_decode_never_panics(token in prop_oneof![jwt_like(), ".{0,120}".boxed()]) {
        match jwt::decode(&token) {
            Ok(d) => {
                // A decoded token's claims came from its own bytes.
                prop_assert!(d.claims.to_string().len() <= 2 * token.len() + 16);
            }
            Err(e) => bounded(&e.to_string(), &token),
        }
    }

    #[test]
    fn jwt_verify_never_panics(
        token in jwt_like(),
        jwks in prop_oneof![
            json().prop_map(|v| serde_json::json!({ "keys": [v] }).to_string()),
                ".{0,60}".boxed(),
        ],
        now in proptest::num::i64::ANY,
    ) {
        let expected = Expected {
            issuer: "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC",
            token_use: None,
            client_id: Some("client"),
        };
        let _ = jwt::verify(&token, &jwks, &expected, now);
        let _ = jwt::time_claims(&serde_json::json!({ "exp": now, "iat": now, "auth_time": now }), now);
        let _ = jwt::relative(now, now.wrapping_neg());
    }

    #[test]
    fn the_user_filter_parser_never_panics(
        input in text(&["email", "^=", "=", "\"", "custom:role", "status", " ", "\\", "sub"]),
    ) {
        match filter::parse(&input) {
            Ok(Some(f)) => prop_assert!(f.expression().len() <= 2 * input.len() + 8),
            Ok(None) => {}
            Err(e) => bounded(&e, &input),
        }
        let _ = filter::complete(&input);
    }

    #[test]
    fn the_command_parser_never_panics(
        input in text(&[":", "pools", "users", "region", "profile", " ", "auth", "errors"]),
    ) {
        if let Err(e) = command::parse(&input) {
            bounded(&e, &input);
        }
        if let Err(e) = command::parse_line(&input) {
            bounded(&e, &input);
        }
        let _ = command::complete(&input);
    }

    #[test]
    fn the_key_name_parser_never_panics(
        input in text(&["ctrl-", "alt-", "shift-", "f", "enter", "-", "pgdn", "x"]),
    ) {
        if let Err(e) = Key::parse(&input) {
            bounded(&e, &input);
        }
    }

    #[test]
    fn the_config_loader_never_panics(
        input in text(&["[keys]\n", "[colors]\n", "=", "\"", "users.delete", "red", "\n", "[", "ctrl-d"]),
    ) {
        if let Err(e) = config::parse(&input) {
            bounded(&e, &input);
        }
    }

    #[test]
    fn the_seed_loader_never_panics(
        input in prop_oneof![
            text(&["{", "}", "\"pool\":", "\"name\":", "\"users\": [", "]", ",", "\"groups\":"]).boxed(),
            json().prop_map(|v| v.to_string()).boxed(),
            json()
                .prop_map(|v| serde_json::json!({ "pool": { "name": "p" }, "users": [v] }).to_string())
                .boxed(),
        ],
    ) {
        // Trigger sources resolve next to the file: a folder with none, so nothing is read.
        let path = Path::new("/nonexistent-cognito-tui-seed/workshop.json");
        if let Err(e) = seed::parse(&input, path) {
            bounded(&e.to_string(), &input);
        }
    }

    #[test]
    fn srp_challenge_parameters_never_panic(
        pool in prop_oneof!["[a-z]{2}-[a-z]{4,9}-[0-9]_[A-Za-z0-9]{1,12}", ".{0,20}"],
        user in ".{0,40}",
        srp_b in prop_oneof!["[0-9a-fA-F]{0,800}", ".{0,40}", Just("0".to_string())],
        salt in prop_oneof!["[0-9a-f]{0,64}", ".{0,20}"],
        block in prop_oneof!["[A-Za-z0-9+/=]{0,200}", ".{0,40}"],
        timestamp in "[ -~]{0,40}",
    ) {
        let _ = pool_name(&pool);
        let client = SrpClient::with_secret_a("7e0f5a").expect("a fixed secret");
        if let Err(e) = client.password_claim(&pool, &user, "Passw0rd!", &srp_b, &salt, &block, &timestamp) {
            bounded(&e.to_string(), &format!("{pool}{user}{srp_b}{salt}{block}"));
        }
    }

    #[test]
    fn a_fixed_srp_secret_is_parsed_or_refused(a in ".{0,200}") {
        if let Err(e) = SrpClient::with_secret_a(&a) {
            bounded(&e.to_string(), &a);
        }
    }
}
