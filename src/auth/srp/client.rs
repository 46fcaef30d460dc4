//! The client side of one SRP exchange: a secret `a` drawn from the caller's random number
//! generator, `A = g^a mod N`, and the `PASSWORD_VERIFIER` answer ([`PasswordClaim`]: `u`, `x`,
//! `S`, the HKDF key and the signature). No I/O; secrets never reach `Debug`.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use crypto_bigint::modular::BoxedMontyForm;
use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use num_bigint::{BigUint, RandBigInt};
use num_traits::Zero;
use rand::{CryptoRng, RngCore};
use sha2::{Digest, Sha256};

use super::modpow::{Backend, MONTY, from_uint, pow_g, pow_mod, to_uint};
use super::wipe::SecretUint;
use super::wire::{decode_secret_block, pad, parse_hex, to_hex};
use super::{
    K, MAX_SALT_HEX_DIGITS, MAX_SRP_B_HEX_DIGITS, N, N_BITS, SECRET_A_BYTES, SrpError, X_BITS,
    pool_name,
};
use zeroize::Zeroizing;

/// HKDF `info` for the password authentication key.
pub(super) const DERIVED_KEY_INFO: &[u8] = b"Caldera Derived Key";

/// Length of the derived key in bytes.
const DERIVED_KEY_LEN: usize = 16;

/// The client side of one SRP exchange: the secret `a` and the public `A = g^a mod N`.
///
/// Use a fresh one for every sign-in attempt. `Debug` shows `A` only, never `a`.
pub struct SrpClient {
    /// Wiped when dropped.
    pub(super) a: SecretUint,
    big_a: BigUint,
    /// [`Backend::fastest`] outside the benchmark's comparison.
    backend: Backend,
}

impl SrpClient {
    /// A client with a fresh random secret `a` of 64 bytes (512 bits) drawn from
    /// `rng`, which the caller hands in (the operating system's generator, `rand::rngs::OsRng`,
    /// outside tests).
    pub fn new(rng: &mut (impl RngCore + CryptoRng)) -> Self {
        Self::new_on(rng, Backend::fastest())
    }

    /// [`Self::new`] on a chosen arithmetic: for `benches/srp.rs`, which times both.
    #[doc(hidden)]
    pub fn new_on(rng: &mut (impl RngCore + CryptoRng), backend: Backend) -> Self {
        loop {
            let a = SecretUint::new(rng.gen_biguint(SECRET_A_BYTES * 8));
            if let Ok(client) = Self::from_secret(a, backend) {
                return client;
            }
        }
    }

    /// A client with a fixed secret `a` (hex), for known-answer tests. Requires `0 < a < N`.
    // Only the tests call this so far; keep it warning-free in the binary until a caller
    // (e.g. a debug view) exists.
    #[cfg_attr(not(test), allow(dead_code))]
    pub fn with_secret_a(a_hex: &str) -> Result<Self, SrpError> {
        let a = SecretUint::new(parse_hex("secret a", a_hex, MAX_SRP_B_HEX_DIGITS)?);
        Self::from_secret(a, Backend::fastest())
    }

    /// [`Self::with_secret_a`] on a chosen arithmetic: the known-answer tests run on each.
    #[cfg(test)]
    pub(super) fn with_secret_a_on(a_hex: &str, backend: Backend) -> Result<Self, SrpError> {
        let a = SecretUint::new(parse_hex("secret a", a_hex, MAX_SRP_B_HEX_DIGITS)?);
        Self::from_secret(a, backend)
    }

    fn from_secret(a: SecretUint, backend: Backend) -> Result<Self, SrpError> {
        if a.is_zero() {
            return Err(SrpError::InvalidSecretA("a must not be zero"));
        }
        if *a >= *N {
            return Err(SrpError::InvalidSecretA("a must be less than N"));
        }
        let big_a = from_uint(&pow_g(&a, a_bound(&a), backend).retrieve());
        if big_a.is_zero() {
            return Err(SrpError::InvalidSecretA("g^a mod N is zero"));
        }
        Ok(Self { a, big_a, backend })
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
    /// `TIMESTAMP` that will be sent (see [`cognito_timestamp`](super::cognito_timestamp)).
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
        let x = SecretUint::new(BigUint::from_bytes_be(
            &Sha256::new()
                .chain_update(pad(&salt))
                .chain_update(identity_hash)
                .finalize(),
        ));

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
    pub(super) fn derive_key(
        &self,
        big_b: &BigUint,
        u: &BigUint,
        x: &BigUint,
    ) -> Result<DerivedKey, SrpError> {
        if u.is_zero() {
            return Err(SrpError::UZero);
        }
        let k = BoxedMontyForm::new(to_uint(&K), &MONTY);
        let k_gx = k.mul(&pow_g(x, X_BITS, self.backend));
        // B - k g^x modulo N.
        let base = BoxedMontyForm::new(to_uint(&(big_b % &*N)), &MONTY).sub(&k_gx);
        // u and x are below 2^256, so u x is below 2^512 and a + u x has at most one bit more
        // than the larger of a's bound and 512 (and stays below N's size when a is not a
        // fresh secret: a < N < 2^3072 - 2^512).
        let ux = SecretUint::new(u * x);
        let exponent = SecretUint::new(&*self.a + &*ux);
        let bound = (a_bound(&self.a).max(2 * X_BITS) + 1).min(u64::from(N_BITS));
        let mut s_uint = pow_mod(&base, &exponent, bound, self.backend).retrieve();
        let s = SecretUint::new(from_uint(&s_uint));
        zeroize::Zeroize::zeroize(&mut s_uint);

        let hkdf = Hkdf::<Sha256>::new(Some(&pad(u)), &Zeroizing::new(pad(&s)));
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
    pub(super) fn derived_key(&self) -> &[u8; DERIVED_KEY_LEN] {
        &self.key.0
    }
}

/// The HKDF key, wiped when dropped (best effort).
pub(super) struct DerivedKey([u8; DERIVED_KEY_LEN]);

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
