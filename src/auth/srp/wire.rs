//! SRP values as Cognito writes and reads them: strict hex parsing with size limits, Java's
//! `BigInteger.toByteArray()` (`pad`), `SECRET_BLOCK` base64 (strict, then the reference
//! clients' lenient reading), the `TIMESTAMP` format and the pool name. No arithmetic.

use std::fmt;

use base64::Engine as _;
use base64::alphabet;
use base64::engine::DecodePaddingMode;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use num_bigint::BigUint;
use num_traits::Zero;
use time::{Month, OffsetDateTime, UtcOffset, Weekday};

use super::SrpError;

/// Standard alphabet; `=` padding optional; trailing bits must be zero (canonical).
const SECRET_BLOCK_ENGINE: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// The lenient fallback: standard alphabet, no padding expected, non-zero trailing bits allowed.
const LENIENT_SECRET_BLOCK_ENGINE: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::RequireNone)
        .with_decode_allow_trailing_bits(true),
);

/// The `TIMESTAMP` Cognito expects: `EEE MMM d HH:mm:ss UTC yyyy` in English, always in
/// UTC, day of month not zero-padded (e.g. `Mon Nov 2 01:02:03 UTC 2026`).
pub fn cognito_timestamp(t: OffsetDateTime) -> String {
    let t = t.to_offset(UtcOffset::UTC);
    let weekday = match t.weekday() {
        Weekday::Monday => "Mon",
        Weekday::Tuesday => "Tue",
        Weekday::Wednesday => "Wed",
        Weekday::Thursday => "Thu",
        Weekday::Friday => "Fri",
        Weekday::Saturday => "Sat",
        Weekday::Sunday => "Sun",
    };
    let month = match t.month() {
        Month::January => "Jan",
        Month::February => "Feb",
        Month::March => "Mar",
        Month::April => "Apr",
        Month::May => "May",
        Month::June => "Jun",
        Month::July => "Jul",
        Month::August => "Aug",
        Month::September => "Sep",
        Month::October => "Oct",
        Month::November => "Nov",
        Month::December => "Dec",
    };
    format!(
        "{weekday} {month} {} {:02}:{:02}:{:02} UTC {}",
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.year()
    )
}

/// The pool name used in SRP: the part of `<region>_<name>` after the underscore.
pub fn pool_name(pool_id: &str) -> Result<&str, SrpError> {
    let invalid = || SrpError::InvalidPoolId(pool_id.to_owned());
    let (region, name) = pool_id.split_once('_').ok_or_else(invalid)?;
    let region_ok = !region.is_empty()
        && region
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-');
    let name_ok = !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric());
    if region_ok && name_ok {
        Ok(name)
    } else {
        Err(invalid())
    }
}

/// Java `BigInteger.toByteArray()` of a non-negative integer: minimal big-endian bytes with
/// a leading zero byte when the top bit would otherwise be set. `pad(0) == [0]`.
pub(super) fn pad(n: &BigUint) -> Vec<u8> {
    let mut bytes = n.to_bytes_be(); // [0] for zero
    if bytes[0] & 0x80 != 0 {
        bytes.insert(0, 0);
    }
    bytes
}

/// Strict hex parsing: non-empty, only hex digits, at most `max_digits` significant digits.
pub(super) fn parse_hex(
    name: &'static str,
    s: &str,
    max_digits: usize,
) -> Result<BigUint, SrpError> {
    if s.is_empty() {
        return Err(SrpError::EmptyHex { name });
    }
    if !s.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(SrpError::NotHex { name });
    }
    let significant = s.trim_start_matches('0');
    if significant.len() > max_digits {
        return Err(SrpError::HexTooLong {
            name,
            digits: significant.len(),
            max: max_digits,
        });
    }
    if significant.is_empty() {
        return Ok(BigUint::zero());
    }
    BigUint::parse_bytes(significant.as_bytes(), 16).ok_or(SrpError::NotHex { name })
}

pub(super) fn decode_secret_block(s: &str) -> Result<Vec<u8>, SrpError> {
    if s.is_empty() {
        return Err(SrpError::EmptySecretBlock);
    }
    match SECRET_BLOCK_ENGINE.decode(s) {
        Ok(bytes) => Ok(bytes),
        Err(strict) => decode_secret_block_leniently(s)
            .ok_or_else(|| SrpError::InvalidSecretBlock(strict.to_string())),
    }
}

/// The reference clients' reading: keep only `A-Z a-z 0-9 + /` (padding and anything else
/// dropped), then decode, ignoring the unused bits of a last partial group. `None` when
/// nothing is left or the length is one more than a multiple of four (six bits cannot make
/// a byte; Python refuses such input too).
fn decode_secret_block_leniently(s: &str) -> Option<Vec<u8>> {
    let kept: String = s
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '+' || *c == '/')
        .collect();
    if kept.is_empty() || kept.len() % 4 == 1 {
        return None;
    }
    LENIENT_SECRET_BLOCK_ENGINE.decode(kept).ok()
}

pub(super) fn to_hex(bytes: &[u8]) -> String {
    use fmt::Write as _;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}
