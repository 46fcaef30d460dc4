//! TOTP codes and `otpauth://` URIs for Cognito's software-token MFA, via the `totp-rs` crate.
//! Pure: never reads the clock (the time is passed in) and does no I/O.
//!
//! Cognito's authenticator parameters are RFC 6238 with HMAC-SHA1, 6 digits and a 30-second
//! step. The secret is the `SecretCode` of `AssociateSoftwareToken`: base32 (RFC 4648), which
//! AWS sends upper-case and unpadded. Input is normalised before decoding (spaces removed,
//! `=` padding dropped, letters upper-cased), so a secret copied with grouping spaces or in
//! lower case works too. Secrets shorter than RFC 4226's 128 bits are accepted on purpose:
//! the local emulator moto hands out a 60-bit secret, and these codes only ever sign a user in.

use totp_rs::{Algorithm, Builder, Secret as TotpSecret, Totp};

/// Digits in a Cognito TOTP code.
pub const DIGITS: u8 = 6;

/// Seconds a code stays valid.
pub const STEP_SECONDS: u64 = 30;

/// Why a TOTP secret could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TotpError {
    /// The secret was empty (after removing spaces and padding).
    #[error("the TOTP secret is empty")]
    EmptySecret,
    /// The secret was not base32.
    #[error("the TOTP secret is not base32 (letters A-Z and digits 2-7)")]
    NotBase32,
    /// The code length is outside what RFC 4226 allows (6 to 8).
    #[error("a TOTP code has 6 to 8 digits, not {0}")]
    InvalidDigits(u8),
}

/// The current code for `secret_base32` at `unix_time` (seconds): 6 digits, leading zeros kept.
pub fn code(secret_base32: &str, unix_time: u64) -> Result<String, TotpError> {
    code_with_digits(secret_base32, unix_time, DIGITS)
}

/// Like [`code`] with another number of digits (6 to 8), e.g. for RFC 6238's 8-digit vectors.
pub fn code_with_digits(
    secret_base32: &str,
    unix_time: u64,
    digits: u8,
) -> Result<String, TotpError> {
    if !(6..=8).contains(&digits) {
        return Err(TotpError::InvalidDigits(digits));
    }
    let totp = builder(secret_base32)?
        .with_digits(digits)
        .build_noncompliant();
    Ok(totp.generate(unix_time).to_string())
}

/// The `otpauth://totp/<issuer>:<account>?secret=<base32>&issuer=<issuer>` URI that
/// authenticator apps read (usually from a QR code). Issuer and account are percent-encoded;
/// a `:` in either (which the key-URI format forbids there) is replaced by `_`.
///
/// The URI contains the secret: treat it as one.
pub fn otpauth_uri(secret_base32: &str, account: &str, issuer: &str) -> Result<String, TotpError> {
    let account = label_part(account);
    let issuer = label_part(issuer);
    let totp: Totp = builder(secret_base32)?
        .with_account_name(if account.is_empty() {
            "user".to_owned()
        } else {
            account
        })
        .with_issuer((!issuer.is_empty()).then_some(issuer))
        .build_noncompliant();
    // The only failures of `to_url` are an empty account name or a `:` in it, both ruled out.
    totp.to_url().map_err(|_| TotpError::NotBase32)
}

/// Seconds until the code valid at `unix_time` changes (1 to 30).
pub fn seconds_left(unix_time: u64) -> u64 {
    STEP_SECONDS - unix_time % STEP_SECONDS
}

