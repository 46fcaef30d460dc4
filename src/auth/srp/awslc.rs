//! aws-lc's constant-time Montgomery arithmetic modulo N, behind a safe interface of
//! fixed-size byte arrays: the one file of the crate that calls C (`tests/layers.rs` keeps
//! `unsafe` and `aws_lc_sys` here). aws-lc-sys is linked anyway (the AWS SDK's TLS and
//! jsonwebtoken run on aws-lc-rs, which exposes no bignums); its assembly Montgomery
//! multiplication is several times faster at 3072 bits than the portable code of the pure-Rust
//! crates (`cargo bench --bench srp` times both).
//!
//! Every value crosses the boundary as `BYTES` little-endian bytes (N's 3072 bits), and an
//! exponent as a byte string of a length fixed by a public bound, so the word counts aws-lc
//! works on, and with them its running time and memory accesses, never depend on a secret.
//! Montgomery form is aws-lc's and crypto-bigint's alike (R = 2^3072 for a 48-word N), so
//! `modpow` hands values across without converting them. Secrets left in aws-lc's numbers are
//! wiped when they are freed (`BN_clear_free`).
//!
//! The crate does not forbid unsafe code; the `allow` below marks this file as the exception,
//! and every `unsafe` block and impl says why it holds (`// SAFETY:`), as `tests/layers.rs`
//! checks.

#![allow(unsafe_code)]

use std::ptr::NonNull;
use std::sync::LazyLock;

use aws_lc_sys as ffi;

/// Bytes of N, and of every value modulo N that crosses to aws-lc.
pub(super) const BYTES: usize = 384;

/// A value modulo N as little-endian bytes.
pub(super) type Le = [u8; BYTES];

/// An aws-lc number we own: wiped and freed when dropped.
struct Bn(NonNull<ffi::BIGNUM>);

impl Bn {
    fn new() -> Self {
        // SAFETY: BN_new has no preconditions; it returns a fresh number or null (no memory).
        let p = unsafe { ffi::BN_new() };
        Self(NonNull::new(p).expect("aws-lc could not allocate a number"))
    }

    /// Set to `le` (little-endian), `BYTES` long: always `BYTES / 8` words wide.
    fn set_le(&mut self, le: &Le) {
        // SAFETY: `le` is `BYTES` readable bytes; `self.0` is a live number we own, which
        // BN_le2bn overwrites (it returns null only when it cannot grow the number).
        let p = unsafe { ffi::BN_le2bn(le.as_ptr(), BYTES, self.0.as_ptr()) };
        assert!(!p.is_null(), "aws-lc could not grow a number");
    }

    /// Set to `be` (big-endian): `be.len()` rounded up to words wide, whatever its value.
    fn set_be(&mut self, be: &[u8]) {
        // SAFETY: `be` is `be.len()` readable bytes; `self.0` is a live number we own.
        let p = unsafe { ffi::BN_bin2bn(be.as_ptr(), be.len(), self.0.as_ptr()) };
        assert!(!p.is_null(), "aws-lc could not grow a number");
    }

    /// The value as `BYTES` little-endian bytes (every value here is below N).
    fn le(&self) -> Le {
        let mut out = [0u8; BYTES];
        // SAFETY: `out` is `BYTES` writable bytes; `self.0` is a live number. BN_bn2le_padded
        // fails only when the value does not fit, which a value below N always does.
        let ok = unsafe { ffi::BN_bn2le_padded(out.as_mut_ptr(), BYTES, self.0.as_ptr()) };
        assert_eq!(ok, 1, "a value modulo N fits in {BYTES} bytes");
        out
    }

    fn ptr(&self) -> *mut ffi::BIGNUM {
        self.0.as_ptr()
    }
}

impl Drop for Bn {
    fn drop(&mut self) {
        // SAFETY: we own the number and nothing else points at it; BN_clear_free zeroes
        // its words before freeing them.
        unsafe { ffi::BN_clear_free(self.0.as_ptr()) }
    }
}

/// An aws-lc scratch context, freed when dropped.
struct Ctx(NonNull<ffi::BN_CTX>);

impl Ctx {
    fn new() -> Self {
        // SAFETY: BN_CTX_new has no preconditions; null means no memory.
        let p = unsafe { ffi::BN_CTX_new() };
        Self(NonNull::new(p).expect("aws-lc could not allocate a context"))
    }
}

