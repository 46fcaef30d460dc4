//! Where the CPU is not x86-64, or the build says `--cfg srp_portable`, there is no AVX-512
//! IFMA: [`mont`] answers `None`, no [`Mont`] can exist (it has no values), and sign-ins run
//! on aws-lc. The same names as `ifma.rs`, so `modpow` compiles unchanged.

use super::awslc::Le;

/// A number of the arithmetic: nothing, as no [`Mont`] can make one (a type with no values
/// here would make the callers' code after each call unreachable, which the compiler says).
#[derive(Clone)]
pub(super) struct Num;

/// Never made: the arithmetic has no values here.
pub(super) enum Mont {}

pub(super) fn mont() -> Option<&'static Mont> {
    None
}

pub(super) fn exponent_words(bits: usize) -> usize {
    bits.div_ceil(64)
}

impl Mont {
    pub(super) fn mul(&self, _: &Num, _: &Num) -> Num {
        match *self {}
    }
    pub(super) fn square(&self, _: &Num) -> Num {
        match *self {}
    }
    pub(super) fn one(&self) -> Num {
        match *self {}
    }
    pub(super) fn enter(&self, _: &Le) -> Num {
        match *self {}
    }
    pub(super) fn leave(&self, _: &Num) -> Le {
        match *self {}
    }
    pub(super) fn select(&self, _: &[Num], _: u64) -> Num {
        match *self {}
    }
    pub(super) fn pow(&self, _: &Num, _: &[u64], _: usize) -> Num {
        match *self {}
    }
}
