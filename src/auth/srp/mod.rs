//! Cognito SRP-6a client maths: pure, no I/O, no clock, no randomness of its own: the secret
//! `a` is drawn from a random number generator the caller hands to [`SrpClient::new`], and
//! the `TIMESTAMP` is the caller's.
//!
//! This is the `USER_SRP_AUTH` / `PASSWORD_VERIFIER` computation as done by AWS's own
//! clients (amazon-cognito-identity-js, the AWS Android/Java helpers) and by pycognito.
//! Known-answer vectors from two of those libraries live in `tests/fixtures/srp/`
//! (regenerate with `scripts/srp-vectors/`), and the unit tests (`srp/tests.rs`) check every value.
//!
//! Cognito's variant, where `pad(n)` is Java's `BigInteger.toByteArray()` of a
//! non-negative integer (minimal big-endian bytes, plus a leading `00` when the top bit
//! is set) and `H` is SHA-256:
//!
//! - `N` is the 3072-bit group of RFC 5054 / RFC 3526, `g = 2`, `k = H(pad(N) || pad(g))`.
//! - `A = g^a mod N`, sent as `SRP_A` in lower-case hex without leading zeros.
//! - `u = H(pad(A) || pad(B))`, must not be zero.
//! - `x = H(pad(salt) || H(poolName || USER_ID_FOR_SRP || ":" || password))`, where
//!   `poolName` is the part of the pool id after the underscore and `salt` is `SALT`
//!   read as an integer (leading zero digits carry no meaning).
//! - `S = (B - k * g^x) ^ (a + u * x) mod N`.
//! - `key = HKDF-SHA256(ikm = pad(S), salt = pad(u), info = "Caldera Derived Key")`, 16 bytes.
//!   Note that `pad(u)` is the *integer* `u` re-encoded, not the raw hash: a hash that
//!   starts with a `00` byte gives a 31-byte salt, one with its top bit set a 33-byte salt.
//! - `PASSWORD_CLAIM_SIGNATURE = Base64(HMAC-SHA256(key, poolName || USER_ID_FOR_SRP ||
//!   Base64Decode(SECRET_BLOCK) || TIMESTAMP))`, with `TIMESTAMP` as made by
//!   [`cognito_timestamp`].
//!
//! Input from the server is checked before use (see [`SrpError`]). `SECRET_BLOCK` is read as
//! standard base64 (`+` and `/`, with or without `=` padding) first. When that fails it is
//! decoded the way the reference clients decode it (Node's `Buffer.from(s, "base64")`,
//! Python's `base64.b64decode`): every character outside the standard alphabet is skipped
//! and the rest decoded. AWS always sends canonical padded base64, so the lenient path only
//! matters for stand-ins such as moto, whose `SECRET_BLOCK` is a UUID. What still fails: an
//! empty block, a block with nothing of the alphabet in it, and a length no base64 can have.
//! The block is echoed back exactly as received.
//!
//! Arithmetic: `num-bigint` parses and encodes; the exponentiations run in Montgomery form,
//! in constant time for every secret exponent: `S` by aws-lc's fixed-window
//! `BN_mod_exp_mont_consttime` over an exponent as wide as its public bound; `g^a` and `g^x` by
//! fixed-base combs built once, on first use (`FixedBase`), whose table entries are read in
//! constant time (every entry is read) and multiplied by aws-lc's Montgomery multiplication.
//! crypto-bigint's `BoxedMontyForm` does the rest (conversions, `k g^x`, the subtraction) and
//! can still run it all (`Backend::CryptoBigint`: benchmark and cross-check).
//!
//! Files: `client` makes `A` and the password claim; `modpow` holds the constant-time
//! exponentiations (Montgomery form, fixed-base combs); `awslc` the safe wrapper over aws-lc's
//! bignum functions (the crate's only `unsafe` code); `wire` reads and writes the values as
//! Cognito sends them (hex, base64, `pad`, the timestamp, the pool name); `wipe` zeroes the
//! secret integers when they are dropped. This file holds the
//! group (`N`, `g`, `k`), the size limits and [`SrpError`]; `tests` the known-answer tests.

use std::sync::LazyLock;

use num_bigint::BigUint;
use sha2::{Digest, Sha256};

use wire::pad;

mod awslc;
mod client;
// `--cfg srp_portable` builds the stand-in on x86-64 too, to check it and the paths
// without IFMA: `RUSTFLAGS="--cfg srp_portable" cargo test --lib srp`.
#[cfg(all(target_arch = "x86_64", not(srp_portable)))]
mod ifma;
#[cfg(any(not(target_arch = "x86_64"), srp_portable))]
#[path = "ifma_none.rs"]
mod ifma;
mod modpow;
mod wipe;
mod wire;

