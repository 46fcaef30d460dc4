//! Cognito SRP-6a client math: pure, no I/O.
//!
//! This is the `USER_SRP_AUTH` / `PASSWORD_VERIFIER` computation as done by AWS's own
//! clients (amazon-cognito-identity-js, the AWS Android/Java helpers) and by pycognito.
//! Known-answer vectors from two of those libraries live in `tests/fixtures/srp/`
//! (regenerate with `scripts/srp-vectors/`), and the unit tests below check every value.
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
//! Arithmetic: `num-bigint` parses and encodes; the exponentiations run in Montgomery form with
//! `crypto-bigint`'s constant-time `BoxedMontyForm` (`pow_bounded_exp` for `S`, bounded by the
//! public size of the exponent). `g^a` and `g^x` use fixed-base combs built once, on first use
//! ([`FixedBase`]), whose table entries are read in constant time (every entry is read).

use std::fmt;
use std::sync::LazyLock;

use base64::Engine as _;
use base64::alphabet;
use base64::engine::DecodePaddingMode;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, STANDARD};
use crypto_bigint::modular::{BoxedMontyForm, BoxedMontyParams};
use crypto_bigint::{BoxedUint, Choice, CtAssign, Odd};
use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use num_bigint::{BigUint, RandBigInt};
use num_traits::Zero;
use rand::{CryptoRng, RngCore};
use sha2::{Digest, Sha256};
use time::{Month, OffsetDateTime, UtcOffset, Weekday};

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

/// HKDF `info` for the password authentication key.
const DERIVED_KEY_INFO: &[u8] = b"Caldera Derived Key";

/// Length of the derived key in bytes.
const DERIVED_KEY_LEN: usize = 16;

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

/// N for Montgomery arithmetic. N is public, so the variable-time setup is fine.
static MONTY: LazyLock<BoxedMontyParams> =
    LazyLock::new(|| BoxedMontyParams::new_vartime(Odd::new(to_uint(&N)).expect("N is odd")));

/// The fixed-base tables for `g^a` and `g^x`, built on first use (see [`FixedBase`]).
static FIXED_BASE: LazyLock<FixedBase> = LazyLock::new(FixedBase::new);

/// `k = H(pad(N) || pad(g))`.
static K: LazyLock<BigUint> = LazyLock::new(|| {
    let mut h = Sha256::new();
    h.update(pad(&N));
    h.update(pad(&BigUint::from(G)));
    BigUint::from_bytes_be(&h.finalize())
});

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

/// The client side of one SRP exchange: the secret `a` and the public `A = g^a mod N`.
///
/// Use a fresh one for every sign-in attempt. `Debug` shows `A` only, never `a`.
pub struct SrpClient {
    a: BigUint,
    big_a: BigUint,
}

impl SrpClient {
    /// A client with a fresh random secret `a` of 64 bytes (see [`SECRET_A_BYTES`]) drawn from
    /// `rng`, which the caller hands in (the operating system's generator, `rand::rngs::OsRng`,
    /// outside tests).
    pub fn new(rng: &mut (impl RngCore + CryptoRng)) -> Self {
        loop {
            let a = rng.gen_biguint(SECRET_A_BYTES * 8);
            if let Ok(client) = Self::from_secret(a) {
                return client;
            }
        }
    }

    /// A client with a fixed secret `a` (hex), for known-answer tests. Requires `0 < a < N`.
    // Only the tests call this so far; keep it warning-free in the binary until a caller
    // (e.g. a debug view) exists.
    #[cfg_attr(not(test), allow(dead_code))]
    pub fn with_secret_a(a_hex: &str) -> Result<Self, SrpError> {
        let a = parse_hex("secret a", a_hex, MAX_SRP_B_HEX_DIGITS)?;
        Self::from_secret(a)
    }

    fn from_secret(a: BigUint) -> Result<Self, SrpError> {
        if a.is_zero() {
            return Err(SrpError::InvalidSecretA("a must not be zero"));
        }
        if a >= *N {
            return Err(SrpError::InvalidSecretA("a must be less than N"));
        }
        let big_a = from_uint(&pow_g(&a, a_bound(&a)).retrieve());
        if big_a.is_zero() {
            return Err(SrpError::InvalidSecretA("g^a mod N is zero"));
        }
        Ok(Self { a, big_a })
    }

    /// `SRP_A` for `InitiateAuth`: `A` in lower-case hex without leading zeros, as the
    /// reference clients send it.
    pub fn srp_a_hex(&self) -> String {
        self.big_a.to_str_radix(16)
    }

