//! JWT inspection for the token pane: decodes header and claims without verifying, verifies a
//! Cognito RS256 token against a JWKS document, and renders time claims.
//! Pure: no network (the caller fetches the JWKS from [`jwks_url`]) and no clock (`now` is
//! passed in, in Unix seconds).
//!
//! Cognito signs ID and access tokens with RS256; the key is picked by the header's `kid`.
//! A token's `iss` is always `https://cognito-idp.<region>.amazonaws.com/<poolId>` (see
//! [`expected_issuer`]) — also on a local emulator, whose JWKS is nevertheless served under
//! the endpoint override (see [`jwks_url`]).

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::jwk::{AlgorithmParameters, JwkSet};
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde_json::Value;
use time::OffsetDateTime;
use time::macros::format_description;

/// A token's two readable parts, exactly as they decode (nothing is verified).
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    /// The JOSE header, e.g. `{"kid": "...", "alg": "RS256"}`.
    pub header: Value,
    /// The payload: Cognito's claims.
    pub claims: Value,
}

/// Why a string could not be decoded as a JWT.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// Not `header.payload.signature`.
    #[error("a JWT has three parts separated by dots; this has {0}")]
    Parts(usize),
    /// A part was not unpadded base64url.
    #[error("the {0} is not base64url")]
    Base64(&'static str),
    /// A part was not a JSON object.
    #[error("the {0} is not a JSON object")]
    NotJsonObject(&'static str),
}

/// Decodes header and claims without checking anything else.
pub fn decode(token: &str) -> Result<Decoded, DecodeError> {
    let parts: Vec<&str> = token.trim().split('.').collect();
    if parts.len() != 3 {
        return Err(DecodeError::Parts(parts.len()));
    }
    Ok(Decoded {
        header: decode_part(parts[0], "header")?,
        claims: decode_part(parts[1], "payload")?,
    })
}

fn decode_part(part: &str, name: &'static str) -> Result<Value, DecodeError> {
    let bytes = URL_SAFE_NO_PAD
        .decode(part.trim_end_matches('='))
        .map_err(|_| DecodeError::Base64(name))?;
    match serde_json::from_slice::<Value>(&bytes) {
        Ok(v @ Value::Object(_)) => Ok(v),
        _ => Err(DecodeError::NotJsonObject(name)),
    }
}

/// The outcome of [`verify`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Signature, expiry, issuer (and token use / client, when asked) all check out.
    Verified,
    /// The first check that failed, in words, e.g. `expired 3 min ago`.
    Invalid(String),
}

/// Which kind of Cognito token: the `token_use` claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenUse {
    /// `token_use = "id"`: the ID token (its `aud` is the app client id).
    Id,
    /// `token_use = "access"`: the access token (its `client_id` is the app client id).
    Access,
}

impl TokenUse {
    /// The claim value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Id => "id",
            Self::Access => "access",
        }
    }
}

/// What a token must say to be accepted.
#[derive(Debug, Clone, Copy)]
pub struct Expected<'a> {
    /// The exact `iss`, usually [`expected_issuer`].
    pub issuer: &'a str,
    /// The `token_use`, when it matters.
    pub token_use: Option<TokenUse>,
    /// The app client id: checked against `aud` (ID token) or `client_id` (access token).
    pub client_id: Option<&'a str>,
}

/// Verifies an RS256 token against a JWKS document (its JSON text).
///
/// Checks, in this order: the header names RS256 and a `kid`; the JWKS has that key; the
/// signature; `exp` is after `now` (no leeway); `iss`; then `token_use` and the client id when
/// [`Expected`] asks for them. Reports the first failure.
pub fn verify(token: &str, jwks_json: &str, expected: &Expected<'_>, now: i64) -> Verdict {
    match check(token, jwks_json, expected, now) {
        Ok(()) => Verdict::Verified,
        Err(reason) => Verdict::Invalid(reason),
    }
}