pub use client::{PasswordClaim, SrpClient};
pub use modpow::{Backend, build_fixed_base_tables, time_one_power};
pub use wire::{cognito_timestamp, pool_name};

/// The 3072-bit MODP group prime (RFC 5054 appendix A / RFC 3526 group 15), as Cognito uses it.
const N_HEX: &str = concat!(
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD1",
    "29024E088A67CC74020BBEA63B139B22514A08798E3404DD",
    "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245",
    "E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED",
    "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3D",
    "C2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F",
    "83655D23DCA3AD961C62F356208552BB9ED529077096966D",
    "670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B",
    "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9",
    "DE2BCBF6955817183995497CEA956AE515D2261898FA0510",
    "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64",
    "ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7",
    "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6B",
    "F12FFA06D98A0864D87602733EC86A64521F2B18177B200C",
    "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB31",
    "43DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF",
);

/// The generator.
const G: u32 = 2;

/// Hex digits of N: `SRP_B` (and the secret `a`) may not have more significant digits.
pub const MAX_SRP_B_HEX_DIGITS: usize = 768;

/// Upper bound on the significant hex digits of `SALT` (Cognito sends 128-bit salts).
pub const MAX_SALT_HEX_DIGITS: usize = 1024;

/// Size of the random secret `a`: 64 bytes (512 bits).
///
/// RFC 5054 asks for at least 256 bits (twice the 128-bit strength of the 3072-bit group);
/// 512 is twice that. The reference clients (pycognito, amazon-cognito-identity-js) draw
/// 1024 bits, but a bigger `a` buys no security here and costs time: `S`'s exponent is
/// `a + u x`, and `u x` (two 256-bit hashes) already has 512 bits, so with a 512-bit `a`
/// computing `S` takes about 512 squarings instead of 1024. Cognito accepts any `A` in
/// `1..N` (the size of `a` is invisible to it).
const SECRET_A_BYTES: u64 = 64;

/// Bits of N: the precision of the Montgomery arithmetic.
const N_BITS: u32 = 3072;

/// Upper bound on the bits of `x`, a SHA-256 hash.
const X_BITS: u64 = 256;

static N: LazyLock<BigUint> = LazyLock::new(|| {
    BigUint::parse_bytes(N_HEX.as_bytes(), 16).expect("N_HEX is a valid hex constant")
});

/// `k = H(pad(N) || pad(g))`.
static K: LazyLock<BigUint> = LazyLock::new(|| {
    let mut h = Sha256::new();
    h.update(pad(&N));
    h.update(pad(&BigUint::from(G)));
    BigUint::from_bytes_be(&h.finalize())
});

/// Why an SRP computation was refused. Server values are named as Cognito names them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SrpError {
    /// A hex parameter was the empty string.
    #[error("{name} is empty")]
    EmptyHex {
        /// Parameter name, e.g. `SRP_B`.
        name: &'static str,
    },
    /// A hex parameter contained something other than `0-9a-fA-F`.
    #[error("{name} is not a hexadecimal number (only 0-9, a-f and A-F are allowed)")]
    NotHex {
        /// Parameter name, e.g. `SALT`.
        name: &'static str,
    },
    /// A hex parameter was longer than the protocol allows.
    #[error("{name} has {digits} significant hex digits; at most {max} are allowed")]
    HexTooLong {
        /// Parameter name.
        name: &'static str,
        /// Significant digits received (leading zeros not counted).
        digits: usize,
        /// The limit.
        max: usize,
    },
    /// `B mod N == 0`: a malicious or broken server; the SRP exchange must be aborted.
    #[error("SRP_B is zero modulo N; refusing to continue the SRP exchange")]
    SrpBZeroModN,
    /// `u = H(pad(A) || pad(B))` was zero; the SRP exchange must be aborted.
    #[error("the SRP scrambling parameter u = H(A, B) is zero; refusing to continue")]
    UZero,
    /// `SECRET_BLOCK` was empty.
    #[error("SECRET_BLOCK is empty")]
    EmptySecretBlock,
    /// `SECRET_BLOCK` could not be read as base64, not even leniently.
    #[error(
        "SECRET_BLOCK is not base64, not even when characters outside A-Z a-z 0-9 + / are skipped: {0}"
    )]
    InvalidSecretBlock(String),
    /// `USER_ID_FOR_SRP` was empty.
    #[error("USER_ID_FOR_SRP is empty")]
    EmptyUserId,
    /// The user pool id is not `<region>_<name>`.
    #[error("invalid user pool id {0:?}: expected <region>_<name>, e.g. us-east-1_AbCdEf123")]
    InvalidPoolId(String),
    /// A caller-supplied secret `a` was out of range.
    #[error("invalid SRP secret a: {0}")]
    InvalidSecretA(&'static str),
}

#[cfg(test)]
mod tests;