    /// Answers a `PASSWORD_VERIFIER` challenge.
    ///
    /// `user_id_for_srp`, `srp_b_hex`, `salt_hex` and `secret_block_b64` are the challenge
    /// parameters `USER_ID_FOR_SRP`, `SRP_B`, `SALT` and `SECRET_BLOCK`; `timestamp` is the
    /// `TIMESTAMP` that will be sent (see [`cognito_timestamp`]).
    #[allow(clippy::too_many_arguments)]
    pub fn password_claim(
        &self,
        pool_id: &str,
        user_id_for_srp: &str,
        password: &str,
        srp_b_hex: &str,
        salt_hex: &str,
        secret_block_b64: &str,
        timestamp: &str,
    ) -> Result<PasswordClaim, SrpError> {
        let pool_name = pool_name(pool_id)?;
        if user_id_for_srp.is_empty() {
            return Err(SrpError::EmptyUserId);
        }
        let big_b = parse_hex("SRP_B", srp_b_hex, MAX_SRP_B_HEX_DIGITS)?;
        if (&big_b % &*N).is_zero() {
            return Err(SrpError::SrpBZeroModN);
        }
        let salt = parse_hex("SALT", salt_hex, MAX_SALT_HEX_DIGITS)?;
        let secret_block = decode_secret_block(secret_block_b64)?;

        let u_hash: [u8; 32] = Sha256::new()
            .chain_update(pad(&self.big_a))
            .chain_update(pad(&big_b))
            .finalize()
            .into();
        let u = BigUint::from_bytes_be(&u_hash);

        let identity_hash = Sha256::new()
            .chain_update(pool_name.as_bytes())
            .chain_update(user_id_for_srp.as_bytes())
            .chain_update(b":")
            .chain_update(password.as_bytes())
            .finalize();
        let x = BigUint::from_bytes_be(
            &Sha256::new()
                .chain_update(pad(&salt))
                .chain_update(identity_hash)
                .finalize(),
        );

        let key = self.derive_key(&big_b, &u, &x)?;

        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&key.0)
            .expect("HMAC-SHA256 accepts keys of any length");
        mac.update(pool_name.as_bytes());
        mac.update(user_id_for_srp.as_bytes());
        mac.update(&secret_block);
        mac.update(timestamp.as_bytes());
        let signature_b64 = STANDARD.encode(mac.finalize().into_bytes());

        Ok(PasswordClaim {
            signature_b64,
            u_hex: to_hex(&u_hash),
            srp_b_hex: big_b.to_str_radix(16),
            timestamp: timestamp.to_owned(),
            secret_block_b64: secret_block_b64.to_owned(),
            #[cfg(test)]
            key,
        })
    }

    /// `S = (B - k g^x)^(a + u x) mod N`, then the HKDF key.
    fn derive_key(
        &self,
        big_b: &BigUint,
        u: &BigUint,
        x: &BigUint,
    ) -> Result<DerivedKey, SrpError> {
        if u.is_zero() {
            return Err(SrpError::UZero);
        }
        let k = BoxedMontyForm::new(to_uint(&K), &MONTY);
        let k_gx = k.mul(&pow_g(x, X_BITS));
        // B - k g^x modulo N.
        let base = BoxedMontyForm::new(to_uint(&(big_b % &*N)), &MONTY).sub(&k_gx);
        // u and x are below 2^256, so u x is below 2^512 and a + u x has at most one bit more
        // than the larger of a's bound and 512 (and stays below N's size when a is not a
        // fresh secret: a < N < 2^3072 - 2^512).
        let exponent = &self.a + u * x;
        let bound = (a_bound(&self.a).max(2 * X_BITS) + 1).min(u64::from(N_BITS));
        let s = from_uint(&pow_mod(&base, &exponent, bound).retrieve());

        let hkdf = Hkdf::<Sha256>::new(Some(&pad(u)), &pad(&s));
        let mut key = DerivedKey([0u8; DERIVED_KEY_LEN]);
        hkdf.expand(DERIVED_KEY_INFO, &mut key.0)
            .expect("16 bytes is a valid HKDF-SHA256 output length");
        Ok(key)
    }
}

impl fmt::Debug for SrpClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let a_hex = self.srp_a_hex();
        let shown = a_hex.get(..16).unwrap_or(&a_hex);
        f.debug_struct("SrpClient")
            .field("a", &"<redacted>")
            .field("srp_a", &format_args!("{shown}…"))
            .finish()
    }
}

/// The answer to a `PASSWORD_VERIFIER` challenge.
///
/// `Debug` never shows the derived key.
pub struct PasswordClaim {
    /// `PASSWORD_CLAIM_SIGNATURE`: standard base64 with padding.
    pub signature_b64: String,
    /// `u = H(pad(A) || pad(B))` as 64 lower-case hex digits (leading zeros kept).
    pub u_hex: String,
    /// `SRP_B` as used: lower-case hex, no leading zeros.
    pub srp_b_hex: String,
    /// `TIMESTAMP`, exactly as signed.
    pub timestamp: String,
    /// `PASSWORD_CLAIM_SECRET_BLOCK`: the `SECRET_BLOCK` to echo back, unchanged.
    pub secret_block_b64: String,
    /// Kept only in test builds, for the known-answer tests; otherwise the key is wiped
    /// as soon as the signature is made.
    #[cfg(test)]
    key: DerivedKey,
}

