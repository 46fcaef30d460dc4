//! Constant-time exponentiation modulo N: `base^e` by aws-lc's fixed-window Montgomery
//! exponentiation (`awslc::pow_mod`) over an exponent as wide as a public bound, and `g^e` by
//! fixed-base Lim–Lee combs built once, whose lookups read every table entry (crypto-bigint's
//! constant-time selection) and whose products run on aws-lc's Montgomery multiplication.
//! Neither time nor memory access depends on `e`. Where the CPU has AVX-512 IFMA,
//! [`Backend::Ifma`] runs both on `ifma`'s 52-bit-digit Montgomery arithmetic instead (about
//! twice as fast as aws-lc's 64-bit assembly at 3072 bits); sign-ins take
//! [`Backend::fastest`]. [`Backend::CryptoBigint`] runs the same exponentiations on
//! crypto-bigint alone, for the benchmark and as a cross-check in tests.

use std::sync::LazyLock;

use crypto_bigint::modular::{BoxedMontyForm, BoxedMontyParams};
use crypto_bigint::{BoxedUint, Choice, CtAssign, Odd};
use num_bigint::BigUint;
use zeroize::Zeroizing;

use super::awslc::{self, BYTES, Le, MontProduct};
use super::ifma;
use super::wipe::SecretUint;
use super::{G, N, N_BITS, SECRET_A_BYTES, X_BITS};

/// Which arithmetic runs the exponentiations: AVX-512 IFMA or aws-lc (what sign-ins use,
/// see [`Backend::fastest`]), or crypto-bigint alone (the first implementation, kept for
/// `benches/srp.rs` and the cross-check tests).
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    AwsLc,
    CryptoBigint,
    /// Falls back to aws-lc where the CPU lacks AVX-512 IFMA.
    Ifma,
}

impl Backend {
    /// What sign-ins run on: AVX-512 IFMA where this CPU has it, aws-lc elsewhere.
    pub fn fastest() -> Self {
        if ifma::mont().is_some() {
            Self::Ifma
        } else {
            Self::AwsLc
        }
    }

    /// Whether this machine runs `self` itself rather than falling back.
    pub fn available(self) -> bool {
        self != Self::Ifma || ifma::mont().is_some()
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::AwsLc => "aws-lc",
            Self::CryptoBigint => "crypto-bigint",
            Self::Ifma => "avx512-ifma",
        }
    }
}

/// N for Montgomery arithmetic. N is public, so the variable-time setup is fine.
pub(super) static MONTY: LazyLock<BoxedMontyParams> =
    LazyLock::new(|| BoxedMontyParams::new_vartime(Odd::new(to_uint(&N)).expect("N is odd")));

/// The fixed-base tables for `g^a` and `g^x`, built on first use (see [`FixedBase`]).
static FIXED_BASE: LazyLock<FixedBase> = LazyLock::new(FixedBase::new);

/// `n` (below 2^3072) as a 3072-bit `crypto-bigint` integer.
/// The bytes in between are wiped (the exponents passed here are secrets).
pub(super) fn to_uint(n: &BigUint) -> BoxedUint {
    BoxedUint::from_be_slice(&Zeroizing::new(n.to_bytes_be()), N_BITS)
        .expect("a value below 2^3072")
}

pub(super) fn from_uint(n: &BoxedUint) -> BigUint {
    BigUint::from_bytes_be(&n.to_be_bytes())
}

/// `n` (below N) as little-endian bytes for aws-lc; a copy of a secret is wiped when dropped.
fn to_le(n: &BoxedUint) -> Zeroizing<Le> {
    let mut le = Zeroizing::new([0u8; BYTES]);
    let step = std::mem::size_of::<crypto_bigint::Word>();
    for (chunk, word) in le.chunks_exact_mut(step).zip(n.as_words()) {
        chunk.copy_from_slice(&word.to_le_bytes());
    }
    le
}

fn from_le(le: &Le) -> BoxedUint {
    BoxedUint::from_le_slice(le, N_BITS).expect("384 bytes")
}