fn check(token: &str, jwks_json: &str, expected: &Expected<'_>, now: i64) -> Result<(), String> {
    let token = token.trim();
    let decoded = decode(token).map_err(|e| e.to_string())?;
    let alg = decoded
        .header
        .get("alg")
        .and_then(Value::as_str)
        .unwrap_or("");
    if alg != "RS256" {
        return Err(format!(
            "the token is signed with {alg:?}; Cognito signs with RS256"
        ));
    }
    let kid = decoded
        .header
        .get("kid")
        .and_then(Value::as_str)
        .ok_or("the token header has no kid")?;

    let jwks: JwkSet =
        serde_json::from_str(jwks_json).map_err(|e| format!("the JWKS is not valid: {e}"))?;
    let jwk = jwks.find(kid).ok_or_else(|| {
        let known: Vec<&str> = jwks
            .keys
            .iter()
            .filter_map(|k| k.common.key_id.as_deref())
            .collect();
        format!(
            "no key with kid {kid} in the JWKS (it has: {})",
            known.join(", ")
        )
    })?;
    if !matches!(jwk.algorithm, AlgorithmParameters::RSA(_)) {
        return Err(format!("the JWKS key {kid} is not an RSA key"));
    }
    let key =
        DecodingKey::from_jwk(jwk).map_err(|e| format!("the JWKS key {kid} is unusable: {e}"))?;

    // Only the signature (and the algorithm) here; the claims are checked below with `now`,
    // so jsonwebtoken never reads the clock.
    let mut validation = Validation::new(Algorithm::RS256);
    validation.validate_exp = false;
    validation.validate_nbf = false;
    validation.validate_aud = false;
    validation.required_spec_claims.clear();
    if let Err(e) = jsonwebtoken::decode::<Value>(token, &key, &validation) {
        use jsonwebtoken::errors::ErrorKind;
        return Err(match e.kind() {
            ErrorKind::InvalidSignature => "signature does not match".to_owned(),
            other => format!("cannot check the signature: {other:?}"),
        });
    }

    let claims = &decoded.claims;
    let exp = claims
        .get("exp")
        .and_then(Value::as_i64)
        .ok_or("the token has no exp claim")?;
    if exp == now {
        return Err("expired just now".to_owned());
    }
    if exp < now {
        return Err(format!("expired {}", relative(exp, now)));
    }
    let iss = claims.get("iss").and_then(Value::as_str).unwrap_or("");
    if iss != expected.issuer {
        return Err(format!("issuer is {iss}, expected {}", expected.issuer));
    }
    if let Some(want) = expected.token_use {
        let got = claims
            .get("token_use")
            .and_then(Value::as_str)
            .unwrap_or("");
        if got != want.as_str() {
            return Err(format!(
                "token_use is {got:?}, expected {:?}",
                want.as_str()
            ));
        }
    }
    if let Some(client_id) = expected.client_id {
        let (claim, got) = match claims.get("token_use").and_then(Value::as_str) {
            Some("access") => ("client_id", claims.get("client_id")),
            _ => ("aud", claims.get("aud")),
        };
        let matches = match got {
            Some(Value::String(s)) => s == client_id,
            Some(Value::Array(items)) => items.iter().any(|v| v.as_str() == Some(client_id)),
            _ => false,
        };
        if !matches {
            let shown = got.map_or_else(|| "missing".to_owned(), Value::to_string);
            return Err(format!("{claim} is {shown}, expected {client_id:?}"));
        }
    }
    Ok(())
}

/// The `iss` of every token of a pool: `https://cognito-idp.<region>.amazonaws.com/<poolId>`.
pub fn expected_issuer(region: &str, pool_id: &str) -> String {
    format!("https://cognito-idp.{region}.amazonaws.com/{pool_id}")
}

/// Where a pool publishes its signing keys: `<issuer>/.well-known/jwks.json`, or with an
/// endpoint override (a local emulator) `<endpoint>/<poolId>/.well-known/jwks.json`.
pub fn jwks_url(endpoint: Option<&str>, region: &str, pool_id: &str) -> String {
    match endpoint {
        Some(endpoint) => format!(
            "{}/{pool_id}/.well-known/jwks.json",
            endpoint.trim_end_matches('/')
        ),
        None => format!("{}/.well-known/jwks.json", expected_issuer(region, pool_id)),
    }
}

/// A claim holding a time, ready to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeClaim {
    /// `exp`, `iat`, `auth_time` or `nbf`.
    pub name: &'static str,
    /// The value, Unix seconds.
    pub unix: i64,
    /// E.g. `2026-11-02 01:02:03 UTC`.
    pub utc: String,
    /// E.g. `in 42 min` or `3 min ago`, relative to `now`.
    pub relative: String,
}