impl PasswordClaim {
    /// The 16-byte HKDF key, for known-answer tests only.
    #[cfg(test)]
    fn derived_key(&self) -> &[u8; DERIVED_KEY_LEN] {
        &self.key.0
    }
}

/// The HKDF key, wiped when dropped (best effort).
struct DerivedKey([u8; DERIVED_KEY_LEN]);

impl fmt::Debug for DerivedKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DerivedKey(<redacted>)")
    }
}

impl Drop for DerivedKey {
    fn drop(&mut self) {
        self.0.fill(0);
        std::hint::black_box(&mut self.0);
    }
}

impl fmt::Debug for PasswordClaim {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PasswordClaim")
            .field("signature_b64", &self.signature_b64)
            .field("u_hex", &self.u_hex)
            .field("srp_b_hex", &self.srp_b_hex)
            .field("timestamp", &self.timestamp)
            .field("secret_block_b64", &self.secret_block_b64)
            .finish_non_exhaustive()
    }
}

/// The public bound on the bits of a secret `a`: 512 for those [`SrpClient::new`] makes,
/// N's size for others (fixtures). Only this size class, never `a` itself, shows in timing.
fn a_bound(a: &BigUint) -> u64 {
    if a.bits() <= SECRET_A_BYTES * 8 {
        SECRET_A_BYTES * 8
    } else {
        u64::from(N_BITS)
    }
}

/// `n` (below 2^3072) as a 3072-bit `crypto-bigint` integer.
fn to_uint(n: &BigUint) -> BoxedUint {
    BoxedUint::from_be_slice(&n.to_bytes_be(), N_BITS).expect("a value below 2^3072")
}

fn from_uint(n: &BoxedUint) -> BigUint {
    BigUint::from_bytes_be(&n.to_be_bytes())
}

/// `base^e mod N` for an `e` of at most `max_bits` bits (a public bound): `crypto-bigint`'s
/// constant-time Montgomery exponentiation, whose running time depends on `max_bits` only.
fn pow_mod(base: &BoxedMontyForm, e: &BigUint, max_bits: u64) -> BoxedMontyForm {
    assert!(e.bits() <= max_bits && max_bits <= u64::from(N_BITS));
    let bound = u32::try_from(max_bits).expect("at most 3072");
    base.pow_bounded_exp(&to_uint(e), bound)
}

/// `g^e mod N` for an `e` of at most `max_bits` bits (a public bound): by the fixed-base combs
/// for up to 256 bits (`x`) and 512 bits (the secret `a`), otherwise by [`pow_mod`].
fn pow_g(e: &BigUint, max_bits: u64) -> BoxedMontyForm {
    let fixed = &*FIXED_BASE;
    if max_bits <= fixed.x.max_bits() {
        fixed.x.pow(e)
    } else if max_bits <= fixed.a.max_bits() {
        fixed.a.pow(e)
    } else {
        let g = BoxedMontyForm::new(to_uint(&BigUint::from(G)), &MONTY);
        pow_mod(&g, e, max_bits)
    }
}

/// Fixed-base exponentiation of `g`: as `g` and `N` never change, the powers of `g` that a
/// sign-in needs are tabulated once (Lim–Lee combs), which turns the 512 squarings of
/// `g^a` into 10 squarings and 86 multiplications, and `g^x` into 10 and 43.
///
/// Tables: (8 + 4) × 64 entries of 384 bytes, 288 KiB; building them costs about 1 200
/// Montgomery multiplications (a few ms, `cargo bench --bench srp`), paid once, by the
/// first sign-in, which runs off the UI thread.
struct FixedBase {
    /// For the secret `a` (at most 512 bits): 6 teeth, 8 tables.
    a: Comb,
    /// For `x` (a SHA-256 hash): 6 teeth, 4 tables.
    x: Comb,
}

impl FixedBase {
    fn new() -> Self {
        let (a, x) = (
            CombShape::new(SECRET_A_BYTES * 8, 6, 8),
            CombShape::new(X_BITS, 6, 4),
        );
        // g^(2^t) for every t below the larger comb's reach.
        let reach = a.reach().max(x.reach());
        let mut powers = Vec::with_capacity(reach);
        let mut power = BoxedMontyForm::new(to_uint(&BigUint::from(G)), &MONTY);
        for _ in 0..reach {
            let next = power.square();
            powers.push(power);
            power = next;
        }
        Self {
            a: Comb::new(a, &powers),
            x: Comb::new(x, &powers),
        }
    }

    /// Bytes held by the tables' entries.
    fn table_bytes(&self) -> usize {
        [&self.a, &self.x]
            .iter()
            .flat_map(|comb| comb.tables.iter().flatten())
            .map(|entry| std::mem::size_of_val(entry.as_words()))
            .sum()
    }
}

/// The layout of a comb for exponents of up to `teeth * row` bits: bit `i * row + c` of the
/// exponent is tooth `i` of column `c`; the `row` columns are split into `tables` groups of
/// `span` columns, each group with its own table.
#[derive(Clone, Copy)]
struct CombShape {
    teeth: usize,
    row: usize,
    span: usize,
    tables: usize,
}

