//! Secret big integers — the secret `a`, `x`, the exponent `a + u x`, the shared `S` — whose
//! digits are overwritten with zeros when they are dropped. num-bigint has no `zeroize`
//! support, so [`wipe`] overwrites the digits in place through its public API (re-assigning
//! a run of zeros as long as the number, which reuses the buffer), then keeps the compiler
//! from discarding the writes. Best effort: copies num-bigint makes inside its own
//! arithmetic are not reached.

use std::ops::Deref;

use num_bigint::BigUint;

/// A `BigUint` wiped when dropped.
pub(super) struct SecretUint(BigUint);

impl SecretUint {
    pub(super) fn new(n: BigUint) -> Self {
        Self(n)
    }
}

impl Deref for SecretUint {
    type Target = BigUint;

    fn deref(&self) -> &BigUint {
        &self.0
    }
}

impl Drop for SecretUint {
    fn drop(&mut self) {
        wipe(&mut self.0);
    }
}

/// Overwrite `n`'s digits with zeros in place; `n` is zero afterwards.
pub(super) fn wipe(n: &mut BigUint) {
    let digits = n.iter_u32_digits().len();
    // `assign_from_slice` clears the digit vector and extends it within its capacity (no new
    // buffer, as the run is no longer than the number), then trims the zeros.
    n.assign_from_slice(&vec![0u32; digits]);
    std::hint::black_box(n);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wiping_leaves_zero() {
        let mut n = BigUint::parse_bytes(b"f00dfeedfacecafebeef0123456789abcdef0123456789", 16)
            .expect("hex");
        wipe(&mut n);
        assert_eq!(n, BigUint::ZERO);
        let s = SecretUint::new(BigUint::from(7u32));
        assert_eq!(*s, BigUint::from(7u32));
    }
}
