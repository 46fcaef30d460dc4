//! Constant-time Montgomery arithmetic modulo N on AVX-512 IFMA (the 52-bit multiply-add
//! instructions `vpmadd52luq`/`vpmadd52huq`), for CPUs that have them (Intel since Ice Lake,
//! AMD since Zen 4); elsewhere [`mont`] answers `None` and sign-ins run on aws-lc.
//!
//! A value is 60 digits of 52 bits (3120 bits, 64 vector lanes, the top 4 always zero), and
//! Montgomery form is modulo R' = 2^3120. [`Mont::mul`] is Gueron and Krasnov's "almost
//! Montgomery multiplication" (inputs and output below 2N, which 4N < R' allows): per digit of
//! `a`, the low halves of `a_i·b` and `y·N` go into the 64-bit lanes, the accumulator moves
//! down one digit, and the high halves land where they belong; lanes never overflow (at most
//! 240 products of 2^52 each). The exponentiation uses fixed 5-bit windows over a public
//! bit length, and every table lookup reads every entry under a vector mask, so neither the
//! time nor the memory accessed depends on a secret. Values enter and leave in the
//! R = 2^3072 Montgomery form `modpow` shares with aws-lc and crypto-bigint.
//!
//! The intrinsics run only inside `#[target_feature]` functions reached through a [`Mont`],
//! which exists only when the CPU reports AVX-512F and IFMA. Aligned vector loads and stores
//! read and write the 64-lane arrays of [`Num`]. `tests/layers.rs` lists this file with
//! `awslc.rs` as the only ones with `unsafe`, each block saying why it holds.

#![allow(unsafe_code)]

use std::arch::x86_64::{
    __m512i, _mm_cvtsi128_si64, _mm512_alignr_epi64, _mm512_castsi512_si128,
    _mm512_cmpeq_epi64_mask, _mm512_load_si512, _mm512_madd52hi_epu64, _mm512_madd52lo_epu64,
    _mm512_mask_add_epi64, _mm512_mask_mov_epi64, _mm512_set1_epi64, _mm512_setzero_si512,
    _mm512_store_si512,
};
use std::sync::LazyLock;

use num_bigint::BigUint;
use zeroize::Zeroize;

use super::awslc::{BYTES, Le};

/// Digits of a value: 60 × 52 = 3120 bits.
const DIGITS: usize = 60;
const LANES: usize = 64;
const REGS: usize = LANES / 8;
const MASK: u64 = (1 << 52) - 1;
/// 64-bit words spanning the digits (3120 bits).
const WORDS: usize = 49;
/// Bits of the fixed windows of [`Mont::pow`].
const WINDOW: usize = 5;

/// A value in 52-bit digits, aligned for the vector loads; wiped when dropped.
#[derive(Clone)]
#[repr(C, align(64))]
pub(super) struct Num([u64; LANES]);

impl Drop for Num {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl Num {
    fn zero() -> Self {
        Self([0; LANES])
    }

    fn from_words(words: &[u64; WORDS]) -> Self {
        let mut out = Self::zero();
        for (j, d) in out.0.iter_mut().enumerate().take(DIGITS) {
            let (w, s) = (52 * j / 64, 52 * j % 64);
            let mut v = words[w] >> s;
            if s > 12 && w + 1 < WORDS {
                v |= words[w + 1] << (64 - s);
            }
            *d = v & MASK;
        }
        out
    }

    fn words(&self) -> [u64; WORDS] {
        let mut words = [0u64; WORDS];
        for (j, &d) in self.0.iter().enumerate().take(DIGITS) {
            let (w, s) = (52 * j / 64, 52 * j % 64);
            words[w] |= d << s;
            if s > 12 && w + 1 < WORDS {
                words[w + 1] |= d >> (64 - s);
            }
        }
        words
    }

    fn from_le(le: &Le) -> Self {
        let mut words = [0u64; WORDS];
        for (w, chunk) in words.iter_mut().zip(le.chunks_exact(8)) {
            *w = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        }
        let out = Self::from_words(&words);
        words.zeroize();
        out
    }