/// `base^e mod N` for an `e` of at most `max_bits` bits (a public bound), in constant time:
/// the running time depends on `max_bits` only. aws-lc gets `e` as a big-endian string of
/// exactly `ceil(max_bits / 8)` bytes (leading zeros kept), so the width it sees is the bound's.
pub(super) fn pow_mod(
    base: &BoxedMontyForm,
    e: &BigUint,
    max_bits: u64,
    backend: Backend,
) -> BoxedMontyForm {
    assert!(e.bits() <= max_bits && max_bits <= u64::from(N_BITS));
    match backend {
        Backend::Ifma => {
            let Some(m) = ifma::mont() else {
                return pow_mod(base, e, max_bits, Backend::AwsLc);
            };
            let b = m.enter(&to_le(base.as_montgomery()));
            // As many words as the bound needs, whatever `e`'s own length: the exponentiation
            // then reads the same words for every `e`.
            let bits = usize::try_from(max_bits).expect("at most 3072");
            let mut words = Zeroizing::new(Vec::with_capacity(ifma::exponent_words(bits)));
            words.extend(e.iter_u64_digits());
            words.resize(ifma::exponent_words(bits), 0);
            let r = Zeroizing::new(m.leave(&m.pow(&b, &words, bits)));
            BoxedMontyForm::from_montgomery(from_le(&r), &MONTY)
        }
        Backend::CryptoBigint => {
            let bound = u32::try_from(max_bits).expect("at most 3072");
            let e = Zeroizing::new(to_uint(e));
            base.pow_bounded_exp(&e, bound)
        }
        Backend::AwsLc => {
            // aws-lc squares once per bit of the words it is given, so a 513-bit bound would
            // cost 576 squarings. Instead: base^e = (base^2)^(e >> 1) * base^(e & 1), where
            // e >> 1 fills whole words (512 bits for S) and base^(e & 1) is picked in constant
            // time; 513 squarings and 2 multiplications in all.
            let half_bits = max_bits - 1;
            let len = usize::try_from(half_bits.div_ceil(8)).expect("at most 384");
            let half = SecretUint::new(e >> 1u32);
            let digits = Zeroizing::new(half.to_bytes_be());
            let mut e_be = Zeroizing::new(vec![0u8; len]);
            e_be[len - digits.len()..].copy_from_slice(&digits);
            let squared = Zeroizing::new(base.square().retrieve());
            let r = Zeroizing::new(awslc::pow_mod(&to_le(&squared), &e_be));
            let low = Choice::from_u64_lsb(e.iter_u64_digits().next().unwrap_or(0));
            let mut odd = BoxedMontyForm::one(&MONTY);
            odd.as_montgomery_mut().ct_assign(base.as_montgomery(), low);
            BoxedMontyForm::new(from_le(&r), &MONTY).mul(&odd)
        }
    }
}

/// `g^e mod N` for an `e` of at most `max_bits` bits (a public bound): by the fixed-base combs
/// for up to 256 bits (`x`) and 512 bits (the secret `a`), otherwise by [`pow_mod`].
pub(super) fn pow_g(e: &BigUint, max_bits: u64, backend: Backend) -> BoxedMontyForm {
    let fixed = &*FIXED_BASE;
    if max_bits <= fixed.x.max_bits() {
        fixed.x.pow(e, backend)
    } else if max_bits <= fixed.a.max_bits() {
        fixed.a.pow(e, backend)
    } else {
        let g = BoxedMontyForm::new(to_uint(&BigUint::from(G)), &MONTY);
        pow_mod(&g, e, max_bits, backend)
    }
}

/// Fixed-base exponentiation of `g`: as `g` and `N` never change, the powers of `g` that a
/// sign-in needs are tabulated once (Lim–Lee combs), which turns the 512 squarings of
/// `g^a` into 10 squarings and 86 multiplications, and `g^x` into 10 and 43.
///
/// Tables: (8 + 4) × 64 entries of 384 bytes, 288 KiB, and where the CPU has AVX-512 IFMA
/// the same entries again in `ifma`'s 52-bit digits (512 bytes each, 384 KiB); building them
/// costs about 1 200 Montgomery multiplications and 768 conversions (a few ms,
/// `cargo bench --bench srp`), paid once, by the first sign-in, which runs off the UI thread.
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

    /// Bytes held by the tables' entries: aws-lc's, and `ifma`'s where the CPU has it.
    fn table_bytes(&self) -> usize {
        let awslc: usize = [&self.a, &self.x]
            .iter()
            .flat_map(|comb| comb.tables.iter().flatten())
            .map(std::mem::size_of_val)
            .sum();
        let ifma: usize = [&self.a, &self.x]
            .iter()
            .filter_map(|comb| comb.ifma.as_ref())
            .flatten()
            .flatten()
            .map(std::mem::size_of_val)
            .sum();
        awslc + ifma
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
    /// Entries in Montgomery form, as the little-endian bytes aws-lc reads.
    tables: Vec<Vec<Le>>,
    /// The same entries in `ifma`'s form, where the CPU has AVX-512 IFMA.
    ifma: Option<Vec<Vec<ifma::Num>>>,
}