impl CombShape {
    fn new(max_bits: u64, teeth: usize, tables: usize) -> Self {
        let row = usize::try_from(max_bits)
            .expect("a small bound")
            .div_ceil(teeth);
        Self {
            teeth,
            row,
            span: row.div_ceil(tables),
            tables,
        }
    }

    /// Exponent bits the comb covers.
    fn reach(&self) -> usize {
        self.teeth * self.row
    }
}

/// A Lim–Lee comb for `g`: entry `idx` of table `j` is the product of `g^(2^(i * row + j * span))`
/// over the teeth `i` set in `idx`, in Montgomery form. `g^e` then takes `span - 1`
/// squarings and `row` multiplications, one per column.
struct Comb {
    shape: CombShape,
    tables: Vec<Vec<BoxedUint>>,
}

impl Comb {
    /// `powers[t]` is `g^(2^t)`, for every `t` below `shape.reach()`.
    fn new(shape: CombShape, powers: &[BoxedMontyForm]) -> Self {
        let tables = (0..shape.tables)
            .map(|j| {
                let mut table: Vec<BoxedMontyForm> = Vec::with_capacity(1 << shape.teeth);
                table.push(BoxedMontyForm::one(&MONTY));
                for idx in 1usize..1 << shape.teeth {
                    let top = idx.ilog2() as usize;
                    let power = &powers[top * shape.row + j * shape.span];
                    let rest = idx & !(1 << top);
                    let entry = if rest == 0 {
                        power.clone()
                    } else {
                        table[rest].mul(power)
                    };
                    table.push(entry);
                }
                table.iter().map(BoxedMontyForm::to_montgomery).collect()
            })
            .collect();
        Self { shape, tables }
    }

    fn max_bits(&self) -> u64 {
        self.shape.reach() as u64
    }

    /// `g^e mod N`, `e` below 2^`max_bits()`. The sequence of operations depends on the comb
    /// only, and each table lookup reads every entry of its table, so neither the time nor the
    /// memory accessed depend on `e`.
    fn pow(&self, e: &BigUint) -> BoxedMontyForm {
        let shape = self.shape;
        assert!(e.bits() <= self.max_bits());
        let mut digits = e.to_u64_digits();
        digits.resize(shape.reach().div_ceil(64), 0);
        let bit = |p: usize| ((digits[p / 64] >> (p % 64)) & 1) as u32;

        let mut acc = BoxedMontyForm::one(&MONTY);
        let mut entry = acc.clone();
        for c in (0..shape.span).rev() {
            if c + 1 < shape.span {
                acc = acc.square();
            }
            for (j, table) in self.tables.iter().enumerate() {
                let column = j * shape.span + c;
                if column >= shape.row {
                    continue;
                }
                let idx = (0..shape.teeth).fold(0, |idx, i| idx | bit(i * shape.row + column) << i);
                for (t, candidate) in (0u32..).zip(table) {
                    entry
                        .as_montgomery_mut()
                        .ct_assign(candidate, Choice::from_u32_eq(t, idx));
                }
                acc = acc.mul(&entry);
            }
        }
        acc
    }
}

/// Builds a fresh copy of the fixed-base tables and returns their size in bytes: for the
/// benchmark (`benches/srp.rs`). Sign-ins build them once, on first use.
#[doc(hidden)]
pub fn build_fixed_base_tables() -> usize {
    FixedBase::new().table_bytes()
}

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
fn pad(n: &BigUint) -> Vec<u8> {
    let mut bytes = n.to_bytes_be(); // [0] for zero
    if bytes[0] & 0x80 != 0 {
        bytes.insert(0, 0);
    }
    bytes
}