    fn from_biguint(n: &BigUint) -> Self {
        let mut words = [0u64; WORDS];
        for (w, d) in words.iter_mut().zip(n.iter_u64_digits()) {
            *w = d;
        }
        Self::from_words(&words)
    }
}

/// N and the constants of Montgomery form modulo R' = 2^3120; N is public.
pub(super) struct Mont {
    n: Num,
    n_words: [u64; WORDS],
    /// -N^-1 mod 2^52.
    k0: u64,
    /// R' mod N: one in Montgomery form.
    one: Num,
    /// 2^(3120 + 48) mod N: takes an R = 2^3072 form to the R' form in one multiplication.
    up: Num,
    /// 2^3072 mod N: takes the R' form back to the R form.
    down: Num,
}

/// The arithmetic, when this CPU has AVX-512F and IFMA (checked once).
pub(super) fn mont() -> Option<&'static Mont> {
    static MONT: LazyLock<Option<Mont>> = LazyLock::new(|| {
        let has = std::arch::is_x86_feature_detected!("avx512f")
            && std::arch::is_x86_feature_detected!("avx512ifma");
        has.then(|| Mont::new(&super::N))
    });
    MONT.as_ref()
}

impl Mont {
    fn new(n: &BigUint) -> Self {
        let n_digits = Num::from_biguint(n);
        // Newton's iteration doubles the correct low bits of N^-1 each round: 6 rounds > 52.
        let n0 = n_digits.0[0];
        let mut inv: u64 = 1;
        for _ in 0..6 {
            inv = inv.wrapping_mul(2u64.wrapping_sub(n0.wrapping_mul(inv)));
        }
        let pow2 = |bits: u32| Num::from_biguint(&((BigUint::from(1u8) << bits) % n));
        Self {
            n_words: n_digits.words(),
            n: n_digits,
            k0: inv.wrapping_neg() & MASK,
            one: pow2(3120),
            up: pow2(3120 + 48),
            down: pow2(3072),
        }
    }

    /// `a·b / R' mod N`, almost: inputs below 2N, output below 2N.
    pub(super) fn mul(&self, a: &Num, b: &Num) -> Num {
        let mut out = Num::zero();
        // SAFETY: a `Mont` exists only when the CPU reports AVX-512F and IFMA (`mont`).
        unsafe { amm(&mut out, a, b, self) };
        out
    }

    pub(super) fn square(&self, a: &Num) -> Num {
        self.mul(a, a)
    }

    pub(super) fn one(&self) -> Num {
        self.one.clone()
    }

    /// From the R = 2^3072 Montgomery form (aws-lc's and crypto-bigint's, below N).
    pub(super) fn enter(&self, le: &Le) -> Num {
        self.mul(&Num::from_le(le), &self.up)
    }

    /// To the R = 2^3072 Montgomery form, fully reduced below N.
    pub(super) fn leave(&self, x: &Num) -> Le {
        let r = self.mul(x, &self.down);
        self.reduced_le(&r)
    }

    /// `r` (below N + N/2^40) minus N when that does not go negative, as bytes; in constant
    /// time.
    fn reduced_le(&self, r: &Num) -> Le {
        let mut w = r.words();
        let mut d = [0u64; WORDS];
        let mut borrow = 0u64;
        for k in 0..WORDS {
            let (s1, b1) = w[k].overflowing_sub(self.n_words[k]);
            let (s2, b2) = s1.overflowing_sub(borrow);
            d[k] = s2;
            borrow = u64::from(b1 | b2);
        }
        // A borrow means r < N: keep r.
        let keep = borrow.wrapping_neg();
        let mut out = [0u8; BYTES];
        for (k, chunk) in out.chunks_exact_mut(8).enumerate() {
            chunk.copy_from_slice(&((w[k] & keep) | (d[k] & !keep)).to_le_bytes());
        }
        w.zeroize();
        d.zeroize();
        out
    }

    /// The entry `idx` of `table`, reading every entry (a vector mask picks the one).
    pub(super) fn select(&self, table: &[Num], idx: u64) -> Num {
        let mut out = Num::zero();
        // SAFETY: a `Mont` exists only when the CPU reports AVX-512F.
        unsafe { select(&mut out, table, idx) };
        out
    }

    /// `base^e` in Montgomery form, `e` below 2^`bits` (a public bound) as
    /// [`exponent_words`]`(bits)` little-endian words: fixed 5-bit windows, the same
    /// operations and memory accesses whatever `e` is.
    pub(super) fn pow(&self, base: &Num, e: &[u64], bits: usize) -> Num {
        assert_eq!(
            e.len(),
            exponent_words(bits),
            "the exponent's words, padded"
        );
        let mut table = Vec::with_capacity(1 << WINDOW);
        table.push(self.one());
        table.push(base.clone());
        for k in 2..1 << WINDOW {
            let next = self.mul(&table[k - 1], base);
            table.push(next);
        }
        let bit = |p: usize| (e[p / 64] >> (p % 64)) & 1;
        let windows = bits.div_ceil(WINDOW);
        let mut acc = self.one();
        for wi in (0..windows).rev() {
            let idx = (0..WINDOW)
                .rev()
                .fold(0, |idx, b| (idx << 1) | bit(wi * WINDOW + b));
            if wi + 1 == windows {
                acc = self.select(&table, idx);
                continue;
            }
            for _ in 0..WINDOW {
                acc = self.square(&acc);
            }
            acc = self.mul(&acc, &self.select(&table, idx));
        }
        acc
    }
}