/// The time claims present in `claims` (in the order exp, iat, auth_time, nbf).
pub fn time_claims(claims: &Value, now: i64) -> Vec<TimeClaim> {
    ["exp", "iat", "auth_time", "nbf"]
        .into_iter()
        .filter_map(|name| {
            let unix = claims.get(name)?.as_i64()?;
            Some(TimeClaim {
                name,
                unix,
                utc: utc_string(unix),
                relative: relative(unix, now),
            })
        })
        .collect()
}

/// `2026-11-02 01:02:03 UTC`, or the raw number when out of range.
pub fn utc_string(unix: i64) -> String {
    let format = format_description!("[year]-[month]-[day] [hour]:[minute]:[second] UTC");
    OffsetDateTime::from_unix_timestamp(unix)
        .ok()
        .and_then(|t| t.format(&format).ok())
        .unwrap_or_else(|| unix.to_string())
}

/// `in 42 min`, `3 min ago`, `in 1 h 5 min`, `2 d 3 h ago`, `now`.
pub fn relative(t: i64, now: i64) -> String {
    let delta = t.saturating_sub(now);
    if delta == 0 {
        return "now".to_owned();
    }
    let span = duration_words(delta.unsigned_abs());
    if delta > 0 {
        format!("in {span}")
    } else {
        format!("{span} ago")
    }
}

fn duration_words(secs: u64) -> String {
    const MIN: u64 = 60;
    const HOUR: u64 = 60 * MIN;
    const DAY: u64 = 24 * HOUR;
    let with = |big: u64, big_unit: &str, small: u64, small_unit: &str| {
        if small == 0 {
            format!("{big} {big_unit}")
        } else {
            format!("{big} {big_unit} {small} {small_unit}")
        }
    };
    match secs {
        s if s < MIN => format!("{s} s"),
        s if s < HOUR => format!("{} min", s / MIN),
        s if s < DAY => with(s / HOUR, "h", s % HOUR / MIN, "min"),
        s => with(s / DAY, "d", s % DAY / HOUR, "h"),
    }
}