/// Strict hex parsing: non-empty, only hex digits, at most `max_digits` significant digits.
fn parse_hex(name: &'static str, s: &str, max_digits: usize) -> Result<BigUint, SrpError> {
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

fn decode_secret_block(s: &str) -> Result<Vec<u8>, SrpError> {
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

fn to_hex(bytes: &[u8]) -> String {
    use fmt::Write as _;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use time::macros::datetime;

    const PYCOGNITO: &str = include_str!("../../tests/fixtures/srp/pycognito.json");
    const COGNITO_IDENTITY_JS: &str =
        include_str!("../../tests/fixtures/srp/cognito-identity-js.json");

    #[derive(Deserialize)]
    struct Fixture {
        library: String,
        k_hex: String,
        cases: Vec<Case>,
    }

    #[derive(Deserialize, PartialEq, Debug, Clone)]
    struct Case {
        name: String,
        pool_id: String,
        user_id_for_srp: String,
        password: String,
        a_hex: String,
        salt_hex: String,
        srp_b_hex: String,
        secret_block_b64: String,
        timestamp: String,
        expected: Expected,
    }

    #[derive(Deserialize, PartialEq, Debug, Clone)]
    struct Expected {
        srp_a_hex: String,
        u_hex: String,
        key_hex: String,
        signature_b64: String,
    }

    fn fixtures() -> Vec<Fixture> {
        [PYCOGNITO, COGNITO_IDENTITY_JS]
            .iter()
            .map(|s| serde_json::from_str(s).expect("fixture parses"))
            .collect()
    }

    fn claim_for(case: &Case) -> Result<PasswordClaim, SrpError> {
        SrpClient::with_secret_a(&case.a_hex)?.password_claim(
            &case.pool_id,
            &case.user_id_for_srp,
            &case.password,
            &case.srp_b_hex,
            &case.salt_hex,
            &case.secret_block_b64,
            &case.timestamp,
        )
    }

    fn first_case() -> Case {
        fixtures().remove(0).cases.remove(0)
    }

    #[test]
    fn known_answers_from_both_libraries() {
        let fixtures = fixtures();
        assert_eq!(fixtures.len(), 2);
        for fixture in &fixtures {
            assert!(
                fixture.cases.len() >= 4,
                "{}: too few cases",
                fixture.library
            );
            assert_eq!(
                fixture.k_hex,
                to_hex(&K.to_bytes_be()),
                "{}: k",
                fixture.library
            );
            for case in &fixture.cases {
                let ctx = format!("{} / {}", fixture.library, case.name);
                let client = SrpClient::with_secret_a(&case.a_hex).expect("valid a");
                assert_eq!(client.srp_a_hex(), case.expected.srp_a_hex, "{ctx}: SRP_A");
                let claim = claim_for(case).expect("claim");
                assert_eq!(claim.u_hex, case.expected.u_hex, "{ctx}: u");
                assert_eq!(
                    to_hex(claim.derived_key()),
                    case.expected.key_hex,
                    "{ctx}: HKDF key"
                );
                assert_eq!(
                    claim.signature_b64, case.expected.signature_b64,
                    "{ctx}: PASSWORD_CLAIM_SIGNATURE"
                );
                assert_eq!(claim.timestamp, case.timestamp, "{ctx}: timestamp");
                assert_eq!(claim.secret_block_b64, case.secret_block_b64, "{ctx}");
                assert_eq!(
                    claim.srp_b_hex,
                    case.srp_b_hex.to_ascii_lowercase().trim_start_matches('0'),
                    "{ctx}: SRP_B"
                );
            }
        }
    }

    #[test]
    fn both_fixture_files_have_the_same_cases_and_answers() {
        let fixtures = fixtures();
        assert_eq!(fixtures[0].cases, fixtures[1].cases);
    }

    #[test]
    fn k_has_its_well_known_value() {
        let k = to_hex(&K.to_bytes_be());
        assert!(k.starts_with("538282c4"), "{k}");
        assert_eq!(
            k,
            "538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6"
        );
        assert_eq!(N.bits(), 3072);
    }

    #[test]
    fn montgomery_powers_match_num_bigint() {
        let mut rng = rand::rngs::OsRng;
        let n = &*N;
        let one = BigUint::from(1u32);
        // g^e by the 256-bit comb, the 512-bit comb and the generic path: random exponents
        // and the extremes of each bound.
        let g = BigUint::from(G);
        for bound in [X_BITS, SECRET_A_BYTES * 8, u64::from(N_BITS)] {
            let mut exponents = vec![
                BigUint::zero(),
                one.clone(),
                (&one << bound) - &one,
                &one << (bound - 1),
            ];
            exponents.extend((0..4).map(|_| rng.gen_biguint(bound)));
            for e in &exponents {
                assert_eq!(
                    from_uint(&pow_g(e, bound).retrieve()),
                    g.modpow(e, n),
                    "g^e with a {bound}-bit bound, e = {e:x}"
                );
            }
        }
        // base^e as for S: random bases and the extremes, exponents below the bounds used.
        let mut bases = vec![BigUint::zero(), one.clone(), n - &one];
        bases.extend((0..3).map(|_| rng.gen_biguint_below(n)));
        for bound in [SECRET_A_BYTES * 8 + 1, u64::from(N_BITS)] {
            for base in &bases {
                let e = rng.gen_biguint(bound);
                let got = pow_mod(&BoxedMontyForm::new(to_uint(base), &MONTY), &e, bound);
                assert_eq!(
                    from_uint(&got.retrieve()),
                    base.modpow(&e, n),
                    "base^e with a {bound}-bit bound, base = {base:x}, e = {e:x}"
                );
            }
        }
    }

    #[test]
    fn fixed_base_tables_are_288_kib() {
        assert_eq!(build_fixed_base_tables(), 12 * 64 * 384);
    }

    #[test]
    fn pad_is_java_to_byte_array() {
        assert_eq!(pad(&BigUint::zero()), vec![0]);
        assert_eq!(pad(&BigUint::from(0x14u32)), vec![0x14]);
        assert_eq!(pad(&BigUint::from(0xecu32)), vec![0x00, 0xec]);
        assert_eq!(pad(&BigUint::from(0x7fffu32)), vec![0x7f, 0xff]);
        assert_eq!(pad(&BigUint::from(0x8000u32)), vec![0x00, 0x80, 0x00]);
        assert_eq!(pad(&N).len(), 385);
    }

    #[test]
    fn srp_b_and_salt_are_read_as_integers() {
        // Leading zeros and upper case do not change anything.
        let case = first_case();
        let expected = claim_for(&case).unwrap().signature_b64.clone();
        let padded = Case {
            srp_b_hex: format!("00{}", case.srp_b_hex.to_ascii_uppercase()),
            salt_hex: format!("000{}", case.salt_hex.to_ascii_uppercase()),
            ..case
        };
        assert_eq!(claim_for(&padded).unwrap().signature_b64, expected);
    }

    #[test]
    fn secret_block_padding_is_optional() {
        let fixtures = fixtures();
        let case = fixtures[0]
            .cases
            .iter()
            .find(|c| c.secret_block_b64.ends_with("=="))
            .expect("a fixture SECRET_BLOCK with padding");
        let unpadded = Case {
            secret_block_b64: case.secret_block_b64.trim_end_matches('=').to_owned(),
            ..case.clone()
        };
        let claim = claim_for(&unpadded).unwrap();
        assert_eq!(claim.signature_b64, case.expected.signature_b64);
        // The block is echoed back exactly as received.
        assert_eq!(claim.secret_block_b64, unpadded.secret_block_b64);
    }

    fn claim_with(edit: impl FnOnce(&mut Case)) -> Result<PasswordClaim, SrpError> {
        let mut case = first_case();
        edit(&mut case);
        claim_for(&case)
    }

    #[test]
    fn rejects_bad_srp_b() {
        for bad in ["xyz", "0x12", " 12", "12 ", "12_34", "-12", "+12", "ab\n"] {
            assert_eq!(
                claim_with(|c| c.srp_b_hex = bad.into()).unwrap_err(),
                SrpError::NotHex { name: "SRP_B" },
                "{bad:?}"
            );
        }
        assert_eq!(
            claim_with(|c| c.srp_b_hex = String::new()).unwrap_err(),
            SrpError::EmptyHex { name: "SRP_B" }
        );
        assert_eq!(
            claim_with(|c| c.srp_b_hex = format!("1{}", "0".repeat(768))).unwrap_err(),
            SrpError::HexTooLong {
                name: "SRP_B",
                digits: 769,
                max: 768
            }
        );
        // 2N has 769 digits.
        let two_n = (&*N * 2u32).to_str_radix(16);
        assert!(matches!(
            claim_with(|c| c.srp_b_hex = two_n).unwrap_err(),
            SrpError::HexTooLong { .. }
        ));
        for zero_mod_n in ["0", "0000", N_HEX, &format!("000{N_HEX}")] {
            assert_eq!(
                claim_with(|c| c.srp_b_hex = zero_mod_n.into()).unwrap_err(),
                SrpError::SrpBZeroModN,
                "{zero_mod_n}"
            );
        }
        // 768 significant digits is fine, and so are leading zeros beyond that.
        assert!(claim_with(|c| c.srp_b_hex = "f".repeat(768)).is_ok());
        assert!(claim_with(|c| c.srp_b_hex = format!("{}1", "0".repeat(2000))).is_ok());
    }

    #[test]
    fn rejects_bad_salt() {
        assert_eq!(
            claim_with(|c| c.salt_hex = "salt".into()).unwrap_err(),
            SrpError::NotHex { name: "SALT" }
        );
        assert_eq!(
            claim_with(|c| c.salt_hex = String::new()).unwrap_err(),
            SrpError::EmptyHex { name: "SALT" }
        );
        assert_eq!(
            claim_with(|c| c.salt_hex = "a".repeat(1025)).unwrap_err(),
            SrpError::HexTooLong {
                name: "SALT",
                digits: 1025,
                max: 1024
            }
        );
        assert!(claim_with(|c| c.salt_hex = "a".repeat(1024)).is_ok());
    }

    #[test]
    fn rejects_u_zero() {
        let client = SrpClient::with_secret_a("1234").unwrap();
        assert_eq!(
            client
                .derive_key(&BigUint::from(5u32), &BigUint::zero(), &BigUint::from(7u32))
                .unwrap_err(),
            SrpError::UZero
        );
    }

    #[test]
    fn rejects_bad_secret_block() {
        for bad in [
            "!!!",         // nothing of the alphabet
            "====",        // only padding
            "YWJjZ",       // impossible length
            "not base64!", // "notbase64": 9 characters, impossible length
            "- - -a",      // one character left
        ] {
            assert!(
                matches!(
                    claim_with(|c| c.secret_block_b64 = bad.into()).unwrap_err(),
                    SrpError::InvalidSecretBlock(_)
                ),
                "{bad:?}"
            );
        }
        assert_eq!(
            claim_with(|c| c.secret_block_b64 = String::new()).unwrap_err(),
            SrpError::EmptySecretBlock
        );
        assert!(claim_with(|c| c.secret_block_b64 = "YWJjZA==".into()).is_ok());
        assert!(claim_with(|c| c.secret_block_b64 = "YWJjZA".into()).is_ok());
        let message = SrpError::InvalidSecretBlock("x".into()).to_string();
        assert!(message.contains("SECRET_BLOCK"), "{message}");
    }

    #[test]
    fn secret_block_falls_back_to_the_reference_clients_lenient_reading() {
        // Strict standard base64 first.
        assert_eq!(decode_secret_block("YWJjZA==").unwrap(), b"abcd");
        // Not strict base64, but what Node's Buffer and Python's b64decode make of it:
        // characters outside the alphabet (whitespace, misplaced '=') are skipped; unused
        // trailing bits are ignored. (Values checked against Python's b64decode.)
        for (input, want) in [
            ("YWJj ZGVm", &b"abcdef"[..]),
            ("YWJjZGVm\n", b"abcdef"),
            ("YW=Jj", b"abc"),
            ("YWJjZA===", b"abcd"),
            ("YR==", b"a"),
        ] {
            assert_eq!(decode_secret_block(input).unwrap(), want, "{input:?}");
        }
        // moto's SECRET_BLOCK is a UUID: the hex digits are read as base64 (32 characters,
        // 24 bytes), as pycognito and amazon-cognito-identity-js read it.
        let uuid = "6a1f0e7c-0000-4000-8000-000000000001";
        let bytes = decode_secret_block(uuid).unwrap();
        assert_eq!(bytes.len(), 24);
        assert_eq!(
            bytes,
            STANDARD.decode("6a1f0e7c000040008000000000000001").unwrap()
        );
        // And a claim is made with it (moto's SRP_B is a short 128-bit hex), echoing the
        // block back unchanged.
        let claim = claim_with(|c| {
            c.secret_block_b64 = uuid.into();
            c.srp_b_hex = "3f8e2a8b7c6d5e4f3a2b1c0d9e8f7a6b".into();
        })
        .unwrap();
        assert_eq!(claim.secret_block_b64, uuid);
        assert_eq!(claim.srp_b_hex, "3f8e2a8b7c6d5e4f3a2b1c0d9e8f7a6b");
    }

    #[test]
    fn rejects_bad_pool_id() {
        for bad in [
            "",
            "_",
            "us-east-1",
            "_AbCdEf123",
            "us-east-1_",
            "us-east-1_ab_cd",
            "us-east-1_ab-cd",
            "us east 1_abc",
        ] {
            assert_eq!(
                claim_with(|c| c.pool_id = bad.into()).unwrap_err(),
                SrpError::InvalidPoolId(bad.into()),
                "{bad:?}"
            );
        }
        assert_eq!(pool_name("us-east-1_AbCdEf123"), Ok("AbCdEf123"));
        assert_eq!(pool_name("us-gov-west-1_XYZ987abc"), Ok("XYZ987abc"));
        let message = SrpError::InvalidPoolId(String::new()).to_string();
        assert!(message.contains("us-east-1_AbCdEf123"), "{message}");
    }

    #[test]
    fn rejects_empty_user_id() {
        assert_eq!(
            claim_with(|c| c.user_id_for_srp = String::new()).unwrap_err(),
            SrpError::EmptyUserId
        );
    }

    #[test]
    fn rejects_bad_secret_a() {
        assert_eq!(
            SrpClient::with_secret_a("").unwrap_err(),
            SrpError::EmptyHex { name: "secret a" }
        );
        assert_eq!(
            SrpClient::with_secret_a("g").unwrap_err(),
            SrpError::NotHex { name: "secret a" }
        );
        assert!(matches!(
            SrpClient::with_secret_a("000").unwrap_err(),
            SrpError::InvalidSecretA(_)
        ));
        assert!(matches!(
            SrpClient::with_secret_a(N_HEX).unwrap_err(),
            SrpError::InvalidSecretA(_)
        ));
        assert!(SrpClient::with_secret_a("1").is_ok());
    }

    #[test]
    fn random_clients_complete_a_full_exchange_with_a_server() {
        // Plays the server side (verifier v = g^x, B = k v + g^b, S = (A v^u)^b) and checks
        // that the server derives the key the client signed with.
        let pool_id = "us-east-1_AbCdEf123";
        let (user, password, salt_hex) = ("alice", "pässwörd", "e3b0c44298fc1c149afbf4c8996fb924");
        let g = BigUint::from(G);
        let salt = BigUint::parse_bytes(salt_hex.as_bytes(), 16).unwrap();
        let identity = Sha256::digest(format!("AbCdEf123{user}:{password}"));
        let x = BigUint::from_bytes_be(
            &Sha256::new()
                .chain_update(pad(&salt))
                .chain_update(identity)
                .finalize(),
        );
        let v = g.modpow(&x, &N);
        for _ in 0..2 {
            let client = SrpClient::new(&mut rand::rngs::OsRng);
            let big_a = BigUint::parse_bytes(client.srp_a_hex().as_bytes(), 16).unwrap();
            assert!(!big_a.is_zero() && big_a < *N);
            assert!(client.a.bits() <= SECRET_A_BYTES * 8);

            let b = rand::rngs::OsRng.gen_biguint(1024);
            let big_b = (&*K * &v + g.modpow(&b, &N)) % &*N;
            let claim = client
                .password_claim(
                    pool_id,
                    user,
                    password,
                    &big_b.to_str_radix(16),
                    salt_hex,
                    "AAEC",
                    "Mon Nov 2 01:02:03 UTC 2026",
                )
                .unwrap();

            let u = BigUint::parse_bytes(claim.u_hex.as_bytes(), 16).unwrap();
            let s = (&big_a * v.modpow(&u, &N)).modpow(&b, &N);
            let mut server_key = [0u8; 16];
            Hkdf::<Sha256>::new(Some(&pad(&u)), &pad(&s))
                .expand(DERIVED_KEY_INFO, &mut server_key)
                .unwrap();
            assert_eq!(&server_key, claim.derived_key());

            let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&server_key).unwrap();
            mac.update(b"AbCdEf123alice\x00\x01\x02Mon Nov 2 01:02:03 UTC 2026");
            assert_eq!(
                claim.signature_b64,
                STANDARD.encode(mac.finalize().into_bytes())
            );
        }
    }

    #[test]
    fn fresh_clients_differ() {
        assert_ne!(
            SrpClient::new(&mut rand::rngs::OsRng).srp_a_hex(),
            SrpClient::new(&mut rand::rngs::OsRng).srp_a_hex()
        );
    }

    #[test]
    fn debug_output_hides_secrets() {
        let case = first_case();
        let client = SrpClient::with_secret_a(&case.a_hex).unwrap();
        let shown = format!("{client:?}");
        assert!(!shown.contains(&case.a_hex[..16]), "{shown}");
        assert!(!shown.contains(&client.a.to_string()), "{shown}");
        assert!(shown.contains("redacted"), "{shown}");

        let claim = claim_for(&case).unwrap();
        let shown = format!("{claim:?}");
        assert!(!shown.contains(&case.expected.key_hex), "{shown}");
        assert!(
            !shown.contains(&format!("{:?}", claim.derived_key())),
            "{shown}"
        );
        assert!(shown.contains(&claim.signature_b64), "{shown}");
    }

    #[test]
    fn timestamp_format() {
        assert_eq!(
            cognito_timestamp(datetime!(2026-11-02 01:02:03 UTC)),
            "Mon Nov 2 01:02:03 UTC 2026"
        );
        assert_eq!(
            cognito_timestamp(datetime!(2026-12-15 23:59:59 UTC)),
            "Tue Dec 15 23:59:59 UTC 2026"
        );
        assert_eq!(
            cognito_timestamp(datetime!(2028-02-29 00:00:00 UTC)),
            "Tue Feb 29 00:00:00 UTC 2028"
        );
        assert_eq!(
            cognito_timestamp(datetime!(2027-01-01 09:05:07.999 UTC)),
            "Fri Jan 1 09:05:07 UTC 2027"
        );
        // Always rendered in UTC, whatever the offset of the input.
        assert_eq!(
            cognito_timestamp(datetime!(2026-11-02 01:02:03 +02:00)),
            "Sun Nov 1 23:02:03 UTC 2026"
        );
        assert_eq!(
            cognito_timestamp(datetime!(2026-06-30 20:30:00 -05:00)),
            "Wed Jul 1 01:30:00 UTC 2026"
        );
    }

    #[test]
    fn fixture_timestamps_are_what_cognito_timestamp_makes() {
        let expected = [
            datetime!(2026-11-02 01:02:03 UTC),
            datetime!(2026-12-15 23:59:59 UTC),
            datetime!(2028-02-29 00:00:00 UTC),
            datetime!(2027-01-01 09:05:07 UTC),
        ];
        for fixture in fixtures() {
            let got: Vec<_> = fixture.cases.iter().map(|c| c.timestamp.clone()).collect();
            let want: Vec<_> = expected.iter().map(|t| cognito_timestamp(*t)).collect();
            assert_eq!(got, want, "{}", fixture.library);
        }
    }

    #[test]
    fn error_messages_are_clear() {
        assert_eq!(
            SrpError::NotHex { name: "SRP_B" }.to_string(),
            "SRP_B is not a hexadecimal number (only 0-9, a-f and A-F are allowed)"
        );
        assert_eq!(
            SrpError::HexTooLong {
                name: "SALT",
                digits: 1025,
                max: 1024
            }
            .to_string(),
            "SALT has 1025 significant hex digits; at most 1024 are allowed"
        );
        assert_eq!(
            SrpError::EmptyHex { name: "SRP_B" }.to_string(),
            "SRP_B is empty"
        );
    }
}