/// Words of an exponent of up to `bits` bits for [`Mont::pow`]: its whole windows.
pub(super) fn exponent_words(bits: usize) -> usize {
    (bits.div_ceil(WINDOW) * WINDOW).div_ceil(64)
}

/// The almost Montgomery multiplication, `out = a·b / R' mod N` plus at most N.
///
/// # Safety
/// The CPU must have AVX-512F and AVX-512 IFMA.
#[target_feature(enable = "avx512f,avx512ifma")]
unsafe fn amm(out: &mut Num, a: &Num, b: &Num, m: &Mont) {
    let zero = _mm512_setzero_si512();
    let (mut bv, mut nv) = ([zero; REGS], [zero; REGS]);
    for r in 0..REGS {
        // SAFETY: `Num` is 64 u64 lanes aligned to 64 bytes, so lanes 8r..8r+8 are one
        // aligned, in-bounds 64-byte block.
        unsafe {
            bv[r] = _mm512_load_si512(b.0.as_ptr().add(8 * r).cast());
            nv[r] = _mm512_load_si512(m.n.0.as_ptr().add(8 * r).cast());
        }
    }
    let mut acc: [__m512i; REGS] = [zero; REGS];
    for &ai in a.0.iter().take(DIGITS) {
        let ai = _mm512_set1_epi64(ai as i64);
        for r in 0..REGS {
            acc[r] = _mm512_madd52lo_epu64(acc[r], ai, bv[r]);
        }
        let y =
            (_mm_cvtsi128_si64(_mm512_castsi512_si128(acc[0])) as u64).wrapping_mul(m.k0) & MASK;
        let yv = _mm512_set1_epi64(y as i64);
        for r in 0..REGS {
            acc[r] = _mm512_madd52lo_epu64(acc[r], yv, nv[r]);
        }
        // Lane 0 is now a multiple of 2^52: drop it, carrying its high bits down.
        let carry = (_mm_cvtsi128_si64(_mm512_castsi512_si128(acc[0])) as u64) >> 52;
        for r in 0..REGS - 1 {
            acc[r] = _mm512_alignr_epi64(acc[r + 1], acc[r], 1);
        }
        acc[REGS - 1] = _mm512_alignr_epi64(zero, acc[REGS - 1], 1);
        acc[0] = _mm512_mask_add_epi64(acc[0], 1, acc[0], _mm512_set1_epi64(carry as i64));
        for r in 0..REGS {
            acc[r] = _mm512_madd52hi_epu64(acc[r], ai, bv[r]);
            acc[r] = _mm512_madd52hi_epu64(acc[r], yv, nv[r]);
        }
    }
    for (r, lanes) in acc.iter().enumerate() {
        // SAFETY: as for the loads: an aligned, in-bounds 64-byte block of `out`.
        unsafe { _mm512_store_si512(out.0.as_mut_ptr().add(8 * r).cast(), *lanes) };
    }
    // Back to 52-bit digits: the result is below 2N < 2^3120, so the last carry is zero.
    let mut carry = 0u64;
    for d in out.0.iter_mut() {
        let v = *d + carry;
        *d = v & MASK;
        carry = v >> 52;
    }
}

/// `out = table[idx]`, every entry read and masked in or out.
///
/// # Safety
/// The CPU must have AVX-512F.
#[target_feature(enable = "avx512f")]
unsafe fn select(out: &mut Num, table: &[Num], idx: u64) {
    let want = _mm512_set1_epi64(idx as i64);
    let mut acc = [_mm512_setzero_si512(); REGS];
    for (k, entry) in (0i64..).zip(table) {
        let pick = _mm512_cmpeq_epi64_mask(_mm512_set1_epi64(k), want);
        for (r, lanes) in acc.iter_mut().enumerate() {
            // SAFETY: an aligned, in-bounds 64-byte block of the entry (see `amm`).
            let v = unsafe { _mm512_load_si512(entry.0.as_ptr().add(8 * r).cast()) };
            *lanes = _mm512_mask_mov_epi64(*lanes, pick, v);
        }
    }
    for (r, lanes) in acc.iter().enumerate() {
        // SAFETY: an aligned, in-bounds 64-byte block of `out`.
        unsafe { _mm512_store_si512(out.0.as_mut_ptr().add(8 * r).cast(), *lanes) };
    }
}
