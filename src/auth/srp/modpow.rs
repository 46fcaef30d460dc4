//! Constant-time exponentiation modulo N: `base^e` by `crypto-bigint`'s Montgomery
//! exponentiation bounded by a public size, and `g^e` by fixed-base Lim–Lee combs built once,
//! whose lookups read every table entry. Neither time nor memory access depends on `e`.

use std::sync::LazyLock;

use crypto_bigint::modular::{BoxedMontyForm, BoxedMontyParams};
use crypto_bigint::{BoxedUint, Choice, CtAssign, Odd};
use num_bigint::BigUint;
use zeroize::Zeroizing;

use super::{G, N, N_BITS, SECRET_A_BYTES, X_BITS};

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

/// `base^e mod N` for an `e` of at most `max_bits` bits (a public bound): `crypto-bigint`'s
/// constant-time Montgomery exponentiation, whose running time depends on `max_bits` only.
pub(super) fn pow_mod(base: &BoxedMontyForm, e: &BigUint, max_bits: u64) -> BoxedMontyForm {
    assert!(e.bits() <= max_bits && max_bits <= u64::from(N_BITS));
    let bound = u32::try_from(max_bits).expect("at most 3072");
    let e = Zeroizing::new(to_uint(e));
    base.pow_bounded_exp(&e, bound)
}

/// `g^e mod N` for an `e` of at most `max_bits` bits (a public bound): by the fixed-base combs
/// for up to 256 bits (`x`) and 512 bits (the secret `a`), otherwise by [`pow_mod`].
pub(super) fn pow_g(e: &BigUint, max_bits: u64) -> BoxedMontyForm {
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
        // The exponent's digits, wiped when done; sized up front so no copy is left behind.
        let len = shape.reach().div_ceil(64);
        let mut digits = Zeroizing::new(Vec::with_capacity(len));
        digits.extend(e.iter_u64_digits());
        digits.resize(len, 0);
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