impl Drop for Ctx {
    fn drop(&mut self) {
        // SAFETY: we own the context; no number borrowed from it outlives this call.
        unsafe { ffi::BN_CTX_free(self.0.as_ptr()) }
    }
}

/// N and its Montgomery context, made once.
struct Modulus {
    n: Bn,
    mont: NonNull<ffi::BN_MONT_CTX>,
}

// SAFETY: after `Modulus::new` neither number is written again: every aws-lc function given
// them takes them as `const` (BN_mod_exp_mont_consttime, BN_mod_mul_montgomery), and aws-lc's
// bignum functions may share const inputs between threads.
unsafe impl Send for Modulus {}
// SAFETY: as for Send: shared use is read-only.
unsafe impl Sync for Modulus {}

impl Modulus {
    fn new(n_be: &[u8]) -> Self {
        let mut n = Bn::new();
        n.set_be(n_be);
        let ctx = Ctx::new();
        // SAFETY: `n` is a live odd number (N) and `ctx` a live context; the call returns a
        // new context we own (never freed: it lives as long as the process), or null.
        let mont = unsafe { ffi::BN_MONT_CTX_new_consttime(n.ptr(), ctx.0.as_ptr()) };
        Self {
            n,
            mont: NonNull::new(mont).expect("aws-lc could not set up Montgomery form for N"),
        }
    }
}

static MODULUS: LazyLock<Modulus> = LazyLock::new(|| Modulus::new(&super::N.to_bytes_be()));

/// `base^e mod N` by `BN_mod_exp_mont_consttime`: fixed windows, fixed memory accesses, every
/// bit of `e_be` used whatever its value, so the time depends on `e_be.len()` (a public bound)
/// only. `base` (little-endian, below N) and the result are in ordinary, not Montgomery, form.
pub(super) fn pow_mod(base: &Le, e_be: &[u8]) -> Le {
    let m = &*MODULUS;
    let (mut b, mut e, r, ctx) = (Bn::new(), Bn::new(), Bn::new(), Ctx::new());
    b.set_le(base);
    e.set_be(e_be);
    // SAFETY: every pointer is a live number or context owned here or by MODULUS; `r` is not
    // an input. It fails only for an even or negative N or a base not below N.
    let ok = unsafe {
        ffi::BN_mod_exp_mont_consttime(
            r.ptr(),
            b.ptr(),
            e.ptr(),
            m.n.ptr(),
            ctx.0.as_ptr(),
            m.mont.as_ptr(),
        )
    };
    assert_eq!(ok, 1, "BN_mod_exp_mont_consttime refused a base below N");
    r.le()
}

/// A running product modulo N in Montgomery form, multiplied by `BN_mod_mul_montgomery`,
/// whose assembly takes the same time for any two operands of N's width (which these always
/// have).
pub(super) struct MontProduct {
    acc: Bn,
    by: Bn,
    out: Bn,
    ctx: Ctx,
}

impl MontProduct {
    /// Starts at `start` (Montgomery form, little-endian).
    pub(super) fn new(start: &Le) -> Self {
        let mut acc = Bn::new();
        acc.set_le(start);
        Self {
            acc,
            by: Bn::new(),
            out: Bn::new(),
            ctx: Ctx::new(),
        }
    }

    /// `acc = acc * acc`.
    pub(super) fn square(&mut self) {
        self.mul_into(true);
    }

    /// `acc = acc * by` (`by` in Montgomery form, little-endian, below N).
    pub(super) fn mul(&mut self, by: &Le) {
        self.by.set_le(by);
        self.mul_into(false);
    }

    fn mul_into(&mut self, square: bool) {
        let b = if square { &self.acc } else { &self.by };
        // SAFETY: all live numbers we own, `out` distinct from both inputs; MODULUS's context
        // is read only. It fails only for a negative input, which ours never are.
        let ok = unsafe {
            ffi::BN_mod_mul_montgomery(
                self.out.ptr(),
                self.acc.ptr(),
                b.ptr(),
                MODULUS.mont.as_ptr(),
                self.ctx.0.as_ptr(),
            )
        };
        assert_eq!(ok, 1, "BN_mod_mul_montgomery refused non-negative inputs");
        std::mem::swap(&mut self.acc, &mut self.out);
    }

    /// The product (Montgomery form, little-endian).
    pub(super) fn get(&self) -> Le {
        self.acc.le()
    }
}