/// Removes spaces, `-` and `=` padding and upper-cases, as authenticator apps do.
fn normalise(secret_base32: &str) -> String {
    secret_base32
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '=' && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

fn builder(secret_base32: &str) -> Result<Builder, TotpError> {
    let secret = normalise(secret_base32);
    if secret.is_empty() {
        return Err(TotpError::EmptySecret);
    }
    if !secret
        .bytes()
        .all(|b| b.is_ascii_uppercase() || (b'2'..=b'7').contains(&b))
    {
        return Err(TotpError::NotBase32);
    }
    let bytes = TotpSecret::try_from_base32(&secret).map_err(|_| TotpError::NotBase32)?;
    if bytes.as_bytes().is_empty() {
        return Err(TotpError::NotBase32);
    }
    Ok(Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(DIGITS)
        .with_step_duration(STEP_SECONDS)
        .with_skew(0)
        .with_secret(bytes))
}

fn label_part(s: &str) -> String {
    s.trim().replace(':', "_")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238's SHA1 secret, the ASCII string "12345678901234567890", in base32.
    const RFC_SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    /// RFC 6238 appendix B, SHA1 column.
    const RFC_VECTORS: [(u64, &str); 6] = [
        (59, "94287082"),
        (1_111_111_109, "07081804"),
        (1_111_111_111, "14050471"),
        (1_234_567_890, "89005924"),
        (2_000_000_000, "69279037"),
        (20_000_000_000, "65353130"),
    ];

    #[test]
    fn rfc6238_sha1_vectors_with_8_digits() {
        for (t, want) in RFC_VECTORS {
            assert_eq!(code_with_digits(RFC_SECRET, t, 8).unwrap(), want, "t = {t}");
        }
    }

    #[test]
    fn six_digit_codes_are_the_last_six_digits_of_the_vectors() {
        for (t, want) in RFC_VECTORS {
            let got = code(RFC_SECRET, t).unwrap();
            assert_eq!(got.len(), 6);
            assert_eq!(got, want[2..], "t = {t}");
        }
    }

    #[test]
    fn codes_stay_the_same_within_a_step() {
        assert_eq!(code(RFC_SECRET, 60).unwrap(), code(RFC_SECRET, 89).unwrap());
        assert_ne!(code(RFC_SECRET, 89).unwrap(), code(RFC_SECRET, 90).unwrap());
    }

    #[test]
    fn secret_is_normalised() {
        let spaced = "gezd gnbv gy3t qojq gezd gnbv gy3t qojq";
        assert_eq!(code(spaced, 59).unwrap(), "287082");
        assert_eq!(code(&format!("{RFC_SECRET}===="), 59).unwrap(), "287082");
    }

    #[test]
    fn short_emulator_secrets_are_accepted() {
        // moto's fixed secret: 12 lower-case characters, 60 bits.
        let c = code("asdfasdfasdf", 1_700_000_000).unwrap();
        assert_eq!(c.len(), 6);
        assert!(c.bytes().all(|b| b.is_ascii_digit()));
    }

    #[test]
    fn bad_secrets_are_rejected() {
        assert_eq!(code("", 0), Err(TotpError::EmptySecret));
        assert_eq!(code(" = ", 0), Err(TotpError::EmptySecret));
        assert_eq!(code("ABC1", 0), Err(TotpError::NotBase32));
        assert_eq!(code("ÄBCD", 0), Err(TotpError::NotBase32));
        assert_eq!(
            code_with_digits(RFC_SECRET, 0, 5),
            Err(TotpError::InvalidDigits(5))
        );
        assert_eq!(
            code_with_digits(RFC_SECRET, 0, 9),
            Err(TotpError::InvalidDigits(9))
        );
    }

    #[test]
    fn otpauth_uri_has_label_secret_and_issuer() {
        let uri =
            otpauth_uri(RFC_SECRET, "alice@example.com", "cognito-tui us-east-1_AbC").unwrap();
        assert_eq!(
            uri,
            "otpauth://totp/cognito-tui%20us-east-1_AbC:alice%40example.com\
             ?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=cognito-tui%20us-east-1_AbC"
        );
    }

    #[test]
    fn otpauth_uri_replaces_colons_and_fills_an_empty_account() {
        let uri = otpauth_uri(RFC_SECRET, "a:b", "x:y").unwrap();
        assert!(uri.starts_with("otpauth://totp/x_y:a_b?"), "{uri}");
        let uri = otpauth_uri(RFC_SECRET, "", "").unwrap();
        assert_eq!(uri, format!("otpauth://totp/user?secret={RFC_SECRET}"));
        assert_eq!(otpauth_uri("!!", "a", "b"), Err(TotpError::NotBase32));
    }

    #[test]
    fn seconds_left_counts_down_to_the_next_step() {
        assert_eq!(seconds_left(0), 30);
        assert_eq!(seconds_left(1), 29);
        assert_eq!(seconds_left(29), 1);
        assert_eq!(seconds_left(30), 30);
        assert_eq!(seconds_left(1_111_111_109), 1);
    }
}