/// The claims worth highlighting: `cognito:groups` and every `custom:*` attribute, sorted by name.
pub fn highlighted_claims(claims: &Value) -> Vec<(String, Value)> {
    let Some(map) = claims.as_object() else {
        return Vec::new();
    };
    let mut out: Vec<(String, Value)> = map
        .iter()
        .filter(|(k, _)| *k == "cognito:groups" || k.starts_with("custom:"))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use jsonwebtoken::{EncodingKey, Header};
    use serde_json::json;

    const KEY_A: &[u8] = include_bytes!("../../tests/fixtures/jwt/key-a.der");
    const KEY_B: &[u8] = include_bytes!("../../tests/fixtures/jwt/key-b.der");
    const JWKS: &str = include_str!("../../tests/fixtures/jwt/jwks.json");
    const KID_A: &str = "test-kid-a";
    const KID_B: &str = "test-kid-b";

    const POOL: &str = "us-east-1_AbCdEf123";
    const CLIENT: &str = "4bmsrr65ah3oas5d4sd54st11k";
    const NOW: i64 = 1_800_000_000;

    fn issuer() -> String {
        expected_issuer("us-east-1", POOL)
    }

    fn claims(token_use: &str) -> Value {
        json!({
            "sub": "8f1c2d3e-0000-4000-8000-000000000001",
            "iss": issuer(),
            "token_use": token_use,
            "client_id": CLIENT,
            "aud": CLIENT,
            "username": "alice",
            "cognito:groups": ["admins"],
            "custom:tenant": "acme",
            "iat": NOW - 600,
            "auth_time": NOW - 600,
            "exp": NOW + 3000,
        })
    }

    fn sign(claims: &Value, kid: &str, key_der: &[u8]) -> String {
        let mut header = Header::new(Algorithm::RS256);
        header.kid = Some(kid.to_owned());
        jsonwebtoken::encode(&header, claims, &EncodingKey::from_rsa_der(key_der)).unwrap()
    }

    fn expected<'a>(issuer: &'a str) -> Expected<'a> {
        Expected {
            issuer,
            token_use: None,
            client_id: None,
        }
    }

    fn invalid(v: Verdict) -> String {
        match v {
            Verdict::Invalid(reason) => reason,
            Verdict::Verified => panic!("expected an invalid token"),
        }
    }

    #[test]
    fn good_tokens_verify_with_either_key() {
        let iss = issuer();
        for (kid, key) in [(KID_A, KEY_A), (KID_B, KEY_B)] {
            let token = sign(&claims("access"), kid, key);
            assert_eq!(
                verify(&token, JWKS, &expected(&iss), NOW),
                Verdict::Verified
            );
        }
        let full = Expected {
            issuer: &iss,
            token_use: Some(TokenUse::Id),
            client_id: Some(CLIENT),
        };
        let id = sign(&claims("id"), KID_A, KEY_A);
        assert_eq!(verify(&id, JWKS, &full, NOW), Verdict::Verified);
        let access = sign(&claims("access"), KID_A, KEY_A);
        let full_access = Expected {
            token_use: Some(TokenUse::Access),
            ..full
        };
        assert_eq!(verify(&access, JWKS, &full_access, NOW), Verdict::Verified);
    }

    #[test]
    fn tampered_payload_fails_the_signature() {
        let token = sign(&claims("access"), KID_A, KEY_A);
        let parts: Vec<&str> = token.split('.').collect();
        let mut forged = claims("access");
        forged["cognito:groups"] = json!(["admins", "superusers"]);
        let payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&forged).unwrap());
        let tampered = format!("{}.{payload}.{}", parts[0], parts[2]);
        assert_eq!(
            invalid(verify(&tampered, JWKS, &expected(&issuer()), NOW)),
            "signature does not match"
        );
    }

    #[test]
    fn signature_by_another_key_fails() {
        // Signed with key B but claims to be key A.
        let token = sign(&claims("access"), KID_A, KEY_B);
        assert_eq!(
            invalid(verify(&token, JWKS, &expected(&issuer()), NOW)),
            "signature does not match"
        );
    }

    #[test]
    fn unknown_kid_is_reported() {
        let token = sign(&claims("access"), "rotated-away", KEY_A);
        assert_eq!(
            invalid(verify(&token, JWKS, &expected(&issuer()), NOW)),
            "no key with kid rotated-away in the JWKS (it has: test-kid-a, test-kid-b)"
        );
    }

    #[test]
    fn expired_token_says_how_long_ago() {
        let mut c = claims("access");
        c["exp"] = json!(NOW - 180);
        let token = sign(&c, KID_A, KEY_A);
        assert_eq!(
            invalid(verify(&token, JWKS, &expected(&issuer()), NOW)),
            "expired 3 min ago"
        );
        c["exp"] = json!(NOW);
        let token = sign(&c, KID_A, KEY_A);
        assert_eq!(
            invalid(verify(&token, JWKS, &expected(&issuer()), NOW)),
            "expired just now"
        );
    }

    #[test]
    fn wrong_issuer_names_both() {
        let token = sign(&claims("access"), KID_A, KEY_A);
        let other = expected_issuer("eu-west-1", POOL);
        assert_eq!(
            invalid(verify(&token, JWKS, &expected(&other), NOW)),
            format!("issuer is {}, expected {other}", issuer())
        );
    }

    #[test]
    fn token_use_and_client_are_checked_when_asked() {
        let iss = issuer();
        let token = sign(&claims("access"), KID_A, KEY_A);
        let want_id = Expected {
            issuer: &iss,
            token_use: Some(TokenUse::Id),
            client_id: None,
        };
        assert_eq!(
            invalid(verify(&token, JWKS, &want_id, NOW)),
            "token_use is \"access\", expected \"id\""
        );
        let other_client = Expected {
            issuer: &iss,
            token_use: None,
            client_id: Some("someoneelse"),
        };
        assert_eq!(
            invalid(verify(&token, JWKS, &other_client, NOW)),
            format!("client_id is \"{CLIENT}\", expected \"someoneelse\"")
        );
        let id = sign(&claims("id"), KID_A, KEY_A);
        assert_eq!(
            invalid(verify(&id, JWKS, &other_client, NOW)),
            format!("aud is \"{CLIENT}\", expected \"someoneelse\"")
        );
    }

    #[test]
    fn malformed_inputs_are_invalid_not_panics() {
        let iss = issuer();
        let e = expected(&iss);
        assert!(invalid(verify("abc", JWKS, &e, NOW)).contains("three parts"));
        let good = sign(&claims("access"), KID_A, KEY_A);
        assert!(invalid(verify(&good, "{not json", &e, NOW)).starts_with("the JWKS is not valid"));

        let hs = jsonwebtoken::encode(
            &Header::new(Algorithm::HS256),
            &claims("access"),
            &EncodingKey::from_secret(b"k"),
        )
        .unwrap();
        assert_eq!(
            invalid(verify(&hs, JWKS, &e, NOW)),
            "the token is signed with \"HS256\"; Cognito signs with RS256"
        );
        let mut no_kid = Header::new(Algorithm::RS256);
        no_kid.kid = None;
        let t =
            jsonwebtoken::encode(&no_kid, &claims("a"), &EncodingKey::from_rsa_der(KEY_A)).unwrap();
        assert_eq!(
            invalid(verify(&t, JWKS, &e, NOW)),
            "the token header has no kid"
        );

        let mut c = claims("access");
        c.as_object_mut().unwrap().remove("exp");
        let t = sign(&c, KID_A, KEY_A);
        assert_eq!(
            invalid(verify(&t, JWKS, &e, NOW)),
            "the token has no exp claim"
        );
    }

    #[test]
    fn decode_shows_header_and_claims_without_verifying() {
        let token = sign(&claims("id"), KID_B, KEY_B);
        let d = decode(&token).unwrap();
        assert_eq!(d.header["kid"], KID_B);
        assert_eq!(d.header["alg"], "RS256");
        assert_eq!(d.claims["username"], "alice");
        assert_eq!(decode("a.b"), Err(DecodeError::Parts(2)));
        assert_eq!(decode("***.e30.x"), Err(DecodeError::Base64("header")));
        assert_eq!(
            decode("e30.W10.x"),
            Err(DecodeError::NotJsonObject("payload"))
        );
        // Tolerates padding and surrounding whitespace.
        assert!(decode(" e30=.e30.x\n").is_ok());
    }

    #[test]
    fn jwks_urls() {
        assert_eq!(
            jwks_url(None, "us-east-1", POOL),
            "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123/.well-known/jwks.json"
        );
        assert_eq!(
            jwks_url(Some("http://127.0.0.1:4566/"), "us-east-1", POOL),
            "http://127.0.0.1:4566/us-east-1_AbCdEf123/.well-known/jwks.json"
        );
        assert_eq!(
            issuer(),
            "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123"
        );
    }

    #[test]
    fn time_claims_are_rendered_in_utc_and_relative() {
        let t = time_claims(&claims("id"), NOW);
        let names: Vec<_> = t.iter().map(|c| c.name).collect();
        assert_eq!(names, ["exp", "iat", "auth_time"]);
        assert_eq!(t[0].relative, "in 50 min");
        assert_eq!(t[1].relative, "10 min ago");
        assert_eq!(t[0].utc, utc_string(NOW + 3000));
        assert_eq!(utc_string(1_793_581_323), "2026-11-02 01:02:03 UTC");
    }

    #[test]
    fn relative_wording() {
        assert_eq!(relative(100, 100), "now");
        assert_eq!(relative(142, 100), "in 42 s");
        assert_eq!(relative(100 + 42 * 60 + 59, 100), "in 42 min");
        assert_eq!(relative(100, 100 + 3 * 60), "3 min ago");
        assert_eq!(relative(3600, 0), "in 1 h");
        assert_eq!(relative(3600 + 5 * 60, 0), "in 1 h 5 min");
        assert_eq!(relative(0, 2 * 86_400 + 3 * 3600), "2 d 3 h ago");
        assert_eq!(relative(86_400, 0), "in 1 d");
        assert_eq!(relative(i64::MIN, i64::MAX), relative(0, i64::MAX));
    }

    #[test]
    fn highlights_groups_and_custom_attributes() {
        let h = highlighted_claims(&claims("id"));
        assert_eq!(
            h,
            vec![
                ("cognito:groups".to_owned(), json!(["admins"])),
                ("custom:tenant".to_owned(), json!("acme")),
            ]
        );
        assert!(highlighted_claims(&json!([1])).is_empty());
    }
}