impl Comb {
    /// `powers[t]` is `g^(2^t)`, for every `t` below `shape.reach()`.
    fn new(shape: CombShape, powers: &[BoxedMontyForm]) -> Self {
        let tables: Vec<Vec<Le>> = (0..shape.tables)
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
                table.iter().map(|e| *to_le(e.as_montgomery())).collect()
            })
            .collect();
        let ifma = ifma::mont().map(|m| {
            tables
                .iter()
                .map(|table| table.iter().map(|e| m.enter(e)).collect())
                .collect()
        });
        Self {
            shape,
            tables,
            ifma,
        }
    }

    fn max_bits(&self) -> u64 {
        self.shape.reach() as u64
    }

    /// `g^e mod N`, `e` below 2^`max_bits()`. The sequence of operations depends on the comb
    /// only, and each table lookup reads every entry of its table, so neither the time nor the
    /// memory accessed depend on `e`.
    fn pow(&self, e: &BigUint, backend: Backend) -> BoxedMontyForm {
        if let (Backend::Ifma, Some(m), Some(tables)) = (backend, ifma::mont(), &self.ifma) {
            let mut acc = m.one();
            self.walk(e, |step| match step {
                Step::Square => acc = m.square(&acc),
                Step::Mul(j, idx) => acc = m.mul(&acc, &m.select(&tables[j], idx.into())),
            });
            let out = Zeroizing::new(m.leave(&acc));
            return BoxedMontyForm::from_montgomery(from_le(&out), &MONTY);
        }
        let backend = if backend == Backend::Ifma {
            Backend::AwsLc
        } else {
            backend
        };
        let mut acc = Product::new(backend);
        let mut entry = Zeroizing::new([0u8; BYTES]);
        self.walk(e, |step| match step {
            Step::Square => acc.square(),
            Step::Mul(j, idx) => {
                // Every entry is read; the one wanted passes its mask, the others add zeros.
                entry.fill(0);
                for (t, candidate) in (0u32..).zip(&self.tables[j]) {
                    let mask = Choice::from_u32_eq(t, idx).to_u8_mask();
                    for (out, byte) in entry.iter_mut().zip(candidate) {
                        *out |= byte & mask;
                    }
                }
                acc.mul(&entry);
            }
        });
        acc.get()
    }

    /// The comb's steps for `e`, in order: the same for every `e`, only the table indices
    /// (secret) differ.
    fn walk(&self, e: &BigUint, mut step: impl FnMut(Step)) {
        let shape = self.shape;
        assert!(e.bits() <= self.max_bits());
        // The exponent's digits, wiped when done; sized up front so no copy is left behind.
        let len = shape.reach().div_ceil(64);
        let mut digits = Zeroizing::new(Vec::with_capacity(len));
        digits.extend(e.iter_u64_digits());
        digits.resize(len, 0);
        let bit = |p: usize| ((digits[p / 64] >> (p % 64)) & 1) as u32;
        for c in (0..shape.span).rev() {
            if c + 1 < shape.span {
                step(Step::Square);
            }
            for j in 0..shape.tables {
                let column = j * shape.span + c;
                if column >= shape.row {
                    continue;
                }
                let idx = (0..shape.teeth).fold(0, |idx, i| idx | bit(i * shape.row + column) << i);
                step(Step::Mul(j, idx));
            }
        }
    }
}

/// One step of a comb: square the product, or multiply it by entry `.1` of table `.0`.
enum Step {
    Square,
    Mul(usize, u32),
}

/// The comb's running product, on either arithmetic.
enum Product {
    AwsLc(MontProduct),
    CryptoBigint(BoxedMontyForm),
}

impl Product {
    fn new(backend: Backend) -> Self {
        let one = BoxedMontyForm::one(&MONTY);
        match backend {
            Backend::AwsLc | Backend::Ifma => {
                Self::AwsLc(MontProduct::new(&to_le(one.as_montgomery())))
            }
            Backend::CryptoBigint => Self::CryptoBigint(one),
        }
    }

    fn square(&mut self) {
        match self {
            Self::AwsLc(p) => p.square(),
            Self::CryptoBigint(p) => *p = p.square(),
        }
    }

    /// `by` in Montgomery form, little-endian.
    fn mul(&mut self, by: &Le) {
        match self {
            Self::AwsLc(p) => p.mul(by),
            Self::CryptoBigint(p) => {
                let by = BoxedMontyForm::from_montgomery(from_le(by), &MONTY);
                *p = p.mul(&by);
            }
        }
    }

    fn get(&self) -> BoxedMontyForm {
        match self {
            Self::AwsLc(p) => {
                BoxedMontyForm::from_montgomery(from_le(&Zeroizing::new(p.get())), &MONTY)
            }
            Self::CryptoBigint(p) => p.clone(),
        }
    }
}

/// Builds a fresh copy of the fixed-base tables and returns their size in bytes: for the
/// benchmark (`benches/srp.rs`). Sign-ins build them once, on first use.
#[doc(hidden)]
pub fn build_fixed_base_tables() -> usize {
    FixedBase::new().table_bytes()
}

/// One exponentiation of each kind a sign-in does, on `backend`, with secrets drawn from
/// `rng`: for `benches/srp.rs` ("S alone", "g^a alone"), so the two arithmetics can be
/// compared part by part. `which` is 0 for `S` (a 513-bit exponent), 1 for `g^a` (the comb).
#[doc(hidden)]
pub fn time_one_power(
    which: u8,
    backend: Backend,
    rng: &mut (impl rand::RngCore + rand::CryptoRng),
) -> u8 {
    use num_bigint::RandBigInt;
    let bits = SECRET_A_BYTES * 8;
    let r = if which == 0 {
        let base = BoxedMontyForm::new(to_uint(&rng.gen_biguint_below(&N)), &MONTY);
        pow_mod(&base, &rng.gen_biguint(bits + 1), bits + 1, backend)
    } else {
        pow_g(&rng.gen_biguint(bits), bits, backend)
    };
    r.retrieve().to_be_bytes()[0]
}
